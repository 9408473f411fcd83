// GitHub workflow commands: the summary first, then one annotation per gap, escaped by GitHub's rules.

import { describe, expect, it } from 'vitest';
import { formatReport } from '../dist/report/index.js';
import { escapeData, escapeProperty, workflowCommand } from '../dist/report/github.js';
import { sampleResult } from './helpers/sample-result.js';

async function github(quiet = false): Promise<string[]> {
  const out = await formatReport(sampleResult(), 'github', { color: false, quiet });
  return out.replace(/\n$/, '').split('\n');
}

describe('github report', () => {
  it('starts with a one-line summary notice', async () => {
    const lines = await github();
    expect(lines[0]).toBe('::notice::gap-check: 11 measures: 4 met, 3 partial, 2 missing, 1 satisfied elsewhere, 1 not applicable');
  });

  it('has an error per missing measure and a warning per partial one, in report order', async () => {
    const lines = await github();
    const annotations = lines.slice(1).filter((l) => /title=[a-z0-9-]+ \(/.test(l));
    expect(annotations.map((l) => [l.slice(2, l.indexOf(' ')), /title=([a-z0-9-]+)/.exec(l)![1]])).toEqual([
      ['warning', 'def-abuse-material'],
      ['error', 'poa-24-legal-aid'],
      ['warning', 'poa-25-penalties'],
      ['error', 'poa-53-distribution'],
      ['warning', 'ga-60-extraterritorial'],
    ]);
  });

  it('anchors a missing measure at line 1 of the first file and says why', async () => {
    const line = (await github()).find((l) => l.includes('title=poa-53-distribution'))!;
    expect(line.startsWith('::error file=acts/children-act.md,line=1,endLine=1,title=poa-53-distribution (POA 53)%3A Distribution')).toBe(true);
    expect(line).toContain('::Missing: No provision makes distributing');
    expect(line).toContain('anchored at the start of the document (line 1).');
  });

  it('escapes `,` and `:` in properties and `%` in messages', async () => {
    const lines = await github();
    const partial = lines.find((l) => l.includes('title=ga-60-extraterritorial'))!;
    expect(partial).toMatch(/^::warning file=acts\/Penal Code%2C 2019%3A consolidated\.md,line=40,endLine=43,title=ga-60-extraterritorial \(GA 60; POA 47\)%3A Nationals/);
    const missing = lines.find((l) => l.includes('title=poa-24-legal-aid'))!;
    expect(missing).toContain('(0%25 of the offences covered)');
    // The pipe in the message needs no escaping for GitHub and is left alone.
    expect(missing).toContain('legal aid | representation');
  });

  it('never lets a line break start a new command', async () => {
    const lines = await github();
    for (const line of lines) expect(line.startsWith('::')).toBe(true);
    const diagnostic = lines.find((l) => l.includes('encoding-fallback'))!;
    expect(diagnostic).toBe('::warning file=acts/Penal Code%2C 2019%3A consolidated.md,line=3,title=gap-check%3A encoding-fallback::not valid UTF-8;%0Aread as windows-1252');
  });

  it('prints only the summary when quiet', async () => {
    expect(await github(true)).toHaveLength(1);
  });

  it('escapes data and properties as @actions/core does', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext%3A a%2C b');
    // `%` first, so an already-escaped-looking sequence is escaped again rather than decoded by GitHub.
    expect(escapeData('%0A')).toBe('%250A');
    expect(workflowCommand('error', [['file', 'a,b.md'], ['line', 3], ['col', undefined]], 'x::y')).toBe('::error file=a%2Cb.md,line=3::x::y');
  });
});
