// `gap-check check`: expand the inputs, load config and rule pack, run the engine, write the report, and turn
// the outcome into an exit code. Loaded only when the check command runs.
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkConfigIds, loadConfig } from '../config/config.js';
import { didYouMean } from '../config/nearest.js';
import { GapCheckError } from '../errors.js';
import { DEFAULT_MAX_BYTES } from '../read/read.js';
import { expandInputs } from '../read/inputs.js';
import type { CheckResult, FailOn, ReportFormat } from '../types.js';
import { checkAborted, colorEnabled, diagnosticLine, EXIT_ERROR, EXIT_GAPS, EXIT_OK, type Context } from './context.js';
import { prepareOutput, writeFileAtomic } from './output.js';
import { loadPack, packSources } from './pack.js';

export interface CheckCliOptions {
  format?: ReportFormat;
  output?: string;
  failOn?: FailOn;
  only?: string[];
  skip?: string[];
  rules?: string[];
  replaceRules?: boolean;
  config?: string;
  quiet?: boolean;
  /** false with --no-color. */
  color?: boolean;
  maxBytes?: number;
}

export async function runCheck(inputs: string[], opts: CheckCliOptions, ctx: Context): Promise<number> {
  const config = await loadConfig({ cwd: ctx.cwd, file: opts.config });
  const format: ReportFormat = opts.format ?? config?.format ?? 'text';
  const failOn: FailOn = opts.failOn ?? config?.failOn ?? 'partial';
  const quiet = opts.quiet === true;
  // Command-line selections replace the config's rather than adding to them: the command line is the more
  // specific request.
  const only = opts.only ?? config?.only;
  const skip = opts.skip ?? config?.skip;
  const maxBytes = opts.maxBytes ?? config?.maxBytes ?? DEFAULT_MAX_BYTES;
  packSources(config, opts, ctx.cwd); // option errors before any work

  // Fail on a bad --output before spending time on the check.
  const outputPath = opts.output !== undefined ? await prepareOutput(opts.output, ctx.cwd) : undefined;

  const expanded = await expandInputs(inputs, ctx.cwd);
  let failed = false;
  for (const d of expanded.errors) {
    if (d.severity === 'error') failed = true;
    if (d.severity === 'error' || !quiet) ctx.stderr.write(diagnosticLine(d));
  }
  if (outputPath !== undefined) await refuseOverwritingInput(outputPath, opts.output!, expanded.files, ctx.cwd);
  if (expanded.files.length === 0) return EXIT_ERROR;
  checkAborted(ctx);

  const pack = await loadPack(config, opts, ctx.cwd);
  const knownIds = pack.rules.map((rule) => rule.id);
  if (config) checkConfigIds(config, knownIds);
  if (opts.only) checkIds(opts.only, '--only', knownIds);
  if (opts.skip) checkIds(opts.skip, '--skip', knownIds);
  checkAborted(ctx);

  // checkFiles reads paths against the process's directory; when main() runs for another directory (tests,
  // library use) the paths are made absolute so that the right files are read.
  const paths = resolve(ctx.cwd) === process.cwd() ? expanded.files : expanded.files.map((file) => resolve(ctx.cwd, file));
  const { checkFiles } = await import('../check.js');
  const progress = await startProgress(ctx, paths.length, quiet);
  let result: CheckResult;
  try {
    result = await checkFiles(paths, {
      pack,
      only,
      skip,
      penaltyThresholdYears: config?.penaltyThresholdYears,
      overrides: config?.measures,
      maxBytes,
      onProgress: progress?.update,
    });
  } finally {
    progress?.stop();
  }
  checkAborted(ctx);

  // Unreadable files are errors on stderr whatever the format. Warnings are in the text report already; they
  // go to stderr too when the report is not text on this terminal, so that nobody misses them.
  const warningsToStderr = !quiet && (format !== 'text' || outputPath !== undefined);
  for (const d of result.diagnostics) {
    if (d.severity === 'error') failed = true;
    if (d.severity === 'error' || warningsToStderr) ctx.stderr.write(diagnosticLine(d));
  }
  if (result.files.length === 0) return EXIT_ERROR; // nothing was read: a report would claim every measure missing

  const { formatReport } = await import('../report/index.js');
  const report = await formatReport(result, format, { color: outputPath === undefined && colorEnabled(ctx, opts.color), quiet });
  checkAborted(ctx);
  if (outputPath !== undefined) await writeFileAtomic(outputPath, report, opts.output);
  else ctx.stdout.write(report);

  if (failed) return EXIT_ERROR;
  return hasGaps(result, failOn) ? EXIT_GAPS : EXIT_OK;
}

/** Is any measure at or above the fail-on level? satisfied-elsewhere and not-applicable never count. */
export function hasGaps(result: CheckResult, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return result.measures.some((m) => m.status === 'missing' || (failOn === 'partial' && m.status === 'partial'));
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

/** gap-check never modifies its inputs: refuse an --output that is one of the files being checked. */
async function refuseOverwritingInput(outputPath: string, display: string, files: string[], cwd: string): Promise<void> {
  let target: string;
  try {
    target = await realpath(outputPath);
  } catch {
    return; // does not exist yet, so it is not an input
  }
  for (const file of files) {
    let real: string;
    try {
      real = await realpath(resolve(cwd, file));
    } catch {
      continue;
    }
    if (real === target) {
      throw new GapCheckError('output-is-input', `--output would overwrite the input file ${file}; choose another file`, { file: display });
    }
  }
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
