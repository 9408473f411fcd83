// Rule-pack validation: every mistake in a user's pack (`--rules DIR`) is refused before anything runs, as one
// error naming the file, the line and what was expected, with the nearest valid name when there is one.
// Each case writes a small pack to a temporary directory: a valid rule and concept file, then one mistake.
// Expected line numbers are found from the YAML text itself (the line holding a marker), not typed in.
//
// Examples whose verdict is wrong are not a load error: the loader does not run the engine (loading must stay
// fast, and a user pack's examples are the user's documentation). The default pack's examples are replayed by
// test/rule-examples.test.ts; the last case here shows that a user pack with a wrong example still loads.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkText } from '../dist/check.js';
import { loadRulePack } from '../dist/rules/index.js';
import { expectOneLineError, makeTempDir, removeTempDir, runCli } from './helpers/cli.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await makeTempDir('gap-check-rulepack-');
});
afterAll(async () => {
  await removeTempDir(root);
});

const CONCEPTS = `# Local vocabulary for the test pack.
concepts:
  local-begging:
    doc: forcing a child to beg
    phrases:
      - forces ..3 to beg
      - compels ..3 to beg
`;

const RULE = `# A local measure, in the shape of the built-in ones.
id: local-begging
instrument: Local policy
paragraphs: ['1']
source: Local 1
group: other
title: Forced begging is an offence
requirement: Forcing a child to beg is an offence.
met: Forcing a child to beg is an offence.
suggestion: Make it an offence to force a child to beg.
kind: offence
params:
  conduct: local-begging
  victim: child
examples:
- name: offence
  expect: met
  text: |
    3. A person who forces a child to beg commits an offence and is liable to imprisonment for five years.
- name: near-miss no offence
  expect: missing
  text: |
    3. Children should not beg.
`;

interface Pack {
  dir: string;
  ruleFile: string;
  conceptFile: string;
}

/** Write a pack (rule file `local-begging.yml` unless `ruleName` says otherwise) and return its paths. */
async function writePack(rule: string, concepts: string = CONCEPTS, ruleName = 'local-begging.yml'): Promise<Pack> {
  const dir = join(root, `pack-${++counter}`);
  await mkdir(join(dir, 'concepts'), { recursive: true });
  const ruleFile = join(dir, ruleName);
  const conceptFile = join(dir, 'concepts', 'local.yml');
  await writeFile(ruleFile, rule);
  await writeFile(conceptFile, concepts);
  return { dir, ruleFile, conceptFile };
}

/** 1-based line of the first line containing `marker` (searching from line `after`). */
function lineOf(text: string, marker: string, after = 1): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line, i) => i + 1 >= after && line.includes(marker));
  if (index === -1) throw new Error(`test setup: "${marker}" not in the YAML`);
  return index + 1;
}

/** The loader's refusal: a GapCheckError with code, file and line. */
async function refusal(pack: Pack): Promise<{ code: string; file: string; line: number; message: string }> {
  try {
    await loadRulePack({ dirs: [pack.dir] });
  } catch (error) {
    const e = error as { name: string; code: string; file: string; line: number; message: string };
    expect(e.name).toBe('GapCheckError');
    return e;
  }
  throw new Error('the pack was accepted');
}

describe('a valid pack', () => {
  it('loads, adding its rule and concept to the built-in pack', async () => {
    const pack = await writePack(RULE);
    const loaded = await loadRulePack({ dirs: [pack.dir] });
    expect(loaded.rules.map((r) => r.id)).toContain('local-begging');
    expect(loaded.concepts['local-begging']?.phrases).toEqual(['forces ..3 to beg', 'compels ..3 to beg']);
  });
});

