// `gap-check check`: expand the inputs, load config and rule pack, run the engine over all files as one legal
// system (or each file on its own with --per-file), compare with a baseline if asked, write the report, and turn
// the outcome into an exit code. Loaded only when the check command runs.
import { GapCheckError } from '../errors.js';
import type { CheckResult, Diagnostic, FailOn, ReportFormat } from '../types.js';
import { colorEnabled, diagnosticLine, EXIT_ERROR, EXIT_GAPS, EXIT_OK, checkAborted, type Context } from './context.js';
import { expandSorted, loadCheckedPack, loadDocuments, loadSettings, type SelectionOptions } from './load.js';
import { prepareOutput, refuseOverwritingInput, writeFileAtomic } from './output.js';

export { checkIds } from './load.js';

export interface CheckCliOptions extends SelectionOptions {
  format?: ReportFormat;
  output?: string;
  failOn?: FailOn;
  quiet?: boolean;
  /** false with --no-color. */
  color?: boolean;
  perFile?: boolean;
  baseline?: string;
}

/** Version of the `--per-file --format json` wrapper (schema/report-per-file.schema.json). */
export const PER_FILE_SCHEMA_VERSION = '1.0.0';

/** Formats that can hold several reports: the others are joined one after another; sarif merges its runs. */
const PER_FILE_FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'github', 'sarif'];

export async function runCheck(inputs: string[], opts: CheckCliOptions, ctx: Context): Promise<number> {
  const settings = await loadSettings(opts, ctx);
  const { config } = settings;
  const format: ReportFormat = opts.format ?? config?.format ?? 'text';
  const failOn: FailOn = opts.failOn ?? config?.failOn ?? 'partial';
  const quiet = opts.quiet === true;
  const perFile = opts.perFile === true;
  if (perFile && !PER_FILE_FORMATS.includes(format)) {
    throw new GapCheckError(
      'invalid-option',
      `--per-file cannot be used with --format ${format} (one page per report); use ${PER_FILE_FORMATS.join(', ')}, or run once per file`,
    );
  }

  // Fail on a bad --output or --baseline before spending time on the check.
  const outputPath = opts.output !== undefined ? await prepareOutput(opts.output, ctx.cwd) : undefined;
  const baseline = opts.baseline !== undefined ? await loadBaseline(opts.baseline, perFile, ctx) : undefined;

  const input = await expandSorted(inputs, ctx, quiet);
  let failed = input.failed;
  if (outputPath !== undefined) await refuseOverwritingInput(outputPath, opts.output!, input.files, ctx.cwd);
  if (input.files.length === 0) return EXIT_ERROR;
  checkAborted(ctx);

  const pack = await loadCheckedPack(settings, opts, ctx);
  checkAborted(ctx);

  const { checkFindings } = await import('../check.js');
  const loaded = await loadDocuments(input.paths, settings, pack, ctx, quiet);
  const docs = loaded.findings.filter((d) => d !== null);
  const options = { pack, ...settings.check };
  // One legal system: a single result holding the read errors. Per file: one result per readable file; read
  // errors have no report of their own and travel beside them.
  const results: CheckResult[] = perFile ? docs.map((d) => checkFindings([d], options)) : [checkFindings(docs, options, loaded.errors)];
  const looseErrors: Diagnostic[] = perFile ? loaded.errors : [];
  checkAborted(ctx);

  // Baseline: which measures fail, and a warning in the report for each (visible in every format).
  let failing = 0;
  for (const result of results) {
    if (baseline === undefined) {
      if (hasGaps(result, failOn)) failing++;
      continue;
    }
    const { regressions, regressionLine } = await import('../compare/diff.js');
    const { baselineKey } = await import('../compare/baseline.js');
    const file = perFile ? result.files[0]!.path : undefined;
    const known = baseline.kind === 'report' ? baseline.measures : baseline.files.get(baselineKey(file!));
    const found = regressions(known ?? [], result.measures, failOn);
    failing += found.length;
    if (known === undefined) {
      // A file the baseline has never seen has no known gaps: one note rather than a line per measure.
      if (found.length > 0) {
        const message = `not in the baseline, so its ${found.length} ${found.length === 1 ? 'gap fails' : 'gaps fail'} as without --baseline`;
        result.diagnostics.push({ severity: 'warning', code: 'baseline-regression', message, file: file! });
      }
      continue;
    }
    for (const r of found) {
      const message = `regression against the baseline: ${regressionLine(r)}`;
      result.diagnostics.push({ severity: 'warning', code: 'baseline-regression', message, ...(file !== undefined ? { file } : {}) });
    }
  }

  // Unreadable files are errors on stderr whatever the format. Warnings are in the text report already; they
  // go to stderr too when the report is not text on this terminal, so that nobody misses them. Regressions
  // against the baseline are why the exit code is 1, so they reach stderr whenever the report does not show them.
  const warningsToStderr = !quiet && (format !== 'text' || outputPath !== undefined);
  for (const d of [...looseErrors, ...results.flatMap((r) => r.diagnostics)]) {
    if (d.severity === 'error') failed = true;
    const shown = d.severity === 'error' || warningsToStderr || (quiet && d.code === 'baseline-regression');
    if (shown) ctx.stderr.write(diagnosticLine(d));
  }
  if (results.every((r) => r.files.length === 0)) return EXIT_ERROR; // nothing was read: a report would claim every measure missing

  const report = await formatAll(results, looseErrors, format, {
    color: outputPath === undefined && colorEnabled(ctx, opts.color),
    quiet,
    perFile,
  });
  checkAborted(ctx);
  if (outputPath !== undefined) await writeFileAtomic(outputPath, report, opts.output);
  else ctx.stdout.write(report);

  if (baseline !== undefined && !quiet) {
    if (failing === 0 && results.some((r) => hasGaps(r, failOn))) {
      ctx.stderr.write(`gap-check: no measure is worse than in the baseline ${opts.baseline}; its known gaps do not fail this run\n`);
    } else if (failing > 0) {
      ctx.stderr.write(`gap-check: ${failing} ${failing === 1 ? 'measure fails' : 'measures fail'} against the baseline ${opts.baseline}\n`);
    }
  }
  if (failed) return EXIT_ERROR;
  return failing > 0 ? EXIT_GAPS : EXIT_OK;
}

