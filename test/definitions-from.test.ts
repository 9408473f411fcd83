// Definitions across documents. By default a definition stays in its own document; the config key
// `definitionsFrom` lets a document apply another's document-wide definitions ("words have the meaning given in
// the Interpretation Act"). Checked through the library (in-memory documents and files read in worker threads,
// which must agree), through the CLI with a config file, and the config's validation. Statutes are fictional.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocuments, checkFiles, statuteFromString } from '../dist/check.js';
import { loadRulePack } from '../dist/rules/index.js';
import { parseConfig } from '../dist/config/config.js';
import type { CheckResult, RulePack } from '../dist/types.js';
import { expectOneLineError, makeTempDir, removeTempDir, runCli } from './helpers/cli.js';

// The Interpretation Act defines two terms for the whole Act: "child" (under 16, so offences relying on it
// protect too few) and "prohibited image" (what the images offence is about, in the definition's words only).
const INTERPRETATION = `# Interpretation Act

## 1. Definitions

In this Act,

"child" means a person under the age of sixteen years;

"prohibited image" means any photograph, film or other visual representation that shows a person under the age of eighteen years engaged in explicit sexual activity.

## 2. Meaning in Part II only

In Part II, "dealer" means a person who sells goods.
`;
// Uses both terms without defining them.
const OFFENCES = `# Offences Act

## 1. Sale of a child

A person who sells a child, or who transfers a child to another person for payment or other reward, commits an offence and is liable on conviction to imprisonment for a term not exceeding fifteen years.

## 2. Possession of prohibited images

A person who possesses a prohibited image commits an offence and is liable on conviction to imprisonment for a term not exceeding ten years.
`;
// Applies the Offences Act's definitions, which define nothing of their own: a chain does not carry the
// Interpretation Act's definitions through (each entry names the documents whose own definitions apply).
const LATER = `# Later Act

## 1. Possession

A person who possesses a prohibited image commits an offence and is liable on conviction to imprisonment for a term not exceeding five years.
`;

const ONLY = ['poa-25-sale', 'poa-53-possession', 'def-child-age'];
let pack: RulePack;
let dir: string;
beforeAll(async () => {
  pack = await loadRulePack();
  dir = await makeTempDir('gap-check-defs-');
  await writeFile(join(dir, 'interpretation.md'), INTERPRETATION);
  await writeFile(join(dir, 'offences.md'), OFFENCES);
  await writeFile(join(dir, 'later.md'), LATER);
});
afterAll(async () => {
  await removeTempDir(dir);
});

const status = (r: CheckResult, id: string) => r.measures.find((m) => m.id === id)!.status;
const measure = (r: CheckResult, id: string) => r.measures.find((m) => m.id === id)!;

