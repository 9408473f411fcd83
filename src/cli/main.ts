// The command line: argument parsing (commander), help, and the mapping of every outcome to an exit code and at
// most one line on stderr. Commands are loaded on demand, and `gap-check --version` is answered before even
// commander is loaded, so that probing the tool costs little more than starting Node.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { nearest } from '../config/nearest.js';
import { parseSize } from '../config/size.js';
import { isGapCheckError } from '../errors.js';
import type { FailOn, ReportFormat } from '../types.js';
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, Interrupted, errorLine, oneLine, type Context, type MainOptions } from './context.js';
import { collect, collectList } from './options.js';
import { asksOnlyVersion } from './version.js';

export type { CliStream, MainOptions } from './context.js';

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'github', 'markdown', 'html'];
const FAIL_ON: readonly FailOn[] = ['missing', 'partial', 'never'];
const COMMANDS = ['check', 'diff', 'matrix', 'outline', 'rules', 'explain', 'init', 'help'];

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** commander, loaded by main() once it is known that more than `--version` is asked for. */
let cli: typeof import('commander');

function threadsOption(value: string): number {
  // Kept here rather than imported from load.ts, so that parsing options loads nothing heavy.
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1 || Number(value) > 1024) {
    throw new cli.InvalidArgumentError('expected a whole number of threads from 1 to 1024 (1 = no worker threads)');
  }
  return Number(value);
}

function maxBytesOption(value: string): number {
  const n = parseSize(value);
  if (n === null) throw new cli.InvalidArgumentError('expected a size in bytes, e.g. 67108864 or 64MiB');
  return n;
}

const MAIN_HELP = `
Examples:
  $ gap-check law.md                 check one statute (the check command)
  $ gap-check acts/                  check the .md/.markdown/.txt files in acts/
  $ gap-check 'acts/**/*.md' --fail-on missing
  $ gap-check law.md --format sarif --output gap-check.sarif
  $ gap-check acts/ --per-file       one report per file instead of one for all
  $ gap-check law.md --baseline before.json   fail only on regressions
  $ gap-check diff old.md new.md     which measures an amendment changes
  $ gap-check matrix countries/*/    measures × countries table
  $ gap-check outline law.md         show the parts and sections found
  $ gap-check rules                  list the measures
  $ gap-check explain poa-25-sale    what one measure requires
  $ gap-check init                   write a starter .gap-check.yaml here

Exit codes:
  0  no measure is at or above the --fail-on level
  1  gaps found: some measure is at or above the --fail-on level
  2  gap-check could not do its job (bad arguments, unreadable file, bad config
     or rule pack)
`;

const CHECK_HELP = `
Inputs are files, directories (searched recursively for .md, .markdown and .txt
files; hidden entries and node_modules are skipped) and glob patterns (quote
them: 'acts/**/*.md'). All inputs are checked together, as one legal system: a
measure is met if any file meets it, and evidence names the file. Definitions
and cross-references count only inside their own file. Files are read in
sorted order, so the report is the same whatever order they are given in and
whatever --threads is. Settings come from the nearest .gap-check.yaml (see
gap-check init); options given here override them.

--per-file judges each file on its own: one report per file (text, markdown,
github: one after another; json: {"perFile": true, "reports": [...]}, see
schema/report-per-file.schema.json; sarif: one run per file). The exit code is
the worst over the files.

--baseline FILE reads a report written earlier with --format json (with
--per-file: --per-file --format json) and makes the exit code 1 only for
measures at or above --fail-on that are worse than in the baseline, or that the
baseline does not have; known gaps pass. Each such measure is named on stderr
and in the report (a baseline-regression note).

Examples:
  $ gap-check check law.md
  $ gap-check check penal-code.md children-act.md --fail-on missing
  $ gap-check check acts/ --format html --output report.html
  $ gap-check check law.md --only def-child-age,poa-25-sale
  $ gap-check check law.md --rules ./our-rules --format json
  $ gap-check check law.md --format github   (annotations in GitHub Actions)
  $ gap-check check acts/ --per-file --format json --output per-file.json
  $ gap-check check acts/ --threads 1        (no worker threads)
  $ gap-check check bill.md --format json --output baseline.json
  $ gap-check check bill.md --baseline baseline.json   (later, in CI)

Exit codes: 0 nothing at or above --fail-on (with --baseline: nothing worse
than the baseline), 1 gaps found, 2 gap-check could not do its job (a file
that cannot be read is reported and the others are still checked).
`;

