// A self-contained HTML page for publishing or printing: inline CSS, no scripts, no fonts, images or anything
// else fetched (a Content-Security-Policy forbids it too). All text is escaped; status is shown in words as
// well as colour so the page reads the same in black and white.

import type { CheckResult, Disposition, MeasureResult } from '../types.js';
import {
  groupMeasures,
  groupTitle,
  lineRange,
  needsFileNames,
  oneLine,
  rulePackLabel,
  sentence,
  slashPath,
  statusLabel,
  stripUnsafe,
  summaryLine,
  type FormatOptions,
} from './common.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return stripUnsafe(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escaped, with whitespace collapsed to one line. */
function t(text: string): string {
  return escapeHtml(oneLine(text));
}

const STATUS_CLASS: Record<Disposition, string> = {
  met: 'met',
  partial: 'partial',
  missing: 'missing',
  'satisfied-elsewhere': 'elsewhere',
  'not-applicable': 'na',
};

const CSS = `
:root { --met: #1a7f37; --met-bg: #dafbe1; --partial: #7d4e00; --partial-bg: #fff1c2; --missing: #b3261e;
  --missing-bg: #ffe4e1; --elsewhere: #0b5cad; --elsewhere-bg: #dcecff; --na: #57606a; --na-bg: #eaeef2;
  --rule: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 78rem; padding: 1.5rem; color: #1f2328; background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.doc-title { font-size: 1.15rem; margin: 0 0 .75rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
dl.meta ul { margin: 0; padding-left: 1.1rem; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; }
.summary { border: 1px solid var(--rule); border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1.5rem; }
.summary-line { font-weight: 600; margin: 0 0 .6rem; }
.bar { display: flex; height: .8rem; border-radius: 4px; overflow: hidden; background: var(--na-bg); margin: 0 0 .6rem; }
.bar span { display: block; height: 100%; }
.counts { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; margin: 0; padding: 0; }
.counts b { font-size: 1.1rem; }
.swatch { display: inline-block; width: .75rem; height: .75rem; border-radius: 2px; margin-right: .35rem; vertical-align: -1px; }
.bg-met { background: var(--met); } .bg-partial { background: #d4a72c; } .bg-missing { background: var(--missing); }
.bg-elsewhere { background: var(--elsewhere); } .bg-na { background: #8c959f; }
table.measures { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.measures th, table.measures td { border-bottom: 1px solid var(--rule); padding: .5rem .6rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.measures thead th { background: #f6f8fa; font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
col.c-status { width: 8.5rem; } col.c-measure { width: 12rem; } col.c-title { width: 16%; } col.c-evidence { width: 31%; }
tr.group th { background: #fff; font-size: 1.05rem; padding-top: 1.25rem; border-bottom: 2px solid #1f2328; }
tr.group th small { font-weight: normal; color: var(--muted); }
.status { display: inline-block; font-weight: 600; font-size: .85rem; line-height: 1.25; padding: .1rem .5rem; border-radius: .6rem; border: 1px solid currentColor; overflow-wrap: normal; }
tr.met td:first-child { border-left: 4px solid var(--met); } .status.met { color: var(--met); background: var(--met-bg); }
tr.partial td:first-child { border-left: 4px solid #d4a72c; } .status.partial { color: var(--partial); background: var(--partial-bg); }
tr.missing td:first-child { border-left: 4px solid var(--missing); } .status.missing { color: var(--missing); background: var(--missing-bg); }
tr.elsewhere td:first-child { border-left: 4px solid var(--elsewhere); } .status.elsewhere { color: var(--elsewhere); background: var(--elsewhere-bg); }
tr.na td:first-child { border-left: 4px solid #8c959f; } .status.na { color: var(--na); background: var(--na-bg); }
.id { font-weight: 600; }
.source, .doc, .path, .lines, .file { color: var(--muted); font-size: .88rem; }
.ev + .ev { margin-top: .6rem; }
.cite { font-weight: 600; }
blockquote { margin: .3rem 0 0; padding: .3rem .6rem; border-left: 3px solid var(--rule); background: #f6f8fa; font-style: italic; }
.notes p { margin: 0 0 .35rem; }
.label { font-weight: 600; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
ul.diagnostics { padding-left: 1.2rem; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 9pt; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .summary { break-inside: avoid; }
  table.measures thead { display: table-header-group; }
  table.measures tr { break-inside: avoid; page-break-inside: avoid; }
  tr.group { break-after: avoid; page-break-after: avoid; }
  h2 { break-after: avoid; }
  col.c-status { width: 7rem; } col.c-measure { width: 10rem; } col.c-title { width: 14%; } col.c-evidence { width: 33%; }
  table.measures th, table.measures td { padding: .35rem .4rem; }
  .doc { display: none; }
}
`;

