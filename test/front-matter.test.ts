// Front matter read without the YAML parser (simpleFrontMatter, the cold-start fast path) must read exactly as
// `yaml` does, or not at all: whenever it returns a result, that result equals yaml's, and no YAML error was
// possible. Checked on generated lines mixing plain `key: value` pairs with everything YAML treats specially.
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter, simpleFrontMatter } from '../dist/read/front-matter.js';

/** What the YAML path makes of the same text: the mapping, or null when yaml reports an error. */
function viaYaml(yamlText: string): unknown {
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  return doc.errors.length > 0 ? null : doc.toJS({ maxAliasCount: 100 });
}

// Pieces the fast path accepts inside a value, and pieces that YAML reads specially (or that end a plain scalar).
const SAFE = [
  'Act', 'Title', 'Children’s', "Children's", 'No', 'Ελλάδα', '東京', 'é', '٣', '5', '2020', ' ', ' ', '.', ',', ';', '(',
  ')', '/', '-', '–', '—', "'",
];
const TRICKY = [
  'null', 'True', 'false', 'NULL', 'on', 'yes', '0x1F', '1e5', '.inf', '.nan', '0o17', '~', 'y', '  ', ':', ': ',
  ' #', '#', '- ', '"', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '\t', '?', '<<', '\u00a0',
  '\u2028', '\r', '\ufeff', '\\', '\\n', '\\"', '\u0085', '\u0001', "''", 'constructor', '__proto__', 'toString',
];

const piece = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...SAFE) }, { weight: 1, arbitrary: fc.constantFrom(...TRICKY) });
const text = fc.array(piece, { minLength: 0, maxLength: 6 }).map((xs) => xs.join(''));
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('title', 'jurisdiction', 'date', 'citation', 'source', 'x-y', 'a_b', 'constructor', 'toString') },
  { weight: 1, arbitrary: fc.constantFrom('null', 'true', 'False', '__proto__', 'a'.repeat(70), '1', 'é') },
  { weight: 1, arbitrary: text },
);
const word = fc.constantFrom('Act', 'Title', 'Children’s', 'Ελλάδα', '東京', 'é', 'No', 'null', 'True', 'on', '2024-02-07', '2024-02-0');
const value = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(word, text).map(([w, t]) => w + t) },
  { weight: 3, arbitrary: text.map((t) => `"${t}"`) },
  { weight: 1, arbitrary: text },
);
const line = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(key, value).map(([k, v]) => `${k}: ${v}`) },
  { weight: 1, arbitrary: fc.tuple(key, fc.constantFrom(':  ', ':', ' : ', ':\t', ': \t'), text).map(([k, sep, v]) => `${k}${sep}${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '# comment', '  indented: x', '- item', '%YAML 1.1', '...', '---') },
);
const block = fc.array(line, { minLength: 0, maxLength: 4 }).map((ls) => ls.map((l) => `${l}\n`).join(''));

describe('simpleFrontMatter', () => {
  it('reads the plain lines of a typical header', () => {
    expect(simpleFrontMatter('title: Generated Administration Act\njurisdiction: Benchmark Republic\n')).toEqual({
      title: 'Generated Administration Act',
      jurisdiction: 'Benchmark Republic',
    });
    expect(simpleFrontMatter("title: Children's Act (No. 5), 2020 – consolidated\n\ncitation: Act 5/2020\n")).toEqual({
      title: "Children's Act (No. 5), 2020 – consolidated",
      citation: 'Act 5/2020',
    });
    expect(simpleFrontMatter('title: "Criminal Code"\nchapter: "C-46"\nlong_title: "An Act: #1, [true]"\nnote: ""\n')).toEqual({
      title: 'Criminal Code',
      chapter: 'C-46',
      long_title: 'An Act: #1, [true]',
      note: '',
    });
    expect(simpleFrontMatter('date: 2024-02-07\n')).toEqual({ date: '2024-02-07' });
  });

  it('leaves to the YAML parser whatever YAML reads otherwise', () => {
    for (const t of ['title: true\n', 'title: null\n', 'title: 1984\n', 'title: a: b\n', 'title: a #c\n',
      'title: [a]\n', 'date: 2024-2-07\n', 'date: 20240207\n', 'date: 2024-02-07T10:00\n', 'title: "a\\"b"\n', 'title: "a" # c\n', 'title: a\ntitle: b\n', 'title: a \n', '', '\n', 'title:\n', 'true: x\n', "title: 'a'\n", 'title: a\n  b\n']) {
      expect(simpleFrontMatter(t)).toBeNull();
    }
  });

  it('agrees with yaml whenever it gives a result (property)', () => {
    let read = 0;
    fc.assert(
      fc.property(block, (yamlText) => {
        const simple = simpleFrontMatter(yamlText);
        if (simple === null) return;
        read++;
        const yamlValue = viaYaml(yamlText);
        expect(yamlValue).toEqual(simple);
        expect(Object.keys(yamlValue as object)).toEqual(Object.keys(simple));
      }),
      { numRuns: 10000 },
    );
    // The generator must reach the fast path often, or the property says little.
    expect(read).toBeGreaterThan(800);
  });

  it('leaves parseFrontMatter results as the YAML path gives them', () => {
    const r = parseFrontMatter('---\ntitle: Act\njurisdiction: Norland\nsource: Gazette\n---\nSection 1\n', 'x.md');
    expect(r).toEqual({ data: { title: 'Act', jurisdiction: 'Norland', source: 'Gazette' }, endLine: 5, warnings: [] });
  });
});
