// Large and deeply nested Markdown (issues 6 and 7).
//
// - Chunked parsing: a large text is parsed by remark in chunks that begin at top-level blocks. The lines it
//   gives must be identical to those of a parse of the whole text, whatever the chunk size; compared here on
//   real statutes from ../shared/corpus (skipped when absent) and on a generated statute full of the
//   constructs that make a split unsafe: fenced code and HTML blocks holding `#` lines and blank lines, lists
//   and block quotes running over would-be boundaries, a fence inside a list item.
// - Deep nesting: thousands of nested block quotes or list levels must give a result, through the library and
//   through the CLI, read as plain text with a warning, and not overflow the stack.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NESTING, parseMarkdown, type MarkdownOptions } from '../dist/parse/markdown.js';
import { parseSource } from '../dist/parse/index.js';
import { checkText, loadRulePack, statuteFromString } from '../dist/index.js';
import type { Line } from '../dist/types.js';
import { makeTempDir, removeTempDir, runCli } from './helpers/cli.js';
import { sourceOf } from './helpers/source.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const MINUTE = 60_000;

interface Parsed {
  lines: Line[];
  /** Chunks used, and chunks parsed but not used (their end was not a safe split). */
  used: number;
  rejected: number;
}

function parse(text: string, options: MarkdownOptions, path = 'statute.md'): Parsed {
  let used = 0;
  let rejected = 0;
  const result = parseMarkdown(sourceOf(text, path), { ...options, onChunk: (_first, _last, ok) => (ok ? used++ : rejected++) });
  if (!result.ok) throw new Error(`not parsed as Markdown: nesting ${result.depth} at line ${result.line}`);
  return { lines: result.lines, used, rejected };
}

// remark alone on the whole text (the reference), and in chunks without the plain-block fast path (tested in
// parse-fast.test.ts), so that what is tested here is the chunking.
const whole = (text: string, path?: string): Line[] => parse(text, { chunkThreshold: Infinity, fastPath: false }, path).lines;
const chunked = (text: string, chunkSize: number, path?: string): Parsed => parse(text, { chunkThreshold: 0, chunkSize, fastPath: false }, path);

/** The first line where two parses differ (both sides), or undefined; a readable failure for a 40,000-line file. */
function firstDifference(a: Line[], b: Line[]): { whole?: Line; chunked?: Line } | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return { whole: a[i], chunked: b[i] };
  }
  return undefined;
}

/**
 * A statute of about `sections` sections whose every section holds one of the constructs that a naive split at
 * `#` lines or margin paragraphs would get wrong, plus ordinary text around them.
 */
function trickyStatute(sections: number): string {
  const out = ['---', 'title: Tricky Act', '# front matter comment', '---', '', '# Tricky Act', ''];
  for (let s = 1; s <= sections; s++) {
    if (s % 25 === 1) out.push(`## Part ${Math.ceil(s / 25)}`, '');
    out.push(`### ${s}. Offence ${s}`, '', `(1) A person who sells a child commits an offence under section ${s}.`, '');
    switch (s % 12) {
      case 0: // fenced code with headings and margin paragraphs after blank lines
        out.push('```', '# not a heading', '', 'Not a paragraph either.', '```', '');
        break;
      case 1: // tilde fence, longer closing fence
        out.push('~~~~ text', '## inside the fence', '', 'still code', '~~~~~', '');
        break;
      case 2: // HTML block (kind 6) holding a `#` line: no blank line, so the heading is HTML
        out.push('<div class="note">', '# Historical note inside HTML', '</div>', '');
        break;
      case 3: // HTML comment (kind 2) spanning blank lines
        out.push('<!--', '# commented out', '', 'Margin text in a comment.', '-->', '');
        break;
      case 4: // nested list with loose items, continuation paragraphs and a lazy line
        out.push('- (a) the first item;', '', '  continued in the item;', '  - (i) nested item', '    - (A) deeper item', 'lazy line of the deeper item;', '', '- (b) the second item.', '');
        break;
      case 5: // ordered list whose items hold blank lines, followed by a margin paragraph
        out.push('1. first paragraph', '', '   its second paragraph', '2) a new list', '', 'Text at the margin closes the list.', '');
        break;
      case 6: // block quote holding a list, a heading and a lazy line
        out.push('> quoted text', '> - quoted item', '> # quoted heading', 'lazy quoted line', '');
        break;
      case 7: // a fence inside a list item: the scanner takes it for a top-level fence (a candidate remark refuses)
        out.push('- item with code', '  ```', `# heading ${s} closes the item and its fence`, '```', `# inside a top-level fence ${s}`, '', 'code', '```', '');
        break;
      case 8: // setext headings and thematic breaks
        out.push('Setext Heading', '==============', '', 'Another One', '---', '', '* * *', '');
        break;
      case 9: // indented code holding `#`, then **bold** defined terms
        out.push('    # indented code, not a heading', '', '**child** means a person under the age of eighteen years.', '');
        break;
      case 10: // raw HTML (kind 1) left open over a blank line and a `#` line
        out.push('<pre>', '', '# not a heading', '</pre>', '');
        break;
      default: // inline markup across lines
        out.push('A person who *knowingly', 'sells* a child, or **offers', 'a child** for sale, commits an offence.', '');
    }
  }
  return `${out.join('\n')}\n`;
}

