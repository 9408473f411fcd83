// The parse stage: one classified Line per source line, from Markdown (remark-parse) or plain text.
import { describe, expect, it } from 'vitest';
import { formatFromPath, parseSource } from '../dist/parse/index.js';
import type { Line } from '../dist/types.js';
import { sourceOf } from './helpers/source.js';


function md(text: string): Line[] {
  return parseSource(sourceOf(text, 'statute.md')).lines;
}

function txt(text: string): Line[] {
  return parseSource(sourceOf(text, 'statute.txt')).lines;
}

describe('format', () => {
  it('is Markdown for .md and .markdown, plain text otherwise', () => {
    expect(formatFromPath('a/b/act.md')).toBe('markdown');
    expect(formatFromPath('ACT.MARKDOWN')).toBe('markdown');
    expect(formatFromPath('act.txt')).toBe('text');
    expect(formatFromPath('act')).toBe('text');
  });

  it('can be forced', () => {
    const parsed = parseSource(sourceOf('# Heading\n', 'act.txt'), 'markdown');
    expect(parsed.format).toBe('markdown');
    expect(parsed.lines[0]).toMatchObject({ kind: 'heading', headingDepth: 1, text: 'Heading' });
  });
});

describe('Markdown lines', () => {
  it('gives one line per source line, numbered from 1, with no extra line for the final newline', () => {
    const lines = md('# Act\n\nText one.\nText two.\n');
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
    expect(lines.map((l) => l.kind)).toEqual(['heading', 'blank', 'paragraph', 'paragraph']);
    expect(lines[2].text).toBe('Text one.');
    expect(lines[3].text).toBe('Text two.');
  });

  it('removes inline markup: emphasis, links, escapes, code spans, inline HTML', () => {
    const lines = md('### 12. *Offences* against [children](https://example.org) \\(general\\) `s. 5` <sup>1</sup>\n');
    expect(lines[0]).toMatchObject({ kind: 'heading', headingDepth: 3 });
    expect(lines[0].text).toBe('12. Offences against children (general) s. 5 1');
  });

  it('records bold ranges on the line text', () => {
    const [line] = md('In this section, **child sexual abuse material** means any image.\n');
    expect(line.strong).toEqual([[17, 44]]);
    expect(line.text.slice(17, 44)).toBe('child sexual abuse material');
  });

  it('keeps a bold range aligned when the line is indented', () => {
    const lines = md('- (a) item\n\n  **term** means x\n');
    const l = lines[2];
    expect(l.text).toBe('term means x');
    expect(l.strong).toEqual([[0, 4]]);
  });

  it('marks list items with their nesting depth, on first and continuation lines', () => {
    const lines = md('(1) Every one who\n\n- (a) makes, or\n  continues, or\n  - (i) nested item\n- (b) prints\n');
    expect(lines[0]).toMatchObject({ kind: 'paragraph', text: '(1) Every one who' });
    expect(lines[0].listDepth).toBeUndefined();
    expect(lines[2]).toMatchObject({ kind: 'item', listDepth: 1, text: '(a) makes, or' });
    expect(lines[3]).toMatchObject({ kind: 'paragraph', listDepth: 1, text: 'continues, or' });
    expect(lines[4]).toMatchObject({ kind: 'item', listDepth: 2, text: '(i) nested item' });
    expect(lines[5]).toMatchObject({ kind: 'item', listDepth: 1, text: '(b) prints' });
  });

  it('takes a lazy continuation line (indented less than the item) out of the list', () => {
    const lines = md('**associated personnel** means persons who are\n  - (a) assigned, or\n  - (b) engaged,\nto carry out activities;\n');
    expect(lines[2]).toMatchObject({ kind: 'item', listDepth: 1 });
    expect(lines[3].text).toBe('to carry out activities;');
    expect(lines[3].listDepth).toBeUndefined();
  });

  it('keeps the number of an ordered list item, as written, since it is the paragraph number', () => {
    const lines = md('(1) Whoever\n\n1.  produces material,\n2.  distributes it.\n');
    expect(lines[2]).toMatchObject({ kind: 'item', text: '1. produces material,' });
    expect(lines[3]).toMatchObject({ kind: 'item', text: '2. distributes it.' });
  });

  it('classifies HTML, quotes, code, rules and tables', () => {
    const lines = md('<details>\n<summary>Historical Note</summary>\n\n> 5A. Inserted text\n\n    indented code\n\n---\n\n| a | b |\n');
    expect(lines[0]).toMatchObject({ kind: 'html', text: '' });
    expect(lines[1]).toMatchObject({ kind: 'html', text: 'Historical Note' });
    expect(lines[3]).toMatchObject({ kind: 'quote', text: '5A. Inserted text' });
    expect(lines[5]).toMatchObject({ kind: 'code', text: 'indented code' });
    expect(lines[7]).toMatchObject({ kind: 'rule', text: '' });
    expect(lines[9].kind).toBe('table');
  });

  it('marks front matter lines and does not read them as Markdown', () => {
    const lines = md('---\ntitle: Child Protection Act\n---\n\n# Child Protection Act\n');
    expect(lines.slice(0, 3).map((l) => l.kind)).toEqual(['frontmatter', 'frontmatter', 'frontmatter']);
    expect(lines[1].text).toBe('title: Child Protection Act');
    expect(lines[4]).toMatchObject({ kind: 'heading', headingDepth: 1, line: 5 });
  });

  it('gives setext headings both their lines', () => {
    const lines = md('Part 2\n======\n\nText.\n');
    expect(lines[0]).toMatchObject({ kind: 'heading', headingDepth: 1, text: 'Part 2' });
    expect(lines[1]).toMatchObject({ kind: 'heading', text: '' });
  });

  it('keeps blank lines blank even inside an indented code block', () => {
    const lines = md('Text.\n\n    a)  first\n\n    b)  second\n');
    expect(lines.map((l) => l.kind)).toEqual(['paragraph', 'blank', 'code', 'blank', 'code']);
    expect(lines[4].text).toBe('b)  second');
  });

  it('trims every line', () => {
    for (const l of md('  Indented paragraph  \n\n- item   \n')) expect(l.text).toBe(l.text.trim());
  });

  it('takes an HTML block left open at the end of the file (it used to throw)', () => {
    // remark ends such a block on the line after the final newline, which is not a line of the file.
    for (const text of ['# Act\n\n<!--\nA comment.\n', '# Act\n\n<pre>\nPreformatted.\n']) {
      const lines = md(text);
      expect(lines).toHaveLength(4);
      expect(lines[2].kind).toBe('html');
      expect(lines[3]).toMatchObject({ kind: 'html', text: text.split('\n')[3] });
    }
  });
});

