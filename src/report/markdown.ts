// A Markdown report for a pull request or an NGO's report: the summary, one table per group (status, id, source,
// title, evidence, what to add), then the quoted evidence. Text from statutes and rule packs is escaped so it
// can neither break the table nor turn into links, HTML or emphasis.

import type { CheckResult, Disposition, MeasureResult } from '../types.js';
import {
  evidenceLabel,
  groupMeasures,
  groupTitle,
  mdEscape,
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

export { mdEscape } from './common.js';

const STATUS_ICON: Record<Disposition, string> = {
  met: '✅',
  partial: '⚠️',
  missing: '❌',
  'satisfied-elsewhere': '↪️',
  'not-applicable': '➖',
};

/** A code span that survives backticks in its content and pipes inside a table cell. */
export function mdCode(text: string): string {
  const t = oneLine(stripUnsafe(text));
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  // GFM splits table cells on `|` before it parses code spans, so the pipe is escaped even here.
  return `${fence}${pad}${t.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function statusCell(status: Disposition): string {
  return `${STATUS_ICON[status] ?? ''} ${statusLabel(status)}`.trim();
}

function evidenceCell(m: MeasureResult, withFile: boolean): string {
  if (m.status === 'satisfied-elsewhere' && m.elsewhere) {
    return `Satisfied by ${mdEscape(m.elsewhere)}`;
  }
  return m.evidence.map((e) => mdEscape(evidenceLabel(e, { withFile }))).join('; ');
}

function notesCell(m: MeasureResult): string {
  const parts: string[] = [];
  if (m.justification) parts.push(`**Justification:** ${mdEscape(sentence(m.justification))}`);
  if (m.reason) parts.push(`**Reason:** ${mdEscape(sentence(m.reason))}`);
  if (m.suggestion && (m.status === 'partial' || m.status === 'missing')) {
    parts.push(`**To add:** ${mdEscape(sentence(m.suggestion))}`);
  }
  return parts.join(' ');
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c || ' ').join(' | ')} |`;
}

export function formatMarkdown(result: CheckResult, opts: FormatOptions): string {
  const out: string[] = [];
  const heading = result.title ? `gap-check report: ${mdEscape(result.title)}` : 'gap-check report';
  out.push(`## ${heading}`, '');

  const files = result.files.map((f) => mdCode(slashPath(f.path)));
  if (files.length === 1) out.push(`- **File:** ${files[0]}`);
  else if (files.length > 1) out.push(`- **Files (${files.length}):** ${files.join(', ')}`);
  if (result.jurisdiction) out.push(`- **Jurisdiction:** ${mdEscape(result.jurisdiction)}`);
  out.push(`- **Rule pack:** ${mdEscape(rulePackLabel(result))}`);
  out.push(`- **Tool:** ${mdEscape(`${result.tool.name} ${result.tool.version}`)}`);
  out.push('', `**${mdEscape(summaryLine(result))}**`);
  if (opts.quiet) return `${out.join('\n')}\n`;

  const withFile = needsFileNames(result);
  for (const { group, measures } of groupMeasures(result.measures)) {
    out.push('', `### ${mdEscape(groupTitle(group))}`, '');
    out.push(row(['Status', 'Measure', 'Source', 'Title', 'Evidence', 'Reason / what to add']));
    out.push(row(['---', '---', '---', '---', '---', '---']));
    for (const m of measures) {
      out.push(
        row([statusCell(m.status), mdCode(m.id), mdEscape(m.source), mdEscape(m.title), evidenceCell(m, withFile), notesCell(m)]),
      );
    }
  }

  const cited = result.measures.filter((m) => m.evidence.some((e) => oneLine(e.excerpt) !== ''));
  if (cited.length > 0) {
    out.push('', '### Evidence');
    for (const m of cited) {
      out.push('', `#### ${mdCode(m.id)} ${mdEscape(m.title)} (${mdEscape(statusLabel(m.status))})`);
      for (const e of m.evidence) {
        const element = e.element ? ` (${mdEscape(e.element)})` : '';
        out.push('', `${mdEscape(evidenceLabel(e, { withFile }))}${element}:`, '');
        // The opening quotation mark keeps the quoted text from starting a list, heading or code block.
        out.push(`> “${mdEscape(e.excerpt)}”`);
      }
    }
  }

  if (result.diagnostics.length > 0) {
    out.push('', '### Notes on the input', '');
    for (const d of result.diagnostics) {
      const where = d.file ? `${mdCode(`${slashPath(d.file)}${d.line ? `:${d.line}` : ''}`)}: ` : '';
      out.push(`- **${d.severity}** ${where}${mdEscape(d.message)} (${mdCode(d.code)})`);
    }
  }
  return `${out.join('\n')}\n`;
}
