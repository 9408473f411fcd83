// Comparing two reports: what an amendment changes (`gap-check diff old new`) and whether a check is worse
// than a recorded baseline (`--baseline report.json`). Pure functions of results.
import type { Disposition, Evidence, MeasureResult, Status } from '../types.js';

const RANK: Record<Status, number> = { missing: 0, partial: 1, met: 2 };

export interface MeasureChange {
  id: string;
  title: string;
  from: Disposition | null;
  to: Disposition | null;
  direction: 'better' | 'worse' | 'changed';
  before: Evidence[];
  after: Evidence[];
  /** One line for people: `poa-53-possession: partial → met (s. 7(2))`. */
  summary: string;
}

export interface DiffResult {
  changes: MeasureChange[];
  better: number;
  worse: number;
}

function rank(s: Disposition | null): number | null {
  return s === 'met' || s === 'partial' || s === 'missing' ? RANK[s] : null;
}

function where(ev: Evidence[]): string {
  return ev.length ? ` (${ev.map((e) => e.citation).slice(0, 2).join(', ')})` : '';
}

/** Measures whose status differs between two results, in the order of the newer result. */
export function diffMeasures(oldMeasures: MeasureResult[], newMeasures: MeasureResult[]): DiffResult {
  const before = new Map(oldMeasures.map((m) => [m.id, m]));
  const ids = [...newMeasures.map((m) => m.id), ...oldMeasures.map((m) => m.id).filter((id) => !newMeasures.some((m) => m.id === id))];
  const after = new Map(newMeasures.map((m) => [m.id, m]));
  const changes: MeasureChange[] = [];
  for (const id of ids) {
    const a = before.get(id) ?? null;
    const b = after.get(id) ?? null;
    const from = a?.status ?? null;
    const to = b?.status ?? null;
    if (from === to) continue;
    const ra = rank(from);
    const rb = rank(to);
    const direction = ra !== null && rb !== null ? (rb > ra ? 'better' : 'worse') : 'changed';
    const shown = direction === 'worse' ? where(a?.evidence ?? []) : where(b?.evidence ?? []);
    changes.push({
      id,
      title: (b ?? a)!.title,
      from,
      to,
      direction,
      before: a?.evidence ?? [],
      after: b?.evidence ?? [],
      summary: `${id}: ${from ?? 'absent'} → ${to ?? 'absent'}${shown}`,
    });
  }
  return { changes, better: changes.filter((c) => c.direction === 'better').length, worse: changes.filter((c) => c.direction === 'worse').length };
}

/** Measures that are worse now than in the baseline (the only ones a CI gate should fail on). */
export function regressions(baseline: Array<Pick<MeasureResult, 'id' | 'status'>>, current: MeasureResult[]): MeasureResult[] {
  const base = new Map(baseline.map((m) => [m.id, m.status]));
  return current.filter((m) => {
    const was = rank(base.get(m.id) ?? null);
    const now = rank(m.status);
    return was !== null && now !== null && now < was;
  });
}
