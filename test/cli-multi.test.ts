// Several documents at once, as users run them (`node bin/gap-check.js`): one legal system or --per-file,
// byte-identical output whatever the thread count or input order, definitions kept to their own document,
// `diff`, `--baseline` and `matrix`. Fixtures: fixtures/amendment/ and fixtures/countries/ (fictional statutes).
import { readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import { ROOT, expectOneLineError, makeTempDir, removeTempDir, runCli } from './helpers/cli.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schema', name), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(schema('report.schema.json'));
const validatePerFile = ajv.compile(schema('report-per-file.schema.json'));
const validateDiff = ajv.compile(schema('diff.schema.json'));

const OLD = 'fixtures/amendment/act-2019.md';
const NEW = 'fixtures/amendment/act-2024.md';
const COUNTRIES = ['fixtures/countries/kestrel-islands', 'fixtures/countries/norvale', 'fixtures/countries/ostravia'];

// Two acts of one fictional country. The Interpretation Act defines "child" as under 16 "in this Act"; the
// Offences Act uses "child" without defining it. The control puts the same definition inside the Offences Act.
const DEFS = `# Interpretation Act

## 1. Meaning of child

In this Act, "child" means a person under the age of sixteen years.
`;
const OFFENCES = `# Offences Act

## 1. Sale of a child

A person who sells a child, or who transfers a child to another person for payment or other reward, commits an offence and is liable on conviction to imprisonment for a term not exceeding fifteen years.

## 2. Procuring a child for prostitution

A person who procures, offers or obtains a child for prostitution commits an offence and is liable on conviction to imprisonment for a term not exceeding fifteen years.
`;
const OFFENCES_WITH_DEF = OFFENCES.replace('# Offences Act\n', `# Offences Act\n\n## 0. Interpretation\n\nIn this Act, "child" means a person under the age of sixteen years.\n`);
const ADULT_DEF = DEFS.replace('sixteen', 'eighteen');
// A third act with a measure of its own (witness protection), for evidence from more than one file.
const WITNESSES = `# Witnesses Act

## 1. Protection of witnesses

The identity of a child victim or child witness shall not be disclosed at any stage of the proceedings.
`;

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('gap-check-multi-');
  await writeFile(join(dir, 'defs.md'), DEFS);
  await writeFile(join(dir, 'offences.md'), OFFENCES);
  await writeFile(join(dir, 'offences-def.md'), OFFENCES_WITH_DEF);
  await writeFile(join(dir, 'adult-def.md'), ADULT_DEF);
  await writeFile(join(dir, 'witnesses.md'), WITNESSES);
  await writeFile(join(dir, 'defs-rewrapped.md'), DEFS.replace('under the age', 'under\nthe  age'));
  await writeFile(join(dir, 'binary.md'), Buffer.from([0x41, 0x00, 0x00, 0x01, 0x42, 0x00, 0xff, 0x00, 0x00]));
  // Two versions of a small code as directories, for `diff old/ new/`.
  await mkdir(join(dir, 'code-2019'));
  await mkdir(join(dir, 'code-2024'));
  for (const d of ['code-2019', 'code-2024']) await writeFile(join(dir, d, 'interpretation.md'), DEFS);
  await cp(join(ROOT, OLD), join(dir, 'code-2019', 'act.md'));
  await cp(join(ROOT, NEW), join(dir, 'code-2024', 'act.md'));
});
afterAll(async () => {
  await removeTempDir(dir);
});

const inDir = (args: string[]) => runCli(args, { cwd: dir });
const statuses = (json: string) => Object.fromEntries((JSON.parse(json) as { measures: Array<{ id: string; status: string }> }).measures.map((m) => [m.id, m.status]));

