// Stage 2: parse. Turns normalised source text into one classified `Line` per source line, from Markdown
// (through remark-parse, in markdown.ts) or from plain text (plaintext.ts), so the structure stage has a
// single input shape whatever the file format.

import type { Diagnostic, ParsedDocument, SourceText } from '../types.js';
import { MAX_NESTING, parseMarkdown } from './markdown.js';
import { plainTextLines } from './plaintext.js';

export type SourceFormat = 'markdown' | 'text';

/** `.md` and `.markdown` files are Markdown; every other text file is read as plain text. */
export function formatFromPath(path: string): SourceFormat {
  const lower = path.toLowerCase();
  return lower.endsWith('.md') || lower.endsWith('.markdown') ? 'markdown' : 'text';
}

export function parseSource(source: SourceText, format?: SourceFormat): ParsedDocument {
  const fmt = format ?? formatFromPath(source.path);
  if (fmt === 'text') return { source, format: fmt, lines: plainTextLines(source) };
  let why: { message: string; line?: number };
  try {
    const md = parseMarkdown(source);
    if (md.ok) return { source, format: fmt, lines: md.lines };
    why = {
      message: `block quotes or lists nested too deeply to parse as Markdown (up to ${md.depth} levels; the limit is ${MAX_NESTING}); the file is read as plain text`,
      line: md.line,
    };
  } catch (e) {
    // The nesting estimate covers block quotes and lists; should remark itself still run out of stack on some
    // other construct, the file is read as plain text too rather than failing the whole run.
    if (!(e instanceof RangeError) || !/call stack/i.test(e.message)) throw e;
    why = { message: 'nested too deeply to parse as Markdown (the parser ran out of stack); the file is read as plain text' };
  }
  // Plain text keeps every line and its number: the structure stage still finds sections in it, where
  // failing would leave the user with nothing.
  const warning: Diagnostic = { severity: 'warning', code: 'markdown-too-deep', message: why.message, file: source.path };
  if (why.line !== undefined) warning.line = why.line;
  const fallback: SourceText = { ...source, warnings: [...source.warnings, warning] };
  return { source: fallback, format: 'text', lines: plainTextLines(fallback) };
}