const DIFF_HELP = `
OLD and NEW are each a file, a directory or a quoted glob; each side is checked
as one legal system, with the same rule pack and settings. The report lists the
measures whose status changed, with the evidence on both sides, e.g.
  poa-53-possession: partial → met (s. 7(2) added)
The cited provision is the new one for a measure that got better, the old one
for a measure that got worse; "added", "amended" or "removed" says what the
amendment did to it (nothing is said when its words are unchanged: the change
came from elsewhere). Files are paired as the only file on each side, else by
their path inside the directories compared. --format json is described by
schema/diff.schema.json. If a file cannot be read, nothing is reported (exit 2):
a diff with a file missing would show false losses.

Examples:
  $ gap-check diff act-2019.md bill-2024.md
  $ gap-check diff acts-2019/ acts-2024/ --format json --output diff.json
  $ gap-check diff old.md new.md --only poa-53-possession,poa-53-production

Exit codes: 0 no measure got worse, 1 some measure got worse (met → partial,
met → missing, partial → missing), 2 gap-check could not do its job.
`;

const MATRIX_HELP = `
Each argument is one country: a directory of its statutes (or a single file),
checked as one legal system. The column name is the jurisdiction stated in the
front matter of any of its files (the first in sorted order that has one), or
else the folder's name. Rows are the measures, cells their status (met,
partial, missing; elsewhere / n/a for measures declared in the config).
--format html writes one self-contained page with status colours. If a file
cannot be read, no table is written (exit 2).

Examples:
  $ gap-check matrix countries/veloria countries/norland
  $ gap-check matrix countries/*/ --format csv --output matrix.csv
  $ gap-check matrix countries/*/ --format html --output matrix.html

Exit codes: 0 the table was written (gaps do not change it), 2 gap-check could
not do its job.
`;

const OUTLINE_HELP = `
Examples:
  $ gap-check outline law.md
  $ gap-check outline law.txt --format json
`;

const RULES_HELP = `
Examples:
  $ gap-check rules
  $ gap-check rules --format json
  $ gap-check rules --rules ./our-rules
`;

const EXPLAIN_HELP = `
Examples:
  $ gap-check explain def-child-age
  $ gap-check explain poa-25-penalties
`;

const INIT_HELP = `
Writes a commented .gap-check.yaml in the current directory; every setting in
it starts commented out. An existing .gap-check.yaml is never overwritten.

Examples:
  $ gap-check init
`;

/** Run the command line. Returns the exit code; never calls process.exit and writes only to the given streams. */
export async function main(options: MainOptions): Promise<number> {
  const { argv, stdout, stderr } = options;
  ignoreBrokenPipe(stdout);
  ignoreBrokenPipe(stderr);
  const ctx: Context = { stdout, stderr, cwd: resolve(options.cwd), env: options.env, signal: options.signal, onWorkload: options.onWorkload };
  // Known before parsing, so that even a parse failure can be shown with its stack.
  const endOfOptions = argv.indexOf('--');
  const debug = (endOfOptions === -1 ? argv : argv.slice(0, endOfOptions)).includes('--debug');
  let code = EXIT_OK;

  // Scripts and CI probe the tool with --version: answer without loading the argument parser.
  if (asksOnlyVersion(argv)) {
    stdout.write(`${packageVersion()}\n`);
    return EXIT_OK;
  }

  try {
    cli = await import('commander');
    const early = earlyError(argv, ctx);
    if (early !== null) {
      stderr.write(`gap-check: ${early}\n`);
      return EXIT_ERROR;
    }
    const program = buildProgram(ctx, (c) => {
      code = c;
    });
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    return handleError(error, ctx, debug);
  }
}

const guarded = new WeakSet<object>();

/**
 * `gap-check rules | head` closes the pipe early; that is the reader's choice, not an error worth a stack trace.
 * Other stream errors keep Node's default behaviour.
 */