async function loadBaseline(file: string, perFile: boolean, ctx: Context) {
  const { resolve } = await import('node:path');
  const { readBaseline } = await import('../compare/baseline.js');
  const baseline = await readBaseline(resolve(ctx.cwd, file), file);
  if (baseline.kind === 'per-file' && !perFile) {
    throw new GapCheckError('baseline-invalid', '--baseline: this is a per-file report (--per-file --format json); use it with --per-file', { file });
  }
  if (baseline.kind === 'report' && perFile) {
    throw new GapCheckError('baseline-invalid', '--baseline: with --per-file the baseline must be a --per-file --format json report', { file });
  }
  return baseline;
}

/** The report(s) in one string. A single result is formatted as before; --per-file joins one report per file. */
async function formatAll(
  results: CheckResult[],
  looseErrors: Diagnostic[],
  format: ReportFormat,
  opts: { color: boolean; quiet: boolean; perFile: boolean },
): Promise<string> {
  const { formatReport } = await import('../report/index.js');
  const one = (r: CheckResult) => formatReport(r, format, { color: opts.color, quiet: opts.quiet });
  if (!opts.perFile) return one(results[0]!);
  if (format === 'json') {
    const { toReportJson } = await import('../report/json.js');
    const { prepareResult } = await import('../report/filters.js');
    const first = results[0];
    const wrapper = {
      schemaVersion: PER_FILE_SCHEMA_VERSION,
      perFile: true,
      tool: { name: first?.tool.name ?? 'gap-check', version: first?.tool.version ?? '' },
      reports: results.map((r) => toReportJson(prepareResult(r))),
      diagnostics: looseErrors.map((d) => ({ severity: d.severity, code: d.code, message: d.message, file: d.file ?? null, line: d.line ?? null })),
    };
    return `${JSON.stringify(wrapper, null, 2)}\n`;
  }
  const parts: string[] = [];
  for (const r of results) parts.push(await one(r));
  if (format === 'sarif') {
    // One SARIF log with one run per file (SARIF allows several runs in a log).
    const logs = parts.map((p) => JSON.parse(p) as { runs: unknown[] });
    const merged = { ...logs[0]!, runs: logs.flatMap((l) => l.runs) };
    return `${JSON.stringify(merged, null, 2)}\n`;
  }
  // text and markdown: a blank line between reports; github: workflow commands are one per line already.
  return parts.join(format === 'github' ? '' : '\n');
}

/** Is any measure at or above the fail-on level? satisfied-elsewhere and not-applicable never count. */
export function hasGaps(result: CheckResult, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return result.measures.some((m) => m.status === 'missing' || (failOn === 'partial' && m.status === 'partial'));
}