describe('chunked parsing gives the lines of a whole parse', () => {
  const text = trickyStatute(1600);

  it('on a generated statute full of unsafe split points, at any chunk size', () => {
    expect(text.length).toBeGreaterThan(256 * 1024); // far over the default threshold (16 KiB): chunked by parseSource too
    const expected = whole(text);
    for (const size of [1, 100, 4096, 65536]) {
      const got = chunked(text, size);
      expect(firstDifference(expected, got.lines), `chunk size ${size}`).toBeUndefined();
      if (size === 1) {
        // Every safe split was taken, and the fences inside list items were refused, not split.
        expect(got.used).toBeGreaterThan(2000);
        expect(got.rejected).toBeGreaterThan(0);
      }
    }
    expect(firstDifference(expected, parseSource(sourceOf(text, 'statute.md')).lines)).toBeUndefined();
  });

  it('keeps the constructs that a naive split would break', () => {
    const lines = chunked(text, 1).lines;
    const kindOf = (needle: string) => lines.filter((l) => l.text.includes(needle)).map((l) => l.kind);
    expect(new Set(kindOf('# not a heading'))).toEqual(new Set(['code', 'html']));
    expect(new Set(kindOf('inside the fence'))).toEqual(new Set(['code']));
    expect(new Set(kindOf('Historical note inside HTML'))).toEqual(new Set(['html']));
    expect(new Set(kindOf('inside a top-level fence'))).toEqual(new Set(['code']));
    expect(new Set(kindOf('closes the item and its fence'))).toEqual(new Set(['heading']));
    expect(new Set(kindOf('Margin text in a comment'))).toEqual(new Set(['html']));
    expect(lines.filter((l) => l.text === 'Setext Heading').every((l) => l.kind === 'heading' && l.headingDepth === 1)).toBe(true);
  });

  it('does not split a text that may hold a link reference definition, which applies to the whole text', () => {
    const body = trickyStatute(700);
    const withDefinition = `See [the Act][act].\n\n${body}\n[act]: https://example.org/act\n`;
    const got = chunked(withDefinition, 1);
    expect(got.used + got.rejected).toBe(0);
    expect(got.lines[0].text).toBe('See the Act.');
    expect(firstDifference(whole(withDefinition), got.lines)).toBeUndefined();
  });

  const present = existsSync(CORPUS);
  const files = [
    'ca-federal-acts-en/C-46-criminal-code.md',
    'ca-code-criminel-fr.md',
    'ca-federal-acts-en/B-3-bankruptcy-and-insolvency-act.md',
    'ca-federal-acts-en/L-2-canada-labour-code.md',
    'us-18-usc-selected.md',
  ];
  describe.skipIf(!present)('on statutes from ../shared/corpus', () => {
    it.each(files)('%s', (name) => {
      const text = readFileSync(join(CORPUS, name), 'utf8').replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
      const got = chunked(text, 16 * 1024, name);
      expect(got.used).toBeGreaterThan(3);
      expect(firstDifference(whole(text, name), got.lines)).toBeUndefined();
    }, 3 * MINUTE);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Deep nesting

const HEAD = '# Deep Act\n\n## 1. Offences\n\nA person who sells a child commits an offence and is liable to imprisonment for a term not exceeding 10 years.\n\n';
const HEAD_LINES = 6;
const deep: Record<string, string> = {
  'quotes-2000-one-line.md': `${HEAD}${'> '.repeat(2000)}deep text\n`,
  'quotes-20000-one-line.md': `${HEAD}${'> '.repeat(20_000)}deep text\n`,
  'quotes-2000-lines.md': HEAD + Array.from({ length: 2000 }, (_, i) => `${'>'.repeat(i + 1)} level ${i + 1}`).join('\n') + '\n',
  'list-2000-indented.md': HEAD + Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n') + '\n',
  'list-20000-one-line.md': `${HEAD}${'- '.repeat(20_000)}deep item\n`,
  'ordered-20000-one-line.md': `${HEAD}${'1. '.repeat(20_000)}deep item\n`,
};

describe('deep nesting', () => {
  it.each(Object.keys(deep))('%s: read as plain text, with a warning at the first line too deep', (name) => {
    const parsed = parseSource(sourceOf(deep[name], name));
    expect(parsed.format).toBe('text');
    expect(parsed.lines).toHaveLength(deep[name].split('\n').length - 1);
    expect(parsed.source.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'markdown-too-deep', file: name, line: HEAD_LINES + 1 + (name.includes('-lines') || name.includes('indented') ? MAX_NESTING : 0) }),
    ]);
    expect(parsed.source.warnings[0].message).toMatch(/^block quotes or lists nested too deeply to parse as Markdown \(up to \d+ levels; the limit is 100\); the file is read as plain text$/);
    // Through the public API: a document, with the warning on its source.
    const doc = statuteFromString(deep[name], name);
    expect(doc.format).toBe('text');
    expect(doc.source.warnings.map((w) => w.code)).toEqual(['markdown-too-deep']);
  });

  it('checkText gives a result and reports the warning', async () => {
    const pack = await loadRulePack();
    const result = await checkText(deep['quotes-20000-one-line.md'], { pack, path: 'deep.md' });
    expect(result.measures.length).toBeGreaterThan(0);
    expect(result.diagnostics.map((d) => d.code)).toContain('markdown-too-deep');
  });

  it(`is parsed as Markdown up to ${MAX_NESTING} levels`, () => {
    const quotes = parseSource(sourceOf(`${HEAD}${'> '.repeat(MAX_NESTING)}deep text\n`, 'q.md'));
    expect(quotes.format).toBe('markdown');
    expect(quotes.lines[HEAD_LINES]).toMatchObject({ kind: 'quote', text: 'deep text' });
    const list = parseSource(sourceOf(HEAD + Array.from({ length: MAX_NESTING }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n') + '\n', 'l.md'));
    expect(list.format).toBe('markdown');
    expect(list.lines.at(-1)).toMatchObject({ kind: 'item', text: `level ${MAX_NESTING}`, listDepth: MAX_NESTING });
    // A long thematic break of `- ` is not a deep list.
    expect(parseSource(sourceOf(`Text\n\n${'- '.repeat(300)}\n`, 't.md')).format).toBe('markdown');
  });

  it('a tree thousands deep does not overflow the walk (no recursion)', () => {
    // Past the nesting limit on purpose: what a deep tree does to the walk itself.
    const quotes = parseMarkdown(sourceOf(`${'> '.repeat(5000)}deep text\n`, 'q.md'), { maxNesting: Infinity });
    expect(quotes.ok && quotes.lines[0]).toMatchObject({ kind: 'quote', text: 'deep text' });
    const strong = parseSource(sourceOf(`${'**a '.repeat(2000)}x${' b**'.repeat(2000)}\n`, 's.md'));
    expect(strong.lines[0].text).toContain(' x ');
    expect(strong.lines[0].strong).toEqual([[0, strong.lines[0].text.length]]);
  });
});

describe.concurrent('deep nesting through the CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('gap-check-deep-');
    for (const [name, text] of Object.entries(deep)) await writeFile(join(dir, name), text);
  });
  afterAll(async () => {
    await removeTempDir(dir);
  });

  it.each(Object.keys(deep))('%s: a report, and one warning naming the line', async (name) => {
    const run = await runCli([name, '--format', 'json'], { cwd: dir, timeoutMs: 2 * MINUTE });
    expect([0, 1], run.stderr).toContain(run.code);
    const warnings = run.stderr.split('\n').filter((l) => l !== '');
    expect(warnings.filter((l) => !/^gap-check: [^:]+(:\d+)?: warning: /.test(l))).toEqual([]);
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^gap-check: ${name}:\\d+: warning: block quotes or lists nested too deeply to parse as Markdown`)));
    const report = JSON.parse(run.stdout) as { measures: unknown[] };
    expect(report.measures.length).toBeGreaterThan(0);
  }, 2 * MINUTE);
});
