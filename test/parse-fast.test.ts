// Plain blocks classified without remark (issue 6: cold start and speed at scale). parseMarkdown reads
// headings, paragraphs, `-` lists, simple emphasis and `<details>` blocks directly and gives the rest to
// remark; the lines must be exactly those of remark parsing the whole text, compared here on:
// - near misses: every way a line that looks plain is not (other list markers and indentations, underlines,
//   indented code, fences, HTML, emphasis of other kinds, entities, escapes, closing `#`s, tabs), each alone
//   and amid plain text;
// - random texts assembled from such lines and plain ones (seeded, reproducible);
// - our fixture statutes and a sample of real statutes from ../shared/corpus (skipped when absent);
// and the fast path must really be taken, so that these comparisons test it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, type MarkdownOptions } from '../dist/parse/markdown.js';
import type { Line } from '../dist/types.js';
import { ROOT } from './helpers/cli.js';
import { sourceOf } from './helpers/source.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus');

function linesOf(text: string, options: MarkdownOptions, path = 'statute.md'): Line[] {
  const result = parseMarkdown(sourceOf(text, path), options);
  if (!result.ok) throw new Error('not parsed as Markdown');
  return result.lines;
}

const remarkAlone = (text: string, path?: string): Line[] => linesOf(text, { chunkThreshold: Infinity, fastPath: false }, path);

/** The fast path's lines, and how many lines remark parsed (chunks told through onChunk). */
function fast(text: string, options: MarkdownOptions = {}, path?: string): { lines: Line[]; remarkLines: number } {
  let remarkLines = 0;
  const lines = linesOf(text, { ...options, onChunk: (first, last, used) => (remarkLines += used ? last - first + 1 : 0) }, path);
  return { lines, remarkLines };
}

function firstDifference(expected: Line[], got: Line[]): { remark?: Line; fast?: Line } | undefined {
  for (let i = 0; i < Math.max(expected.length, got.length); i++) {
    if (JSON.stringify(expected[i]) !== JSON.stringify(got[i])) return { remark: expected[i], fast: got[i] };
  }
  return undefined;
}

const PLAIN = [
  '# Children Protection Act',
  '## Part 2 — Offences',
  '### 12. Sale of children',
  '(1) A person who sells a child commits an offence and is liable to imprisonment for a term not exceeding 15 years.',
  'In this Act, "child" means a person under the age of 18 years.',
  '12.3 The Minister may make regulations.',
  '2019 amendments apply.',
  'Whoever, being a parent, offers a child for sale shall be punished.',
  '   (2) Indented by three spaces, still a paragraph.',
  'A line with two trailing spaces for a hard break  ',
  'Text (with brackets) and: colons; semicolons — dashes, 50% and "quotes".',
  // Read directly too: lists of paragraphs nested by indentation, simple emphasis, HTML blocks that end at a
  // blank line.
  '- (a) a list item,', '  - (i) a nested item,', '    - (A) a deeper item', '  continuation indented by two',
  '**term** means a person; (**terme**)', 'the *Short Title Act* applies', '**Marginal note**', '- **(b)** bold marker',
  '<details>', '<summary>Historical Note</summary>', '</details>', '- 2019, c. 1, s. 2',
  '### 5 *Heading* with **bold**', '“**quoted**” and ‘*quoted*’ terms', '*a* **b** *c*',
  // Brackets that cannot make a link: these texts have no link reference definitions.
  '[Repealed, 2009, c. 23, s. 313]', '[Amendments]', '### [Repealed]', '(1.1) [Repealed, 2017, c. 14, s. 1]',
  '- [Amendment]', '**[Transitional provision]**', 'a [b] c [d][e] f [g][] h', '*[foo*] and [*bar*]', 'ends with [',
];

/** Lines that look plain but are not, or that change the line before or after them. */
const NEAR_MISSES = [
  '- (a) a list item', '+ plus item', '* star item', '1. ordered item', '1) ordered item', '2. second item', '12.', '3)',
  '===', '---', '***', '___', '- - -', '    indented code', '\tTab-indented code', '  \tspaces then a tab',
  '```', '~~~', '<details>', '<!-- comment -->', '> a quotation', '| a | b |',
  'Emphasis *here*', 'Strong **term** means', 'snake_case word', 'Code `span`', 'A [link](https://example.org)',
  'An entity &amp; here', 'An escape \\* here', 'A hard break by backslash\\', 'Inline <b>HTML</b>',
  '## Heading with closing hashes ##', '#NoSpace', '#', '##', '####### seven', '#\tTab heading', '## # starts with hash',
  'NUL\u0000char', 'Form\u000cfeed', 'Ends in a tab\t', '        deeply indented continuation',
  // Emphasis that is not of the simplest kind, or `*` that is not emphasis.
  '***bold italic***', '**a*', '*a**', 'a**b**c', '**a **', '** a**', '*(a)*', '(**(a)**)', '**bold across', 'lines**',
  '*', '**', 'x * y', '2*3*4', '**a *b* c**', '*a*b', 'a*b*', '**€**', '*¶*', '*\u00a0a*', '*\u2003*',
  // List items that are not `- text` with one space, or that hold another block.
  '- ', '-', '-  two spaces', '-\ttab', ' - indented one', '   - indented three', '     - indented five', '\t- tab item',
  '- # heading in item', '- > quote in item', '- - nested on one line', '- 1. ordered in item', '-- dashes', '- ---',
  '  - ', '      - six', '  ---', '  ===', '   text indented three',
  // HTML that is not a block of kind 6, or is.
  '<div class="x">', '<DETAILS>', '<detailsx>', '  <details>', '    <details>', '<p/>', '<p/', '</summary>', '<span>',
  // Brackets that make a link or image, or start one whose end is on a later line of the paragraph, or a
  // definition (which makes the whole text go to remark).
  '![image](x.png)', '[text](url) after', '*[foo*](url)', '**[a](b)**', '[a link that starts here', 'and ends here](url)',
  '[Amendments]\n(see below)', '[x]: https://example.org', '  [y]:', '[z]\n: not a definition', ']( alone',
];