function statusBadge(status: Disposition): string {
  return `<span class="status ${STATUS_CLASS[status] ?? 'na'}">${t(statusLabel(status))}</span>`;
}

function evidenceHtml(m: MeasureResult, withFile: boolean): string {
  const parts: string[] = [];
  if (m.status === 'satisfied-elsewhere' && m.elsewhere) {
    parts.push(`<div class="ev"><span class="label">Satisfied by</span> ${t(m.elsewhere)}</div>`);
  }
  for (const e of m.evidence) {
    const citation = oneLine(e.citation);
    const path = oneLine(e.headingPath);
    const bits = [`<span class="cite">${t(citation)}</span>`];
    if (e.element) bits.push(`<span class="source">(${t(e.element)})</span>`);
    const meta = [`<span class="lines">${t(lineRange(e.startLine, e.endLine))}</span>`];
    if (withFile) meta.push(`<span class="file mono">${t(slashPath(e.file))}</span>`);
    const pathLine = path && path !== citation && !citation.includes(path) ? `<div class="path">${t(path)}</div>` : '';
    const excerpt = oneLine(e.excerpt) ? `<blockquote>${t(e.excerpt)}</blockquote>` : '';
    parts.push(`<div class="ev"><div>${bits.join(' ')}</div>${pathLine}<div>${meta.join(' · ')}</div>${excerpt}</div>`);
  }
  return parts.join('');
}

function notesHtml(m: MeasureResult): string {
  const parts: string[] = [];
  if (m.justification) parts.push(`<p><span class="label">Justification:</span> ${t(sentence(m.justification))}</p>`);
  if (m.reason) parts.push(`<p><span class="label">Reason:</span> ${t(sentence(m.reason))}</p>`);
  if (m.suggestion && (m.status === 'partial' || m.status === 'missing')) {
    parts.push(`<p><span class="label">To add:</span> ${t(sentence(m.suggestion))}</p>`);
  }
  return parts.join('');
}

function measureRow(m: MeasureResult, withFile: boolean): string {
  const cls = STATUS_CLASS[m.status] ?? 'na';
  // Documentation is printed as text, not a link: the page makes no reference to anything outside itself.
  const doc = m.helpUri ? `<div class="doc">Documentation: <span class="mono">${t(m.helpUri)}</span></div>` : '';
  return [
    `<tr class="${cls}" id="m-${escapeHtml(m.id)}">`,
    `<td>${statusBadge(m.status)}</td>`,
    `<td><div class="id mono">${t(m.id)}</div><div class="source">${t(m.source)}</div>${doc}</td>`,
    `<td>${t(m.title)}</td>`,
    `<td>${evidenceHtml(m, withFile)}</td>`,
    `<td class="notes">${notesHtml(m)}</td>`,
    '</tr>',
  ].join('');
}