describe.concurrent('one legal system', () => {
  it('names the file of each piece of evidence in text and json when several files are checked', async () => {
    const [text, json] = await Promise.all([inDir(['witnesses.md', 'offences.md']), inDir(['witnesses.md', 'offences.md', '--format', 'json'])]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/Evidence: s\. 1 [^“]*lines 3–5,\s+witnesses\.md\n/);
    expect(text.stdout).toMatch(/Evidence: \[conduct\] s\. 1 [^“]*lines 3–5,\s+offences\.md\n/);
    const report = JSON.parse(json.stdout) as { files: Array<{ path: string }>; measures: Array<{ evidence: Array<{ file: string }> }> };
    expect(report.files.map((f) => f.path)).toEqual(['offences.md', 'witnesses.md']);
    const evidenceFiles = new Set(report.measures.flatMap((m) => m.evidence.map((e) => e.file)));
    expect([...evidenceFiles].sort()).toEqual(['offences.md', 'witnesses.md']);
  });

  it('keeps a definition to its own document: "child" defined in one act does not define it in another', async () => {
    const only = ['--only', 'def-child-age,poa-25-sale,poa-25-sexual-exploitation', '--format', 'json'];
    const [alone, together, control] = await Promise.all([inDir(['offences.md', ...only]), inDir(['defs.md', 'offences.md', ...only]), inDir(['offences-def.md', ...only])]);
    // The control shows the definition does change the verdicts when it is in the same document ...
    expect(statuses(control.stdout)['poa-25-sale']).toBe('partial');
    expect(statuses(control.stdout)['poa-25-sale']).not.toBe(statuses(alone.stdout)['poa-25-sale']);
    // ... but the Interpretation Act's definition does not reach the Offences Act.
    const t = statuses(together.stdout);
    const a = statuses(alone.stdout);
    expect(t['poa-25-sale']).toBe(a['poa-25-sale']);
    expect(t['poa-25-sexual-exploitation']).toBe(a['poa-25-sexual-exploitation']);
    // Nor does it say who is a child for those offences: the age of a child is judged in the act that holds the
    // child offences, which defines none (the config's definitionsFrom would apply it; see definitions-from).
    expect(t['def-child-age']).toBe('missing');
    // The reason points the drafter to the definition that does not apply, and to the way to apply it.
    const reason = (JSON.parse(together.stdout) as { measures: Array<{ id: string; reason: string }> }).measures.find((m) => m.id === 'def-child-age')!.reason;
    expect(reason).toContain('defs.md (s. 1)');
    expect(reason).toContain('definitionsFrom');
    expect(statuses(control.stdout)['def-child-age']).toBe('partial');
  });

  it('is byte-identical whatever the thread count and the order the inputs are given in', async () => {
    const inputs = [...COUNTRIES, OLD];
    const reversed = [...inputs].reverse();
    const check = (files: string[], threads: string, format: string) => runCli(['check', ...files, '--threads', threads, '--format', format]);
    const [text1, text2, json1, json2, json3] = await Promise.all([
      check(inputs, '1', 'text'),
      check(reversed, '2', 'text'),
      check(reversed, '1', 'json'),
      check(inputs, '2', 'json'),
      check(reversed, '3', 'json'),
    ]);
    for (const run of [text1, text2, json1, json2, json3]) expect(run.code, run.stderr).toBe(1);
    expect(text2.stdout).toBe(text1.stdout);
    expect(json2.stdout).toBe(json1.stdout);
    expect(json3.stdout).toBe(json1.stdout);
    // Sorted: the report lists the files in code-unit order, not in argument order.
    const paths = (JSON.parse(json1.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toHaveLength(5);
  });

  it('many files on worker threads: no Node warning on stderr (one abort listener per queued file once leaked)', async () => {
    const run = await runCli(['check', 'fixtures/statutes', '--threads', '2', '--format', 'json', '--only', 'def-child-age']);
    expect([0, 1]).toContain(run.code);
    expect(JSON.parse(run.stdout).files.length).toBeGreaterThan(11);
    expect(run.stderr).not.toMatch(/MaxListenersExceeded|\(node:\d+\)/);
  });

  it('reports an unreadable file (exit 2) and still checks the others', async () => {
    const run = await inDir(['offences.md', 'no-such.md', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gap-check: no-such\.md: /m);
    expect(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path)).toEqual(['offences.md']);
  });

  it('--threads takes a whole number from 1', async () => {
    for (const bad of ['0', 'two', '1.5']) expectOneLineError(await inDir(['offences.md', '--threads', bad]), /--threads/);
  });
});

describe.concurrent('--per-file', () => {
  it('text: one report per file, exit code the worst of them', async () => {
    const args = ['--per-file', '--only', 'def-child-age'];
    const [both, good] = await Promise.all([inDir(['adult-def.md', 'defs.md', ...args]), inDir(['adult-def.md', ...args])]);
    expect(good.code).toBe(0);
    expect(both.code).toBe(1);
    const headers = both.stdout.match(/^gap-check \S+ report$/gm) ?? [];
    expect(headers).toHaveLength(2);
    const [first, second] = both.stdout.split(/\n(?=gap-check \S+ report\n)/);
    expect(first).toMatch(/File: +adult-def\.md/);
    expect(first).toContain('1 measure: 1 met, 0 partial, 0 missing');
    expect(second).toMatch(/File: +defs\.md/);
    expect(second).toContain('1 measure: 0 met, 1 partial, 0 missing');
    // Judged on its own, the Offences Act has no definition of a child at all.
    const offences = await inDir(['defs.md', 'offences.md', ...args, '--format', 'json']);
    expect(JSON.parse(offences.stdout).reports.map((r: { measures: Array<{ status: string }> }) => r.measures[0]!.status)).toEqual(['partial', 'missing']);
  });

  it('json: a {perFile, reports} wrapper valid against schema/report-per-file.schema.json; read errors beside the reports', async () => {
    // binary.md exists but cannot be read as text: a read error, after the inputs were expanded.
    const run = await inDir(['offences.md', 'defs.md', 'binary.md', '--per-file', '--format', 'json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(validatePerFile(json), JSON.stringify(validatePerFile.errors)).toBe(true);
    expect(json.perFile).toBe(true);
    expect(json.reports.map((r: { files: Array<{ path: string }> }) => r.files.map((f) => f.path))).toEqual([['defs.md'], ['offences.md']]);
    expect(json.diagnostics).toHaveLength(1);
    expect(json.diagnostics[0]).toMatchObject({ severity: 'error', file: 'binary.md' });
    expect(run.stderr).toMatch(/^gap-check: binary\.md: /m);
  });

  it('sarif: one run per file; html is refused with a one-line error', async () => {
    const [sarif, html] = await Promise.all([inDir(['defs.md', 'offences.md', '--per-file', '--format', 'sarif']), inDir(['defs.md', 'offences.md', '--per-file', '--format', 'html'])]);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(2);
    expectOneLineError(html, /--per-file cannot be used with --format html/);
  });
});

describe.concurrent('diff', () => {
  it('an amendment that adds provisions: better measures with evidence on both sides, exit 0', async () => {
    const run = await runCli(['diff', OLD, NEW]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('▲ better     poa-53-possession: partial → met (Part II > s. 7(2) added)');
    expect(run.stdout).toMatch(/0 worse/);
    // The possession block shows the old provision (s. 5(1), with intent) and the new one (s. 7(2)).
    const block = run.stdout.slice(run.stdout.indexOf('poa-53-possession: partial'));
    expect(block).toMatch(/Before: partial\n\s+Evidence: \[conduct\] Part II > s\. 5\(1\)/);
    expect(block).toMatch(/After: met\n\s+Evidence: \[conduct\] Part II > s\. 7\(2\)/);
  });

  it('the reverse (provisions removed) is worse: exit 1; json valid against schema/diff.schema.json', async () => {
    const [text, json] = await Promise.all([runCli(['diff', NEW, OLD]), runCli(['diff', NEW, OLD, '--format', 'json'])]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('▼ worse      poa-53-possession: met → partial (Part II > s. 7(2) removed)');
    expect(json.code).toBe(1);
    const data = JSON.parse(json.stdout);
    expect(validateDiff(data), JSON.stringify(validateDiff.errors)).toBe(true);
    const change = data.changes.find((c: { id: string }) => c.id === 'poa-53-possession');
    expect(change).toMatchObject({ from: 'met', to: 'partial', direction: 'worse' });
    expect(change.provision).toEqual({ file: NEW, citation: 'Part II > s. 7(2)', change: 'removed' });
    expect(change.before.evidence[0].citation).toBe('Part II > s. 7(2)');
    expect(change.after.evidence[0].citation).toBe('Part II > s. 5(1)');
    expect(data.summary.worse).toBeGreaterThan(0);
    expect(data.summary.worse).toBe(data.changes.filter((c: { direction: string }) => c.direction === 'worse').length);
  });

  it('compares directories, each one legal system; the same text twice changes nothing', async () => {
    const [dirs, same] = await Promise.all([inDir(['diff', 'code-2019', 'code-2024', '--format', 'json']), runCli(['diff', OLD, OLD])]);
    expect(dirs.code).toBe(0);
    const data = JSON.parse(dirs.stdout);
    expect(data.old.files.map((f: { path: string }) => f.path)).toEqual(['code-2019/act.md', 'code-2019/interpretation.md']);
    const possession = data.changes.find((c: { id: string }) => c.id === 'poa-53-possession');
    // Files are paired by their path inside the directories compared.
    expect(possession.provision).toEqual({ file: 'code-2024/act.md', citation: 'Part II > s. 7(2)', change: 'added' });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No measure changed status (28 measures compared).');
  });

  it('says a provision was amended when its words changed, and not when only its wrapping did', async () => {
    const [amended, rewrapped] = await Promise.all([
      inDir(['diff', 'defs.md', 'adult-def.md', '--format', 'json']),
      inDir(['diff', 'defs.md', 'defs-rewrapped.md']),
    ]);
    expect(amended.code).toBe(0);
    const change = JSON.parse(amended.stdout).changes.find((c: { id: string }) => c.id === 'def-child-age');
    expect(change).toMatchObject({ from: 'partial', to: 'met', provision: { file: 'adult-def.md', citation: 's. 1', change: 'amended' } });
    expect(change.summary).toBe('def-child-age: partial → met (s. 1 amended)');
    expect(rewrapped.stdout).toContain('No measure changed status');
  });

  it('errors: exit 2, one line, no diff', async () => {
    expectOneLineError(await runCli(['diff', OLD, 'fixtures/amendment/nope.md']), /nope\.md/);
    expectOneLineError(await runCli(['diff', OLD]), /missing required argument 'new'/);
  });
});

describe.concurrent('--baseline', () => {
  let base2024: string;
  let base2019: string;
  beforeAll(async () => {
    base2024 = join(dir, 'baseline-2024.json');
    base2019 = join(dir, 'baseline-2019.json');
    const [a, b] = await Promise.all([runCli(['check', NEW, '--format', 'json', '--output', base2024]), runCli(['check', OLD, '--format', 'json', '--output', base2019])]);
    expect([a.code, b.code]).toEqual([1, 1]);
  });

  it('fails only on measures worse than the baseline and names them', async () => {
    const run = await runCli(['check', OLD, '--baseline', base2024, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^gap-check: warning: regression against the baseline: poa-53-possession: met → partial \(baseline had Part II > s\. 7\(2\)\)$/m);
    expect(run.stderr).toMatch(/^gap-check: \d+ measures fail against the baseline /m);
    const diagnostics = JSON.parse(run.stdout).diagnostics as Array<{ code: string; message: string }>;
    expect(diagnostics.filter((d) => d.code === 'baseline-regression').map((d) => d.message)).toContain(
      'regression against the baseline: poa-53-possession: met → partial (baseline had Part II > s. 7(2))',
    );
  });

  it('passes known gaps: the same or a better text exits 0 although gaps remain', async () => {
    const [same, better, plain] = await Promise.all([
      runCli(['check', NEW, '--baseline', base2024, '--quiet']),
      runCli(['check', NEW, '--baseline', base2019]),
      runCli(['check', NEW, '--quiet']),
    ]);
    expect(plain.code).toBe(1); // the amended act still has gaps
    expect(same.code).toBe(0);
    expect(same.stderr).toBe('');
    expect(better.code).toBe(0);
    expect(better.stdout).toContain('✖ missing'); // the report still shows the known gaps
    expect(better.stderr).toMatch(/no measure is worse than in the baseline/);
  });

  it('with --quiet the regressions still reach stderr; --fail-on missing ignores a drop to partial', async () => {
    const [quiet, lenient] = await Promise.all([
      runCli(['check', OLD, '--baseline', base2024, '--quiet']),
      runCli(['check', OLD, '--baseline', base2024, '--fail-on', 'missing', '--only', 'poa-53-possession']),
    ]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toContain('regression against the baseline: poa-53-possession: met → partial');
    expect(lenient.code).toBe(0);
  });

  it('refuses what is not a JSON report, in one line', async () => {
    const sarif = join(dir, 'report.sarif');
    await writeFile(sarif, (await runCli(['check', NEW, '--format', 'sarif'])).stdout);
    const runs = await Promise.all([
      runCli(['check', NEW, '--baseline', join(dir, 'nothing.json')]),
      runCli(['check', NEW, '--baseline', NEW]),
      runCli(['check', NEW, '--baseline', sarif]),
      runCli(['check', NEW, '--per-file', '--baseline', base2024]),
    ]);
    expectOneLineError(runs[0]!, /--baseline: file not found/);
    expectOneLineError(runs[1]!, /--baseline: not JSON/);
    expectOneLineError(runs[2]!, /--baseline: this is a SARIF log/);
    expectOneLineError(runs[3]!, /with --per-file the baseline must be a --per-file --format json report/);
  });

  it('--per-file: matched by file; a file the baseline lacks fails as without --baseline', async () => {
    const base = join(dir, 'per-file-base.json');
    await writeFile(base, (await inDir(['defs.md', 'offences.md', '--per-file', '--format', 'json'])).stdout);
    const [same, extra] = await Promise.all([
      inDir(['offences.md', 'defs.md', '--per-file', '--baseline', base]),
      inDir(['defs.md', 'offences.md', 'adult-def.md', '--per-file', '--baseline', base, '--format', 'json']),
    ]);
    expect(same.code).toBe(0);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toMatch(/^gap-check: adult-def\.md: warning: not in the baseline, so its \d+ gaps fail as without --baseline$/m);
  });
});

describe.concurrent('matrix', () => {
  it('markdown (default): one column per country, named by jurisdiction or folder; exit 0 despite gaps', async () => {
    const run = await runCli(['matrix', ...COUNTRIES]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('| Measure | Source | kestrel-islands | norvale | Republic of Ostravia |');
    expect(lines).toHaveLength(2 + 28 + 1);
    // Ostravia's two acts form one legal system: its penal code and its children's act both count.
    const row = (id: string) => lines.find((l) => l.startsWith(`| \`${id}\``))!.split(' | ').slice(-3).map((c) => c.replace(/ \|$/, ''));
    expect(row('poa-28-minimum-age')[2]).toBe('met');
    expect(row('poa-25-sale')[2]).toBe('met');
    expect(row('def-child-age')).toEqual(['missing', 'partial', 'met']);
  });

  it('csv and html agree with the markdown cells', async () => {
    const [csv, html] = await Promise.all([runCli(['matrix', ...COUNTRIES, '--format', 'csv']), runCli(['matrix', ...COUNTRIES, '--format', 'html'])]);
    const rows = csv.stdout.split('\r\n');
    expect(rows[0]).toBe('measure,source,title,kestrel-islands,norvale,Republic of Ostravia');
    expect(rows.find((r) => r.startsWith('def-child-age,'))).toBe('def-child-age,POA 27,Definition of a child as a person under 18,missing,partial,met');
    expect(rows.at(-1)).toBe('');
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).not.toMatch(/<(script|link|img)\b|\bsrc=/i);
    expect(html.stdout).toContain('<th scope="col">Republic of Ostravia</th>');
    expect(html.stdout).toMatch(/<code>def-child-age<\/code>.*<td class="s-missing">missing<\/td><td class="s-partial">partial<\/td><td class="s-met">met<\/td><\/tr>/);
  });

  it('--output writes the file atomically and nothing to stdout; errors exit 2 with no table', async () => {
    const out = join(dir, 'matrix.html');
    const run = await runCli(['matrix', ...COUNTRIES, '--format', 'html', '--output', out]);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(await readFile(out, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    expect((await readdir(dir)).filter((f) => f.startsWith('.gap-check-tmp-'))).toEqual([]);
    expectOneLineError(await runCli(['matrix', COUNTRIES[0]!, 'fixtures/countries/atlantis']), /atlantis/);
  });
});

describe.concurrent('help', () => {
  it('documents the new commands and options with examples', async () => {
    const [diff, matrix, check, main] = await Promise.all([runCli(['diff', '--help']), runCli(['matrix', '--help']), runCli(['check', '--help']), runCli(['--help'])]);
    expect(diff.stdout).toMatch(/^Usage: gap-check diff \[options\] <old> <new>/);
    expect(diff.stdout).toMatch(/Examples:\n\s+\$ gap-check diff /);
    expect(matrix.stdout).toMatch(/^Usage: gap-check matrix \[options\] <countries\.\.\.>/);
    expect(matrix.stdout).toMatch(/Examples:\n\s+\$ gap-check matrix /);
    for (const option of ['--per-file', '--baseline <report.json>', '--threads <n>']) expect(check.stdout).toContain(option);
    expect(check.stdout).toMatch(/\$ gap-check check .*--per-file/);
    expect(check.stdout).toMatch(/\$ gap-check check .*--baseline/);
    expect(main.stdout).toMatch(/\n {2}diff /);
    expect(main.stdout).toMatch(/\n {2}matrix /);
  });
});
