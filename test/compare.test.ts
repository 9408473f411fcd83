// The pure comparison functions behind `gap-check diff`, `--baseline` and `gap-check matrix`: which measures
// changed and in which direction, which count as regressions at each --fail-on level, how a baseline file is
// recognised, and how the matrix is written in each format (escaping included).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import { diffMeasures, failsAt, regressionLine, regressions } from '../dist/compare/diff.js';
import { provisionHistory } from '../dist/compare/history.js';
import { buildDiff, formatDiffJson, formatDiffText } from '../dist/compare/diff-report.js';
import { parseBaseline } from '../dist/compare/baseline.js';
import { countryNames, formatMatrix } from '../dist/compare/matrix.js';
import { formatReport } from '../dist/report/index.js';
import type { CheckResult, Disposition, MeasureResult } from '../src/types.js';
import { sampleResult } from './helpers/sample-result.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const schema = (name: string) => JSON.parse(readFileSync(new URL(`../schema/${name}`, import.meta.url), 'utf8'));

function measure(id: string, status: Disposition, citation?: string): MeasureResult {
  return {
    id,
    instrument: 'E/CN.4/RES/1992/74, annex',
    paragraph: '53',
    source: 'POA 53',
    group: 'poa-53-55',
    title: `Title of ${id}`,
    status,
    reason: status === 'met' ? null : `why ${id} is ${status}`,
    suggestion: status === 'met' ? null : 'add it',
    evidence: citation ? [{ file: 'act.md', citation, headingPath: citation, startLine: 3, endLine: 4, excerpt: `text of ${citation}`, element: 'offence' }] : [],
  };
}

function result(measures: MeasureResult[], files = ['act.md']): CheckResult {
  const count = (s: Disposition) => measures.filter((m) => m.status === s).length;
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'gap-check', version: '0.1.0' },
    rulePack: { name: 'gap-check-default', version: '0.1.0' },
    files: files.map((path) => ({ path, sha256: 'b'.repeat(64) })),
    title: null,
    jurisdiction: null,
    summary: { met: count('met'), partial: count('partial'), missing: count('missing'), satisfiedElsewhere: count('satisfied-elsewhere'), notApplicable: count('not-applicable') },
    measures,
    diagnostics: [],
  };
}

describe('diffMeasures', () => {
  it('reports only changed measures, with direction and the explaining citation', () => {
    const before = [measure('a', 'partial', 's. 5(1)'), measure('b', 'met', 's. 6'), measure('c', 'missing'), measure('d', 'met', 's. 8')];
    const after = [measure('a', 'met', 's. 7(2)'), measure('b', 'missing'), measure('c', 'missing'), measure('d', 'met', 's. 9')];
    const diff = diffMeasures(before, after);
    expect(diff.changes.map((c) => [c.id, c.from, c.to, c.direction])).toEqual([
      ['a', 'partial', 'met', 'better'],
      ['b', 'met', 'missing', 'worse'],
    ]);
    // Better: the new provision; worse: the provision that was lost.
    expect(diff.changes.map((c) => c.summary)).toEqual(['a: partial → met (s. 7(2))', 'b: met → missing (s. 6)']);
    expect(diff.changes[0]!.before!.evidence[0]!.citation).toBe('s. 5(1)');
    expect(diff.changes[0]!.after!.evidence[0]!.citation).toBe('s. 7(2)');
    expect([diff.better, diff.worse, diff.unchanged]).toEqual([1, 1, 2]);
  });

  it('treats appearing, disappearing and declared measures as changed, neither better nor worse', () => {
    const diff = diffMeasures([measure('gone', 'met'), measure('decl', 'missing')], [measure('new', 'missing'), measure('decl', 'not-applicable')]);
    expect(diff.changes.map((c) => [c.id, c.from, c.to, c.direction])).toEqual([
      ['new', null, 'missing', 'changed'],
      ['decl', 'missing', 'not-applicable', 'changed'],
      ['gone', 'met', null, 'changed'],
    ]);
    expect([diff.better, diff.worse]).toEqual([0, 0]);
  });
});

