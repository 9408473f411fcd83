// What check, diff and matrix share: settings from config and options, the rule pack, expanding inputs into a
// sorted file list, and reading, structuring and collecting findings from the files (in worker threads) with a
// progress bar.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkConfigIds, loadConfig, type GapCheckConfig } from '../config/config.js';
import { didYouMean } from '../config/nearest.js';
import { GapCheckError } from '../errors.js';
import { DEFAULT_MAX_BYTES } from '../read/read.js';
import { expandInputs } from '../read/inputs.js';
import type { CheckOptions, Diagnostic, DocumentFindings, RulePack } from '../types.js';
import { checkAborted, diagnosticLine, Interrupted, type Context } from './context.js';
import type { DefinitionsFrom } from '../check.js';
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
  /** Config `definitionsFrom`, its globs expanded to absolute paths, with the config line of each entry. */
  definitionsFrom: Array<DefinitionsFrom & { line: number; pattern: string }>;
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
    definitionsFrom: config?.definitionsFrom ? await expandDefinitionsFrom(config) : [],
  };
}

/** Files named by `definitionsFrom` (paths or globs relative to the config file), as absolute paths. */
async function expandDefinitionsFrom(config: GapCheckConfig): Promise<Settings['definitionsFrom']> {
  const { glob } = await import('tinyglobby');
  const files = async (pattern: string) => (await glob(pattern, { cwd: config.dir, absolute: true, onlyFiles: true, expandDirectories: false })).sort(byCodeUnit);
  const out: Settings['definitionsFrom'] = [];
  for (const entry of config.definitionsFrom ?? []) {
    out.push({ documents: await files(entry.documents), from: (await Promise.all(entry.from.map(files))).flat(), line: entry.line, pattern: entry.documents });
  }
  return out;
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
  /** One entry per path, in the order of `paths`: what the file contributes, or null when it could not be read. */
  findings: Array<DocumentFindings | null>;
  /** One error per unreadable file. */
  errors: Diagnostic[];
}

/**
 * Read, parse, structure and collect the findings of files (in worker threads when there are several), with a
 * progress bar on a terminal. Only the findings are kept, not the documents.
 */
/** `extra`: what a command needs beyond the findings (`gap-check diff`: the provisions' fingerprints). */
export async function loadDocuments(paths: string[], settings: Settings, pack: RulePack, ctx: Context, quiet: boolean, extra: { provisionTexts?: boolean } = {}): Promise<Loaded> {
  const { collectStatutes, taskErrorDiagnostic } = await import('../check.js');
  if (!quiet) for (const line of unusedDefinitionsFrom(paths, settings)) ctx.stderr.write(line);
  if (ctx.onWorkload) {
    // Sizes as the file system has them now; a file that cannot be read counts for nothing (the reader reports it).
    const sizes = await Promise.all(paths.map((p) => stat(p).then((st) => st.size, () => 0)));
    ctx.onWorkload(sizes.reduce((a, b) => a + b, 0));
  }
  const progress = await startProgress(ctx, paths.length, quiet);
  let outcomes;
  try {
    outcomes = await collectStatutes(paths, {
      pack,
      ...settings.check,
      ...extra,
      maxBytes: settings.maxBytes,
      threads: settings.threads,
      onProgress: progress?.update,
      signal: ctx.signal,
      definitionsFrom: settings.definitionsFrom,
    });
  } catch (error) {
    if (ctx.signal?.aborted) throw new Interrupted();
    throw error;
  } finally {
    progress?.stop();
  }
  checkAborted(ctx);
  const findings: Array<DocumentFindings | null> = [];
  const errors: Diagnostic[] = [];
  for (const o of outcomes) {
    if (o.ok) findings.push(o.findings);
    else {
      findings.push(null);
      errors.push(taskErrorDiagnostic(o.error));
    }
  }
  return { findings, errors };
}

/** A `definitionsFrom` entry whose documents are not among the files checked is probably a typo: say so. */
function unusedDefinitionsFrom(paths: string[], settings: Settings): string[] {
  const checked = new Set(paths.map((p) => resolve(p)));
  return settings.definitionsFrom
    .filter((e) => !e.documents.some((d) => checked.has(d)) || !e.from.some((f) => checked.has(f)))
    .map((e) => diagnosticLine({
      severity: 'warning',
      code: 'config-unused',
      message: `definitionsFrom: "${e.pattern}" ${e.documents.some((d) => checked.has(d)) ? 'applies definitions from no file that is being checked' : 'matches none of the files being checked'}; its definitions are not shared`,
      file: settings.config!.file,
      line: e.line,
    }));
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
