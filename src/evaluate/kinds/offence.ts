// Kind `offence`: an offence must exist whose conduct, object and victim elements fall in one unit (a
// provision, or a list item read with its chapeau), with offence language in the provision or in a penalty
// clause that refers to it; defined terms carry their definitions in. Qualifiers, a limited form of the
// conduct, an age below adulthood or a general (non-child) offence make the finding partial.
import type { Rule } from '../../types.js';
import type { DocAnalysis } from '../analysis.js';
import type { ConceptMatch } from '../concepts.js';
import { evidenceFor } from '../evidence.js';
import {
  type Candidate, type ConceptRef, type DocContext, type Qualifier, type RuleKind,
  asList, findIn, hasIn, qualifierApplies, viaDefinition,
} from './common.js';
import { ageOfUnit, ADULT_AGE } from './age-of.js';

interface OffenceParams {
  conduct: ConceptRef;
  limitedConduct?: { concepts: ConceptRef; reason: string };
  object?: ConceptRef;
  objectFromDefinitions?: boolean;
  with?: ConceptRef[];
  victim?: 'child' | 'any' | 'not-child-only';
  notAfter?: { concept: ConceptRef; window: number };
  generalFallback?: string;
  generalCounts?: boolean;
  generalObject?: ConceptRef;
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
    objectFromDefinitions: { type: 'boolean', doc: 'false: the object must be named in the provision itself, not carried in by a defined term (default true)' },
    with: { type: 'conceptGroups', doc: 'further concept groups that must all occur in the unit' },
    victim: { type: 'enum', values: ['child', 'any', 'not-child-only'], doc: 'child: a child victim must be named (its age is checked); not-child-only: offences limited to children do not count' },
    notAfter: { type: 'proximity', doc: '{concept, window}: conduct named only as the purpose of another offence ("for the purpose of forced labour") does not count' },
    generalCounts: { type: 'boolean', doc: 'an offence against any person also counts (judged by its qualifiers), e.g. trafficking in persons' },
    generalObject: { type: 'concepts', doc: 'with generalCounts: what an offence naming no child must be about (e.g. the exploitation of a person), since without a child the object words alone are too loose' },
    generalFallback: { type: 'string', doc: 'reason when only a general (not child-specific) offence exists; makes it partial' },
    qualifiers: { type: 'qualifiers', doc: 'list of {concept, reason, unless?, window?} that make a finding partial' },
    exceptionSwallows: { type: 'alternatives', doc: '{concept, reason}: an exception in the same provision that removes the conduct' },
  },
  collect(rule: Rule, ctx: DocContext) {
    const p = rule.params as unknown as OffenceParams;
    const candidates: Candidate[] = [];
    let prohibitedOnly: string | undefined;
    const { a, docIndex } = ctx;
    for (const unit of a.units()) {
      const chain = a.chainWithReferences(unit);
      let conduct = findIn(a, chain, p.conduct);
      if (conduct && p.notAfter && precededBy(a, chain, conduct, p.notAfter.concept, p.notAfter.window)) conduct = null;
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
      let objectHit: ReturnType<typeof findIn> = null;
      if (p.object) {
        const direct = findIn(a, chain, p.object);
        objectHit = direct;
        const def = direct || p.objectFromDefinitions === false ? null : viaDefinition(defs, p.object);
        if (!direct && !def) continue;
        if (def) evidence.push(def.foreign ? { ...def.foreign, element: 'object (definition)' } : definitionEvidence(a, def.def.nodeId, 'object (definition)'));
      }
      if (p.with && !p.with.every((g) => hasIn(a, chain, g))) continue;
      // In a long unstructured block (an amending bill's quoted text) the elements must share a sentence.
      if (objectHit && splitBySentence(a, conduct, objectHit)) {
        const pair = samePair(a, conduct.nodeId, p.conduct, p.object!);
        if (!pair) continue;
        conduct = pair;
        evidence[0] = evidenceFor(a, unit, conduct, 'conduct');
      }
      // A bare prohibition is not an offence; remember it so the missing verdict can point the drafter to it.
      if (link.prohibitionOnly) {
        prohibitedOnly ??= a.node(unit).citation;
        continue;
      }
      const reasons: string[] = [];
      // An offence about children only ("procures a child for prostitution") does not cover other persons; a
      // child named later as an aggravation ("where the person procured is a child …") does not limit it.
      if (p.victim === 'not-child-only' && a.positive(conduct.nodeId, 'child').some((m) => m.from >= conduct!.match.from && m.from - conduct!.match.to <= 8)) continue;
      if (p.victim === 'child') {
        const childHere = hasIn(a, chain, 'child') || viaDefinition(defs, 'child') !== null;
        if (!childHere) {
          if (p.generalFallback) {
            candidates.push({ status: 'partial', reason: p.generalFallback, evidence, unitId: unit, docIndex, general: true });
          } else if (p.generalCounts && !hasIn(a, chain, 'adult') && (!p.generalObject || findIn(a, chain, p.generalObject) || viaDefinition(defs, p.generalObject))) {
            // An offence against any person protects children too, within its own limits (its qualifiers).
            const limits = (p.qualifiers ?? []).filter((q) => qualifierApplies(a, chain, q, conduct)).map((q) => q.reason);
            if (limits.length > 0) candidates.push({ status: 'partial', reason: limits[0], evidence, unitId: unit, docIndex, anyPerson: true });
            else candidates.push({ status: 'met', reason: null, evidence, unitId: unit, docIndex, score: 20_000, anyPerson: true });
          }
          continue;
        }
        const age = ageOfUnit(a, unit, chain, defs);
        // "Young person" defined as over 18 and under 21: the offence protects adults only.
        if (age && (age.from ?? 0) >= ADULT_AGE) continue;
        if (age && age.age < ADULT_AGE) {
          reasons.push(`The offence protects only persons under ${age.age} ("${age.text}"), not every child under 18.`);
        }
      }
      if (limited && p.limitedConduct) reasons.push(p.limitedConduct.reason);
      for (const q of p.qualifiers ?? []) if (qualifierApplies(a, chain, q, conduct)) reasons.push(q.reason);
      if (p.exceptionSwallows) {
        const prov = chain[0];
        // An exception provision that names the conduct, or an exception in the middle of a sentence that names it
        // ("With the consent of the parent, it is not unlawful to transfer a child for payment"; those words are
        // excluded from the provision's own, so they are looked for in all its words).
        const names = (x: number, ref: ConceptRef) => asList(ref).some((c) => a.info[x].concepts.has(c));
        const swallowed = a.subtree(prov).some((x) =>
          (a.info[x].isException && hasIn(a, [x], p.exceptionSwallows!.concept) && hasIn(a, [x], p.conduct)) ||
          (a.info[x].concepts.has('exception') && names(x, p.exceptionSwallows!.concept) && names(x, p.conduct)));
        if (swallowed) reasons.push(p.exceptionSwallows.reason);
      }
      for (const pn of link.penaltyNodes) {
        if (!chain.includes(pn)) { evidence.push(evidenceFor(a, pn, { nodeId: pn, match: a.positive(pn, 'offence-language')[0] }, 'penalty')); break; }
      }
      // Evidence ranking: elements found in the unit's own words beat elements read in by reference.
      const own = a.chain(unit);
      const childHit = p.victim === 'child' ? findIn(a, chain, 'child') : null;
      const score = (own.includes(conduct.nodeId) ? 0 : 10_000) + focus(a, own, [conduct, objectHit, childHit]);
      candidates.push({ status: reasons.length ? 'partial' : 'met', reason: reasons[0] ?? null, evidence, unitId: unit, docIndex, score });
    }
    const missingReason = prohibitedOnly
      ? `${prohibitedOnly} prohibits the conduct, but no offence or penalty attaches to that prohibition.`
      : undefined;
    return { candidates, missingReason };
  },
};

