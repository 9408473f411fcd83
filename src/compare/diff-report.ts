// The report of `gap-check diff`: text for people, JSON (schema/diff.schema.json) for scripts. Pure functions of
// the two check results; the same results give the same bytes.
import { createColors, type Colors } from '../color.js';
import { toReportJson } from '../report/json.js';
import { evidenceLabel, needsFileNames, oneLine, rulePackLabel, sentence, slashPath, stripUnsafe } from '../report/common.js';
import { prepareResult } from '../report/filters.js';
import { TEXT_WIDTH, wrap } from '../report/text.js';
import type { CheckResult, MeasureResult } from '../types.js';
import { diffMeasures, type DiffResult, type MeasureChange, type ProvisionHistory } from './diff.js';

export const DIFF_SCHEMA_VERSION = '1.1.0';

export interface DiffSide {
  /** The inputs as the user gave them (`old.md`, `acts-2020/`). */
  inputs: string[];
  result: CheckResult;
}

export interface DiffReport {
  old: DiffSide;
  new: DiffSide;
  diff: DiffResult;
}

/**
 * Compare two checks. Measures are taken in report order (group, then id) so the diff lists them as reports do.
 * With `history` (see ./history.ts) each change also says whether its provision was added, amended or removed.
 */
export function buildDiff(oldSide: DiffSide, newSide: DiffSide, history?: ProvisionHistory): DiffReport {
  const o = prepareResult(oldSide.result);
  const n = prepareResult(newSide.result);
  return { old: { ...oldSide, result: o }, new: { ...newSide, result: n }, diff: diffMeasures(o.measures, n.measures, history) };
}

/** Exit-code helper: did any measure get worse? */
export function diffHasRegressions(report: DiffReport): boolean {
  return report.diff.worse > 0;
}

const ARROW: Record<MeasureChange['direction'], string> = { better: '▲ better', worse: '▼ worse', changed: '● changed' };

function clean(text: string): string {
  return oneLine(stripUnsafe(text));
}

function sideBlock(label: string, m: MeasureResult | null, withFile: boolean, colors: Colors): string[] {
  const indent = 13;
  const lines: string[] = [];
  if (m === null) {
    lines.push(...wrap(`${label}: not checked`, TEXT_WIDTH, indent, indent + 2));
    return lines;
  }
  lines.push(`${' '.repeat(indent)}${colors.dim(`${label}:`)} ${m.status}`);
  for (const e of m.evidence) {
    const element = e.element ? `[${clean(e.element)}] ` : '';
    const text = clean(evidenceLabel(e, { withFile })).replace(/ > /g, ' >\u00a0');
    lines.push(...wrap(`Evidence: ${element}${text}`, TEXT_WIDTH, indent + 2, indent + 4));
    const excerpt = clean(e.excerpt);
    if (excerpt) lines.push(...wrap(`“${excerpt}”`, TEXT_WIDTH, indent + 4));
  }
  if (m.status === 'partial' || m.status === 'missing') {
    if (m.reason) lines.push(...wrap(`Reason: ${sentence(clean(m.reason))}`, TEXT_WIDTH, indent + 2, indent + 4));
  }
  if (m.justification) lines.push(...wrap(`Declared: ${sentence(clean(m.justification))}`, TEXT_WIDTH, indent + 2, indent + 4));
  return lines;
}

function inputsLine(side: DiffSide): string {
  const files = side.result.files.length;
  const shown = side.inputs.map((i) => slashPath(i)).join(', ');
  return files === 1 && side.inputs.length === 1 && slashPath(side.result.files[0]!.path) === slashPath(side.inputs[0]!)
    ? shown
    : `${shown} (${files} ${files === 1 ? 'file' : 'files'})`;
}

export function formatDiffText(report: DiffReport, opts: { color: boolean }): string {
  const colors = createColors(opts.color);
  const { diff } = report;
  const n = report.new.result;
  const out: string[] = [colors.bold(clean(`${n.tool.name} ${n.tool.version} diff`))];
  const field = (name: string, value: string) => out.push(...wrap(clean(value), TEXT_WIDTH, `  ${`${name}:`.padEnd(14)}`, 16));
  field('Old', inputsLine(report.old));
  field('New', inputsLine(report.new));
  field('Rule pack', rulePackLabel(n));
  out.push('');
  const compared = diff.changes.length + diff.unchanged;
  if (diff.changes.length === 0) {
    out.push(colors.bold(`No measure changed status (${compared} ${compared === 1 ? 'measure' : 'measures'} compared).`));
    return `${out.join('\n')}\n`;
  }
  const counts = [`${diff.better} better`, `${diff.worse} worse`];
  const other = diff.changes.length - diff.better - diff.worse;
  if (other > 0) counts.push(`${other} otherwise changed`);
  out.push(colors.bold(`${diff.changes.length} of ${compared} measures changed status: ${counts.join(', ')}`));

  const oldFiles = needsFileNames(report.old.result);
  const newFiles = needsFileNames(report.new.result);
  for (const c of diff.changes) {
    out.push('');
    const mark = ARROW[c.direction];
    const paint = c.direction === 'better' ? colors.green : c.direction === 'worse' ? colors.red : colors.cyan;
    const head = wrap(clean(c.summary), TEXT_WIDTH, mark.padEnd(13), 13);
    head[0] = paint(mark) + head[0]!.slice(mark.length);
    out.push(...head);
    out.push(...wrap(clean(`${c.title} (${c.source})`), TEXT_WIDTH, 13));
    out.push(...sideBlock('Before', c.before, oldFiles, colors));
    out.push(...sideBlock('After', c.after, newFiles, colors));
  }
  return `${out.join('\n')}\n`;
}

function measureSide(m: MeasureResult | null) {
  if (m === null) return null;
  return {
    status: m.status,
    reason: m.reason ?? null,
    justification: m.justification ?? null,
    evidence: m.evidence.map((e) => ({
      file: e.file,
      citation: e.citation,
      headingPath: e.headingPath,
      startLine: e.startLine,
      endLine: e.endLine,
      excerpt: e.excerpt,
      element: e.element ?? null,
    })),
  };
}

function sideJson(side: DiffSide) {
  const r = toReportJson(side.result);
  return { inputs: [...side.inputs], files: r.files, title: r.title, jurisdiction: r.jurisdiction, summary: r.summary, diagnostics: r.diagnostics };
}

/** The diff as a plain object in output key order (schema/diff.schema.json). */
export function toDiffJson(report: DiffReport) {
  const n = report.new.result;
  const { diff } = report;
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    tool: { name: n.tool.name, version: n.tool.version },
    rulePack: { name: n.rulePack.name, version: n.rulePack.version },
    old: sideJson(report.old),
    new: sideJson(report.new),
    summary: {
      compared: diff.changes.length + diff.unchanged,
      changed: diff.changes.length,
      better: diff.better,
      worse: diff.worse,
      unchanged: diff.unchanged,
    },
    changes: diff.changes.map((c) => ({
      id: c.id,
      title: c.title,
      source: c.source,
      from: c.from,
      to: c.to,
      direction: c.direction,
      summary: c.summary,
      provision: c.provision ? { file: c.provision.file, citation: c.provision.citation, change: c.provision.change } : null,
      before: measureSide(c.before),
      after: measureSide(c.after),
    })),
  };
}

export function formatDiffJson(report: DiffReport): string {
  return `${JSON.stringify(toDiffJson(report), null, 2)}\n`;
}
