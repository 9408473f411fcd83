// Worker-thread entry: read, parse and structure one statute. The result is plain data (see types.ts), so it
// crosses back to the main thread by structured clone; input errors travel as data, not as exceptions.
import { readSource } from '../read/index.js';
import { parseSource } from '../parse/index.js';
import { buildStructure } from '../structure/index.js';
import { isGapCheckError } from '../errors.js';
import type { StatuteDocument } from '../types.js';

export interface ParseTask { path: string; format?: 'markdown' | 'text'; maxBytes?: number }
export type ParseOutcome =
  | { ok: true; doc: StatuteDocument }
  | { ok: false; error: { code: string; message: string; file?: string; line?: number } };

export async function parseTask(task: ParseTask): Promise<ParseOutcome> {
  try {
    const source = await readSource(task.path, { maxBytes: task.maxBytes });
    return { ok: true, doc: buildStructure(parseSource(source, task.format)) };
  } catch (e) {
    if (isGapCheckError(e)) return { ok: false, error: { code: e.code, message: e.message, file: e.file ?? task.path, line: e.line } };
    return { ok: false, error: { code: 'internal-error', message: `internal error while reading: ${(e as Error).message}`, file: task.path } };
  }
}

export default parseTask;
