// The terminal report: a header, the summary line, then each measure under its group with its status, evidence
// and what to add. Laid out for 80 columns; colour comes from src/color.ts and is off unless asked for.

import { createColors, type Colors, type Paint } from '../color.js';
import type { CheckResult, Disposition, MeasureResult } from '../types.js';
import {
  evidenceLabel,
  groupTitle,
  groupMeasures,
  needsFileNames,
  oneLine,
  rulePackLabel,
  sentence,
  slashPath,
  stripUnsafe,
  summaryLine,
  type FormatOptions,
} from './common.js';

export const TEXT_WIDTH = 80;

/** Column where a measure's details start, after the status mark and word. */
const DETAIL_INDENT = 13;
/** Files listed in the header of a quiet report before "… and N more". */
const QUIET_FILE_LIMIT = 5;

const MARK: Record<Disposition, string> = {
  met: '✔',
  partial: '◐',
  missing: '✖',
  'satisfied-elsewhere': '↷',
  'not-applicable': '○',
};

const WORD: Record<Disposition, string> = {
  met: 'met',
  partial: 'partial',
  missing: 'missing',
  'satisfied-elsewhere': 'elsewhere',
  'not-applicable': 'n/a',
};

function statusPaint(colors: Colors, status: Disposition): Paint {
  switch (status) {
    case 'met':
      return colors.green;
    case 'partial':
      return colors.yellow;
    case 'missing':
      return colors.red;
    case 'satisfied-elsewhere':
      return colors.cyan;
    default:
      return colors.gray;
  }
}

/** Text from the statute or the rule pack, made safe for a terminal and put on one line. */
function clean(text: string): string {
  return oneLine(stripUnsafe(text));
}

/**
 * Greedy word wrap. The first line starts with `first` (a number of spaces, or a prefix string such as a padded
 * label), the others with `restIndent` spaces. A word longer than the room left (a URL, a long path) gets a line
 * of its own and is not broken.
 */
export function wrap(text: string, width: number, first: number | string, restIndent?: number): string[] {
  const firstPrefix = typeof first === 'number' ? ' '.repeat(first) : first;
  const hang = restIndent ?? firstPrefix.length;
  const words = text.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let line = firstPrefix;
  // A no-break space (see `keep`) joins words that must stay on one line; it becomes a plain space on output.
  let empty = true;
  for (const word of words) {
    if (empty) {
      line += word;
      empty = false;
    } else if (line.length + 1 + word.length <= width) {
      line += ` ${word}`;
    } else {
      lines.push(line);
      line = ' '.repeat(hang) + word;
    }
  }
  if (!empty) lines.push(line);
  return lines.map((l) => l.replace(/\u00a0/g, ' '));
}

