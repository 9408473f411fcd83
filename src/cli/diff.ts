// `gap-check diff OLD NEW`: check two versions of a text (files, directories or globs; each side is one legal
// system) and report which measures changed status. Exit 1 when any measure got worse. Loaded on demand.
import { stat } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import type { HistoryDoc } from '../compare/history.js';
import type { DocumentFindings } from '../types.js';
import { colorEnabled, diagnosticLine, EXIT_ERROR, EXIT_GAPS, EXIT_OK, checkAborted, type Context } from './context.js';
import { expandSorted, loadCheckedPack, loadDocuments, loadSettings, type SelectionOptions } from './load.js';
import { prepareOutput, refuseOverwritingInput, writeFileAtomic } from './output.js';

export interface DiffCliOptions extends SelectionOptions {
  format?: 'text' | 'json';
  output?: string;
  quiet?: boolean;
  color?: boolean;
}

export async function runDiff(oldInput: string, newInput: string, opts: DiffCliOptions, ctx: Context): Promise<number> {
  const settings = await loadSettings(opts, ctx);
  const quiet = opts.quiet === true;
  const outputPath = opts.output !== undefined ? await prepareOutput(opts.output, ctx.cwd) : undefined;

  const oldFiles = await expandSorted([oldInput], ctx, quiet);
  const newFiles = await expandSorted([newInput], ctx, quiet);
  if (outputPath !== undefined) await refuseOverwritingInput(outputPath, opts.output!, [...oldFiles.files, ...newFiles.files], ctx.cwd);
  if (oldFiles.failed || newFiles.failed || oldFiles.files.length === 0 || newFiles.files.length === 0) return EXIT_ERROR;
  checkAborted(ctx);

  const pack = await loadCheckedPack(settings, opts, ctx);
  // Both sides in one batch, so one pool of workers reads them all.
  const loaded = await loadDocuments([...oldFiles.paths, ...newFiles.paths], settings, pack, ctx, quiet, { provisionTexts: true });
  for (const d of loaded.errors) ctx.stderr.write(diagnosticLine(d));
  // A side with a file missing would show every measure that file supplies as lost: no diff rather than a wrong one.
  if (loaded.errors.length > 0) return EXIT_ERROR;
  const docs = loaded.findings as DocumentFindings[];
  const { checkFindings } = await import('../check.js');
  const options = { pack, ...settings.check };
  const oldResult = checkFindings(docs.slice(0, oldFiles.paths.length), options);
  const newResult = checkFindings(docs.slice(oldFiles.paths.length), options);
  if (!quiet) for (const d of [...oldResult.diagnostics, ...newResult.diagnostics]) ctx.stderr.write(diagnosticLine(d));
  checkAborted(ctx);

  const { buildDiff, formatDiffJson, formatDiffText } = await import('../compare/diff-report.js');
  const color = outputPath === undefined && colorEnabled(ctx, opts.color);
  // chalk is loaded only for a report in colour (see src/color.ts).
  if (color && opts.format !== 'json') await (await import('../color.js')).loadColors();
  const { provisionHistory } = await import('../compare/history.js');
  const history = provisionHistory(
    await historyDocs(docs.slice(0, oldFiles.paths.length), oldInput, ctx.cwd),
    await historyDocs(docs.slice(oldFiles.paths.length), newInput, ctx.cwd),
  );
  const report = buildDiff({ inputs: [oldInput], result: oldResult }, { inputs: [newInput], result: newResult }, history);
  const text = opts.format === 'json' ? formatDiffJson(report) : formatDiffText(report, { color });
  if (outputPath !== undefined) await writeFileAtomic(outputPath, text, opts.output);
  else ctx.stdout.write(text);
  return report.diff.worse > 0 ? EXIT_GAPS : EXIT_OK;
}

/** A side's documents for pairing: a file inside a compared directory by its path there, otherwise by its name. */
async function historyDocs(docs: DocumentFindings[], input: string, cwd: string): Promise<HistoryDoc[]> {
  const root = resolve(cwd, input);
  const isDir = await stat(root).then((s) => s.isDirectory(), () => false);
  return docs.map((d) => ({
    path: d.path,
    key: isDir ? relative(root, resolve(cwd, d.path)).split(sep).join('/') : basename(d.path),
    provisions: d.provisions ?? {},
  }));
}
