// The outline formatter on the fixture statutes: each fixture folder holds a statute in one drafting style
// and the outline a reader of that statute expects (written by hand), compared line for line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../dist/parse/index.js';
import { formatOutline } from '../dist/report/outline.js';
import { buildStructure, checkStructure } from '../dist/structure/index.js';
import type { StatuteDocument } from '../dist/types.js';
import { sourceOf } from './helpers/source.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'outline');


interface Fixture {
  name: string;
  input: string;
  expected: string;
}

const fixtures: Fixture[] = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    const dir = join(FIXTURES, d.name);
    const input = readdirSync(dir).find((f) => !f.startsWith('expected'))!;
    return { name: d.name, input: join(dir, input), expected: join(dir, 'expected-outline.txt') };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

function load(f: Fixture): { doc: StatuteDocument; problems: string[] } {
  const parsed = parseSource(sourceOf(readFileSync(f.input, 'utf8'), f.input));
  const doc = buildStructure(parsed);
  return { doc, problems: checkStructure(doc, parsed) };
}

describe('fixtures', () => {
  it('cover the six drafting styles', () => {
    expect(fixtures.map((f) => f.name)).toEqual(['bill-schedules', 'civil-law', 'commonwealth-md', 'commonwealth-txt', 'philippine', 'us-code']);
  });

  for (const f of fixtures) {
    describe(f.name, () => {
      const { doc, problems } = load(f);

      it('outline matches the expected outline', () => {
        expect(formatOutline(doc, 'text')).toBe(readFileSync(f.expected, 'utf8'));
      });

      it('keeps the tree invariants', () => {
        expect(problems).toEqual([]);
      });

      it('recognises the structure without warnings', () => {
        expect(doc.warnings).toEqual([]);
      });
    });
  }

  it('reads the Markdown and plain-text versions of the same act into the same tree', () => {
    const shape = (name: string) =>
      load(fixtures.find((f) => f.name === name)!).doc.nodes.slice(1).map((n) => [n.kind, n.citation, n.heading, n.depth]);
    expect(shape('commonwealth-txt')).toEqual(shape('commonwealth-md'));
  });
});

describe('JSON outline', () => {
  const f = fixtures.find((x) => x.name === 'commonwealth-md')!;
  const { doc } = load(f);
  const json = formatOutline(doc, 'json');
  const value = JSON.parse(json);

  it('has a fixed top-level key order and the document facts', () => {
    expect(Object.keys(value)).toEqual(['schemaVersion', 'file', 'format', 'title', 'jurisdiction', 'warnings', 'outline', 'definitions', 'crossReferences']);
    expect(value).toMatchObject({ format: 'markdown', title: 'Child Protection (Online Safety) Act 2025', jurisdiction: 'Westland' });
  });

  it('nests the same tree as the text outline, with fixed node key order', () => {
    const rows: string[] = [];
    const walk = (n: { citation: string; heading: string | null; kind: string; startLine: number; endLine: number; children: unknown[] }, depth: number) => {
      expect(Object.keys(n)).toEqual(['id', 'kind', 'number', 'heading', 'citation', 'shortCitation', 'headingPath', 'startLine', 'endLine', 'children']);
      const heading = n.heading && n.kind !== 'document' ? ` — ${n.heading}` : '';
      rows.push(`${'  '.repeat(depth)}${n.citation}${heading} [${n.startLine}-${n.endLine}]`);
      for (const c of n.children as Array<typeof n>) walk(c, depth + 1);
    };
    walk(value.outline, 0);
    expect(rows.join('\n') + '\n').toBe(readFileSync(f.expected, 'utf8'));
  });

  it('names definitions and cross-references by citation', () => {
    expect(value.definitions.find((d: { term: string }) => d.term === 'guardian')).toEqual({
      term: 'guardian',
      mode: 'includes',
      nodeId: expect.any(Number),
      citation: 'Part 1 > s. 2(2)',
      line: 37,
      endLine: 37,
      scope: { kind: 'node', nodeId: expect.any(Number), citation: 'Part 1' },
    });
    expect(value.crossReferences).toContainEqual(expect.objectContaining({ from: 'Part 2 > s. 3(2)', text: 'subsection (1)', target: 'Part 2 > s. 3(1)' }));
  });

  it('gives heading paths a reader can follow', () => {
    const s4 = value.outline.children[1].children[1];
    expect(s4.children[2].children[0].children[1].headingPath).toBe('Part 2 > Section 4 > (3) > (a) > (ii)');
  });

  it('is the same bytes every time', () => {
    expect(formatOutline(load(f).doc, 'json')).toBe(json);
    expect(formatOutline(load(f).doc, 'text')).toBe(formatOutline(doc, 'text'));
  });
});

describe('text outline', () => {
  it('shows a document with no structure as its root alone', () => {
    const parsed = parseSource(sourceOf('Just a letter.\nNo sections.\n', 'letter.txt'));
    expect(formatOutline(buildStructure(parsed), 'text')).toBe('letter.txt [1-2]\n');
  });
});
