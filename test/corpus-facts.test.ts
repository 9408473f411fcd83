// Known facts about real statutes in ../shared/corpus, checked against positions found in the raw text
// (plain string search, independent of the parser): the Criminal Code's s. 163.1 and its subsections
// (1)–(7) with (4.1)–(4.3), the StGB's § 184b, 18 U.S.C. § 2252A, R.A. 10175 s. 4(c)(2), the Code
// criminel's art. 163.1. These five files are also swept for the tree invariants here (the shards skip them).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../dist/parse/index.js';
import { buildStructure, checkStructure, chapeauOf, definitionsInScope, headingPath } from '../dist/structure/index.js';
import type { ProvisionNode, SourceText, StatuteDocument } from '../dist/types.js';
import { sourceOf } from './helpers/source.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const present = existsSync(CORPUS);


interface Loaded {
  doc: StatuteDocument;
  raw: string[];
  problems: string[];
}

const cache = new Map<string, Loaded>();
function load(rel: string): Loaded {
  let l = cache.get(rel);
  if (!l) {
    const path = join(CORPUS, rel);
    const text = readFileSync(path, 'utf8');
    const parsed = parseSource(sourceOf(text, path));
    const doc = buildStructure(parsed);
    l = { doc, raw: text.split('\n'), problems: checkStructure(doc, parsed) };
    cache.set(rel, l);
  }
  return l;
}

/** 1-based number of the first raw line starting with `prefix` at or after line `from`. */
function lineOf(raw: string[], prefix: string, from = 1): number {
  for (let i = from - 1; i < raw.length; i++) if (raw[i].startsWith(prefix)) return i + 1;
  throw new Error(`no line starts with ${prefix}`);
}

function provision(doc: StatuteDocument, number: string): ProvisionNode {
  const found = doc.nodes.filter((n) => (n.kind === 'section' || n.kind === 'article') && n.number === number);
  expect(found.length).toBeGreaterThan(0);
  return found[0];
}

const kids = (doc: StatuteDocument, n: ProvisionNode) => n.children.map((c) => doc.nodes[c]);
/** The (1), (4.1) … subsection markers of a provision block in the raw Markdown, with their lines. */
function rawSubsections(raw: string[], start: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let i = start; i < raw.length && !raw[i].startsWith('### '); i++) {
    const m = /^\((\d+(?:\.\d+)?)\) /.exec(raw[i]);
    if (m) out.push([m[1], i + 1]);
  }
  return out;
}

const TIMEOUT = 180_000;

describe.skipIf(!present)('Criminal Code (C-46)', () => {
  const rel = 'ca-federal-acts-en/C-46-criminal-code.md';

  it('keeps the tree invariants', { timeout: TIMEOUT }, () => {
    expect(load(rel).problems).toEqual([]);
  });

  it('has s. 163.1 with subsections (1)–(7), (4.1)–(4.3) included, at the lines of the text', { timeout: TIMEOUT }, () => {
    const { doc, raw } = load(rel);
    const s = provision(doc, '163.1');
    const heading = lineOf(raw, '### 163.1 ');
    expect(heading).toBe(7836);
    expect(s).toMatchObject({ kind: 'section', startLine: heading, heading: 'Definition of child sexual abuse and exploitation material', citation: 's. 163.1' });
    const expected = rawSubsections(raw, heading);
    expect(expected.map(([m]) => m)).toEqual(['1', '2', '3', '4', '4.1', '4.2', '4.3', '5', '6', '7']);
    const subs = kids(doc, s);
    expect(subs.map((n) => n.number)).toEqual(expected.map(([m]) => m));
    for (let k = 0; k < subs.length; k++) {
      expect(subs[k].kind).toBe('subsection');
      expect(subs[k].lines.map((l) => l.line)).toContain(expected[k][1]);
    }
    const s41 = subs[4];
    expect(s41).toMatchObject({ citation: 's. 163.1(4.1)', heading: 'Accessing child sexual abuse and exploitation material' });
    expect(s41.startLine).toBe(expected[4][1] - 2); // its marginal note, two lines above the (4.1) text
    expect(s.endLine).toBeGreaterThanOrEqual(expected[9][1]);
    expect(s.endLine).toBeLessThan(lineOf(raw, '### 164 '));
  });

  it('reads the definition in s. 163.1(1), with its list, scoped to the section', { timeout: TIMEOUT }, () => {
    const { doc } = load(rel);
    const s = provision(doc, '163.1');
    const def = doc.definitions.find((d) => d.term === 'child sexual abuse and exploitation material' && d.nodeId === s.children[0]);
    expect(def).toBeDefined();
    expect(def!.scope).toEqual({ kind: 'node', nodeId: s.id });
    expect(def!.text).toContain('any audio recording that has as its dominant characteristic');
    const a = kids(doc, kids(doc, s)[0])[0];
    expect(a.citation).toBe('s. 163.1(1)(a)');
    expect(kids(doc, a).map((n) => [n.kind, n.number])).toEqual([
      ['subparagraph', 'i'],
      ['subparagraph', 'ii'],
    ]);
    expect(chapeauOf(doc, kids(doc, a)[0].id)).toMatch(/^In this section, child sexual abuse and exploitation material means a photographic/);
    expect(definitionsInScope(doc, kids(doc, s)[3].id).some((d) => d.term === 'child sexual abuse and exploitation material')).toBe(true);
  });

  it('resolves references to s. 163.1 and to subsection (4.1)', { timeout: TIMEOUT }, () => {
    const { doc } = load(rel);
    const s = provision(doc, '163.1');
    const s41 = kids(doc, s)[4];
    const s42 = kids(doc, s)[5];
    expect(doc.crossReferences).toContainEqual({ fromNodeId: s42.id, line: s42.lines[1].line, text: 'subsection (4.1)', targetNodeId: s41.id });
    // s. 7(4.1), the extraterritorial provision, names s. 163.1 among the offences it extends.
    const from7 = doc.crossReferences.filter((r) => r.targetNodeId === s.id && doc.nodes[r.fromNodeId].citation === 'Part I > s. 7(4.1)');
    expect(from7.length).toBe(1);
  });

  it('places s. 163.1 under its headings and s. 2 definitions in the whole Act', { timeout: TIMEOUT }, () => {
    const { doc } = load(rel);
    expect(headingPath(doc, provision(doc, '163.1').id)).toBe('Sexual Offences, Public Morals and Disorderly Conduct > Offences Tending to Corrupt Morals > Section 163.1');
    expect(doc.definitions.find((d) => d.term === 'Act')).toMatchObject({ mode: 'includes', scope: { kind: 'document' } });
    expect(doc.title).toBe('Criminal Code');
  });
});

