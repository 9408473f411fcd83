// Comparing two reports: what an amendment changes (`gap-check diff old new`) and whether a check is worse
// than a recorded baseline (`--baseline report.json`). Pure functions of results.
import type { Disposition, Evidence, FailOn, MeasureResult, Status } from '../types.js';

const RANK: Record<Status, number> = { missing: 0, partial: 1, met: 2 };

/**
 * `better`/`worse` compare two verdicts of the engine (met > partial > missing). `changed` is any other change:
 * a measure that appears or disappears (rule pack or --only differ) or that the user declared satisfied
 * elsewhere / not applicable on one side — those are declarations, not something the text gained or lost.
 */
export type Direction = 'better' | 'worse' | 'changed';

export interface MeasureChange {
  id: string;
  title: string;
  source: string;
  from: Disposition | null;
  to: Disposition | null;
  direction: Direction;
  /** The measure in the old result (null when it was not checked there). */
  before: MeasureResult | null;
  /** The measure in the new result (null when it is not checked there). */
  after: MeasureResult | null;
  /**
   * The provision that explains the change (the first evidence of the new side for a measure that got better, of
   * the old side for one that got worse) and what the amendment did to it, when the caller could tell.
   */
  provision: ProvisionChange | null;
  /** One line for people: `poa-53-possession: partial → met (s. 7(2) added)`. */
  summary: string;
}

/** What an amendment did to a provision: `unchanged` when its words are the same on both sides. */
export type ProvisionChangeKind = 'added' | 'amended' | 'removed' | 'unchanged';
export interface ProvisionChange {
  file: string;
  citation: string;
  change: ProvisionChangeKind;
}
/** How the provision a piece of evidence points to fared between the two texts; null when it cannot be told. */
export type ProvisionHistory = (side: 'old' | 'new', evidence: Evidence) => ProvisionChangeKind | null;

export interface DiffResult {
  changes: MeasureChange[];
  better: number;
  worse: number;
  /** Measures present on both sides whose status did not change. */
  unchanged: number;
}

function rank(s: Disposition | null | undefined): number | null {
  return s === 'met' || s === 'partial' || s === 'missing' ? RANK[s] : null;
}

/** The citation of the explaining provision, and what happened to it unless nothing did, for the summary. */
function where(ev: Evidence | undefined, provision: ProvisionChange | null): string {
  if (!ev) return '';
  return provision && provision.change !== 'unchanged' ? ` (${ev.citation} ${provision.change})` : ` (${ev.citation})`;
}

/**
 * Measures whose status differs between two results, in the order of the newer result (then measures only in
 * the older one). The citation in the summary is the side that explains the change: the new provision for a
 * measure that got better, the old one (what was lost or weakened) for a measure that got worse. With `history`,
 * the summary also says whether that provision was added, amended or removed.
 */
export function diffMeasures(oldMeasures: readonly MeasureResult[], newMeasures: readonly MeasureResult[], history?: ProvisionHistory): DiffResult {
  const before = new Map(oldMeasures.map((m) => [m.id, m]));
  const after = new Map(newMeasures.map((m) => [m.id, m]));
  const ids = [...after.keys(), ...[...before.keys()].filter((id) => !after.has(id))];
  const changes: MeasureChange[] = [];
  let unchanged = 0;
  for (const id of ids) {
    const a = before.get(id) ?? null;
    const b = after.get(id) ?? null;
    const from = a?.status ?? null;
    const to = b?.status ?? null;
    if (from === to) {
      unchanged++;
      continue;
    }
    const ra = rank(from);
    const rb = rank(to);
    const direction: Direction = ra !== null && rb !== null ? (rb > ra ? 'better' : 'worse') : 'changed';
    const side: 'old' | 'new' = direction === 'worse' || !b?.evidence.length ? 'old' : 'new';
    const ev = (side === 'old' ? a : b)?.evidence[0];
    const change = ev && history && direction !== 'changed' ? history(side, ev) : null;
    const provision = ev && change ? { file: ev.file, citation: ev.citation, change } : null;
    changes.push({
      id,
      title: (b ?? a)!.title,
      source: (b ?? a)!.source,
      from,
      to,
      direction,
      before: a,
      after: b,
      provision,
      summary: `${id}: ${from ?? 'not checked'} → ${to ?? 'not checked'}${where(ev, provision)}`,
    });
  }
  return {
    changes,
    better: changes.filter((c) => c.direction === 'better').length,
    worse: changes.filter((c) => c.direction === 'worse').length,
    unchanged,
  };
}

export interface Regression {
  id: string;
  title: string;
  /** Status in the baseline; null when the baseline does not have the measure (or only a declaration for it). */
  from: Disposition | null;
  to: Status;
  /** Evidence the baseline had for the measure (where it used to be met or partial), when it recorded any. */
  before: Evidence[];
  /** The measure as it is now. */
  current: MeasureResult;
}

/** Does a verdict count towards the exit code at this --fail-on level? */
export function failsAt(status: Disposition, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return status === 'missing' || (failOn === 'partial' && status === 'partial');
}

/**
 * The measures a CI gate with a baseline fails on: those at or above the --fail-on level now that the baseline
 * does not already record at that status or worse. A known gap (missing then, missing now; partial then,
 * partial now) passes; a drop (met → partial, met → missing, partial → missing) fails, and so does a gap the
 * baseline cannot vouch for: a measure it does not have (a newer rule pack, a narrower --only), one it only
 * records as declared (satisfied elsewhere / not applicable, a declaration since withdrawn), or, with
 * --per-file, any measure of a file it does not have. A declaration now never fails, as without a baseline.
 */
export function regressions(
  baseline: ReadonlyArray<Pick<MeasureResult, 'id' | 'status'> & { evidence?: Evidence[] }>,
  current: readonly MeasureResult[],
  failOn: FailOn = 'partial',
): Regression[] {
  const base = new Map(baseline.map((m) => [m.id, m]));
  const out: Regression[] = [];
  for (const m of current) {
    if (!failsAt(m.status, failOn)) continue;
    const was = base.get(m.id);
    const rw = rank(was?.status);
    const rn = rank(m.status)!;
    if (rw !== null && rn >= rw) continue;
    out.push({ id: m.id, title: m.title, from: was?.status ?? null, to: m.status as Status, before: was?.evidence ?? [], current: m });
  }
  return out;
}

/** `poa-53-possession: met → partial (baseline: s. 7(2))`, the line shown for a regression. */
export function regressionLine(r: Regression): string {
  if (rank(r.from) === null) {
    return `${r.id}: ${r.to} (${r.from === null ? 'not in the baseline' : `${r.from} in the baseline, a declaration`})`;
  }
  const cites = r.before.slice(0, 1).map((e) => e.citation);
  return `${r.id}: ${r.from} → ${r.to}${cites.length ? ` (baseline had ${cites.join(', ')})` : ''}`;
}