function summaryHtml(result: CheckResult): string {
  const s = result.summary;
  const counts: Array<[string, number, string]> = [
    ['met', s.met, 'met'],
    ['partial', s.partial, 'partial'],
    ['missing', s.missing, 'missing'],
    ['elsewhere', s.satisfiedElsewhere, 'satisfied elsewhere'],
    ['na', s.notApplicable, 'not applicable'],
  ];
  const total = counts.reduce((n, [, c]) => n + c, 0);
  // Widths are rounded to one decimal place so the same result always gives the same bytes.
  const segments = counts
    .filter(([, c]) => c > 0)
    .map(([cls, c, label]) => `<span class="bg-${cls}" style="width:${((c / total) * 100).toFixed(1)}%" title="${c} ${label}"></span>`)
    .join('');
  const items = counts
    .filter(([cls, c]) => c > 0 || cls === 'met' || cls === 'partial' || cls === 'missing')
    .map(([cls, c, label]) => `<li><span class="swatch bg-${cls}"></span><b>${c}</b> ${label}</li>`)
    .join('');
  const bar = total > 0 ? `<div class="bar" role="img" aria-label="${t(summaryLine(result))}">${segments}</div>` : '';
  return `<section class="summary" aria-label="Summary"><p class="summary-line">${t(summaryLine(result))}</p>${bar}<ul class="counts">${items}</ul></section>`;
}

export function formatHtml(result: CheckResult, opts: FormatOptions): string {
  const title = result.title ? `gap-check report: ${oneLine(result.title)}` : 'gap-check report';
  const meta: string[] = [];
  const files = result.files.map((f) => slashPath(f.path));
  if (files.length === 1) meta.push(`<dt>File</dt><dd class="mono">${t(files[0]!)}</dd>`);
  else if (files.length > 1) {
    meta.push(`<dt>Files (${files.length})</dt><dd><ul>${files.map((f) => `<li class="mono">${t(f)}</li>`).join('')}</ul></dd>`);
  }
  if (result.jurisdiction) meta.push(`<dt>Jurisdiction</dt><dd>${t(result.jurisdiction)}</dd>`);
  meta.push(`<dt>Rule pack</dt><dd>${t(rulePackLabel(result))}</dd>`);

  const body: string[] = [
    '<header>',
    '<h1>gap-check report</h1>',
    result.title ? `<p class="doc-title">${t(result.title)}</p>` : '',
    `<dl class="meta">${meta.join('')}</dl>`,
    '</header>',
    summaryHtml(result),
  ];

  if (!opts.quiet) {
    const withFile = needsFileNames(result);
    body.push(
      '<h2>Measures</h2>',
      '<table class="measures">',
      '<colgroup><col class="c-status"><col class="c-measure"><col class="c-title"><col class="c-evidence"><col></colgroup>',
      '<thead><tr><th scope="col">Status</th><th scope="col">Measure</th><th scope="col">Title</th><th scope="col">Evidence</th><th scope="col">Reason / what to add</th></tr></thead>',
    );
    for (const { group, measures } of groupMeasures(result.measures)) {
      const [label, subtitle] = groupTitle(group).split(/: (.*)/s);
      body.push(
        '<tbody>',
        `<tr class="group"><th colspan="5" scope="colgroup">${t(label ?? '')}${subtitle ? ` <small>${t(subtitle)}</small>` : ''}</th></tr>`,
        ...measures.map((m) => measureRow(m, withFile)),
        '</tbody>',
      );
    }
    body.push('</table>');
    if (result.measures.length === 0) body.push('<p>No measures were checked.</p>');

    if (result.diagnostics.length > 0) {
      body.push('<h2>Notes on the input</h2>', '<ul class="diagnostics">');
      for (const d of result.diagnostics) {
        const where = d.file ? `<span class="mono">${t(`${slashPath(d.file)}${d.line ? `:${d.line}` : ''}`)}</span>: ` : '';
        body.push(`<li><span class="label">${t(d.severity)}</span> ${where}${t(d.message)} <span class="source">(${t(d.code)})</span></li>`);
      }
      body.push('</ul>');
    }
  }
  body.push(`<footer>Generated by ${t(`${result.tool.name} ${result.tool.version}`)} with rule pack ${t(rulePackLabel(result))}. Report format ${t(result.schemaVersion)}.</footer>`);

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Belt and braces: even if some text slipped through unescaped, the browser would load nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${t(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body.filter((line) => line !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