describe.skipIf(!present)('Code criminel (fr)', () => {
  const rel = 'ca-code-criminel-fr.md';

  it('keeps the tree invariants', { timeout: TIMEOUT }, () => {
    expect(load(rel).problems).toEqual([]);
  });

  it('has art. 163.1 with the same subsections as the English text', { timeout: TIMEOUT }, () => {
    const { doc, raw } = load(rel);
    const s = provision(doc, '163.1');
    const heading = lineOf(raw, '### 163.1 ');
    expect(s.startLine).toBe(heading);
    expect(kids(doc, s).map((n) => n.number)).toEqual(rawSubsections(raw, heading).map(([m]) => m));
    expect(kids(doc, kids(doc, s)[0]).map((n) => n.number)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe.skipIf(!present)('Strafgesetzbuch', () => {
  const rel = 'de-stgb.md';

  it('keeps the tree invariants', { timeout: TIMEOUT }, () => {
    expect(load(rel).problems).toEqual([]);
  });

  it('has § 184b in the Thirteenth Chapter, with its numbered paragraphs', { timeout: TIMEOUT }, () => {
    const { doc, raw } = load(rel);
    const p = provision(doc, '184b');
    expect(p).toMatchObject({ startLine: lineOf(raw, '#### § 184b '), heading: 'Verbreitung, Erwerb und Besitz kinderpornographischer Inhalte', shortCitation: '§ 184b' });
    expect(doc.nodes[p.parent!]).toMatchObject({ kind: 'chapter', number: '13' });
    const abs1 = kids(doc, p)[0];
    expect(abs1.number).toBe('1');
    expect(kids(doc, abs1).map((n) => n.number)).toEqual(['1', '2', '3', '4']);
    expect(kids(doc, kids(doc, abs1)[0]).map((n) => n.number)).toEqual(['a', 'b', 'c']);
    // Satz 2 of Absatz 1 follows the numbered list and belongs to Absatz 1, not to Nummer 4.
    const satz2 = lineOf(raw, 'Gibt der kinderpornographische Inhalt in den Fällen von Absatz 1');
    expect(abs1.lines.map((l) => l.line)).toContain(satz2);
  });
});

describe.skipIf(!present)('18 U.S.C. (selected)', () => {
  const rel = 'us-18-usc-selected.md';

  it('keeps the tree invariants', { timeout: TIMEOUT }, () => {
    expect(load(rel).problems).toEqual([]);
  });

  it('has § 2252A(a)(5)(B) and the chapter definitions of § 2256', { timeout: TIMEOUT }, () => {
    const { doc } = load(rel);
    const n = doc.nodes.find((x) => x.shortCitation === '§ 2252A(a)(5)(B)');
    expect(n).toBeDefined();
    expect(n!.citation).toBe('Chapter 110 > § 2252A(a)(5)(B)');
    expect(n!.kind).toBe('subparagraph');
    const minor = doc.definitions.find((d) => d.term === 'minor');
    const chapter110 = doc.nodes.find((x) => x.kind === 'chapter' && x.number === '110')!;
    expect(minor?.scope).toEqual({ kind: 'node', nodeId: chapter110.id });
  });
});

describe.skipIf(!present)('R.A. 10175 (Philippines)', () => {
  const rel = 'ph-ra-10175.md';

  it('keeps the tree invariants', { timeout: TIMEOUT }, () => {
    expect(load(rel).problems).toEqual([]);
  });

  it('has Sec. 4(c)(2) Child Pornography and the Act-wide definitions of s. 3', { timeout: TIMEOUT }, () => {
    const { doc } = load(rel);
    expect(doc.nodes.find((x) => x.citation === 'Chapter II > Sec. 4(c)(2)')).toMatchObject({ heading: 'Child Pornography', kind: 'subparagraph' });
    expect(doc.definitions.find((d) => d.term === 'Computer system')).toMatchObject({ scope: { kind: 'document' } });
    expect(doc.nodes.filter((x) => x.kind === 'section')).toHaveLength(31);
  });
});