describe.concurrent('rule files', () => {
  it('malformed YAML: the line of the syntax error', async () => {
    const rule = RULE.replace('title: Forced begging is an offence', 'title: [Forced begging is an offence');
    const e = await refusal(await writePack(rule));
    expect(e.message).toMatch(/^malformed YAML: /);
    // The flow sequence opened on the title line is never closed; YAML reports it where it finds out.
    expect(e.line).toBeGreaterThanOrEqual(lineOf(rule, 'title: ['));
    expect(e.file).toMatch(/local-begging\.yml$/);
  });

  it('malformed YAML: a tab-indented line is reported at that line', async () => {
    const rule = RULE.replace('  victim: child', '\tvictim: child');
    const e = await refusal(await writePack(rule));
    expect(e.message).toBe('malformed YAML: Tabs are not allowed as indentation');
    expect(e.line).toBe(lineOf(rule, '\tvictim: child'));
  });

  it('unknown kind: names the nearest kind and every valid kind, at the kind line', async () => {
    const rule = RULE.replace('kind: offence', 'kind: ofence');
    const e = await refusal(await writePack(rule));
    expect(e.message).toBe('unknown rule kind "ofence" (did you mean "offence"?); valid kinds: offence, definition, provision, coverage, penalty');
    expect(e.line).toBe(lineOf(rule, 'kind: ofence'));
  });

  it('unknown key: names the nearest key, at that key', async () => {
    const rule = RULE.replace('suggestion:', 'sugestion:');
    const e = await refusal(await writePack(rule));
    expect(e.message).toMatch(/^unknown key "sugestion" in a rule file \(did you mean "suggestion"\?\); valid keys: id, instrument, /);
    expect(e.line).toBe(lineOf(rule, 'sugestion:'));
  });

  it('unknown parameter of the kind: names the nearest parameter', async () => {
    const rule = RULE.replace('  victim: child', '  victims: child');
    const e = await refusal(await writePack(rule));
    expect(e.message).toMatch(/^unknown key "victims" in the params of kind "offence" \(did you mean "victim"\?\)/);
    expect(e.line).toBe(lineOf(rule, 'victims: child'));
  });

  it('missing required key', async () => {
    const rule = RULE.replace(/^suggestion: .*\n/m, '');
    const e = await refusal(await writePack(rule));
    expect(e.message).toBe('missing required key "suggestion" in a rule file');
    // The mapping that lacks it starts at the first key.
    expect(e.line).toBe(lineOf(rule, 'id: local-begging'));
  });

  it('missing required parameter of the kind', async () => {
    const rule = RULE.replace('  conduct: local-begging\n', '');
    const e = await refusal(await writePack(rule));
    expect(e.message).toBe('missing required key "conduct" in the params of kind "offence"');
    expect(e.line).toBe(lineOf(rule, 'victim: child'));
  });

  it('duplicate id: a user rule with the id of a built-in one names the other file', async () => {
    const rule = RULE.replace('id: local-begging', 'id: poa-29-slavery');
    const e = await refusal(await writePack(rule, CONCEPTS, 'poa-29-slavery.yml'));
    expect(e.message).toMatch(/^duplicate rule id "poa-29-slavery" \(also in .*rules[/\\]poa-1992[/\\]poa-29-slavery\.yml\)$/);
    expect(e.file).toMatch(/pack-\d+[/\\]poa-29-slavery\.yml$/);
    expect(e.line).toBe(lineOf(rule, 'id: poa-29-slavery'));
  });

  it('duplicate id: the same rule in two user packs', async () => {
    const a = await writePack(RULE);
    const b = await writePack(RULE, '# no new concepts\nconcepts: {}\n');
    await expect(loadRulePack({ dirs: [a.dir, b.dir] })).rejects.toMatchObject({
      message: expect.stringMatching(/^duplicate rule id "local-begging" \(also in .*pack-\d+[/\\]local-begging\.yml\)$/),
      file: b.ruleFile,
      line: lineOf(RULE, 'id: local-begging'),
    });
  });

  it('duplicate key inside one file', async () => {
    const rule = RULE.replace('source: Local 1\n', 'source: Local 1\nsource: Local 2\n');
    const e = await refusal(await writePack(rule));
    expect(e.message).toMatch(/^malformed YAML: Map keys must be unique/);
    expect(e.line).toBe(lineOf(rule, 'source: Local 2'));
  });

  it('the id must be the file name', async () => {
    const rule = RULE.replace('id: local-begging', 'id: local-beging');
    const e = await refusal(await writePack(rule));
    expect(e.message).toBe('rule id "local-beging" must equal the file name "local-begging"');
    expect(e.line).toBe(lineOf(rule, 'id: local-beging'));
  });

  const wrongTypes: Array<[string, string, string, RegExp]> = [
    ['a list where a string is expected', 'title: Forced begging is an offence', 'title: [a, b]', /^"title" must be a non-empty string$/],
    ['an empty string', 'requirement: Forcing a child to beg is an offence.', 'requirement: ""', /^"requirement" must be a non-empty string$/],
    ['a mapping where a list is expected', "paragraphs: ['1']", 'paragraphs: {one: 1}', /^"paragraphs" must be a list of strings$/],
    ['an unknown group', 'group: other', 'group: others', /^"group" must be one of definitions, poa-24-31, poa-53-55, ga-58-60, other$/],
    ['a string where a boolean is expected', '  victim: child', '  victim: child\n  generalCounts: sometimes', /^params\.generalCounts must be true or false$/],
    ['an enum value out of range', '  victim: child', '  victim: children', /^params\.victim must be one of child, any, not-child-only \(got "children"\)$/],
    ['a window that is not a number', '  victim: child', '  victim: child\n  notAfter: {concept: local-begging, window: twelve}', /^params\.notAfter\.window must be a number of words from 0 to 50$/],
    ['an example verdict that does not exist', '  expect: met', '  expect: passed', /^examples\[0\]\.expect must be one of met, partial, missing$/],
  ];
  for (const [what, from, to, message] of wrongTypes) {
    it(`wrong type: ${what}`, async () => {
      expect(RULE).toContain(from);
      const rule = RULE.replace(from, to);
      const e = await refusal(await writePack(rule));
      expect(e.message).toMatch(message);
      // The offending value's line: the first line that differs from the valid rule.
      const changed = to.split('\n').find((l) => !RULE.includes(l)) ?? to.split('\n')[0];
      expect(e.line).toBe(lineOf(rule, changed));
    });
  }

  it('examples that are not a list', async () => {
    const rule = RULE.replace(/^examples:\n[\s\S]*$/m, 'examples: none\n');
    const e = await refusal(await writePack(rule));
    expect(e.message).toBe('"examples" must be a list of {name, expect, text}');
    expect(e.line).toBe(lineOf(rule, 'examples: none'));
  });

  it('a concept referenced but not defined: names the nearest concept, at the reference', async () => {
    const rule = RULE.replace('  conduct: local-begging', '  conduct: local-beging');
    const e = await refusal(await writePack(rule));
    expect(e.message).toBe('params.conduct refers to concept "local-beging", which is not defined (did you mean "local-begging"?)');
    expect(e.line).toBe(lineOf(rule, 'conduct: local-beging'));
  });

  it('a concept referenced from inside a list: the index is named', async () => {
    const rule = RULE.replace('  conduct: local-begging', '  conduct:\n    - local-begging\n    - slavry');
    const e = await refusal(await writePack(rule));
    expect(e.message).toMatch(/^params\.conduct refers to concept "slavry", which is not defined \(did you mean "slavery"\?\)$/);
    expect(e.line).toBe(lineOf(rule, '- local-begging'));
  });

  it('a file that is not a mapping, and an empty file', async () => {
    const list = await refusal(await writePack('- id: local-begging\n'));
    expect(list.message).toBe('a rule file must be a mapping');
    expect(list.line).toBe(1);
    const empty = await refusal(await writePack('# nothing here\n'));
    expect(empty.message).toBe('a rule file must be a mapping');
    expect(empty.line).toBe(1);
  });
});

