// The command line as users run it: `node bin/gap-check.js ...` (built first), exit codes, stdout, stderr and files.
// Spawning groups run concurrently (each test uses its own files or only reads shared ones) to keep the suite fast.
import { readdir, readFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorEnabled } from '../dist/cli/context.js';
import { main } from '../dist/cli/main.js';
import { writeFileAtomic } from '../dist/cli/output.js';
import { STARTER_CONFIG } from '../dist/config/index.js';
import { ROOT, expectOneLineError, makeTempDir, removeTempDir, runCli } from './helpers/cli.js';

const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };

// A short fictional statute in our own words: enough structure for every stage, no claim about its verdicts.
const LAW = `---
title: Child Protection (Test) Act
jurisdiction: Testland
---
# Part I: Preliminary

## 1. Interpretation

In this Act, "child" means a person under the age of 18 years.

# Part II: Offences

## 2. Sale of children

(1) A person who sells a child, or who offers, delivers or accepts a child for remuneration or any other
consideration, commits an offence.

(2) A person who commits an offence under subsection (1) is liable on conviction to imprisonment for a term not
exceeding 15 years.
`;

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('gap-check-cli-');
  await writeFile(join(dir, 'law.md'), LAW);
  await writeFile(join(dir, 'empty.md'), '');
  await writeFile(join(dir, 'blank.txt'), '  \n\n');
  await writeFile(join(dir, 'scan.md'), Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  await writeFile(join(dir, 'nul.txt'), Buffer.from([0x41, 0x00, 0x00, 0x01, 0x42, 0x00, 0xff, 0x00, 0x00]));
  await mkdir(join(dir, 'empty-dir'));
  await mkdir(join(dir, 'loop-dir', 'sub'), { recursive: true });
  await symlink('..', join(dir, 'loop-dir', 'sub', 'up'));
  await symlink('.', join(dir, 'loop-dir', 'self'));
});
afterAll(async () => {
  await removeTempDir(dir);
});

const cli = (args: string[], env?: Record<string, string | undefined>) => runCli(args, { cwd: dir, env });

describe.concurrent('help and version', () => {
  it('--help prints usage, commands, examples and exit codes on stdout, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await cli([flag]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Usage: gap-check /);
      for (const command of ['check', 'outline', 'rules', 'explain', 'init']) expect(run.stdout).toContain(`\n  ${command} `);
      expect(run.stdout).toContain('Examples:');
      expect(run.stdout).toMatch(/Exit codes:[\s\S]*0 [\s\S]*1 [\s\S]*2 /);
    }
  });

  it('--version prints the package version, exit 0', async () => {
    for (const flag of ['--version', '-v']) {
      const run = await cli([flag]);
      expect(run).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });

  it('every command has --help with examples (and `help <command>` works)', async () => {
    for (const command of ['check', 'outline', 'rules', 'explain', 'init']) {
      const run = await cli([command, '--help']);
      expect(run.code, command).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(new RegExp(`^Usage: gap-check ${command}`));
      expect(run.stdout).toMatch(new RegExp(`Examples:\\n  \\$ gap-check ${command}`));
      expect(run.stdout.split('\n').every((line) => line.length <= 80)).toBe(true);
    }
    const help = await cli(['help', 'outline']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: gap-check outline/);
  });

  it('the check help lists every option of the issue', async () => {
    const run = await cli(['check', '--help']);
    for (const option of ['--format', '--output', '--fail-on', '--only', '--skip', '--rules', '--config', '--quiet', '--no-color', '--debug', '--max-bytes']) {
      expect(run.stdout).toContain(option);
    }
  });
});

describe('init', () => {
  it('writes the starter config, then refuses to overwrite it', async () => {
    const here = join(dir, 'init-here');
    await mkdir(here);
    const first = await runCli(['init'], { cwd: here });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(await readFile(join(here, '.gap-check.yaml'), 'utf8')).toBe(STARTER_CONFIG);

    await writeFile(join(here, '.gap-check.yaml'), 'failOn: never\n');
    const second = await runCli(['init'], { cwd: here });
    expectOneLineError(second, /^gap-check: \.gap-check\.yaml: already exists; not overwritten/);
    expect(await readFile(join(here, '.gap-check.yaml'), 'utf8')).toBe('failOn: never\n');
  });
});

