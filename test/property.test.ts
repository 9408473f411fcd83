// Property-based robustness (fast-check), on two kinds of input: statutes assembled at random from fragments in
// the shapes statutes take, and our own fixture statutes mutated at random (lines deleted, duplicated, swapped,
// truncated; hostile characters inserted: NUL, BOM, bidi overrides, lone surrogates, U+2028, CR, tabs).
// For every input:
//   - the pipeline never throws;
//   - every verdict is an allowed status, every evidence range lies inside the file, excerpts stay short;
//   - the provision tree is well formed: ranges inside the file and inside the parent, parent and child links
//     agree, depths increase by one, citations are unique in the document;
//   - two runs give the same bytes (JSON report);
//   - the same text read from a file with CRLF line ends and a byte-order mark gives the same verdicts.
// Seeds are fixed so that a failure is reproducible; fast-check prints the shrunk counterexample. The oracle is
// checked on its own at the end (it rejects tampered results), and the runs must reach real structure and real
// verdicts, so that the properties cannot pass on inputs that exercise nothing.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadRulePack } from '../dist/rules/index.js';
import { checkFiles, checkText, statuteFromString } from '../dist/check.js';
import { formatReport } from '../dist/report/index.js';
import type { CheckResult, StatuteDocument } from '../dist/index.js';
import { ROOT } from './helpers/cli.js';

const pack = await loadRulePack();
const STATUSES = new Set(['met', 'partial', 'missing', 'satisfied-elsewhere', 'not-applicable']);

// Fragments in the shapes statutes take, so random combinations exercise the parser's real paths.
const FRAGMENTS = [
  '# Part II — Offences', '## Chapter 3', 'PART IV — PENALTIES', 'CHAPTER II', 'Article 12', 'Art. 7.', '§ 2252A.',
  'Section 5.', 'Sec. 9.', '12. (1) A person who possesses child pornography commits an offence.', '(2)', '(a)', '(i)',
  '(h) a child;', '(i) a minor;', '(v)', '(x)', '(A)', '1.', '2. Whoever distributes indecent images of a child shall be punished.',
  '"child" means a person under the age of 18 years;', 'Nothing in this section makes it an offence to possess',
  'WHEREAS the State shall protect children;', 'is liable to imprisonment for a term not exceeding 10 years.',
  '**12. Offences**', '- (a) recruits a child', '  - (i) for exploitation', '> quoted', '```', '<details>', '---', '| a | b |',
  '163.1 (4.1) Every person who accesses', 'A person who contravenes section 7 commits an offence.', '', '   ', '\t',
  '### 4. Sale of children', 'A person who sells a child commits an offence and is liable to imprisonment for 15 years.',
  'In this Act, "child" means a person under the age of 18 years.', 'Subject to section 3, subsection (2) applies.',
];

const randomStatute = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 40 }), fc.stringMatching(/^\(?[0-9a-zA-Z.]{1,5}\)? ?[a-z ]{0,20}$/)), {
    minLength: 1,
    maxLength: 40,
  })
  .map((lines) => lines.join('\n'));

// Characters that have broken text tools before: NUL, BOM, bidi override, zero-width space, lone surrogates,
// combining mark, line and paragraph separators, NEL, vertical tab, CR, tab, emoji, Markdown punctuation.
const HOSTILE = ['\u0000', '\ufeff', '\u202e', '\u200b', '\ud800', '\udc00', '\u0301', '\u2028', '\u2029', '\u0085', '\u000b', '\r', '\t', '👶', '§', '*', '_', '`', '<', '#', '>', '|', '\\', '"', '“'];

type Mutation =
  | { op: 'delete' | 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(...FRAGMENTS.map((f) => `\n${f}\n`)), fc.string({ maxLength: 12 })),
  }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const i = lines.length === 0 ? 0 : m.at % lines.length;
    if (m.op === 'delete') lines.splice(i, 1);
    else if (m.op === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else if (m.op === 'swap') {
      const j = lines.length === 0 ? 0 : m.with % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
    } else if (m.op === 'truncate') {
      const joined = lines.join('\n');
      lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
    } else if (m.op === 'insert') {
      const joined = lines.join('\n');
      const at = m.at % (joined.length + 1);
      lines = (joined.slice(0, at) + m.text + joined.slice(at)).split('\n');
    }
  }
  return lines.join('\n');
}

