// The terminal report: 80 columns, colour only when asked, grouped measures, and a snapshot of the whole layout.

import { describe, expect, it } from 'vitest';
import { formatReport } from '../dist/report/index.js';
import { wrap } from '../dist/report/text.js';
import { createColors, loadColors } from '../dist/color.js';
import { sampleResult } from './helpers/sample-result.js';

const ANSI = /\u001b\[[0-9;]*m/g;
const text = (opts: { color: boolean; quiet?: boolean }) => formatReport(sampleResult(), 'text', opts);
const width = (line: string) => [...line].length;

describe('text report', () => {
  it('matches the snapshot', async () => {
    await expect(await text({ color: false })).toMatchFileSnapshot('./__snapshots__/report-text.txt');
  });

  it('fits 80 columns except for a single unbreakable token', async () => {
    const lines = (await text({ color: false })).split('\n');
    const long = lines.filter((l) => width(l) > 80);
    // The sample has exactly one: a long URL in a reason, alone on its line.
    expect(long).toHaveLength(1);
    for (const line of long) expect(line.trim()).not.toContain(' ');
  });

  it('has no ANSI codes without colour, even when the statute contains an escape sequence', async () => {
    const out = await text({ color: false });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('A person who knowingly \uFFFD[31mpossesses\uFFFD[0m child sexual abuse');
  });

  it('colours only when asked, without changing the layout', async () => {
    const plain = await text({ color: false });
    const colored = await text({ color: true });
    expect(colored).toMatch(ANSI);
    expect(colored).toContain('\u001b[32m✔ met\u001b[39m');
    expect(colored).toContain('\u001b[31m✖ missing\u001b[39m');
    expect(colored.replace(ANSI, '')).toBe(plain);
  });

  it('groups measures under their source headings in order', async () => {
    const out = await text({ color: false });
    const headings = out.split('\n').filter((l) => /^(Definitions|POA 24–31|POA 53–55|GA 58–60|Other measures)/.test(l));
    expect(headings.map((h) => h.split(':')[0])).toEqual(['Definitions', 'POA 24–31', 'POA 53–55', 'GA 58–60', 'Other measures']);
    expect(out.indexOf('def-abuse-material')).toBeLessThan(out.indexOf('def-child-age'));
    expect(out.indexOf('poa-53-possession')).toBeLessThan(out.indexOf('ga-60-extraterritorial'));
  });

  it('shows the header, the summary, evidence, reasons and justifications', async () => {
    const out = await text({ color: false });
    expect(out).toContain('  Title:        Children & Young Persons (Protection) Act 2031');
    expect(out).toContain('  Jurisdiction: Republic of Examplia');
    expect(out).toContain('  Rule pack:    gap-check-default 0.1.0');
    expect(out).toContain('11 measures: 4 met, 3 partial, 2 missing, 1 satisfied elsewhere,\n  1 not applicable\n');
    expect(out).toContain('✖ missing    poa-24-legal-aid (POA 24)\n             Legal aid for child victims\n             Reason: No provision grants legal aid');
    expect(out).toContain('Evidence: s. 2 (Part I > Section 2), lines 12–14,');
    expect(out).toContain("↷ elsewhere  poa-27-coordinating-body (POA 27)");
    expect(out).toContain("Satisfied by: Children's Commissioner Act 2004, s. 9");
    expect(out).toContain('Justification: This Act deals with criminal law only; employment is');
  });

  it('gives only the header and summary when quiet', async () => {
    const out = await text({ color: false, quiet: true });
    expect(out.endsWith('1 satisfied elsewhere,\n  1 not applicable\n')).toBe(true);
    expect(out).not.toContain('Definitions');
    expect(out).toContain('Files:');
  });

  it('names a single file without listing it, leaves out unknown title and jurisdiction, and says when nothing was checked', async () => {
    const result = sampleResult();
    result.files = [{ path: './acts\\children-act.md', sha256: 'a'.repeat(64) }];
    result.title = null;
    result.jurisdiction = null;
    result.measures = [];
    result.diagnostics = [];
    result.summary = { met: 0, partial: 0, missing: 0, satisfiedElsewhere: 0, notApplicable: 0 };
    const out = await formatReport(result, 'text', { color: false });
    expect(out).toBe(
      'gap-check 0.1.0 report\n  File:         acts/children-act.md\n  Rule pack:    gap-check-default 0.1.0\n\n' +
        '0 measures: 0 met, 0 partial, 0 missing\n\nNo measures were checked.\n',
    );
  });

  it('wraps with a hanging indent and never breaks a word', () => {
    expect(wrap('aaa bbb ccc ddd', 10, 2, 4)).toEqual(['  aaa bbb', '    ccc', '    ddd']);
    expect(wrap('x https://example.org/a/long/path y', 12, 0, 2)).toEqual(['x', '  https://example.org/a/long/path', '  y']);
    expect(wrap('', 80, 4)).toEqual([]);
  });
});

describe('createColors', () => {
  it('returns identity functions when disabled and ANSI when enabled, whatever the terminal', async () => {
    const off = createColors(false);
    await loadColors();
    expect(off.red('x')).toBe('x');
    expect(off.bold('x')).toBe('x');
    expect(off.enabled).toBe(false);
    const on = createColors(true);
    expect(on.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(on.bold('x')).toBe('\u001b[1mx\u001b[22m');
  });
});