describe('plain-text lines', () => {
  it('classifies headings, paragraphs, bullets, rules and blank lines', () => {
    const lines = txt(
      [
        'CHILD PROTECTION ACT 2025',
        '',
        'PART II — OFFENCES',
        '',
        'Possession of indecent images',
        '(1) A person who possesses an indecent',
        'photograph of a child commits an offence.',
        '- a bullet point',
        '* * *',
        '   ',
      ].join('\n'),
    );
    expect(lines.map((l) => l.kind)).toEqual(['heading', 'blank', 'heading', 'blank', 'heading', 'paragraph', 'paragraph', 'item', 'rule', 'blank']);
    expect(lines[7].text).toBe('a bullet point');
  });

  it('does not take the first half of a wrapped sentence for a heading', () => {
    const lines = txt('\nThe Minister may by order\namend the Schedule.\n');
    expect(lines[1].kind).toBe('paragraph');
  });

  it('does not take a sentence for a heading', () => {
    const lines = txt('\nThis Act applies to Westland\n');
    expect(lines[1].kind).toBe('paragraph');
  });

  it('marks front matter', () => {
    const lines = txt('---\ntitle: X\n---\nTEXT\n');
    expect(lines.map((l) => l.kind)).toEqual(['frontmatter', 'frontmatter', 'frontmatter', 'heading']);
  });

  it('trims lines and numbers them from 1', () => {
    const lines = txt('  (a) first\n\t(b) second\n');
    expect(lines.map((l) => [l.line, l.text])).toEqual([
      [1, '(a) first'],
      [2, '(b) second'],
    ]);
  });
});
