// Glue between the stages: read → parse → structure → evaluate, for one file, many files (one legal system)
// or a string. A file that cannot be read becomes an error diagnostic and the others are still checked.
import { createRequire } from 'node:module';
import type { CheckOptions, CheckResult, Diagnostic, DocumentFindings, MeasureResult, RulePack, SharedDefinition, StatuteDocument, Summary } from './types.js';
import { readSource, sourceFromString } from './read/index.js';
import { parseSource } from './parse/index.js';
import { buildStructure } from './structure/index.js';
import { collectDocument, judgeFindings, shareDefinitions } from './evaluate/index.js';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { collectTask, shareTask, type CollectOutcome, type ParseTask, type PoolData, type ShareOutcome, type TaskError } from './workers/parse-worker.js';
import { ConceptMatcher } from './evaluate/concepts.js';
import { resolve } from 'node:path';
import { setMaxListeners } from 'node:events';

export const SCHEMA_VERSION = '1.0.0';

const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { name: string; version: string };

export interface CheckFilesOptions extends CheckOptions {
  pack: RulePack;
  /** Override format detection ('markdown' | 'text'); default from the extension. */
  format?: 'markdown' | 'text';
  /** Called after each file is parsed (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Refuse files larger than this many bytes (default 64 MiB). */
  maxBytes?: number;
  /** Worker threads for reading and parsing (default: number of cores; 1 parses in this thread). */
  threads?: number;
  /** Stops a long batch between files (SIGINT). */
  signal?: AbortSignal;
  /** Documents that apply other documents' definitions (see `DefinitionsFrom`). */
  definitionsFrom?: DefinitionsFrom[];
}

/**
 * "In this Act, words have the meaning given in the Penal Code": the `documents` apply the document-wide
 * definitions of the `from` files. Without such an entry, definitions stay within their own document.
 */
export interface DefinitionsFrom {
  documents: string[];
  from: string[];
}

/** Read, parse and structure one statute file. Throws GapCheckError for unusable input. */
export async function loadStatute(path: string, options: { format?: 'markdown' | 'text'; maxBytes?: number } = {}): Promise<StatuteDocument> {
  const source = await readSource(path, { maxBytes: options.maxBytes });
  return buildStructure(parseSource(source, options.format));
}

/** Structure a statute given as a string. */
export function statuteFromString(text: string, path = '<input>', format?: 'markdown' | 'text'): StatuteDocument {
  return buildStructure(parseSource(sourceFromString(text, path), format ?? (/\.(md|markdown)$/i.test(path) ? 'markdown' : 'text')));
}

function summarise(measures: MeasureResult[]): Summary {
  const s: Summary = { met: 0, partial: 0, missing: 0, satisfiedElsewhere: 0, notApplicable: 0 };
  for (const m of measures) {
    if (m.status === 'met') s.met++;
    else if (m.status === 'partial') s.partial++;
    else if (m.status === 'missing') s.missing++;
    else if (m.status === 'satisfied-elsewhere') s.satisfiedElsewhere++;
    else s.notApplicable++;
  }
  return s;
}

/** Judge already-structured documents as one legal system. */
export function checkDocuments(docs: StatuteDocument[], options: CheckFilesOptions, diagnostics: Diagnostic[] = []): CheckResult {
  const sources = definitionSources(docs.map((d) => d.source.path), options.definitionsFrom ?? []);
  const shared = new Map<number, SharedDefinition[]>();
  for (const j of new Set(sources.flat())) shared.set(j, shareDefinitions(docs[j], options.pack));
  const findings = docs.map((d, i) => collectDocument(d, options.pack, options, i, { imported: sources[i].flatMap((j) => shared.get(j)!) }));
  return checkFindings(findings, options, diagnostics);
}

/** Judge documents as one legal system from what each contributes (see `collectStatutes`). */
export function checkFindings(findings: DocumentFindings[], options: CheckFilesOptions, diagnostics: Diagnostic[] = []): CheckResult {
  const measures = judgeFindings(findings, options.pack, options);
  const titled = findings.find((d) => d.title);
  const jur = findings.find((d) => d.jurisdiction);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: pkg.name, version: pkg.version },
    rulePack: { name: options.pack.name, version: options.pack.version },
    files: findings.map((d) => ({ path: d.path, sha256: d.sha256 })),
    title: findings.length === 1 ? (titled?.title ?? null) : null,
    jurisdiction: jur?.jurisdiction ?? null,
    summary: summarise(measures),
    measures,
    diagnostics: [...diagnostics, ...findings.flatMap((d) => d.diagnostics)],
  };
}

