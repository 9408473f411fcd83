// Parsers for repeatable command-line options (kept apart so that main.ts loads nothing heavy).

/** Repeatable comma-separated list options (`--only a,b --only c`). */
export function collectList(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...(previous ?? []), ...items];
}

/** Repeatable single-value options (`--rules a --rules b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