describe('provision history', () => {
  const docs = (tag: string, files: Record<string, Record<string, string>>) =>
    Object.entries(files).map(([key, provisions]) => ({ path: `${tag}/${key}`, key, provisions }));

  it('tells added, amended, removed and unchanged provisions apart, pairing documents by key', () => {
    const h = provisionHistory(
      docs('old', { 'a.md': { 's. 1': 'x1', 's. 2': 'x2', 's. 3': 'x3' }, 'b.md': { 's. 1': 'y1' } }),
      docs('new', { 'a.md': { 's. 1': 'x1', 's. 2': 'CHANGED', 's. 4': 'x4' }, 'b.md': { 's. 1': 'y1', 's. 2': 'y2' } }),
    );
    const ev = (file: string, citation: string) => ({ file, citation, headingPath: citation, startLine: 1, endLine: 1, excerpt: '' });
    expect(h('new', ev('new/a.md', 's. 1'))).toBe('unchanged');
    expect(h('new', ev('new/a.md', 's. 2'))).toBe('amended');
    expect(h('new', ev('new/a.md', 's. 4'))).toBe('added');
    expect(h('old', ev('old/a.md', 's. 3'))).toBe('removed');
    // The same citation in another document of the other side does not count: b.md's s. 2 is new.
    expect(h('new', ev('new/b.md', 's. 2'))).toBe('added');
    // Evidence the history knows nothing about (another file, an unknown citation) gets no word.
    expect(h('new', ev('elsewhere.md', 's. 1'))).toBeNull();
    expect(h('new', ev('new/a.md', 's. 9'))).toBeNull();
  });

  it('pairs the only document of each side whatever their names, else by a file name found once', () => {
    const single = provisionHistory(docs('old', { '2019.md': { 's. 1': 'a' } }), docs('new', { '2024.md': { 's. 1': 'b' } }));
    expect(single('new', { file: 'new/2024.md', citation: 's. 1', headingPath: '', startLine: 1, endLine: 1, excerpt: '' })).toBe('amended');
    const byName = provisionHistory(
      [{ path: 'old/x/act.md', key: 'x/act.md', provisions: { 's. 1': 'a' } }, { path: 'old/y.md', key: 'y.md', provisions: {} }],
      [{ path: 'new/z/act.md', key: 'z/act.md', provisions: { 's. 1': 'a' } }, { path: 'new/w.md', key: 'w.md', provisions: {} }],
    );
    expect(byName('new', { file: 'new/z/act.md', citation: 's. 1', headingPath: '', startLine: 1, endLine: 1, excerpt: '' })).toBe('unchanged');
  });

  it('puts the word in the summary, except for an unchanged provision', () => {
    const before = [measure('a', 'partial', 's. 5(1)'), measure('b', 'met', 's. 6'), measure('c', 'missing')];
    const after = [measure('a', 'met', 's. 7(2)'), measure('b', 'missing'), measure('c', 'met', 's. 2')];
    const words: Record<string, 'added' | 'removed' | 'unchanged'> = { 's. 7(2)': 'added', 's. 6': 'removed', 's. 2': 'unchanged' };
    const diff = diffMeasures(before, after, (_side, e) => words[e.citation] ?? null);
    expect(diff.changes.map((c) => c.summary)).toEqual(['a: partial → met (s. 7(2) added)', 'b: met → missing (s. 6 removed)', 'c: missing → met (s. 2)']);
    expect(diff.changes.map((c) => c.provision?.change)).toEqual(['added', 'removed', 'unchanged']);
  });
});

describe('regressions against a baseline', () => {
  const baseline = [measure('m', 'met', 's. 1'), measure('p', 'partial'), measure('x', 'missing'), measure('d', 'not-applicable')];

  it('passes known gaps and fails drops, at the --fail-on level', () => {
    const now = [measure('m', 'partial'), measure('p', 'partial'), measure('x', 'missing'), measure('d', 'missing'), measure('new', 'missing')];
    expect(regressions(baseline, now, 'partial').map((r) => r.id)).toEqual(['m', 'd', 'new']);
    // --fail-on missing: a met → partial drop does not reach the level.
    expect(regressions(baseline, now, 'missing').map((r) => r.id)).toEqual(['d', 'new']);
    expect(regressions(baseline, now, 'never')).toEqual([]);
    expect(regressions(baseline, [measure('p', 'met'), measure('x', 'partial')], 'partial')).toEqual([]);
  });

  it('never fails a declared measure, and says what the baseline had', () => {
    expect(regressions(baseline, [measure('m', 'satisfied-elsewhere')], 'partial')).toEqual([]);
    const [r] = regressions(baseline, [measure('m', 'missing')], 'partial');
    expect(regressionLine(r!)).toBe('m: met → missing (baseline had s. 1)');
    const [n] = regressions([], [measure('q', 'missing')], 'partial');
    expect(regressionLine(n!)).toBe('q: missing (not in the baseline)');
    expect(failsAt('partial', 'missing')).toBe(false);
    expect(failsAt('partial', 'partial')).toBe(true);
  });
});

describe('diff report', () => {
  const report = buildDiff(
    { inputs: ['old.md'], result: result([measure('poa-53-possession', 'partial', 's. 5(1)'), measure('poa-53-production', 'met', 's. 4')]) },
    { inputs: ['new.md'], result: result([measure('poa-53-possession', 'met', 's. 7(2)'), measure('poa-53-production', 'met', 's. 4')]) },
  );

  it('text names both sides and shows the evidence before and after', () => {
    const text = formatDiffText(report, { color: false });
    expect(text).toContain('1 of 2 measures changed status: 1 better, 0 worse');
    expect(text).toContain('▲ better     poa-53-possession: partial → met (s. 7(2))');
    expect(text).toMatch(/Before: partial\n\s+Evidence: \[offence\] s\. 5\(1\), lines 3–4\n\s+“text of s\. 5\(1\)”/);
    expect(text).toMatch(/After: met\n\s+Evidence: \[offence\] s\. 7\(2\), lines 3–4/);
    expect(text).not.toContain('\u001b[');
  });

  it('json is valid against schema/diff.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addSchema(schema('report.schema.json'));
    const validate = ajv.compile(schema('diff.schema.json'));
    const json = JSON.parse(formatDiffJson(report));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.summary).toEqual({ compared: 2, changed: 1, better: 1, worse: 0, unchanged: 1 });
    expect(json.changes[0].before.evidence[0].citation).toBe('s. 5(1)');
  });

  it('says so when nothing changed', () => {
    const same = buildDiff({ inputs: ['a.md'], result: result([measure('a', 'met')]) }, { inputs: ['b.md'], result: result([measure('a', 'met')]) });
    expect(formatDiffText(same, { color: false })).toContain('No measure changed status (1 measure compared).');
  });
});