/** Above this size a lone file that can be interrupted is parsed in a worker (parsing takes seconds). */
const OFF_THREAD_BYTES = 1024 * 1024;

/**
 * Parsing is synchronous, so while this thread parses a large file it cannot see an abort (Ctrl-C) until the
 * parse ends, tens of seconds for a big code. When the caller can interrupt and did not ask for one thread, a
 * lone large file goes to a worker instead: this thread stays free, and aborting ends the worker at once.
 */
async function parseOffThread(paths: string[], options: Omit<CheckFilesOptions, 'pack'>): Promise<boolean> {
  if (paths.length !== 1 || options.signal === undefined || options.threads === 1) return false;
  try {
    return (await stat(paths[0])).size > OFF_THREAD_BYTES;
  } catch {
    return false; // the reader reports the problem
  }
}

function workerFailure(path: string, error: unknown): { ok: false; error: TaskError } {
  const message = error instanceof Error ? error.message : String(error);
  if (/memory limit|out of memory/i.test(message)) {
    return {
      ok: false,
      error: {
        code: 'out-of-memory',
        message: 'ran out of memory while parsing this file; split it into smaller files, or give Node more memory (NODE_OPTIONS=--max-old-space-size=8192)',
        file: path,
      },
    };
  }
  return { ok: false, error: { code: 'internal-error', message: `internal error while reading: ${message.split('\n')[0]}`, file: path } };
}

/**
 * Run one task per file, in worker threads when there are several files and more than one thread is allowed.
 * Results keep the order of `paths`, whatever order the workers finish in, so output is the same for any
 * thread count.
 */
async function runTasks<T>(
  paths: string[],
  options: Omit<CheckFilesOptions, 'pack'>,
  task: (path: string, index: number) => ParseTask,
  inline: (task: ParseTask) => Promise<T>,
  workerData: PoolData,
): Promise<Array<T | { ok: false; error: TaskError }>> {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), paths.length));
  const outcomes: Array<T | { ok: false; error: TaskError }> = new Array(paths.length);
  let done = 0;
  if (threads === 1 && !(await parseOffThread(paths, options))) {
    for (const [i, p] of paths.entries()) {
      // The signal's reason (an AbortError unless the caller chose another) is what callers recognise as an
      // interruption; a GapCheckError here would be reported as bad input (exit 2) instead of exit 130.
      options.signal?.throwIfAborted();
      outcomes[i] = await inline(task(p, i));
      options.onProgress?.(++done, paths.length);
    }
    return outcomes;
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: new URL('./workers/parse-worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads, workerData });
  // Largest files first: a big code started last would leave the other threads idle while it is parsed alone.
  const sizes = await Promise.all(paths.map((p) => stat(p).then((st) => st.size, () => 0)));
  const order = paths.map((_, i) => i).sort((x, y) => sizes[y] - sizes[x] || x - y);
  // Every queued task listens to the signal; a signal of our own, following the caller's, may have that many
  // listeners without Node warning of a leak (and the caller's signal is left as it was).
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const follow = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) follow();
  else options.signal?.addEventListener('abort', follow, { once: true });
  try {
    await Promise.all(order.map(async (i) => {
      const p = paths[i];
      try {
        outcomes[i] = (await pool.run(task(p, i), { signal: stop.signal })) as T;
      } catch (e) {
        // A worker that dies (out of memory on a huge or pathological file) loses that file only.
        options.signal?.throwIfAborted();
        outcomes[i] = workerFailure(p, e);
      }
      options.onProgress?.(++done, paths.length);
    }));
  } catch (e) {
    options.signal?.throwIfAborted();
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', follow);
    await pool.destroy();
  }
  return outcomes;
}

/**
 * Read, parse and structure many files and collect what each contributes to the rules, keeping only those
 * findings: a large batch never holds its documents all at once, and the per-document work runs in the
 * worker threads.
 *
 * With `definitionsFrom`, a document that applies others' definitions is judged after them, with their
 * document-wide definitions: first every document that applies none (returning its definitions when others
 * apply them), then the definitions of documents that both apply and supply some (read once more, for their
 * definitions only), then the documents that apply others'.
 */
