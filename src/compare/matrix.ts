// The country matrix: measures × countries, as CSV, Markdown or one self-contained HTML page, the
// comparative view NGO reports are built around. Pure functions of check results.
import { mdEscape, stripUnsafe } from '../report/common.js';
import { orderMeasures } from '../report/filters.js';
import type { CheckResult, Disposition, MeasureResult } from '../types.js';

export interface CountryResult {
  country: string;
  result: CheckResult;
}
export type MatrixFormat = 'csv' | 'markdown' | 'html';
export const MATRIX_FORMATS: readonly MatrixFormat[] = ['csv', 'markdown', 'html'];

const MARK: Record<Disposition, string> = { met: 'met', partial: 'partial', missing: 'missing', 'satisfied-elsewhere': 'elsewhere', 'not-applicable': 'n/a' };

/**
 * Column names for the countries: the `jurisdiction` the documents state (front matter), else the folder's
 * name. Two columns with the same name get their folder added (`Veloria (veloria-2019)`) so that no column is
 * ambiguous; if that is still not unique, a number is added.
 */
export function countryNames(items: ReadonlyArray<{ jurisdiction: string | null; folder: string }>): string[] {
  const base = items.map((i) => oneLine(i.jurisdiction ?? '') || i.folder);
  const count = (names: string[], n: string) => names.filter((x) => x === n).length;
  const named = base.map((n, i) => (count(base, n) > 1 && n !== items[i]!.folder ? `${n} (${items[i]!.folder})` : n));
  const seen = new Map<string, number>();
  return named.map((n) => {
    if (count(named, n) === 1) return n;
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return `${n} #${k}`;
  });
}

function oneLine(s: string): string {
  return stripUnsafe(s).replace(/\s+/g, ' ').trim();
}

interface Row {
  id: string;
  source: string;
  title: string;
  cells: Array<Disposition | null>;
}

/** One row per measure, in report order (group, then id); a measure checked for only some countries is blank elsewhere. */
function rows(countries: readonly CountryResult[]): Row[] {
  const byId = new Map<string, MeasureResult>();
  for (const c of countries) for (const m of c.result.measures) if (!byId.has(m.id)) byId.set(m.id, m);
  const lookup = countries.map((c) => new Map(c.result.measures.map((m) => [m.id, m.status])));
  return orderMeasures([...byId.values()]).map((m) => ({
    id: m.id,
    source: m.source,
    title: m.title,
    cells: lookup.map((l) => l.get(m.id) ?? null),
  }));
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvCell(s: string): string {
  const t = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function esc(s: string): string {
  return stripUnsafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function totals(r: CheckResult): string {
  return `${r.summary.met}/${r.summary.partial}/${r.summary.missing}`;
}

export function formatMatrix(countries: readonly CountryResult[], format: MatrixFormat): string {
  const table = rows(countries);
  const names = countries.map((c) => oneLine(c.country));
  if (format === 'csv') {
    const lines = [['measure', 'source', 'title', ...names].map(csvCell).join(',')];
    for (const r of table) lines.push([r.id, r.source, r.title, ...r.cells.map((c) => (c ? MARK[c] : ''))].map((s) => csvCell(oneLine(s))).join(','));
    return `${lines.join('\r\n')}\r\n`;
  }
  if (format === 'markdown') {
    const lines = [`| Measure | Source | ${names.map(mdEscape).join(' | ')} |`, `| --- | --- | ${names.map(() => '---').join(' | ')} |`];
    for (const r of table) {
      lines.push(`| \`${r.id.replace(/`/g, '')}\` ${mdEscape(r.title)} | ${mdEscape(r.source)} | ${r.cells.map((c) => (c ? MARK[c] : '—')).join(' | ')} |`);
    }
    lines.push(`| **met / partial / missing** | | ${countries.map((c) => totals(c.result)).join(' | ')} |`);
    return `${lines.join('\n')}\n`;
  }
  const head = names.map((n) => `<th scope="col">${esc(n)}</th>`).join('');
  const body = table
    .map(
      (r) =>
        `<tr><th scope="row"><code>${esc(r.id)}</code><br><span class="t">${esc(r.title)}</span></th><td>${esc(r.source)}</td>${r.cells
          .map((c) => `<td class="s-${c ?? 'none'}">${c ? esc(MARK[c]) : '—'}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const foot = `<tr><th scope="row">met / partial / missing</th><td></td>${countries.map((c) => `<td>${totals(c.result)}</td>`).join('')}</tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>gap-check country matrix</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#111}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eee}tfoot td,tfoot th{background:#f6f6f6;font-weight:bold}.t{color:#444;font-weight:normal}
.s-met{background:#d9f2d9}.s-partial{background:#fff1c2}.s-missing{background:#f8d0d0}
.s-satisfied-elsewhere,.s-not-applicable{background:#e3e8f4}
.legend span{display:inline-block;padding:0 .4rem;margin-right:.3rem;border:1px solid #bbb}
@media print{body{margin:0}td,th,.legend span{-webkit-print-color-adjust:exact;print-color-adjust:exact}thead{display:table-header-group}tr{break-inside:avoid}}
</style></head><body>
<h1>Country matrix</h1>
<p>${countries.length} legal ${countries.length === 1 ? 'system' : 'systems'} × ${table.length} ${table.length === 1 ? 'measure' : 'measures'}. Each cell is the measure's status in that country's legislation as checked by ${esc(countries[0]?.result.tool.name ?? 'gap-check')} ${esc(countries[0]?.result.tool.version ?? '')} (rule pack ${esc(countries[0]?.result.rulePack.name ?? '')} ${esc(countries[0]?.result.rulePack.version ?? '')}).</p>
<p class="legend"><span class="s-met">met</span><span class="s-partial">partial</span><span class="s-missing">missing</span><span class="s-satisfied-elsewhere">elsewhere</span>satisfied by other legislation, as declared <span class="s-not-applicable">n/a</span>declared not applicable</p>
<table><thead><tr><th scope="col">Measure</th><th scope="col">Source</th>${head}</tr></thead>
<tbody>
${body}
</tbody>
<tfoot>${foot}</tfoot></table>
</body></html>
`;
}
