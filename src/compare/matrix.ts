// The country matrix: measures × countries, as CSV, Markdown or one self-contained HTML page, the
// comparative view NGO reports are built around.
import type { CheckResult, Disposition } from '../types.js';

export interface CountryResult { country: string; result: CheckResult }
export type MatrixFormat = 'csv' | 'markdown' | 'html';

const MARK: Record<Disposition, string> = { met: 'met', partial: 'partial', missing: 'missing', 'satisfied-elsewhere': 'elsewhere', 'not-applicable': 'n/a' };

function rows(countries: CountryResult[]) {
  const first = countries[0]?.result.measures ?? [];
  const ids = [...first.map((m) => m.id)];
  for (const c of countries) for (const m of c.result.measures) if (!ids.includes(m.id)) ids.push(m.id);
  return ids.map((id) => {
    const m = countries.map((c) => c.result.measures.find((x) => x.id === id));
    const any = m.find(Boolean)!;
    return { id, source: any.source, title: any.title, cells: m.map((x) => (x ? x.status : null)) };
  });
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function formatMatrix(countries: CountryResult[], format: MatrixFormat): string {
  const table = rows(countries);
  const names = countries.map((c) => c.country);
  if (format === 'csv') {
    const lines = [['measure', 'source', 'title', ...names].map(csvCell).join(',')];
    for (const r of table) lines.push([r.id, r.source, r.title, ...r.cells.map((c) => (c ? MARK[c] : ''))].map(csvCell).join(','));
    return `${lines.join('\r\n')}\r\n`;
  }
  if (format === 'markdown') {
    const lines = [`| Measure | Source | ${names.map(mdCell).join(' | ')} |`, `| --- | --- | ${names.map(() => '---').join(' | ')} |`];
    for (const r of table) lines.push(`| \`${r.id}\` ${mdCell(r.title)} | ${mdCell(r.source)} | ${r.cells.map((c) => (c ? MARK[c] : '—')).join(' | ')} |`);
    const totals = countries.map((c) => `${c.result.summary.met}/${c.result.summary.partial}/${c.result.summary.missing}`);
    lines.push(`| **met / partial / missing** | | ${totals.join(' | ')} |`);
    return `${lines.join('\n')}\n`;
  }
  const head = names.map((n) => `<th scope="col">${esc(n)}</th>`).join('');
  const body = table.map((r) => `<tr><th scope="row"><code>${esc(r.id)}</code><br><span class="t">${esc(r.title)}</span></th><td>${esc(r.source)}</td>${r.cells.map((c) => `<td class="s-${c ?? 'none'}">${c ? esc(MARK[c]) : '—'}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>gap-check country matrix</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#111}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eee}.t{color:#444;font-weight:normal}
.s-met{background:#d9f2d9}.s-partial{background:#fff1c2}.s-missing{background:#f8d0d0}
.s-satisfied-elsewhere,.s-not-applicable{background:#e3e8f4}
@media print{body{margin:0}td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}thead{display:table-header-group}tr{break-inside:avoid}}
</style></head><body>
<h1>Country matrix</h1>
<p>${countries.length} legal systems × ${table.length} measures. Cells show each measure's status: met, partial, missing, elsewhere (satisfied by other legislation, as declared) or n/a (declared not applicable).</p>
<table><thead><tr><th scope="col">Measure</th><th scope="col">Source</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>
`;
}