export async function collectStatutes(paths: string[], options: CheckFilesOptions): Promise<CollectOutcome[]> {
  const collectOptions = { only: options.only, skip: options.skip, penaltyThresholdYears: options.penaltyThresholdYears, ...(options.provisionTexts ? { provisionTexts: true } : {}) };
  const sources = definitionSources(paths, options.definitionsFrom ?? []);
  const supplies = new Set(sources.flat());
  const outcomes: CollectOutcome[] = new Array(paths.length);
  const shared = new Map<number, SharedDefinition[]>();
  const total = paths.length + [...supplies].filter((i) => sources[i].length > 0).length;
  let done = 0;
  const progress = { ...options, onProgress: options.onProgress && (() => options.onProgress!(++done, total)) };
  const collect = async (which: number[], imported: (i: number) => SharedDefinition[] | undefined): Promise<void> => {
    const got = await runTasks<CollectOutcome>(
      which.map((i) => paths[i]),
      progress,
      (p, k) => ({ path: p, format: options.format, maxBytes: options.maxBytes, collect: { options: collectOptions, docIndex: which[k], imported: imported(which[k]), share: supplies.has(which[k]) } }),
      (t) => collectTask({ ...t, collect: t.collect! }, options.pack),
      poolData(options.pack),
    );
    got.forEach((o, k) => {
      outcomes[which[k]] = o;
      if (o.ok && o.findings.definitions) {
        shared.set(which[k], o.findings.definitions);
        delete o.findings.definitions;
      }
    });
  };
  const indices = paths.map((_, i) => i);
  await collect(indices.filter((i) => sources[i].length === 0), () => undefined);
  if (supplies.size === 0) return outcomes;
  const both = [...supplies].filter((i) => sources[i].length > 0).sort((x, y) => x - y);
  if (both.length > 0) {
    const got = await runTasks<ShareOutcome>(both.map((i) => paths[i]), progress, (p) => ({ path: p, format: options.format, maxBytes: options.maxBytes }), (t) => shareTask(t, options.pack), poolData(options.pack));
    got.forEach((o, k) => { if (o.ok) shared.set(both[k], o.definitions); });
  }
  await collect(indices.filter((i) => sources[i].length > 0), (i) => sources[i].flatMap((j) => shared.get(j) ?? []));
  return outcomes;
}

/**
 * For each path, the indices of the paths whose definitions it applies (`definitionsFrom` names files as
 * paths; they are compared resolved, so `./a.md` and `a.md` are the same file). A document never applies its own.
 */
export function definitionSources(paths: string[], entries: DefinitionsFrom[]): number[][] {
  const index = new Map(paths.map((p, i) => [resolve(p), i]));
  const sources: Array<Set<number>> = paths.map(() => new Set());
  for (const entry of entries) {
    const from = entry.from.map((f) => index.get(resolve(f))).filter((i) => i !== undefined);
    for (const d of entry.documents) {
      const i = index.get(resolve(d));
      if (i === undefined) continue;
      for (const j of from) if (j !== i) sources[i].add(j);
    }
  }
  return sources.map((s) => [...s].sort((x, y) => x - y));
}

function poolData(pack: RulePack): PoolData {
  return { pack, stems: ConceptMatcher.stemsOf(pack.concepts) };
}

/** A file that could not be read or parsed, as the error diagnostic reports show. */
export function taskErrorDiagnostic(error: TaskError): Diagnostic {
  return { severity: 'error', code: error.code, message: error.message, file: error.file, line: error.line };
}

/** Unreadable files as error diagnostics, and the findings of the others. */
function splitOutcomes(outcomes: CollectOutcome[]): { findings: DocumentFindings[]; errors: Diagnostic[] } {
  const findings: DocumentFindings[] = [];
  const errors: Diagnostic[] = [];
  for (const o of outcomes) {
    if (o.ok) findings.push(o.findings);
    else errors.push(taskErrorDiagnostic(o.error));
  }
  return { findings, errors };
}

/**
 * Check files that together form one legal system. Unreadable files become error diagnostics in the
 * result (the others are still checked); the caller decides the exit code.
 */
export async function checkFiles(paths: string[], options: CheckFilesOptions): Promise<CheckResult> {
  const { findings, errors } = splitOutcomes(await collectStatutes(paths, options));
  return checkFindings(findings, options, errors);
}

/** Check a statute given as a string (examples, tests, library users). */
export async function checkText(text: string, options: CheckFilesOptions & { path?: string }): Promise<CheckResult> {
  return checkDocuments([statuteFromString(text, options.path ?? '<input>', options.format)], options);
}
