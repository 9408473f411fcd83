// Small helpers shared by the Markdown and plain-text parsers.

/** Splits normalised text (`\n` line ends) into lines; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The text with its first `count` lines emptied (line breaks kept), so line numbers do not move. */
export function blankOutFrontMatter(text: string, count: number): string {
  let pos = 0;
  for (let i = 0; i < count && pos >= 0; i++) {
    pos = text.indexOf('\n', pos);
    if (pos >= 0) pos++;
  }
  if (pos < 0) return '\n'.repeat(count);
  return '\n'.repeat(count) + text.slice(pos);
}
