// Kind `penalty`: the core offences (found by other rules) must carry imprisonment that reflects their
// gravity. Partial when, for some core offence, the strongest penalty available is a fine only or a
// maximum term below the threshold (default 5 years, configurable); the report quotes the term.
import type { CheckOptions, Evidence, Rule } from '../../types.js';
import { evidenceFor } from '../evidence.js';
import type { Candidate, DocContext, DocPart, RuleKind } from './common.js';

interface PenaltyParams { offences: string[]; thresholdYears?: number }

/** What one document shows about the penalties of one rule's core offences. */
interface OffencePenalties {
  /** Some candidate of the rule is an offence with a penalty clause (not a bare prohibition). */
  anyOffence: boolean;
  /** The longest maximum term, with the evidence pointing at the offence. */
  best: { years: number; quote: string | null; evidence: Evidence } | null;
  /** The first offence punishable by a fine only. */
  fineOnly: Evidence | null;
  /** Citation of the rule's first candidate, to name it when no penalty was found. */
  firstCitation: string | null;
}
type PenaltySummary = Record<string, OffencePenalties>;

function fmtYears(y: number): string {
  if (y === Infinity) return 'life';
  if (y < 1) return `${Math.round(y * 12)} months`;
  return `${Math.round(y * 10) / 10} years`;
}

export const penaltyKind: RuleKind = {
  name: 'penalty',
  description: 'core offences found by other rules must carry imprisonment of at least the threshold',
  params: {
    offences: { type: 'ruleIds', required: true, doc: 'ids of the rules whose offences are core offences' },
    thresholdYears: { type: 'number', doc: 'minimum maximum term in years (default 5; config penaltyThresholdYears overrides)' },
  },
  dependsOn: (rule) => (rule.params as unknown as PenaltyParams).offences,
  // Per document: for each core offence found there, the strongest penalty it carries (with its evidence), so
  // that the document can be freed; across documents the strongest wins.
  collect(rule: Rule, ctx: DocContext) {
    const p = rule.params as unknown as PenaltyParams;
    const { a } = ctx;
    const summary: PenaltySummary = {};
    for (const id of p.offences) {
      const cands = (ctx.found.get(id) ?? []).filter((c) => c.unitId !== undefined && !c.general);
      const s: OffencePenalties = { anyOffence: false, best: null, fineOnly: null, firstCitation: null };
      if (cands.length > 0) s.firstCitation = cands[0].evidence[0]?.citation ?? 'the statute';
      let best: { years: number; quote: string | null; cand: Candidate } | null = null;
      let fineOnly: Candidate | null = null;
      for (const c of cands) {
        const link = a.offence(c.unitId!);
        if (!link || link.prohibitionOnly) continue;
        s.anyOffence = true;
        const pen = a.penalty(c.unitId!, link);
        if (pen.maxYears === null) { if (pen.fine) fineOnly ??= c; continue; }
        if (!best || pen.maxYears > best.years) best = { years: pen.maxYears, quote: pen.quote, cand: c };
      }
      if (best) {
        const ev = evidenceFor(a, best.cand.unitId!, null, `penalty (${id})`);
        if (best.quote) ev.excerpt = `${best.cand.evidence[0]?.citation ?? ev.citation}: "${best.quote}"`;
        s.best = { years: best.years, quote: best.quote, evidence: ev };
      }
      if (fineOnly) s.fineOnly = evidenceFor(a, fineOnly.unitId!, null, `penalty (${id})`);
      summary[id] = s;
    }
    return { candidates: [], summary };
  },
  // The strongest penalty wins; between equal ones, and for the first fine-only offence, the document cited
  // first (`order`) is shown.
  combine(rule: Rule, parts: DocPart[], options: CheckOptions, order: readonly number[]) {
    const p = rule.params as unknown as PenaltyParams;
    const threshold = options.penaltyThresholdYears ?? p.thresholdYears ?? 5;
    const weak: string[] = [];
    const evidence: Candidate['evidence'] = [];
    let anyOffence = false;
    for (const id of p.offences) {
      const docs = order.map((i) => (parts[i].summary as PenaltySummary)[id]).filter((s) => s !== undefined);
      if (docs.some((s) => s.anyOffence)) anyOffence = true;
      let best: OffencePenalties['best'] = null;
      for (const s of docs) if (s.best && (!best || s.best.years > best.years)) best = s.best;
      const fineOnly = docs.find((s) => s.fineOnly)?.fineOnly;
      const firstCitation = docs.find((s) => s.firstCitation)?.firstCitation;
      if (best) {
        evidence.push(best.evidence);
        if (best.years < threshold) weak.push(`the offence in ${best.evidence.citation} (${id}) carries at most ${fmtYears(best.years)} ("${best.quote}")`);
      } else if (fineOnly) {
        evidence.push(fineOnly);
        weak.push(`the offence in ${fineOnly.citation} (${id}) is punishable by a fine only`);
      } else if (firstCitation) {
        weak.push(`no penalty could be found for the offence in ${firstCitation} (${id})`);
      }
    }
    if (!anyOffence) return { candidates: [], missingReason: 'None of the core offences (trafficking, sale, sexual exploitation, abuse material) was found, so no penalty could be judged.' };
    const reason = weak.length ? `Penalties below ${threshold} years' imprisonment: ${weak.join('; ')}.` : null;
    return { candidates: [{ status: weak.length ? 'partial' : 'met', reason, evidence: evidence.slice(0, 6), docIndex: 0 }] };
  },
};
