// `gap-check matrix DIR...`: check each country's legislation (one directory, or one file, per country) and
// write the measures × countries table as CSV, Markdown or HTML. Loaded on demand.
import { basename, extname, resolve } from 'node:path';
import type { DocumentFindings } from '../types.js';
import { diagnosticLine, EXIT_ERROR, EXIT_OK, checkAborted, type Context } from './context.js';
import { expandSorted, loadCheckedPack, loadDocuments, loadSettings, type InputFiles, type SelectionOptions } from './load.js';
import { prepareOutput, refuseOverwritingInput, writeFileAtomic } from './output.js';

export interface MatrixCliOptions extends SelectionOptions {
  format?: 'csv' | 'markdown' | 'html';
  output?: string;
  quiet?: boolean;
}

/** The folder's own name (`countries/veloria/` → `veloria`); for a single file, its name without extension. */
function folderName(input: string, cwd: string): string {
  const absolute = resolve(cwd, input);
  const base = basename(absolute);
  const ext = extname(base);
  return /^\.(md|markdown|txt)$/i.test(ext) ? base.slice(0, -ext.length) : base;
}

export async function runMatrix(countries: string[], opts: MatrixCliOptions, ctx: Context): Promise<number> {
  const settings = await loadSettings(opts, ctx);
  const quiet = opts.quiet === true;
  const outputPath = opts.output !== undefined ? await prepareOutput(opts.output, ctx.cwd) : undefined;

  const inputs: InputFiles[] = [];
  for (const country of countries) inputs.push(await expandSorted([country], ctx, quiet));
  if (outputPath !== undefined) await refuseOverwritingInput(outputPath, opts.output!, inputs.flatMap((i) => i.files), ctx.cwd);
  if (inputs.some((i) => i.failed || i.files.length === 0)) return EXIT_ERROR;
  checkAborted(ctx);

  const pack = await loadCheckedPack(settings, opts, ctx);
  const loaded = await loadDocuments(
    inputs.flatMap((i) => i.paths),
    settings,
    pack,
    ctx,
    quiet,
  );
  for (const d of loaded.errors) ctx.stderr.write(diagnosticLine(d));
  // A country with an unreadable file would get a column of false gaps: no matrix rather than a wrong one.
  if (loaded.errors.length > 0) return EXIT_ERROR;
  const docs = loaded.findings as DocumentFindings[];

  const { checkFindings } = await import('../check.js');
  const { countryNames, formatMatrix } = await import('../compare/matrix.js');
  const options = { pack, ...settings.check };
  let at = 0;
  const results = inputs.map((i) => {
    const result = checkFindings(docs.slice(at, at + i.paths.length), options);
    at += i.paths.length;
    return result;
  });
  if (!quiet) for (const d of results.flatMap((r) => r.diagnostics)) ctx.stderr.write(diagnosticLine(d));
  const names = countryNames(results.map((r, k) => ({ jurisdiction: r.jurisdiction, folder: folderName(countries[k]!, ctx.cwd) })));
  checkAborted(ctx);

  const table = formatMatrix(
    results.map((result, k) => ({ country: names[k]!, result })),
    opts.format ?? 'markdown',
  );
  if (outputPath !== undefined) await writeFileAtomic(outputPath, table, opts.output);
  else ctx.stdout.write(table);
  return EXIT_OK;
}
