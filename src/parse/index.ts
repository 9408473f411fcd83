// Stage 2: parse. Turns normalised source text into one classified `Line` per source line, from Markdown
// (through remark-parse, in markdown.ts) or from plain text (plaintext.ts), so the structure stage has a
// single input shape whatever the file format.

import type { ParsedDocument, SourceText } from '../types.js';
import { markdownLines } from './markdown.js';
import { plainTextLines } from './plaintext.js';

export type SourceFormat = 'markdown' | 'text';

/** `.md` and `.markdown` files are Markdown; every other text file is read as plain text. */
export function formatFromPath(path: string): SourceFormat {
  const lower = path.toLowerCase();
  return lower.endsWith('.md') || lower.endsWith('.markdown') ? 'markdown' : 'text';
}

export function parseSource(source: SourceText, format?: SourceFormat): ParsedDocument {
  const fmt = format ?? formatFromPath(source.path);
  const lines = fmt === 'markdown' ? markdownLines(source) : plainTextLines(source);
  return { source, format: fmt, lines };
}
