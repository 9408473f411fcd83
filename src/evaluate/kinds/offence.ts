// Kind `offence`: an offence must exist whose conduct, object and victim elements fall in one unit (a
// provision, or a list item read with its chapeau), with offence language in the provision or in a penalty
// clause that refers to it; defined terms carry their definitions in. Qualifiers, a limited form of the
// conduct, an age below adulthood or a general (non-child) offence make the finding partial.
import type { Rule } from '../../types.js';
import { evidenceFor } from '../evidence.js';
import {
  type Candidate, type ConceptRef, type EvalContext, type Qualifier, type RuleKind,
  findIn, qualifierApplies, viaDefinition,
} from './common.js';
import { ageOfUnit, ADULT_AGE } from './age-of.js';

interface OffenceParams {
  conduct: ConceptRef;
  limitedConduct?: { concepts: ConceptRef; reason: string };
  object?: ConceptRef;
  with?: ConceptRef[];
  victim?: 'child' | 'any';
  generalFallback?: string;
  qualifiers?: Qualifier[];
  exceptionSwallows?: { concept: ConceptRef; reason: string };
}

export const offenceKind: RuleKind = {
  name: 'offence',
  description: 'an offence must exist with the given conduct, object and victim',
  params: {
    conduct: { type: 'concepts', required: true, doc: 'conduct concepts (any of)' },
    limitedConduct: { type: 'alternatives', doc: '{concepts, reason}: conduct that only partly covers the measure' },
    object: { type: 'concepts', doc: 'object concepts (any of), also found through definitions the provision uses' },
    with: { type: 'conceptGroups', doc: 'further concept groups that must all occur in the unit' },
    victim: { type: 'enum', values: ['child', 'any'], doc: 'child: a child victim must be named (its age is checked)' },
    generalFallback: { type: 'string', doc: 'reason when only a general (not child-specific) offence exists; makes it partial' },
    qualifiers: { type: 'qualifiers', doc: 'list of {concept, reason, unless?, window?} that make a finding partial' },
    exceptionSwallows: { type: 'alternatives', doc: '{concept, reason}: an exception in the same provision that removes the conduct' },
  },
  evaluate(rule: Rule, ctx: EvalContext) {
    const p = rule.params as unknown as OffenceParams;
    const candidates: Candidate[] = [];
    ctx.analyses.forEach((a, docIndex) => {
      for (const unit of a.units()) {
        const chain = a.chain(unit);
        let conduct = findIn(a, chain, p.conduct);
        let limited = false;
        if (!conduct && p.limitedConduct) {
          conduct = findIn(a, chain, p.limitedConduct.concepts);
          limited = conduct !== null;
        }
        if (!conduct) continue;
        const link = a.offence(unit);
        if (!link) continue;
        const defs = a.definitionsUsed(unit, chain);
        const evidence = [evidenceFor(a, unit, conduct, 'conduct')];
        if (p.object) {
          const direct = findIn(a, chain, p.object);
          const def = direct ? null : viaDefinition(defs, p.object);
          if (!direct && !def) continue;
          if (def) evidence.push(definitionEvidence(a, def.def.nodeId, 'object (definition)'));
        }
        if (p.with && !p.with.every((g) => findIn(a, chain, g))) continue;
        const reasons: string[] = [];
        if (link.prohibitionOnly) {
          reasons.push(`${a.node(unit).citation} prohibits the conduct but no penalty or offence is attached to it.`);
        }
        if (p.victim === 'child') {
          const childHere = findIn(a, chain, 'child') !== null || viaDefinition(defs, 'child') !== null;
          if (!childHere) {
            if (p.generalFallback) {
              candidates.push({ status: 'partial', reason: p.generalFallback, evidence, unitId: unit, docIndex });
            }
            continue;
          }
          const age = ageOfUnit(a, unit, chain, defs);
          if (age && age.age < ADULT_AGE) {
            reasons.push(`The offence protects only persons under ${age.age} ("${age.text}"), not every child under 18.`);
          }
        }
        if (limited && p.limitedConduct) reasons.push(p.limitedConduct.reason);
        for (const q of p.qualifiers ?? []) if (qualifierApplies(a, chain, q, conduct)) reasons.push(q.reason);
        if (p.exceptionSwallows) {
          const prov = chain[0];
          const swallowed = a.subtree(prov).some((x) => a.info[x].isException && findIn(a, [x], p.exceptionSwallows!.concept) && findIn(a, [x], p.conduct));
          if (swallowed) reasons.push(p.exceptionSwallows.reason);
        }
        for (const pn of link.penaltyNodes) {
          if (!chain.includes(pn)) { evidence.push(evidenceFor(a, pn, { nodeId: pn, match: a.positive(pn, 'offence-language')[0] }, 'penalty')); break; }
        }
        candidates.push({ status: reasons.length ? 'partial' : 'met', reason: reasons[0] ?? null, evidence, unitId: unit, docIndex });
      }
    });
    return { candidates };
  },
};

export function definitionEvidence(a: import('../analysis.js').DocAnalysis, nodeId: number, element: string) {
  return evidenceFor(a, nodeId, null, element);
}