/** A conduct match that shares a sentence with an object match in the node (first 200 of each tried). */
function samePair(a: DocAnalysis, nodeId: number, conduct: ConceptRef, object: ConceptRef): { nodeId: number; match: ConceptMatch } | null {
  const list = (r: ConceptRef) => (Array.isArray(r) ? r : [r]).flatMap((c) => a.positive(nodeId, c)).slice(0, 200);
  const objects = list(object);
  for (const c of list(conduct)) {
    const hit = { nodeId, match: c };
    if (objects.some((o) => !splitBySentence(a, hit, { nodeId, match: o }))) return hit;
  }
  return null;
}

/** Do two matches in the same node stand in different sentences, far apart? */
function splitBySentence(a: DocAnalysis, x: { nodeId: number; match: ConceptMatch }, y: { nodeId: number; match: ConceptMatch }): boolean {
  if (x.nodeId !== y.nodeId) return false;
  const inf = a.info[x.nodeId];
  const [first, second] = x.match.from <= y.match.from ? [x.match, y.match] : [y.match, x.match];
  if (second.from - first.to < 40) return false;
  const between = inf.text.slice(inf.tokens.ends[first.to - 1], inf.tokens.starts[second.from]);
  return /[.!?]["”’)]?\s+["“‘(]?(?:[A-Z]|\d+[A-Z]?\.)/.test(between);
}

/**
 * How tightly the elements sit together: the word span when they share one node ("possesses child sexual
 * abuse material"), else the size of the unit. Lower is better evidence.
 */
export function focus(a: DocAnalysis, own: readonly number[], hits: Array<{ nodeId: number; match: ConceptMatch } | null>): number {
  const present = hits.filter((h): h is { nodeId: number; match: ConceptMatch } => h !== null);
  if (present.length > 0 && present.every((h) => h.nodeId === present[0].nodeId)) {
    return Math.max(...present.map((h) => h.match.to)) - Math.min(...present.map((h) => h.match.from));
  }
  return 500 + own.reduce((n, x) => n + a.info[x].tokens.length, 0);
}

/**
 * Is the match preceded, within `window` words, by one of `concepts` — in its own node, or at the end of the
 * chapeau above it ("knowing that the minor will be — (2) subjected to forced labour")?
 */
function precededBy(a: DocAnalysis, chain: readonly number[], at: { nodeId: number; match: ConceptMatch }, concepts: ConceptRef, window: number): boolean {
  const list = Array.isArray(concepts) ? concepts : [concepts];
  if (list.some((c) => a.positive(at.nodeId, c).some((m) => m.to <= at.match.from && at.match.from - m.to <= window))) return true;
  if (at.match.from > window) return false;
  const above = chain.slice(0, chain.indexOf(at.nodeId)).reverse();
  let room = window - at.match.from;
  for (const id of above) {
    const inf = a.info[id];
    const n = inf.tokens.length;
    // Near the end of the chapeau, or right before the dash or colon that opens its list.
    const endsChapeau = (to: number) => n - to <= room || /^\s*[—–:-]/.test(inf.text.slice(inf.tokens.ends[to - 1], inf.tokens.ends[to - 1] + 4));
    if (list.some((c) => a.positive(id, c).some((m) => endsChapeau(m.to)))) return true;
    room -= n;
    if (room <= 0) break;
  }
  return false;
}

export function definitionEvidence(a: DocAnalysis, nodeId: number, element: string) {
  return evidenceFor(a, nodeId, null, element);
}
