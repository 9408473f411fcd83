// Wording and small helpers shared by the formatters, so that every format says the same thing the same way
// (the summary line, group names, status names, line ranges, the note for a missing measure).

import type { CheckResult, Disposition, Evidence, MeasureGroup, MeasureResult, ReportFormat } from '../types.js';
import { GROUP_ORDER } from './filters.js';

export interface FormatOptions {
  /** Colour (ANSI) output; only the text format uses it. */
  color: boolean;
  /** Summary only (text, markdown, html, github); machine formats (json, sarif) ignore it. */
  quiet?: boolean;
}

export type Formatter = (result: CheckResult, opts: FormatOptions) => string;

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'github', 'markdown', 'html'];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Short group headings, as the issue names them. */
export const GROUP_LABEL: Record<MeasureGroup, string> = {
  definitions: 'Definitions',
  'poa-24-31': 'POA 24–31',
  'poa-53-55': 'POA 53–55',
  'ga-58-60': 'GA 58–60',
  other: 'Other measures',
};

/** What each group covers, shown beside the heading. */
export const GROUP_SUBTITLE: Record<MeasureGroup, string> = {
  definitions: 'terms the offences rely on',
  'poa-24-31': 'legal measures and law enforcement',
  'poa-53-55': 'child pornography',
  'ga-58-60': 'extraterritorial offences',
  other: 'measures outside the default catalogue',
};

export function groupLabel(group: MeasureGroup): string {
  return GROUP_LABEL[group] ?? String(group);
}

export function groupTitle(group: MeasureGroup): string {
  const subtitle = GROUP_SUBTITLE[group];
  return subtitle ? `${groupLabel(group)}: ${subtitle}` : groupLabel(group);
}

/** Status as words (`satisfied elsewhere`, not the machine value). */
export const STATUS_LABEL: Record<Disposition, string> = {
  met: 'met',
  partial: 'partial',
  missing: 'missing',
  'satisfied-elsewhere': 'satisfied elsewhere',
  'not-applicable': 'not applicable',
};

export function statusLabel(status: Disposition): string {
  return STATUS_LABEL[status] ?? String(status);
}

/** Measures split by group, in report order; empty groups are left out. */
export function groupMeasures(measures: readonly MeasureResult[]): Array<{ group: MeasureGroup; measures: MeasureResult[] }> {
  const byGroup = new Map<MeasureGroup, MeasureResult[]>();
  for (const m of measures) {
    const list = byGroup.get(m.group);
    if (list) list.push(m);
    else byGroup.set(m.group, [m]);
  }
  const known = GROUP_ORDER.filter((g) => byGroup.has(g));
  const unknown = [...byGroup.keys()].filter((g) => !GROUP_ORDER.includes(g));
  return [...known, ...unknown].map((group) => ({ group, measures: byGroup.get(group)! }));
}

/** `28 measures: 17 met, 6 partial, 5 missing` plus satisfied-elsewhere / not-applicable counts when non-zero. */
export function summaryLine(result: CheckResult): string {
  const s = result.summary;
  const total = result.measures.length;
  const parts = [`${s.met} met`, `${s.partial} partial`, `${s.missing} missing`];
  if (s.satisfiedElsewhere > 0) parts.push(`${s.satisfiedElsewhere} satisfied elsewhere`);
  if (s.notApplicable > 0) parts.push(`${s.notApplicable} not applicable`);
  return `${total} ${total === 1 ? 'measure' : 'measures'}: ${parts.join(', ')}`;
}

/** `line 12` or `lines 12–14`. */
export function lineRange(startLine: number, endLine: number): string {
  return endLine > startLine ? `lines ${startLine}–${endLine}` : `line ${startLine}`;
}

/** Whitespace (including line breaks) collapsed to single spaces, trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Trimmed, with a full stop added when the text does not already end a sentence. */
export function sentence(text: string): string {
  const t = oneLine(text);
  if (t === '') return t;
  return /[.!?…]["'”’)\]]*$/.test(t) ? t : `${t}.`;
}

/** The reason and what to add, as one or two sentences (`reason` first). */
export function reasonAndSuggestion(m: MeasureResult): string {
  const parts: string[] = [];
  if (m.reason) parts.push(sentence(m.reason));
  if (m.suggestion) parts.push(`To add: ${sentence(m.suggestion)}`);
  return parts.join(' ');
}

/** Said wherever a missing measure is pinned to line 1, so nobody reads line 1 as the culprit. */
export const MISSING_ANCHOR_NOTE =
  'No provision establishing this measure was found, so this finding is anchored at the start of the document (line 1).';

/** Where a finding is shown in tools that need a place: the evidence for partial, line 1 otherwise. */
export interface FindingPlace {
  file: string;
  startLine: number;
  endLine: number;
  /** True when no provision was found and the place is the start of the first file. */
  anchored: boolean;
  evidence: Evidence | null;
}

export function findingPlace(result: CheckResult, m: MeasureResult): FindingPlace | null {
  const evidence = m.status === 'missing' ? undefined : m.evidence[0];
  if (evidence) {
    const startLine = Math.max(1, Math.floor(evidence.startLine));
    const endLine = Math.max(startLine, Math.floor(evidence.endLine));
    return { file: evidence.file, startLine, endLine, anchored: false, evidence };
  }
  const first = result.files[0];
  if (!first) return null;
  return { file: first.path, startLine: 1, endLine: 1, anchored: true, evidence: null };
}

/** A path as a repository-relative path with forward slashes (`./acts\\a.md` → `acts/a.md`). */
export function slashPath(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

/** `gap-check-default 1.0.0`. */
export function rulePackLabel(result: CheckResult): string {
  const { name, version } = result.rulePack;
  return version ? `${name} ${version}` : name;
}

/**
 * Characters that must never reach a terminal or a page from a statute's text: C0/C1 controls (an ESC would let
 * a file recolour or rewrite the user's terminal) and bidirectional overrides (text that reads differently from
 * how it is stored). Tabs and line breaks are left for the caller's whitespace handling.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripUnsafe(text: string): string {
  return text.replace(UNSAFE_CHARS, '\uFFFD');
}

/**
 * Inline text, on one line, with every character that Markdown (CommonMark + GFM, GitHub's math) could read as
 * inline markup backslash-escaped: emphasis, code, links and images, HTML and autolinks (`<`), entities,
 * table pipes, strikethrough, math. Block markers (`#`, `-`, `>`) need no escape: this text never starts a line.
 */
export function mdEscape(text: string): string {
  return oneLine(stripUnsafe(text)).replace(/[\\`*_[\]<|~&$]/g, '\\$&');
}

/** Evidence described in one line: `Part II > s. 12(3) (Part II > Section 12 > (3)), lines 40–44`. */
export function evidenceLabel(e: Evidence, opts: { withFile: boolean }): string {
  const citation = oneLine(e.citation);
  const path = oneLine(e.headingPath);
  let label = citation;
  if (path && path !== citation && !citation.includes(path)) label += ` (${path})`;
  label += `, ${lineRange(e.startLine, e.endLine)}`;
  if (opts.withFile) label += `, ${slashPath(e.file)}`;
  return label;
}

/** Whether reports need to name the file beside each piece of evidence. */
export function needsFileNames(result: CheckResult): boolean {
  if (result.files.length > 1) return true;
  const only = result.files[0]?.path;
  return result.measures.some((m) => m.evidence.some((e) => e.file !== only));
}