/** Joins the words of `text` with no-break spaces so that `wrap` keeps them together. */
function keep(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

/** Wraps `label text` and paints the label on the first line only (so ANSI codes never affect the layout). */
function labelled(label: string, text: string, indent: number, hang: number, paint: Paint): string[] {
  const lines = wrap(`${label} ${text}`, TEXT_WIDTH, indent, hang);
  if (lines.length > 0) {
    const pad = ' '.repeat(indent);
    lines[0] = pad + paint(label) + lines[0]!.slice(indent + label.length);
  }
  return lines;
}

function header(result: CheckResult, colors: Colors, quiet: boolean): string[] {
  const lines: string[] = [];
  lines.push(colors.bold(clean(`${result.tool.name} ${result.tool.version} report`)));
  const field = (name: string, value: string): void => {
    const label = `${name}:`;
    const wrapped = wrap(clean(value), TEXT_WIDTH, `  ${label.padEnd(14)}`, 16);
    if (wrapped.length > 0) wrapped[0] = `  ${colors.dim(label)}${wrapped[0]!.slice(2 + label.length)}`;
    lines.push(...wrapped);
  };
  const files = result.files.map((f) => slashPath(f.path));
  if (files.length === 1) {
    field('File', files[0]!);
  } else if (files.length > 1) {
    field('Files', String(files.length));
    const shown = quiet ? files.slice(0, QUIET_FILE_LIMIT) : files;
    for (const f of shown) lines.push(...wrap(clean(f), TEXT_WIDTH, 4, 6));
    if (shown.length < files.length) lines.push(`    … and ${files.length - shown.length} more`);
  }
  if (result.title) field('Title', result.title);
  if (result.jurisdiction) field('Jurisdiction', result.jurisdiction);
  field('Rule pack', rulePackLabel(result));
  return lines;
}

function measureBlock(m: MeasureResult, colors: Colors, withFile: boolean): string[] {
  const paint = statusPaint(colors, m.status);
  const mark = `${MARK[m.status] ?? '?'} ${WORD[m.status] ?? m.status}`;
  const lines: string[] = [];

  // First line: mark, status word, id and source paragraph; the title goes below at the detail column.
  const id = clean(m.id);
  const head = wrap(`${id} (${clean(m.source)})`, TEXT_WIDTH, mark.padEnd(DETAIL_INDENT), DETAIL_INDENT);
  head[0] = paint(mark) + head[0]!.slice(mark.length, DETAIL_INDENT) + colors.bold(id) + head[0]!.slice(DETAIL_INDENT + id.length);
  lines.push(...head);
  lines.push(...wrap(clean(m.title), TEXT_WIDTH, DETAIL_INDENT));

  for (const e of m.evidence) {
    const element = e.element ? `[${clean(e.element)}] ` : '';
    // `>` in a heading path stays with the division after it, so no line ends in a dangling `>`.
    const label = clean(evidenceLabel(e, { withFile })).replace(/ > /g, ' >\u00a0');
    lines.push(...labelled('Evidence:', element + label, DETAIL_INDENT, DETAIL_INDENT + 2, colors.dim));
    const excerpt = clean(e.excerpt);
    if (excerpt) lines.push(...wrap(`“${excerpt}”`, TEXT_WIDTH, DETAIL_INDENT + 2));
  }
  if (m.status === 'satisfied-elsewhere' && m.elsewhere) {
    lines.push(...labelled('Satisfied by:', clean(m.elsewhere), DETAIL_INDENT, DETAIL_INDENT + 2, colors.dim));
  }
  if (m.justification) {
    lines.push(...labelled('Justification:', clean(m.justification), DETAIL_INDENT, DETAIL_INDENT + 2, colors.dim));
  }
  if (m.reason) lines.push(...labelled('Reason:', sentence(clean(m.reason)), DETAIL_INDENT, DETAIL_INDENT + 2, colors.dim));
  if (m.suggestion && (m.status === 'partial' || m.status === 'missing')) {
    lines.push(...labelled('To add:', sentence(clean(m.suggestion)), DETAIL_INDENT, DETAIL_INDENT + 2, colors.dim));
  }
  return lines;
}

export function formatText(result: CheckResult, opts: FormatOptions): string {
  const colors = createColors(opts.color);
  const quiet = opts.quiet === true;
  const out: string[] = [...header(result, colors, quiet), ''];
  // Break the summary only between its counts, never inside "1 not applicable".
  const summary = summaryLine(result).split(', ').map(keep).join(', ');
  out.push(...wrap(summary, TEXT_WIDTH, 0, 2).map((l) => colors.bold(l)));
  if (quiet) return `${out.join('\n')}\n`;

  if (result.measures.length === 0) {
    out.push('', 'No measures were checked.');
  }
  const withFile = needsFileNames(result);
  for (const { group, measures } of groupMeasures(result.measures)) {
    const title = groupTitle(group);
    out.push('', colors.bold(title), colors.dim('─'.repeat(Math.min(title.length, TEXT_WIDTH))));
    measures.forEach((m, i) => {
      if (i > 0) out.push('');
      out.push(...measureBlock(m, colors, withFile));
    });
  }

  if (result.diagnostics.length > 0) {
    out.push('', colors.bold('Notes on the input'), colors.dim('─'.repeat(18)));
    for (const d of result.diagnostics) {
      const where = d.file ? `${slashPath(d.file)}${d.line ? `:${d.line}` : ''}: ` : '';
      const paint = d.severity === 'error' ? colors.red : d.severity === 'warning' ? colors.yellow : colors.cyan;
      const label = `${d.severity}:`;
      const wrapped = wrap(`${label} ${clean(`${where}${d.message} [${d.code}]`)}`, TEXT_WIDTH, 0, 2);
      wrapped[0] = paint(label) + wrapped[0]!.slice(label.length);
      out.push(...wrapped);
    }
  }
  return `${out.join('\n')}\n`;
}
