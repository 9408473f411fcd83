// `gap-check outline <file>`: the provision tree gap-check sees, for checking that a statute was understood.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import { DEFAULT_MAX_BYTES, readSource } from '../read/read.js';
import type { Diagnostic } from '../types.js';
import { diagnosticLine, EXIT_OK, type Context } from './context.js';

export interface OutlineCliOptions {
  format?: 'text' | 'json';
  maxBytes?: number;
  config?: string;
}

export async function runOutline(file: string, opts: OutlineCliOptions, ctx: Context): Promise<number> {
  const config = await loadConfig({ cwd: ctx.cwd, file: opts.config });
  if (ctx.onWorkload) ctx.onWorkload(await stat(resolve(ctx.cwd, file)).then((st) => st.size, () => 0));
  const source = await readSource(file, { cwd: ctx.cwd, maxBytes: opts.maxBytes ?? config?.maxBytes ?? DEFAULT_MAX_BYTES });
  const { parseSource } = await import('../parse/index.js');
  const { buildStructure } = await import('../structure/index.js');
  const { formatOutline } = await import('../report/outline.js');
  // The parser picks Markdown or plain text from the file name, as the check command does.
  const doc = buildStructure(parseSource(source));
  // Warnings on stderr, once each (the structure stage may repeat the read stage's).
  const seen = new Set<string>();
  for (const d of [...source.warnings, ...doc.warnings] as Diagnostic[]) {
    const line = diagnosticLine(d);
    if (!seen.has(line)) ctx.stderr.write(line);
    seen.add(line);
  }
  const outline = formatOutline(doc, opts.format ?? 'text');
  ctx.stdout.write(outline.endsWith('\n') ? outline : `${outline}\n`);
  return EXIT_OK;
}
