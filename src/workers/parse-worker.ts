// Worker-thread entry: read, parse and structure one statute and collect what it contributes to each rule
// (evaluation's per-document phase), or only its definitions, so that only compact findings travel back and
// the document can be freed in the worker. Results are plain data, crossing back by structured clone; input
// errors travel as data, not as exceptions. The same function runs in the main thread for one-thread runs.
import { readSource } from '../read/index.js';
import { parseSource } from '../parse/index.js';
import { buildStructure } from '../structure/index.js';
import { collectDocument, shareDefinitions, type Sharing } from '../evaluate/index.js';
import { isGapCheckError } from '../errors.js';
import { ConceptMatcher } from '../evaluate/concepts.js';
import type { CheckOptions, DocumentFindings, RulePack, SharedDefinition, StatuteDocument } from '../types.js';

export interface ParseTask {
  path: string;
  format?: 'markdown' | 'text';
  maxBytes?: number;
  /** Collect the document's findings; without it, return only its document-wide definitions (for others). */
  collect?: { options: CheckOptions; docIndex: number } & Sharing;
}
export type TaskError = { code: string; message: string; file?: string; line?: number };
export type CollectOutcome = { ok: true; findings: DocumentFindings } | { ok: false; error: TaskError };
export type ShareOutcome = { ok: true; definitions: SharedDefinition[] } | { ok: false; error: TaskError };

async function load(task: ParseTask): Promise<StatuteDocument> {
  const source = await readSource(task.path, { maxBytes: task.maxBytes });
  return buildStructure(parseSource(source, task.format));
}

function failure(task: ParseTask, e: unknown): { ok: false; error: TaskError } {
  if (isGapCheckError(e)) return { ok: false, error: { code: e.code, message: e.message, file: e.file ?? task.path, line: e.line } };
  return { ok: false, error: { code: 'internal-error', message: `internal error while reading: ${(e as Error).message}`, file: task.path } };
}

export async function collectTask(task: ParseTask & { collect: NonNullable<ParseTask['collect']> }, pack: RulePack): Promise<CollectOutcome> {
  try {
    const doc = await load(task);
    const { options, docIndex, ...sharing } = task.collect;
    return { ok: true, findings: collectDocument(doc, pack, options, docIndex, sharing) };
  } catch (e) {
    return failure(task, e);
  }
}

export async function shareTask(task: ParseTask, pack: RulePack): Promise<ShareOutcome> {
  try {
    return { ok: true, definitions: shareDefinitions(await load(task), pack) };
  } catch (e) {
    return failure(task, e);
  }
}

/**
 * The rule pack of a worker's pool, sent once as the pool's workerData rather than with every task: cloning it
 * per file would cost more than some files take to check. Piscina is imported only here, inside a worker.
 */
let poolPack: RulePack | undefined;
export interface PoolData { pack: RulePack; stems?: Record<string, string> }
async function workerPack(): Promise<RulePack> {
  if (!poolPack) {
    const { workerData } = await import('piscina');
    const data = workerData as PoolData;
    poolPack = data.pack;
    // The built-in pack comes with the stems of its phrase words: compiling its matcher then stems nothing.
    if (data.stems) ConceptMatcher.useStems(poolPack.concepts, data.stems);
  }
  return poolPack;
}

export default async function run(task: ParseTask): Promise<CollectOutcome | ShareOutcome> {
  if (task.collect) return collectTask({ ...task, collect: task.collect }, await workerPack());
  return shareTask(task, await workerPack());
}
