// What check, diff and matrix share: settings from config and options, the rule pack, expanding inputs into a
// sorted file list, and reading + structuring the files (in worker threads) with a progress bar.
import { resolve } from 'node:path';
import { checkConfigIds, loadConfig, type GapCheckConfig } from '../config/config.js';
import { didYouMean } from '../config/nearest.js';
import { GapCheckError } from '../errors.js';
import { DEFAULT_MAX_BYTES } from '../read/read.js';
import { expandInputs } from '../read/inputs.js';
import type { CheckOptions, Diagnostic, RulePack, StatuteDocument } from '../types.js';
import { checkAborted, diagnosticLine, Interrupted, type Context } from './context.js';
import { loadPack, packSources, type PackOptions } from './pack.js';

export interface SelectionOptions extends PackOptions {
  only?: string[];
  skip?: string[];
  maxBytes?: number;
  threads?: number;
}

export interface Settings {
  config: GapCheckConfig | null;
  /** Options for checkDocuments (without the pack). */
  check: CheckOptions;
  maxBytes: number;
  threads: number | undefined;
}

/** Config and command-line settings; command-line selections replace the config's (the more specific request). */
export async function loadSettings(opts: SelectionOptions, ctx: Context): Promise<Settings> {
  const config = await loadConfig({ cwd: ctx.cwd, file: opts.config });
  packSources(config, opts, ctx.cwd); // option errors before any work
  return {
    config,
    check: {
      only: opts.only ?? config?.only,
      skip: opts.skip ?? config?.skip,
      penaltyThresholdYears: config?.penaltyThresholdYears,
      overrides: config?.measures,
    },
    maxBytes: opts.maxBytes ?? config?.maxBytes ?? DEFAULT_MAX_BYTES,
    threads: opts.threads,
  };
}

/** The rule pack, with every id named in the config, --only and --skip checked against it. */
export async function loadCheckedPack(settings: Settings, opts: SelectionOptions, ctx: Context): Promise<RulePack> {
  const pack = await loadPack(settings.config, opts, ctx.cwd);
  const knownIds = pack.rules.map((rule) => rule.id);
  if (settings.config) checkConfigIds(settings.config, knownIds);
  if (opts.only) checkIds(opts.only, '--only', knownIds);
  if (opts.skip) checkIds(opts.skip, '--skip', knownIds);
  return pack;
}

/** Unknown ids in --only/--skip stop the run: a typo would otherwise silently check nothing, or everything. */
export function checkIds(ids: readonly string[], option: string, knownIds: readonly string[]): void {
  const known = new Set(knownIds);
  for (const id of ids) {
    if (known.has(id)) continue;
    const hint = didYouMean(id, knownIds) || `; known ids: ${knownIds.join(', ')}`;
    throw new GapCheckError('unknown-measure', `${option}: unknown measure id "${id}"${hint}`);
  }
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface InputFiles {
  /** Paths as shown in reports, sorted, so that the order inputs are given in never changes the output. */
  files: string[];
  /** The same files as the reader needs them (absolute when main() runs for another directory). */
  paths: string[];
  /** True when some input was unusable (already reported on stderr). */
  failed: boolean;
}

/** Expand files, directories and globs; problems go to stderr (warnings only when not quiet). */
export async function expandSorted(inputs: string[], ctx: Context, quiet: boolean): Promise<InputFiles> {
  const expanded = await expandInputs(inputs, ctx.cwd);
  let failed = false;
  for (const d of expanded.errors) {
    if (d.severity === 'error') failed = true;
    if (d.severity === 'error' || !quiet) ctx.stderr.write(diagnosticLine(d));
  }
  const files = [...expanded.files].sort(byCodeUnit);
  // The reader resolves paths against the process's directory; when main() runs for another directory (tests,
  // library use) the paths are made absolute so that the right files are read.
  const paths = resolve(ctx.cwd) === process.cwd() ? files : files.map((file) => resolve(ctx.cwd, file));
  return { files, paths, failed };
}

export interface Loaded {
  /** One entry per path, in the order of `paths`: the document, or null when the file could not be read. */
  docs: Array<StatuteDocument | null>;
  /** One error per unreadable file. */
  errors: Diagnostic[];
}

/** Read, parse and structure files (in worker threads when there are several), with a progress bar on a terminal. */
export async function loadDocuments(paths: string[], settings: Settings, ctx: Context, quiet: boolean): Promise<Loaded> {
  const { loadStatutes } = await import('../check.js');
  const progress = await startProgress(ctx, paths.length, quiet);
  let outcomes;
  try {
    outcomes = await loadStatutes(paths, { maxBytes: settings.maxBytes, threads: settings.threads, onProgress: progress?.update, signal: ctx.signal });
  } catch (error) {
    if (ctx.signal?.aborted) throw new Interrupted();
    throw error;
  } finally {
    progress?.stop();
  }
  checkAborted(ctx);
  const docs: Array<StatuteDocument | null> = [];
  const errors: Diagnostic[] = [];
  for (const o of outcomes) {
    if (o.ok) docs.push(o.doc);
    else {
      docs.push(null);
      errors.push({ severity: 'error', code: o.error.code, message: o.error.message, file: o.error.file, line: o.error.line });
    }
  }
  return { docs, errors };
}

interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/** A progress bar on stderr for batches, only on a terminal and not with --quiet. */
async function startProgress(ctx: Context, total: number, quiet: boolean): Promise<Progress | undefined> {
  if (quiet || total < 2 || ctx.stderr.isTTY !== true) return undefined;
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: ctx.stderr as unknown as NodeJS.WritableStream,
      format: 'checking {bar} {value}/{total} files',
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

/** `--threads N`: a whole number of threads, at least 1. */
export function parseThreads(value: string): number | null {
  if (!/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= 1 && n <= 1024 ? n : null;
}
