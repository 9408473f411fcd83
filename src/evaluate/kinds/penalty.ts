// Kind `penalty`: the core offences (found by other rules) must carry imprisonment that reflects their
// gravity. Partial when, for some core offence, the strongest penalty available is a fine only or a
// maximum term below the threshold (default 5 years, configurable); the report quotes the term.
import type { Rule } from '../../types.js';
import { evidenceFor } from '../evidence.js';
import type { Candidate, EvalContext, RuleKind } from './common.js';

interface PenaltyParams { offences: string[]; thresholdYears?: number }

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
  evaluate(rule: Rule, ctx: EvalContext) {
    const p = rule.params as unknown as PenaltyParams;
    const threshold = ctx.options.penaltyThresholdYears ?? p.thresholdYears ?? 5;
    const weak: string[] = [];
    const evidence: Candidate['evidence'] = [];
    let anyOffence = false;
    for (const id of p.offences) {
      const cands = (ctx.found.get(id) ?? []).filter((c) => c.unitId !== undefined && !c.general);
      let best: { years: number; quote: string | null; cand: Candidate } | null = null;
      let fineOnly: Candidate | null = null;
      for (const c of cands) {
        const a = ctx.analyses[c.docIndex];
        const link = a.offence(c.unitId!);
        if (!link || link.prohibitionOnly) continue;
        anyOffence = true;
        const pen = a.penalty(c.unitId!, link);
        if (pen.maxYears === null) { if (pen.fine) fineOnly ??= c; continue; }
        if (!best || pen.maxYears > best.years) best = { years: pen.maxYears, quote: pen.quote, cand: c };
      }
      if (best) {
        const a = ctx.analyses[best.cand.docIndex];
        const ev = evidenceFor(a, best.cand.unitId!, null, `penalty (${id})`);
        if (best.quote) ev.excerpt = `${best.cand.evidence[0]?.citation ?? ev.citation}: "${best.quote}"`;
        evidence.push(ev);
        if (best.years < threshold) weak.push(`the offence in ${ev.citation} (${id}) carries at most ${fmtYears(best.years)} ("${best.quote}")`);
      } else if (fineOnly) {
        const a = ctx.analyses[fineOnly.docIndex];
        const ev = evidenceFor(a, fineOnly.unitId!, null, `penalty (${id})`);
        evidence.push(ev);
        weak.push(`the offence in ${ev.citation} (${id}) is punishable by a fine only`);
      } else if (cands.length > 0) {
        weak.push(`no penalty could be found for the offence in ${cands[0].evidence[0]?.citation ?? 'the statute'} (${id})`);
      }
    }
    if (!anyOffence) return { candidates: [], missingReason: 'None of the core offences (trafficking, sale, sexual exploitation, abuse material) was found, so no penalty could be judged.' };
    const reason = weak.length ? `Penalties below ${threshold} years' imprisonment: ${weak.join('; ')}.` : null;
    return { candidates: [{ status: weak.length ? 'partial' : 'met', reason, evidence: evidence.slice(0, 6), docIndex: 0 }] };
  },
};