describe('plain blocks without remark', () => {
  it('gives remark\'s lines for each near miss, alone and amid plain text', () => {
    for (const miss of NEAR_MISSES) {
      const texts = [
        `${miss}\n`,
        `# Act\n\n${miss}\n`,
        `# Act\n${miss}\n`,
        `${PLAIN[3]}\n${miss}\n${PLAIN[4]}\n`,
        `${PLAIN[1]}\n\n${PLAIN[3]}\n\n${miss}\n\n${PLAIN[4]}\n${PLAIN[6]}\n\n${PLAIN[2]}\n${miss}\n`,
      ];
      for (const text of texts) {
        expect(firstDifference(remarkAlone(text), fast(text).lines), JSON.stringify(text)).toBeUndefined();
        expect(firstDifference(remarkAlone(text), fast(text, { chunkThreshold: 0, chunkSize: 1 }).lines), JSON.stringify(text)).toBeUndefined();
      }
    }
  });

  it('gives remark\'s lines on random texts of plain lines and near misses', () => {
    let seed = 20261125;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let fastLines = 0;
    for (let t = 0; t < 1500; t++) {
      const out: string[] = [];
      const n = 5 + random(60);
      for (let i = 0; i < n; i++) {
        const r = random(10);
        out.push(r < 5 ? PLAIN[random(PLAIN.length)] : r < 8 ? '' : NEAR_MISSES[random(NEAR_MISSES.length)]);
      }
      const text = out.join('\n') + '\n';
      const got = fast(text, { chunkThreshold: 0, chunkSize: 1 + random(400) });
      expect(firstDifference(remarkAlone(text), got.lines), JSON.stringify(text)).toBeUndefined();
      fastLines += out.length - got.remarkLines;
    }
    expect(fastLines).toBeGreaterThan(10000);
  });

  it('gives remark\'s lines on random nestings of list items, paragraphs and lazy lines', () => {
    // Indentation decides which item a line belongs to, whether it is lazy, and when it would be code; every
    // indentation from 0 to 9 columns, items and text, with and without blank lines between.
    let seed = 51;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const TEXT = ['(a) a person', '**term** means', 'sells a *child*', 'for (**terme**)', '12.3 text', 'a', '(i)'];
    let fastLines = 0;
    let total = 0;
    for (let t = 0; t < 3000; t++) {
      const out: string[] = [];
      const n = 2 + random(14);
      for (let i = 0; i < n; i++) {
        const r = random(10);
        if (r < 2) out.push('');
        else out.push(' '.repeat(random(10)) + (r < 6 ? '- ' : '') + TEXT[random(TEXT.length)]);
      }
      const text = out.join('\n') + '\n';
      const got = fast(text, { chunkThreshold: 0, chunkSize: 1 + random(200) });
      expect(firstDifference(remarkAlone(text), got.lines), JSON.stringify(text)).toBeUndefined();
      fastLines += out.length - got.remarkLines;
      total += out.length;
    }
    expect(fastLines).toBeGreaterThan(total / 3);
  });

  it('classifies a plain statute without remark', () => {
    const text = [PLAIN[0], '', PLAIN[1], '', PLAIN[2], '', PLAIN[3], PLAIN[4], '', PLAIN[5], ''].join('\n');
    const got = fast(text);
    expect(got.remarkLines).toBe(0);
    expect(got.lines.map((l) => [l.kind, l.headingDepth ?? null])).toEqual([
      ['heading', 1], ['blank', null], ['heading', 2], ['blank', null], ['heading', 3], ['blank', null],
      ['paragraph', null], ['paragraph', null], ['blank', null], ['paragraph', null],
    ]);
    expect(firstDifference(remarkAlone(text), got.lines)).toBeUndefined();
  });

  it('reads bracketed notes without remark, as remark does', () => {
    const text = ['### 36', '', '[Repealed, 2009, c. 23, s. 313]', '', '### 37', '', '[Amendments]', '', '- (a) [Repealed]', ''].join('\n');
    const got = fast(text);
    expect(got.remarkLines).toBe(0);
    expect(got.lines.filter((l) => l.kind !== 'blank').map((l) => [l.kind, l.text])).toEqual([
      ['heading', '36'], ['paragraph', '[Repealed, 2009, c. 23, s. 313]'], ['heading', '37'], ['paragraph', '[Amendments]'],
      ['item', '(a) [Repealed]'],
    ]);
    expect(firstDifference(remarkAlone(text), got.lines)).toBeUndefined();
    // An inline link in the same paragraph is left to remark, which drops its brackets and address.
    const linked = 'A [note\nthat ends](https://example.org) here.\n';
    expect(fast(linked).lines.map((l) => l.text)).toEqual(['A note', 'that ends here.']);
  });

  it('reads definitions, nested lists, lazy lines and notes without remark, as remark does', () => {
    const text = [
      '### 2 Definitions', '', '**bank-note** includes any *negotiable* instrument', '  - (a) issued by a bank, and',
      '  - (b) issued by a state,', '    - (i) in Canada, or', '    - (ii) elsewhere,', 'intended to be used as money; (**billet**)',
      '', '<details>', '<summary>Historical Note</summary>', '', '- 2019, c. 18, s. 2', '', '</details>', '',
    ].join('\n');
    const got = fast(text);
    expect(got.remarkLines).toBe(0);
    expect(got.lines.map((l) => [l.kind, l.listDepth ?? 0, l.text, l.strong ?? []])).toEqual([
      ['heading', 0, '2 Definitions', []], ['blank', 0, '', []],
      ['paragraph', 0, 'bank-note includes any negotiable instrument', [[0, 9]]],
      ['item', 1, '(a) issued by a bank, and', []], ['item', 1, '(b) issued by a state,', []],
      ['item', 2, '(i) in Canada, or', []], ['item', 2, '(ii) elsewhere,', []],
      // A lazy line: it continues item (ii)'s paragraph, at the depth of no item.
      ['paragraph', 0, 'intended to be used as money; (billet)', [[31, 37]]], ['blank', 0, '', []],
      ['html', 0, '', []], ['html', 0, 'Historical Note', []], ['blank', 0, '', []],
      ['item', 1, '2019, c. 18, s. 2', []], ['blank', 0, '', []], ['html', 0, '', []],
    ]);
    expect(firstDifference(remarkAlone(text), got.lines)).toBeUndefined();
  });

  it('costs a few parses, not one per block, when the scanner misreads a fence', () => {
    // The fence opened inside the list item (line 4) is taken by the scanner for a top-level one, so it sees the
    // real top-level fence (line 6, never closed) as its closing fence: every plain section after it looks plain
    // to the scanner but is code to remark, and each split before one is refused.
    const sections = Array.from({ length: 3000 }, (_, k) => `## Section ${k + 1}\n\nA person who sells a child commits an offence.\n`);
    const text = `# Act\n\n- item\n  \`\`\`\n# heading\n\`\`\`\n\n${sections.join('\n')}`;
    let parses = 0;
    const lines = linesOf(text, { onChunk: () => parses++ });
    expect(firstDifference(remarkAlone(text), lines)).toBeUndefined();
    expect(lines.filter((l) => l.text.startsWith('## Section')).every((l) => l.kind === 'code')).toBe(true);
    expect(parses).toBeLessThan(40);
  });

  it('gives remark\'s lines on the fixture statutes', () => {
    const dir = join(ROOT, 'fixtures', 'statutes');
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(md|markdown)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    let plain = 0;
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const got = fast(text, {}, f);
      expect(firstDifference(remarkAlone(text, f), got.lines), f).toBeUndefined();
      plain += got.lines.length - got.remarkLines;
    }
    expect(plain).toBeGreaterThan(100);
  });

  describe.skipIf(!existsSync(CORPUS))('on statutes from ../shared/corpus', () => {
    it('gives remark\'s lines on every tenth federal act and the other statutes under 1 MB', () => {
      const acts = readdirSync(join(CORPUS, 'ca-federal-acts-en')).filter((f) => f.endsWith('.md')).sort();
      const files = [...acts.filter((_, i) => i % 10 === 0).map((f) => join('ca-federal-acts-en', f)), 'de-stgb.md', 'ph-ra-10175.md', 'us-18-usc-selected.md'];
      let plain = 0;
      for (const f of files) {
        const text = readFileSync(join(CORPUS, f), 'utf8').replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
        if (text.length > 1024 * 1024) continue; // whole-text remark is quadratic on the largest; see parse-large
        const got = fast(text, {}, f);
        expect(firstDifference(remarkAlone(text, f), got.lines), f).toBeUndefined();
        plain += got.lines.length - got.remarkLines;
      }
      expect(plain).toBeGreaterThan(1000);
    }, 180_000);
  });
});