describe.concurrent('usage errors: exit 2, one line on stderr, no stack trace', () => {
  it('no arguments', async () => {
    expectOneLineError(await cli([]), /no input files/);
  });

  it('unknown option, with a suggestion', async () => {
    expectOneLineError(await cli(['law.md', '--formt', 'json']), /unknown option '--formt' \(Did you mean --format\?\)/);
  });

  it('unknown --format and --fail-on values name the allowed choices', async () => {
    expectOneLineError(await cli(['law.md', '--format', 'pdf']), /argument 'pdf' is invalid\. Allowed choices are text, json, sarif, github, markdown, html/);
    expectOneLineError(await cli(['law.md', '--fail-on', 'sometimes']), /Allowed choices are missing, partial, never/);
    expectOneLineError(await cli(['outline', 'law.md', '--format', 'html']), /Allowed choices are text, json/);
  });

  it('a mistyped command', async () => {
    expectOneLineError(await cli(['rule']), /unknown command "rule" \(did you mean "rules"\?\)/);
    expectOneLineError(await cli(['help', 'outlnie']), /unknown command "outlnie" \(did you mean "outline"\?\)/);
  });

  it('a bad --max-bytes', async () => {
    expectOneLineError(await cli(['law.md', '--max-bytes', 'lots']), /--max-bytes.*expected a size in bytes/);
  });

  it('too many arguments', async () => {
    expectOneLineError(await cli(['outline', 'law.md', 'other.md']), /too many arguments/);
  });
});