function ignoreBrokenPipe(stream: MainOptions['stdout']): void {
  const emitter = stream as { on?: (event: string, listener: (error: NodeJS.ErrnoException) => void) => unknown };
  if (typeof emitter.on !== 'function' || guarded.has(stream)) return;
  guarded.add(stream);
  emitter.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

function handleError(error: unknown, ctx: Context, debug: boolean): number {
  if (cli !== undefined && error instanceof cli.CommanderError) {
    // --help, --version and `help` come through here with exit code 0; their text is already on stdout.
    if (error.exitCode === 0) return EXIT_OK;
    // Help shown because of a usage error has been written to stderr already; commander's message is a placeholder.
    if (error.code === 'commander.help' || error.code === 'commander.helpDisplayed') return EXIT_ERROR;
    ctx.stderr.write(`gap-check: ${oneLine(error.message.replace(/^error: /, ''))}\n`);
    return EXIT_ERROR;
  }
  if (error instanceof Interrupted || (error as Error | null)?.name === 'AbortError') {
    ctx.stderr.write('gap-check: interrupted\n');
    return EXIT_INTERRUPTED;
  }
  if (isGapCheckError(error)) {
    ctx.stderr.write(errorLine(error));
    if (debug && error.stack) ctx.stderr.write(`${error.stack}\n`);
    return EXIT_ERROR;
  }
  // Anything else is a bug in gap-check: still one line, with the way to get the details.
  const message = error instanceof Error ? error.message : String(error);
  if (debug) {
    ctx.stderr.write(`gap-check: internal error: ${oneLine(message)}\n`);
    ctx.stderr.write(`${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
  } else {
    ctx.stderr.write(`gap-check: internal error: ${oneLine(message)} (run with --debug for details)\n`);
  }
  return EXIT_ERROR;
}

/** Problems commander would report less helpfully: no arguments at all, a mistyped command name. */
function earlyError(argv: string[], ctx: Context): string | null {
  if (argv.length === 0) {
    return 'no input files: give a file, directory or glob, e.g. gap-check law.md (see gap-check --help)';
  }
  const first = argv[0];
  if (first === 'help' && argv.length > 1 && !COMMANDS.includes(argv[1])) {
    const guess = nearest(argv[1], COMMANDS);
    const hint = guess !== undefined ? ` (did you mean "${guess}"?)` : '';
    return `unknown command "${argv[1]}"${hint}; the commands are ${COMMANDS.filter((c) => c !== 'help').join(', ')}`;
  }
  if (!first.startsWith('-') && !COMMANDS.includes(first) && /^[a-z]+$/i.test(first) && !existsSync(resolve(ctx.cwd, first))) {
    const guess = nearest(first, COMMANDS);
    if (guess !== undefined) {
      return `unknown command "${first}" (did you mean "${guess}"?); to check a file of that name, write ./${first}`;
    }
  }
  return null;
}

function buildProgram(ctx: Context, setCode: (code: number) => void): Command {
  const program = new cli.Command('gap-check');
  // Inherited by every command created below: commander throws instead of exiting, and writes only to our streams.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void ctx.stdout.write(text),
      writeErr: (text) => void ctx.stderr.write(text),
      // main() prints errors itself, as one line.
      outputError: () => undefined,
    })
    .configureHelp({ showGlobalOptions: true, helpWidth: 80 })
    .description(
      'Report, measure by measure, how far a statute implements the international measures against the sale ' +
        'of children, child prostitution and child pornography (E/CN.4/RES/1992/74 and A/RES/51/77).',
    )
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .option('--debug', 'show stack traces for errors')
    .addHelpText('after', MAIN_HELP);

  const run = (load: () => Promise<number>) => async () => {
    setCode(await load());
  };

  program
    .command('check', { isDefault: true })
    .description('check statutes against the measures (the default command)')
    .argument('<inputs...>', 'files, directories or glob patterns')
    .addOption(new cli.Option('-f, --format <format>', 'report format (default: text)').choices(FORMATS))
    .option('-o, --output <file>', 'write the report to this file (atomically) instead of standard output')
    .addOption(new cli.Option('--fail-on <level>', 'lowest verdict that makes the exit code 1 (default: partial)').choices(FAIL_ON))
    .option('--only <ids>', 'check only these measures (comma-separated; repeatable)', collectList)
    .option('--skip <ids>', 'do not check these measures (comma-separated; repeatable)', collectList)
    .option('--rules <dir>', 'add a rule-pack directory (repeatable)', collect)
    .option('--replace-rules', 'use only the --rules directories, not the built-in pack')
    .option('-c, --config <file>', 'use this config file instead of the nearest .gap-check.yaml')
    .option('-q, --quiet', 'summary only; no warnings on standard error')
    .option('--no-color', 'no colour (also: NO_COLOR set, or output not a terminal)')
    .option('--max-bytes <size>', 'refuse input files larger than this (default: 64MiB)', maxBytesOption)
    .option('--per-file', 'judge each file on its own: one report per file')
    .option('--baseline <report.json>', 'fail only on measures worse than in this earlier --format json report')
    .option('--threads <n>', 'worker threads reading the files (default: number of cores; 1 = none)', threadsOption)
    .addHelpText('after', CHECK_HELP)
    .action(async (inputs: string[], opts: Record<string, unknown>) => {
      await run(async () => (await import('./check.js')).runCheck(inputs, opts, ctx))();
    });

  program
    .command('diff')
    .description('compare two versions of a text: which measures changed status (exit 1 if any got worse)')
    .argument('<old>', 'the old text: a file, directory or glob')
    .argument('<new>', 'the new text: a file, directory or glob')
    .addOption(new cli.Option('-f, --format <format>', 'output format (default: text)').choices(['text', 'json']))
    .option('-o, --output <file>', 'write the diff to this file (atomically) instead of standard output')
    .option('--only <ids>', 'compare only these measures (comma-separated; repeatable)', collectList)
    .option('--skip <ids>', 'do not compare these measures (comma-separated; repeatable)', collectList)
    .option('--rules <dir>', 'add a rule-pack directory (repeatable)', collect)
    .option('--replace-rules', 'use only the --rules directories, not the built-in pack')
    .option('-c, --config <file>', 'use this config file instead of the nearest .gap-check.yaml')
    .option('-q, --quiet', 'no warnings on standard error')
    .option('--no-color', 'no colour (also: NO_COLOR set, or output not a terminal)')
    .option('--max-bytes <size>', 'refuse input files larger than this (default: 64MiB)', maxBytesOption)
    .option('--threads <n>', 'worker threads reading the files (default: number of cores; 1 = none)', threadsOption)
    .addHelpText('after', DIFF_HELP)
    .action(async (oldInput: string, newInput: string, opts: Record<string, unknown>) => {
      await run(async () => (await import('./diff.js')).runDiff(oldInput, newInput, opts, ctx))();
    });

  program
    .command('matrix')
    .description('measures × countries table (CSV, Markdown or HTML), one directory per country')
    .argument('<countries...>', 'one directory (or file) per country')
    .addOption(new cli.Option('-f, --format <format>', 'table format (default: markdown)').choices(['csv', 'markdown', 'html']))
    .option('-o, --output <file>', 'write the table to this file (atomically) instead of standard output')
    .option('--only <ids>', 'only these measures (comma-separated; repeatable)', collectList)
    .option('--skip <ids>', 'leave out these measures (comma-separated; repeatable)', collectList)
    .option('--rules <dir>', 'add a rule-pack directory (repeatable)', collect)
    .option('--replace-rules', 'use only the --rules directories, not the built-in pack')
    .option('-c, --config <file>', 'use this config file instead of the nearest .gap-check.yaml')
    .option('-q, --quiet', 'no warnings on standard error')
    .option('--max-bytes <size>', 'refuse input files larger than this (default: 64MiB)', maxBytesOption)
    .option('--threads <n>', 'worker threads reading the files (default: number of cores; 1 = none)', threadsOption)
    .addHelpText('after', MATRIX_HELP)
    .action(async (countries: string[], opts: Record<string, unknown>) => {
      await run(async () => (await import('./matrix.js')).runMatrix(countries, opts, ctx))();
    });

  program
    .command('outline')
    .description('show the provision tree (parts, sections, subsections) gap-check reads in a file')
    .argument('<file>', 'a statute file')
    .addOption(new cli.Option('-f, --format <format>', 'output format (default: text)').choices(['text', 'json']))
    .option('-c, --config <file>', 'use this config file instead of the nearest .gap-check.yaml')
    .option('--max-bytes <size>', 'refuse files larger than this (default: 64MiB)', maxBytesOption)
    .addHelpText('after', OUTLINE_HELP)
    .action(async (file: string, opts: Record<string, unknown>) => {
      await run(async () => (await import('./outline.js')).runOutline(file, opts, ctx))();
    });

  program
    .command('rules')
    .description('list every measure: id, source paragraph, title and requirement')
    .addOption(new cli.Option('-f, --format <format>', 'output format (default: text)').choices(['text', 'json']))
    .option('--rules <dir>', 'add a rule-pack directory (repeatable)', collect)
    .option('--replace-rules', 'use only the --rules directories, not the built-in pack')
    .option('-c, --config <file>', 'use this config file instead of the nearest .gap-check.yaml')
    .addHelpText('after', RULES_HELP)
    .action(async (opts: Record<string, unknown>) => {
      await run(async () => (await import('./info.js')).runRules(opts, ctx))();
    });

  program
    .command('explain')
    .description('show one measure in full: source, what counts as met or partial, examples')
    .argument('<id>', 'measure id (see gap-check rules)')
    .option('--rules <dir>', 'add a rule-pack directory (repeatable)', collect)
    .option('--replace-rules', 'use only the --rules directories, not the built-in pack')
    .option('-c, --config <file>', 'use this config file instead of the nearest .gap-check.yaml')
    .addHelpText('after', EXPLAIN_HELP)
    .action(async (id: string, opts: Record<string, unknown>) => {
      await run(async () => (await import('./info.js')).runExplain(id, opts, ctx))();
    });

  program
    .command('init')
    .description('write a commented starter .gap-check.yaml in the current directory')
    .addHelpText('after', INIT_HELP)
    .action(async () => {
      await run(async () => {
        const { initConfig } = await import('../config/init.js');
        await initConfig(ctx.cwd);
        ctx.stdout.write('Wrote .gap-check.yaml (every setting is commented out; edit it to use one).\n');
        return EXIT_OK;
      })();
    });

  return program;
}