describe.concurrent('concept files', () => {
  it('a phrase with regular-expression syntax is refused at its line (packs carry no regexes)', async () => {
    // (`(a|b)` groups are phrase syntax, not a regular expression: see src/evaluate/concepts.ts.)
    for (const phrase of ['forc.* to beg', 'forces [a-z]+ to beg', 'forces \\w+ to beg', 'beg(s|ging)?', '^forces', 'forces a ch+ild']) {
      const concepts = CONCEPTS.replace('      - forces ..3 to beg', `      - ${phrase}`);
      const pack = await writePack(RULE, concepts);
      const e = await refusal(pack);
      expect(e.file).toBe(pack.conceptFile);
      expect(e.message).toMatch(/^concept "local-begging": phrase ".*" has an unexpected token ".*" \(words, word\*, a\|b, \*, \.\.\., \.\.N and #num are allowed\)$/);
      expect(e.line).toBe(lineOf(concepts, phrase));
    }
  });

  it('a `patterns:` key (raw regular expressions) is not accepted', async () => {
    const concepts = CONCEPTS.replace('    phrases:', '    patterns:\n      - "forc(es|ing) .{0,20} beg"\n    phrases:');
    const pack = await writePack(RULE, concepts);
    const e = await refusal(pack);
    expect(e.file).toBe(pack.conceptFile);
    expect(e.message).toBe('unknown key "patterns" in concept "local-begging"; valid keys: phrases, not, doc');
    expect(e.line).toBe(lineOf(concepts, 'patterns:'));
  });

  it('a concept defined twice names the other file', async () => {
    const concepts = CONCEPTS.replace('  local-begging:', '  slavery:');
    const pack = await writePack(RULE, concepts);
    const e = await refusal(pack);
    expect(e.message).toMatch(/^concept "slavery" is already defined in .*rules[/\\]concepts[/\\]offences\.yml$/);
    expect(e.line).toBe(lineOf(concepts, '  slavery:'));
  });

  it('a concept name that is not lower-case words with hyphens', async () => {
    const concepts = CONCEPTS.replace('  local-begging:', '  Local_Begging:');
    const e = await refusal(await writePack(RULE, concepts));
    expect(e.message).toBe('concept name "Local_Begging" must be lower-case words joined by hyphens');
    expect(e.line).toBe(lineOf(concepts, 'Local_Begging:'));
  });

  it('a concept without phrases', async () => {
    const concepts = CONCEPTS.replace(/ {4}phrases:\n( {6}- .*\n)+/, '');
    const e = await refusal(await writePack(RULE, concepts));
    expect(e.message).toBe('missing required key "phrases" in concept "local-begging"');
    expect(e.line).toBe(lineOf(concepts, 'doc: forcing'));
  });
});

describe('through the command line', () => {
  it('one line, `gap-check: <file>:<line>: <message>`, exit 2', async () => {
    const rule = RULE.replace('kind: offence', 'kind: ofence');
    const pack = await writePack(rule);
    const run = await runCli(['rules', '--rules', pack.dir]);
    expectOneLineError(run, `gap-check: ${pack.ruleFile}:${lineOf(rule, 'kind: ofence')}: unknown rule kind "ofence" (did you mean "offence"?)`);
    const check = await runCli(['fixtures/statutes/strong-comprehensive-act/statute.md', '--rules', pack.dir]);
    expectOneLineError(check, /unknown rule kind "ofence"/);
  });

  it('a --rules directory that does not exist', async () => {
    expectOneLineError(await runCli(['rules', '--rules', join(root, 'nowhere')]), /nowhere: rule pack directory does not exist$/);
  });
});

describe('examples with a wrong verdict', () => {
  it('are not a load error: a user pack whose example is wrong still loads (the loader does not replay examples)', async () => {
    // The example claims `met` for text with no offence at all.
    const rule = RULE.replace('    3. A person who forces a child to beg commits an offence and is liable to imprisonment for five years.', '    3. The Minister may publish guidance on street children.');
    const pack = await loadRulePack({ dirs: [(await writePack(rule)).dir] });
    const local = pack.rules.find((r) => r.id === 'local-begging')!;
    expect(local.examples[0].expect).toBe('met');
    // ...and the verdict it claims is indeed wrong: replaying it (as test/rule-examples.test.ts does for the
    // default pack) gives `missing`.
    const result = await checkText(local.examples[0].text, { pack, only: ['local-begging'], format: 'text' });
    expect(result.measures[0].status).toBe('missing');
  });
});
