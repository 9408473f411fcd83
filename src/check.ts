// Glue between the stages: read → parse → structure → evaluate, for one file, many files (one legal system)
// or a string. A file that cannot be read becomes an error diagnostic and the others are still checked.
import { createRequire } from 'node:module';
import type { CheckOptions, CheckResult, Diagnostic, MeasureResult, RulePack, StatuteDocument, Summary } from './types.js';
import { readSource, sourceFromString } from './read/index.js';
import { parseSource } from './parse/index.js';
import { buildStructure } from './structure/index.js';
import { evaluate } from './evaluate/index.js';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseTask, type ParseOutcome, type ParseTask } from './workers/parse-worker.js';

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
  const measures = evaluate(docs, options.pack, options);
  const titled = docs.find((d) => d.title);
  const jur = docs.find((d) => d.jurisdiction);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: pkg.name, version: pkg.version },
    rulePack: { name: options.pack.name, version: options.pack.version },
    files: docs.map((d) => ({ path: d.source.path, sha256: d.source.sha256 })),
    title: docs.length === 1 ? (titled?.title ?? null) : null,
    jurisdiction: jur?.jurisdiction ?? null,
    summary: summarise(measures),
    measures,
    diagnostics: [...diagnostics, ...docs.flatMap((d) => [...d.source.warnings, ...d.warnings])],
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

function workerFailure(path: string, error: unknown): ParseOutcome {
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
 * Read, parse and structure many files, in worker threads when there are several files and more than one
 * thread is allowed. Results keep the order of `paths`, whatever order the workers finish in, so output is
 * the same for any thread count.
 */
export async function loadStatutes(paths: string[], options: Omit<CheckFilesOptions, 'pack'> = {}): Promise<ParseOutcome[]> {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), paths.length));
  const outcomes: ParseOutcome[] = new Array(paths.length);
  let done = 0;
  const task = (p: string): ParseTask => ({ path: p, format: options.format, maxBytes: options.maxBytes });
  if (threads === 1 && !(await parseOffThread(paths, options))) {
    for (const [i, p] of paths.entries()) {
      // The signal's reason (an AbortError unless the caller chose another) is what callers recognise as an
      // interruption; a GapCheckError here would be reported as bad input (exit 2) instead of exit 130.
      options.signal?.throwIfAborted();
      outcomes[i] = await parseTask(task(p));
      options.onProgress?.(++done, paths.length);
    }
    return outcomes;
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: new URL('./workers/parse-worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads });
  try {
    await Promise.all(paths.map(async (p, i) => {
      try {
        outcomes[i] = (await pool.run(task(p), { signal: options.signal })) as ParseOutcome;
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
    await pool.destroy();
  }
  return outcomes;
}

/**
 * Check files that together form one legal system. Unreadable files become error diagnostics in the
 * result (the others are still checked); the caller decides the exit code.
 */
export async function checkFiles(paths: string[], options: CheckFilesOptions): Promise<CheckResult> {
  const docs: StatuteDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const o of await loadStatutes(paths, options)) {
    if (o.ok) docs.push(o.doc);
    else diagnostics.push({ severity: 'error', code: o.error.code, message: o.error.message, file: o.error.file, line: o.error.line });
  }
  return checkDocuments(docs, options, diagnostics);
}

/** Check a statute given as a string (examples, tests, library users). */
export async function checkText(text: string, options: CheckFilesOptions & { path?: string }): Promise<CheckResult> {
  return checkDocuments([statuteFromString(text, options.path ?? '<input>', options.format)], options);
}
