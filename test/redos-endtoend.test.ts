// Statute text that used to take quadratic time in a regular expression (test/redos.test.ts checks each pattern on
// its own; these go through the public API, parse to report). Before the fixes, at 40,000 characters: a plain
// term followed by a long run of spaces and a word that is not the verb 136 s (definitions), `section 1` + spaces
// 5 s (cross-references), a quoted term + spaces 1.4 s (definitions), a Markdown heading with spaces before its
// last word 3.9 s (cleanHeading), `Part 1` + spaces 9 s (cross-references).
//
// No wall-clock limits (a shared machine makes them flaky): each case runs at n and 4n characters and the time
// must grow well under quadratically (linear is 4x, quadratic 16x), as in test/redos.test.ts. Runs too fast to
// measure reliably (under 100 ms at 4n) pass on that alone: a quadratic case takes seconds at these sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '../dist/index.js';
import type { CheckResult, RulePack } from '../dist/index.js';

let pack: RulePack;
beforeAll(async () => {
  pack = await api.loadRulePack();
});

const spaces = (n: number) => ' '.repeat(n);

interface Case {
  name: string;
  make: (n: number) => string;
  /** The file name decides the format: `.md` is read as Markdown. */
  path: string;
  n: number;
  check: (result: CheckResult, doc: ReturnType<typeof api.statuteFromString>) => void;
}

const cases: Case[] = [
  {
    name: 'a plain term, a long run of spaces, then a word that is not the verb',
    make: (n) => `1. In this Act, child${spaces(n)}x means a person under the age of 18 years.`,
    path: 'act.txt',
    n: 20_000,
    check: (_r, doc) => expect(doc.definitions.map((d) => d.term)).not.toContain('child'),
  },
  {
    name: 'a plain term, a long run of spaces, then the verb',
    make: (n) => `1. In this Act, child${spaces(n)}means a person under the age of 18 years.`,
    path: 'act.txt',
    n: 20_000,
    check: (_r, doc) => expect(doc.definitions.map((d) => d.term)).toContain('child'),
  },
  {
    name: 'a quoted term, a long run of spaces, then a word that is not the verb',
    make: (n) => `1. In this Act, "child"${spaces(n)}x means a person under the age of 18 years.`,
    path: 'act.txt',
    n: 20_000,
    check: (_r, doc) => expect(doc.definitions.map((d) => d.term)).not.toContain('child'),
  },
  {
    name: 'a reference followed by a long run of spaces',
    make: (n) => `1. A person who sells a child commits an offence.\n2. A person who contravenes section 1${spaces(n)}of the Act commits an offence.\n3. Penalty under section 1${spaces(n)}y`,
    path: 'act.txt',
    n: 20_000,
    check: (_r, doc) => expect(doc.crossReferences.filter((c) => c.text === 'section 1').length).toBeGreaterThanOrEqual(2),
  },
  {
    name: 'a Part reference in a heading followed by a long run of spaces',
    make: (n) => `# Act\n\n## Part 1${spaces(n)}— Offences\n\n1. A person who sells a child commits an offence.`,
    path: 'act.md',
    n: 20_000,
    check: (_r, doc) => expect(doc.nodes.some((node) => node.kind === 'section')).toBe(true),
  },
  {
    name: 'a heading with a long run of spaces before its last word',
    make: (n) => `# Act\n\n## Offences${spaces(n)}here\n\n1. A person who sells a child commits an offence.\n\n## Penalties\n\n2. Text.`,
    path: 'act.md',
    n: 20_000,
    check: (_r, doc) => expect(doc.nodes.some((node) => node.heading?.startsWith('Offences') && node.heading.endsWith('here'))).toBe(true),
  },
  {
    name: 'a division keyword followed by a long run of spaces',
    make: (n) => `# Act\n\n## PART${spaces(n)}x\n\n1. A person who sells a child commits an offence.`,
    path: 'act.md',
    n: 20_000,
    check: (_r, doc) => expect(doc.nodes.some((node) => node.kind === 'section')).toBe(true),
  },
  {
    name: 'a cited number "1.1.1…" of 160,000 characters',
    make: (n) => `1. A person referred to in section ${'1.'.repeat(n / 2)}1 (sale of children) commits an offence.`,
    path: 'act.txt',
    n: 40_000,
    check: (r) => expect(r.measures.length).toBeGreaterThan(0),
  },
  {
    name: 'an HTML line with a long run of "<" and no ">"',
    make: (n) => `# Act\n\n<div>${'<'.repeat(n)}\n\n1. A person who sells a child commits an offence.`,
    path: 'act.md',
    n: 20_000,
    check: (_r, doc) => expect(doc.nodes.some((node) => node.kind === 'section')).toBe(true),
  },
];

async function run(c: Case, size: number): Promise<{ ms: number; result: CheckResult }> {
  const text = c.make(size);
  const start = process.hrtime.bigint();
  const result = await api.checkText(text, { pack, path: c.path });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

describe('statute text that used to take quadratic time in a regular expression', () => {
  for (const c of cases) {
    it(c.name, async () => {
      // The smaller size twice, keeping the faster run: the first run of a case also warms up the code.
      const small = Math.min((await run(c, c.n)).ms, (await run(c, c.n)).ms);
      const { ms: large, result } = await run(c, 4 * c.n);
      c.check(result, api.statuteFromString(c.make(4 * c.n), c.path));
      const ratio = large / Math.max(small, 1);
      expect(large < 100 || ratio < 8, `${small.toFixed(0)} ms for ${c.n} characters, ${large.toFixed(0)} ms for ${4 * c.n}`).toBe(true);
    });
  }
});