describe('baseline files', () => {
  it('accepts a JSON report and a per-file wrapper', async () => {
    const json = await formatReport(sampleResult(), 'json', { color: false });
    const single = await parseBaseline(json, 'b.json');
    expect(single.kind).toBe('report');
    const wrapper = JSON.stringify({ schemaVersion: '1.0.0', perFile: true, tool: { name: 'gap-check', version: '0.1.0' }, reports: [JSON.parse(json)], diagnostics: [] });
    const per = await parseBaseline(wrapper, 'b.json');
    expect(per.kind).toBe('per-file');
    if (per.kind === 'per-file') expect([...per.files.keys()]).toEqual(['acts/children-act.md', 'acts/Penal Code, 2019: consolidated.md']);
  });

  it('rejects anything else with a one-line message', async () => {
    const sarif = await formatReport(sampleResult(), 'sarif', { color: false });
    await expect(parseBaseline(sarif, 'b.sarif')).rejects.toThrow(/SARIF log, not a gap-check JSON report/);
    await expect(parseBaseline('not json', 'b.json')).rejects.toThrow(/^--baseline: not JSON/);
    await expect(parseBaseline('[]', 'b.json')).rejects.toThrow(/not a gap-check JSON report/);
    const broken = JSON.parse(await formatReport(sampleResult(), 'json', { color: false }));
    broken.measures[0].status = 'fine';
    await expect(parseBaseline(JSON.stringify(broken), 'b.json')).rejects.toThrow(/not a valid gap-check JSON report \(\/measures\/0\/status/);
    for (const text of ['not json', '[]', JSON.stringify(broken)]) {
      await expect(parseBaseline(text, 'b.json')).rejects.not.toThrow(/\n/);
    }
  });
});

describe('matrix', () => {
  const countries = [
    { country: 'Norland, "North"', result: result([measure('b', 'met'), measure('a', 'partial')]) },
    { country: 'Sud | <Land>', result: result([measure('a', 'missing'), measure('c', 'satisfied-elsewhere')]) },
  ];

  it('csv: RFC 4180 quoting, CRLF, one row per measure in report order, blank where not checked', () => {
    const csv = formatMatrix(countries, 'csv');
    expect(csv).toBe(
      'measure,source,title,"Norland, ""North""",Sud | <Land>\r\n' +
        'a,POA 53,Title of a,partial,missing\r\n' +
        'b,POA 53,Title of b,met,\r\n' +
        'c,POA 53,Title of c,,elsewhere\r\n',
    );
  });

  it('markdown: escaped names, a totals row', () => {
    const md = formatMatrix(countries, 'markdown');
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe('| Measure | Source | Norland, "North" | Sud \\| \\<Land> |');
    expect(lines[2]).toBe('| `a` Title of a | POA 53 | partial | missing |');
    expect(lines[4]).toBe('| `c` Title of c | POA 53 | — | elsewhere |');
    expect(lines[5]).toBe('| **met / partial / missing** | | 1/1/0 | 0/0/1 |');
    // Every row has the same number of unescaped cell separators.
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    expect(new Set(lines.map(cells)).size).toBe(1);
  });

  it('html: one self-contained page, escaped, with a status class per cell', () => {
    const html = formatMatrix(countries, 'html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(script|link|img)\b|\bsrc=|https?:/i);
    expect(html).toContain('<th scope="col">Sud | &lt;Land&gt;</th>');
    expect(html).toContain('<td class="s-partial">partial</td><td class="s-missing">missing</td>');
    expect(html).toContain('<td class="s-none">—</td>');
    expect(formatMatrix(countries, 'html')).toBe(html);
  });

  it('names countries by jurisdiction, else folder, and keeps names unique', () => {
    expect(countryNames([{ jurisdiction: 'Veloria', folder: 'v1' }, { jurisdiction: null, folder: 'norland' }])).toEqual(['Veloria', 'norland']);
    expect(countryNames([{ jurisdiction: 'Veloria', folder: 'v1' }, { jurisdiction: 'Veloria', folder: 'v2' }])).toEqual(['Veloria (v1)', 'Veloria (v2)']);
    expect(countryNames([{ jurisdiction: null, folder: 'x' }, { jurisdiction: null, folder: 'x' }])).toEqual(['x #1', 'x #2']);
  });
});