let fixtures: Array<{ name: string; text: string; format: 'markdown' | 'text' }> = [];
let dir: string;
beforeAll(async () => {
  const base = join(ROOT, 'fixtures', 'statutes');
  for (const name of (await readdir(base, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of await readdir(join(base, name))) {
      if (!/^statute\.(md|txt)$/.test(file)) continue;
      fixtures.push({ name, text: await readFile(join(base, name, file), 'utf8'), format: file.endsWith('.md') ? 'markdown' : 'text' });
    }
  }
  dir = await mkdtemp(join(tmpdir(), 'gap-check-property-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Throws (with a message naming the broken rule) when a result or tree breaks an invariant. */
function checkInvariants(text: string, result: CheckResult, doc: StatuteDocument, path: string): void {
  // Line N of the file is line N of the text; a lone CR or CRLF ends a line too.
  const lineCount = text.replace(/\r\n?/g, '\n').split('\n').length;
  for (const m of result.measures) {
    if (!STATUSES.has(m.status)) throw new Error(`${m.id}: status "${m.status}" is not allowed`);
    for (const e of m.evidence) {
      if (!(e.startLine >= 1 && e.startLine <= e.endLine && e.endLine <= lineCount)) {
        throw new Error(`${m.id}: evidence lines ${e.startLine}-${e.endLine} outside 1-${lineCount}`);
      }
      if (e.file !== path) throw new Error(`${m.id}: evidence names file ${e.file}, not ${path}`);
      if (e.excerpt.length > 400) throw new Error(`${m.id}: excerpt of ${e.excerpt.length} characters`);
    }
  }
  const citations = new Set<string>();
  for (const node of doc.nodes) {
    const where = `node ${node.id} (${node.citation})`;
    if (doc.nodes[node.id] !== node) throw new Error(`${where}: id is not its index`);
    if (node.id !== 0 && !(node.startLine >= 1 && node.startLine <= node.endLine && node.endLine <= lineCount)) {
      throw new Error(`${where}: lines ${node.startLine}-${node.endLine} outside 1-${lineCount}`);
    }
    if (node.parent !== null) {
      const parent = doc.nodes[node.parent];
      if (!parent?.children.includes(node.id)) throw new Error(`${where}: parent ${node.parent} does not list it`);
      if (node.depth !== parent.depth + 1) throw new Error(`${where}: depth ${node.depth} under a parent at ${parent.depth}`);
      if (node.startLine < parent.startLine || node.endLine > parent.endLine) {
        throw new Error(`${where}: lines ${node.startLine}-${node.endLine} outside its parent's ${parent.startLine}-${parent.endLine}`);
      }
    }
    for (const child of node.children) if (doc.nodes[child]?.parent !== node.id) throw new Error(`${where}: child ${child} names another parent`);
    if (node.id !== 0) {
      if (citations.has(node.citation)) throw new Error(`${where}: citation "${node.citation}" is not unique`);
      citations.add(node.citation);
    }
  }
}

/** What the runs reached, so that the properties are known to have exercised structure and verdicts. */
const reached = { runs: 0, withProvisions: 0, withEvidence: 0 };

async function checkProperty(text: string, format: 'markdown' | 'text', path: string): Promise<void> {
  const doc = statuteFromString(text, path, format);
  const a = await checkText(text, { pack, format, path });
  checkInvariants(text, a, doc, path);
  const b = await checkText(text, { pack, format, path });
  const json = await formatReport(a, 'json', { color: false });
  if ((await formatReport(b, 'json', { color: false })) !== json) throw new Error('two runs gave different reports');
  reached.runs++;
  if (doc.nodes.some((n) => n.kind === 'section' || n.kind === 'article')) reached.withProvisions++;
  if (a.measures.some((m) => m.evidence.length > 0)) reached.withEvidence++;
}

/** The same text from a file, with CRLF line ends and a BOM, through the read stage: the same verdicts. */
async function checkFileProperty(text: string, format: 'markdown' | 'text', name: string): Promise<void> {
  const file = join(dir, name);
  const body = text.replace(/\r\n?/g, '\n');
  if (/^\s*$/.test(body) || body.includes('\0')) return; // refused from a file, by design (empty or binary)
  await writeFile(file, `\ufeff${body.replace(/\n/g, '\r\n')}`);
  const fromFile = await checkFiles([file], { pack, format, threads: 1 });
  const fromText = await checkText(body, { pack, format, path: file });
  const strip = (r: CheckResult) => r.measures.map((m) => ({ id: m.id, status: m.status, evidence: m.evidence.map((e) => [e.startLine, e.endLine, e.citation]) }));
  expect(strip(fromFile)).toEqual(strip(fromText));
}

describe('random statutes', () => {
  for (const format of ['markdown', 'text'] as const) {
    it(`never throw, keep their invariants, and are deterministic (${format})`, async () => {
      await fc.assert(
        fc.asyncProperty(randomStatute, (text) => checkProperty(text, format, 'random.md')),
        { numRuns: 80, seed: 20261124 },
      );
    });
  }
});

describe('mutated fixture statutes', () => {
  it('never throw, keep their invariants, and are deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 8 }), async (pick, mutations) => {
        const base = fixtures[pick % fixtures.length];
        await checkProperty(mutate(base.text, mutations), base.format, `${base.name}.${base.format === 'markdown' ? 'md' : 'txt'}`);
      }),
      { numRuns: 40, seed: 7_2026 },
    );
  });

  it('read from a file with CRLF and a BOM, give the same verdicts as the text', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { maxLength: 4 }), async (pick, mutations) => {
        const base = fixtures[pick % fixtures.length];
        await checkFileProperty(mutate(base.text, mutations), base.format, `case-${n++}.${base.format === 'markdown' ? 'md' : 'txt'}`);
      }),
      { numRuns: 12, seed: 11_2026 },
    );
  });
});

