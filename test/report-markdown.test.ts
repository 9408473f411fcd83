// The Markdown report: a summary and tables a reviewer can paste into a pull request; statute text stays text.

import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { formatReport } from '../dist/report/index.js';
import { mdCode, mdEscape } from '../dist/report/markdown.js';
import { sampleResult } from './helpers/sample-result.js';

/** Table cells on a row, counting only pipes that are not backslash-escaped. */
function cellCount(row: string): number {
  let pipes = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++;
    else if (row[i] === '|') pipes++;
  }
  return pipes - 1;
}

type Node = { type: string; children?: Node[]; value?: string };
function nodeTypes(node: Node, out = new Set<string>()): Set<string> {
  out.add(node.type);
  for (const child of node.children ?? []) nodeTypes(child, out);
  return out;
}

describe('markdown report', () => {
  it('starts with the summary', async () => {
    const md = await formatReport(sampleResult(), 'markdown', { color: false });
    expect(md.startsWith('## gap-check report: Children \\& Young Persons (Protection) Act 2031\n')).toBe(true);
    expect(md).toContain('**11 measures: 4 met, 3 partial, 2 missing, 1 satisfied elsewhere, 1 not applicable**');
  });

  it('has one table row per measure with six cells, pipes in the text escaped', async () => {
    const md = await formatReport(sampleResult(), 'markdown', { color: false });
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    const body = rows.filter((r) => !r.startsWith('| Status') && !r.startsWith('| ---'));
    expect(body).toHaveLength(11);
    for (const row of rows) expect(cellCount(row), row).toBe(6);
    const legalAid = body.find((r) => r.includes('poa-24-legal-aid'))!;
    expect(legalAid).toContain('legal aid \\| representation');
    expect(legalAid.startsWith('| ❌ missing | `poa-24-legal-aid` | POA 24 | Legal aid for child victims |')).toBe(true);
  });

  it('shows evidence citations with line ranges, and satisfied-elsewhere with its citation and justification', async () => {
    const md = await formatReport(sampleResult(), 'markdown', { color: false });
    expect(md).toContain('| ✅ met | `def-child-age` | POA 27 | A child is defined as a person under 18 | s. 2 (Part I > Section 2), lines 12–14, acts/children-act.md |');
    expect(md).toContain("Satisfied by Children's Commissioner Act 2004, s. 9 | **Justification:** The Commissioner coordinates agencies and NGOs. |");
    expect(md).toContain('**Justification:** This Act deals with criminal law only; employment is outside its scope.');
  });

  it('keeps markup in statute text from becoming HTML, links or emphasis', async () => {
    const md = await formatReport(sampleResult(), 'markdown', { color: false });
    expect(md).toContain('\\<script>alert("x")\\</script>');
    expect(md).not.toMatch(/[^\\]<script>/);
    const types = nodeTypes(unified().use(remarkParse).parse(md) as Node);
    for (const forbidden of ['html', 'link', 'image', 'emphasis']) expect(types.has(forbidden), forbidden).toBe(false);
    // The terminal escape in an excerpt is neutralised.
    expect(md).not.toContain('\u001b');
  });

  it('escapes and fences correctly in the helpers', () => {
    expect(mdEscape('a|b *c* _d_ [e](f) <g> & $h$ ~i~ `j` \\')).toBe('a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g> \\& \\$h\\$ \\~i\\~ \\`j\\` \\\\');
    expect(mdEscape('two\nlines')).toBe('two lines');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
  });

  it('gives only the header and summary when quiet', async () => {
    const md = await formatReport(sampleResult(), 'markdown', { color: false, quiet: true });
    expect(md).not.toContain('| Status');
    expect(md.trimEnd().endsWith('1 not applicable**')).toBe(true);
  });
});
