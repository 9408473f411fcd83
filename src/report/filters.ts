// Pure filters applied to a CheckResult before any formatter sees it (textlint's *-process.ts step): order the
// measures the way every report shows them and drop exact duplicate evidence. Nothing here mutates its input.

import type { CheckResult, Evidence, MeasureGroup, MeasureResult } from '../types.js';

/** Report groups in the order reports show them. */
export const GROUP_ORDER: readonly MeasureGroup[] = ['definitions', 'poa-24-31', 'poa-53-55', 'ga-58-60', 'other'];

function groupRank(group: MeasureGroup): number {
  const rank = GROUP_ORDER.indexOf(group);
  // An unknown group (a rule pack newer than this code) goes last rather than disappearing.
  return rank === -1 ? GROUP_ORDER.length : rank;
}

/** Code-unit comparison: unlike localeCompare, it gives the same order on every machine and locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Group order first, then rule id. */
export function compareMeasures(a: MeasureResult, b: MeasureResult): number {
  return groupRank(a.group) - groupRank(b.group) || compareStrings(a.id, b.id);
}

function evidenceKey(e: Evidence): string {
  return JSON.stringify([e.file, e.citation, e.headingPath, e.startLine, e.endLine, e.excerpt, e.element ?? null]);
}

/** Removes evidence items identical to an earlier one; keeps the evaluator's order otherwise. */
export function dedupeEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of evidence) {
    const key = evidenceKey(e);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...e });
  }
  return out;
}

/** Measures sorted by group then id (a stable sort, so equal keys keep their order). */
export function orderMeasures(measures: readonly MeasureResult[]): MeasureResult[] {
  return measures.map((m) => ({ ...m, evidence: dedupeEvidence(m.evidence) })).sort(compareMeasures);
}

/** The result every formatter receives: a copy with measures ordered and evidence de-duplicated. */
export function prepareResult(result: CheckResult): CheckResult {
  return {
    ...result,
    files: result.files.map((f) => ({ ...f })),
    summary: { ...result.summary },
    measures: orderMeasures(result.measures),
    diagnostics: result.diagnostics.map((d) => ({ ...d })),
  };
}