describe('definitionsFrom through the library', () => {
  const docs = () => [statuteFromString(INTERPRETATION, 'interpretation.md'), statuteFromString(OFFENCES, 'offences.md')];

  it('without it, the other act\'s definitions do not reach the offences', () => {
    const r = checkDocuments(docs(), { pack, only: ONLY });
    expect(status(r, 'poa-53-possession')).toBe('missing');
    expect(status(r, 'poa-25-sale')).not.toBe('partial');
  });

  it('with it, the offences read the definitions: the object through "prohibited image", the age of "child"', () => {
    const r = checkDocuments(docs(), { pack, only: ONLY, definitionsFrom: [{ documents: ['offences.md'], from: ['interpretation.md'] }] });
    const possession = measure(r, 'poa-53-possession');
    expect(possession.status).toBe('met');
    // The evidence names the file and section where the definition stands.
    expect(possession.evidence).toContainEqual(expect.objectContaining({ file: 'interpretation.md', citation: 's. 1', element: 'object (definition)' }));
    expect(possession.evidence).toContainEqual(expect.objectContaining({ file: 'offences.md', citation: 's. 2', element: 'conduct' }));
    const sale = measure(r, 'poa-25-sale');
    expect(sale.status).toBe('partial');
    expect(sale.reason).toMatch(/under 16/);
  });

  it('applies only document-wide definitions, and only in the direction given', () => {
    const reverse = checkDocuments(docs(), { pack, only: ONLY, definitionsFrom: [{ documents: ['interpretation.md'], from: ['offences.md'] }] });
    expect(status(reverse, 'poa-53-possession')).toBe('missing');
    const part = checkDocuments([statuteFromString(INTERPRETATION.replace('In this Act,', 'In this section,'), 'interpretation.md'), statuteFromString(OFFENCES, 'offences.md')], {
      pack, only: ONLY, definitionsFrom: [{ documents: ['offences.md'], from: ['interpretation.md'] }],
    });
    expect(status(part, 'poa-53-possession')).toBe('missing');
  });

  it('files read in worker threads give the same result as documents in memory, for any thread count and chain', async () => {
    const paths = ['interpretation.md', 'later.md', 'offences.md'].map((f) => join(dir, f));
    // later → offences → interpretation, and interpretation → later (a cycle): offences.md both applies and
    // supplies definitions, so its definitions are read in a pass of their own.
    const definitionsFrom = [
      { documents: [paths[2]], from: [paths[0]] },
      { documents: [paths[1]], from: [paths[2]] },
      { documents: [paths[0]], from: [paths[1]] },
    ];
    const options = { pack, only: ONLY, definitionsFrom };
    const [one, two] = await Promise.all([checkFiles(paths, { ...options, threads: 1 }), checkFiles(paths, { ...options, threads: 2 })]);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    const { readFileSync } = await import('node:fs');
    const inMemory = checkDocuments(paths.map((p) => statuteFromString(readFileSync(p, 'utf8'), p)), options);
    expect(JSON.stringify(inMemory.measures)).toBe(JSON.stringify(one.measures));
    expect(status(one, 'poa-53-possession')).toBe('met');
    // later.md applies offences.md's definitions, which has none: its own offence stays without an object.
    const later = checkDocuments([statuteFromString(OFFENCES, 'offences.md'), statuteFromString(LATER, 'later.md')], {
      pack, only: ONLY, definitionsFrom: [{ documents: ['later.md'], from: ['offences.md'] }],
    });
    expect(status(later, 'poa-53-possession')).toBe('missing');
  });
});

describe('definitionsFrom in the config', () => {
  it('is read from .gap-check.yaml (paths and globs relative to it) and changes the verdicts', async () => {
    await writeFile(join(dir, '.gap-check.yaml'), 'definitionsFrom:\n  offences.md: [interp*.md]\n');
    const args = ['interpretation.md', 'offences.md', '--only', ONLY.join(','), '--format', 'json'];
    const [one, two] = await Promise.all([runCli([...args, '--threads', '1'], { cwd: dir }), runCli([...args, '--threads', '2'], { cwd: dir })]);
    expect(one.code, one.stderr).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    const r = JSON.parse(one.stdout) as CheckResult;
    expect(status(r, 'poa-53-possession')).toBe('met');
    expect(status(r, 'poa-25-sale')).toBe('partial');
    expect(one.stderr).toBe('');
    // Without the config the same files keep their definitions to themselves.
    await writeFile(join(dir, 'empty.yaml'), '# no settings\n');
    const none = await runCli([...args, '--config', 'empty.yaml'], { cwd: dir });
    expect(status(JSON.parse(none.stdout) as CheckResult, 'poa-53-possession')).toBe('missing');
  });

  it('warns when an entry names none of the files checked', async () => {
    await writeFile(join(dir, 'typo.yaml'), 'definitionsFrom:\n  ofences.md: [interpretation.md]\n');
    const run = await runCli(['interpretation.md', 'offences.md', '--only', 'poa-53-possession', '--config', 'typo.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^gap-check: typo\.yaml:2: warning: definitionsFrom: "ofences\.md" matches none of the files being checked/m);
    expect(run.stdout).toMatch(/missing\s+poa-53-possession/);
  });

  it('refuses a malformed entry with file and line', async () => {
    expect(() => parseConfig('only: [poa-25-sale]\ndefinitionsFrom: [offences.md]\n', 'cfg.yaml', '/p')).toThrow(/definitionsFrom: expected a mapping/);
    expect(() => parseConfig('definitionsFrom:\n  offences.md: interpretation.md\n', 'cfg.yaml', '/p')).toThrow(/definitionsFrom\.offences\.md: expected a list/);
    await writeFile(join(dir, 'bad.yaml'), 'definitionsFrom:\n  offences.md: 7\n');
    expectOneLineError(await runCli(['offences.md', '--config', 'bad.yaml'], { cwd: dir }), /bad\.yaml:2: .*definitionsFrom\.offences\.md: expected a list/);
  });
});