describe.concurrent('input errors: exit 2, one line on stderr, no stack trace', () => {
  it('missing file', async () => {
    expectOneLineError(await cli(['nope.md']), /^gap-check: nope\.md: no such file or directory$/);
    expectOneLineError(await cli(['outline', 'nope.md']), /^gap-check: nope\.md: no such file or directory$/);
  });

  it('a directory where a file is expected, an empty directory, a symlink loop', async () => {
    expectOneLineError(await cli(['outline', 'empty-dir']), /^gap-check: empty-dir: is a directory, not a file$/);
    expectOneLineError(await cli(['empty-dir']), /^gap-check: empty-dir: directory contains no \.md, \.markdown or \.txt files$/);
    const loop = await cli(['loop-dir', '--quiet']);
    expectOneLineError(loop, /^gap-check: loop-dir: directory contains no/);
  });

  it('a glob that matches nothing', async () => {
    expectOneLineError(await cli(['acts/**/*.md']), /^gap-check: acts\/\*\*\/\*\.md: pattern matches no files$/);
  });

  it('empty, whitespace-only and binary files', async () => {
    expectOneLineError(await cli(['outline', 'empty.md']), /^gap-check: empty\.md: file is empty$/);
    expectOneLineError(await cli(['outline', 'blank.txt']), /^gap-check: blank\.txt: file contains only whitespace$/);
    expectOneLineError(await cli(['outline', 'scan.md']), /^gap-check: scan\.md: looks like a PDF document, not text; convert it to plain text or Markdown first/);
    expectOneLineError(await cli(['outline', 'nul.txt']), /^gap-check: nul\.txt: contains NUL bytes/);
  });

  it('a file over --max-bytes names the limit', async () => {
    expectOneLineError(await cli(['outline', 'law.md', '--max-bytes', '100']), /^gap-check: law\.md: file is \d+ bytes, over the 100 bytes limit/);
  });

  it('--output into a directory that does not exist, or onto an input file', async () => {
    expectOneLineError(await cli(['law.md', '--output', 'no-such-dir/report.json']), /^gap-check: no-such-dir\/report\.json: cannot write the report: directory no-such-dir does not exist$/);
    expectOneLineError(await cli(['law.md', '--output', 'empty-dir']), /this is a directory/);
    const before = await readFile(join(dir, 'law.md'), 'utf8');
    expectOneLineError(await cli(['law.md', '--output', 'law.md']), /--output would overwrite the input file law\.md/);
    expect(await readFile(join(dir, 'law.md'), 'utf8')).toBe(before);
  });

  it('a bad config file names file, line and key', async () => {
    const here = join(dir, 'bad-config');
    await mkdir(here);
    await writeFile(join(here, 'law.md'), LAW);
    await writeFile(join(here, '.gap-check.yaml'), 'failOn: partial\nfail-on: missing\n');
    expectOneLineError(await runCli(['law.md'], { cwd: here }), /^gap-check: \.gap-check\.yaml:2: unknown key "fail-on" \(did you mean "failOn"\?\)/);
    expectOneLineError(await cli(['law.md', '--config', 'missing.yaml']), /^gap-check: missing\.yaml: config file not found$/);
  });

  it('--debug adds the stack trace, and only then', async () => {
    const plain = await cli(['outline', 'nope.md']);
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    const debug = await cli(['outline', 'nope.md', '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr.split('\n')[0]).toBe('gap-check: nope.md: no such file or directory');
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});

describe('colour decision', () => {
  const ctx = (isTTY: boolean, env: Record<string, string | undefined> = {}) => ({
    stdout: { write: () => true, isTTY },
    stderr: { write: () => true },
    cwd: '/',
    env,
  });
  it('is on only for a terminal without NO_COLOR and without --no-color', () => {
    expect(colorEnabled(ctx(true), undefined)).toBe(true);
    expect(colorEnabled(ctx(false), undefined)).toBe(false);
    expect(colorEnabled(ctx(true), false)).toBe(false);
    expect(colorEnabled(ctx(true, { NO_COLOR: '1' }), undefined)).toBe(false);
    // The NO_COLOR convention: an empty value does not count.
    expect(colorEnabled(ctx(true, { NO_COLOR: '' }), undefined)).toBe(true);
  });
});

describe('atomic --output', () => {
  it('leaves no temporary file behind when the write fails', async () => {
    const target = join(dir, 'atomic');
    await mkdir(join(target, 'occupied'), { recursive: true });
    await expect(writeFileAtomic(join(target, 'occupied'), 'report\n', 'occupied')).rejects.toMatchObject({ code: 'write-failed', file: 'occupied' });
    expect(await readdir(target)).toEqual(['occupied']);
    await writeFileAtomic(join(target, 'report.txt'), 'first\n');
    await writeFileAtomic(join(target, 'report.txt'), 'second\n');
    expect(await readFile(join(target, 'report.txt'), 'utf8')).toBe('second\n');
    expect((await readdir(target)).sort()).toEqual(['occupied', 'report.txt']);
  });
});

describe('main() in-process', () => {
  it('never writes outside the given streams and returns the exit code', async () => {
    let out = '';
    let err = '';
    const code = await main({
      argv: ['--version'],
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      cwd: dir,
      env: {},
    });
    expect(code).toBe(0);
    expect(out).toBe(`${pkg.version}\n`);
    expect(err).toBe('');
  });

  it('returns 130 when aborted', async () => {
    let err = '';
    const controller = new AbortController();
    controller.abort();
    const code = await main({
      argv: ['law.md'],
      stdout: { write: () => true },
      stderr: { write: (s: string) => (err += s) },
      cwd: dir,
      env: {},
      signal: controller.signal,
    });
    expect(code).toBe(130);
    expect(err).toBe('gap-check: interrupted\n');
  });
});

// ---------------------------------------------------------------------------------------------------------
// The check path, end to end: these need the engine (rule pack, parser, structure, evaluation, formatters).

/** The exit code the report itself implies, computed from the JSON report rather than assumed. */
function impliedExit(report: { measures: Array<{ status: string }> }, failOn: 'missing' | 'partial' | 'never'): number {
  if (failOn === 'never') return 0;
  const gap = report.measures.some((m) => m.status === 'missing' || (failOn === 'partial' && m.status === 'partial'));
  return gap ? 1 : 0;
}

describe.concurrent('check (end to end)', () => {
  it('exit codes follow --fail-on and the verdicts in the report', async () => {
    const json = await cli(['law.md', '--format', 'json']);
    expect(json.stderr, json.stderr).toBe('');
    const report = JSON.parse(json.stdout) as { files: Array<{ path: string }>; measures: Array<{ status: string }> };
    expect(report.files.map((f) => f.path)).toEqual(['law.md']);
    expect(json.code).toBe(impliedExit(report, 'partial'));
    expect((await cli(['law.md', '--format', 'json', '--fail-on', 'missing'])).code).toBe(impliedExit(report, 'missing'));
    expect((await cli(['law.md', '--format', 'json', '--fail-on', 'never'])).code).toBe(0);
  });

  it('a file that fails in a batch is reported on stderr, the others are still checked, exit 2', async () => {
    const run = await cli(['law.md', 'nope.md', 'empty.md', 'scan.md', '--format', 'json']);
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toEqual([
      'gap-check: nope.md: no such file or directory',
      'gap-check: empty.md: file is empty',
      expect.stringMatching(/^gap-check: scan\.md: looks like a PDF document/),
    ]);
    const report = JSON.parse(run.stdout) as { files: Array<{ path: string }> };
    expect(report.files.map((f) => f.path)).toEqual(['law.md']);
  });

  it('a lone unreadable file gives no report, one line and exit 2', async () => {
    expectOneLineError(await cli(['scan.md']), /^gap-check: scan\.md: looks like a PDF document/);
    expectOneLineError(await cli(['blank.txt']), /^gap-check: blank\.txt: file contains only whitespace$/);
  });

  it('--output writes the same bytes as stdout, atomically, leaving no temporary file', async () => {
    const out = join(dir, 'reports');
    await mkdir(out, { recursive: true });
    const toStdout = await cli(['law.md', '--format', 'json']);
    const toFile = await cli(['law.md', '--format', 'json', '--output', 'reports/report.json']);
    expect(toFile.code).toBe(toStdout.code);
    expect(toFile.stdout).toBe('');
    expect(await readFile(join(out, 'report.json'), 'utf8')).toBe(toStdout.stdout);
    expect(await readdir(out)).toEqual(['report.json']);
  });

  it('unknown ids in --only / --skip stop the run with the nearest id or the list', async () => {
    expectOneLineError(await cli(['law.md', '--only', 'def-child-agee']), /--only: unknown measure id "def-child-agee" \(did you mean "def-child-age"\?\)/);
    expectOneLineError(await cli(['law.md', '--skip', 'def-child-age,completely-unrelated']), /--skip: unknown measure id "completely-unrelated"; known ids: .*def-child-age/);
  });

  it('--only restricts the report to the measures named', async () => {
    const run = await cli(['law.md', '--format', 'json', '--only', 'def-child-age,poa-25-sale']);
    const report = JSON.parse(run.stdout) as { measures: Array<{ id: string; status: string }> };
    expect(report.measures.map((m) => m.id).sort()).toEqual(['def-child-age', 'poa-25-sale']);
    expect(run.code).toBe(impliedExit(report, 'partial'));
  });

  it('config: satisfied-elsewhere is reported with its justification and never counts as met', async () => {
    const here = join(dir, 'with-config');
    await mkdir(here, { recursive: true });
    await writeFile(join(here, 'law.md'), LAW);
    await writeFile(
      join(here, '.gap-check.yaml'),
      'measures:\n  poa-28-minimum-age:\n    status: satisfied-elsewhere\n    citation: "Employment (Test) Act, s. 4"\n    justification: Set by the labour code.\nonly: [poa-28-minimum-age]\n',
    );
    const run = await runCli(['law.md', '--format', 'json'], { cwd: here });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { summary: Record<string, number>; measures: Array<Record<string, unknown>> };
    expect(report.measures).toHaveLength(1);
    expect(report.measures[0]).toMatchObject({ id: 'poa-28-minimum-age', status: 'satisfied-elsewhere', justification: 'Set by the labour code.' });
    expect(report.summary).toMatchObject({ met: 0, satisfiedElsewhere: 1 });
    expect(run.code).toBe(0);
  });

  it('config: an unknown measure id is reported at its line', async () => {
    const here = join(dir, 'config-typo');
    await mkdir(here, { recursive: true });
    await writeFile(join(here, 'law.md'), LAW);
    await writeFile(join(here, '.gap-check.yaml'), 'failOn: missing\nskip:\n  - def-child-agee\n');
    expectOneLineError(await runCli(['law.md'], { cwd: here }), /^gap-check: \.gap-check\.yaml:3: skip: unknown measure id "def-child-agee" \(did you mean "def-child-age"\?\)/);
  });

  it('colour only on a terminal, and never with NO_COLOR or --no-color', async () => {
    const run = async (argv: string[], isTTY: boolean, env: Record<string, string> = {}) => {
      let out = '';
      await main({ argv, stdout: { write: (s: string) => (out += s), isTTY }, stderr: { write: () => true }, cwd: dir, env });
      return out;
    };
    const ansi = /\u001b\[/;
    expect(await run(['law.md'], true)).toMatch(ansi);
    expect(await run(['law.md'], false)).not.toMatch(ansi);
    expect(await run(['law.md'], true, { NO_COLOR: '1' })).not.toMatch(ansi);
    expect(await run(['law.md', '--no-color'], true)).not.toMatch(ansi);
  });

  it('same input, same bytes out', async () => {
    const a = await cli(['law.md', '--format', 'json']);
    const b = await cli(['law.md', '--format', 'json']);
    expect([0, 1]).toContain(a.code);
    expect(a.stdout).not.toBe('');
    expect(a.stdout).toBe(b.stdout);
  });
});

describe.concurrent('rules, explain, outline (end to end)', () => {
  it('rules lists every measure, as text and as JSON', async () => {
    const text = await cli(['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('def-child-age');
    const json = await cli(['rules', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { rulePack: { name: string }; measures: Array<{ id: string; requirement: string }> };
    expect(parsed.measures.length).toBeGreaterThan(0);
    for (const m of parsed.measures) expect(text.stdout).toContain(m.id);
  });

  it('explain shows one measure, and an unknown id gets the nearest', async () => {
    const run = await cli(['explain', 'def-child-age']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^def-child-age: /);
    expect(run.stdout).toContain('Requirement');
    expectOneLineError(await cli(['explain', 'def-child-agee']), /unknown measure id "def-child-agee" \(did you mean "def-child-age"\?\)/);
  });

  it('outline prints the provision tree as text and JSON', async () => {
    const text = await cli(['outline', 'law.md']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Part I/);
    const json = await cli(['outline', 'law.md', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });
});