describe('the properties can fail', () => {
  it('the runs reached provisions and evidence (the inputs were not all noise)', () => {
    expect(fixtures.length).toBeGreaterThan(5);
    expect(reached.runs).toBe(80 * 2 + 40);
    expect(reached.withProvisions / reached.runs).toBeGreaterThan(0.3);
    expect(reached.withEvidence / reached.runs).toBeGreaterThan(0.2);
  });

  it('the oracle rejects tampered results', async () => {
    const text = fixtures.find((f) => f.name === 'strong-comprehensive-act')!.text;
    const doc = statuteFromString(text, 'law.md', 'markdown');
    const good = await checkText(text, { pack, format: 'markdown', path: 'law.md' });
    expect(() => checkInvariants(text, good, doc, 'law.md')).not.toThrow();
    const withEvidence = good.measures.findIndex((m) => m.evidence.length > 0);
    expect(withEvidence).toBeGreaterThanOrEqual(0);
    const tamper = (change: (r: CheckResult, d: StatuteDocument) => void) => {
      const r = structuredClone(good);
      const d = structuredClone(doc);
      change(r, d);
      return () => checkInvariants(text, r, d, 'law.md');
    };
    expect(tamper((r) => (r.measures[0].status = 'maybe' as never))).toThrow(/not allowed/);
    expect(tamper((r) => (r.measures[withEvidence].evidence[0].endLine = text.split('\n').length + 1))).toThrow(/outside/);
    expect(tamper((r) => (r.measures[withEvidence].evidence[0].startLine = 0))).toThrow(/outside/);
    expect(tamper((r) => (r.measures[withEvidence].evidence[0].excerpt = 'x'.repeat(5000)))).toThrow(/excerpt/);
    expect(tamper((_, d) => (d.nodes[2].citation = d.nodes[1].citation))).toThrow(/not unique/);
    expect(tamper((_, d) => (d.nodes[d.nodes.length - 1].endLine = 1e6))).toThrow(/outside/);
    expect(tamper((_, d) => (d.nodes[d.nodes.length - 1].depth += 1))).toThrow(/depth/);
  });
});
