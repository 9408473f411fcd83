// Kind `definition`: the statute must define a term (found by what the term says, or by what its
// definition says), optionally with an age threshold of adulthood, and optionally reaching given concepts.
import type { Rule } from '../../types.js';
import type { DefinitionInfo, DocAnalysis } from '../analysis.js';
import type { AgeMention } from '../ages.js';
import { evidenceFor } from '../evidence.js';
import { type Candidate, type ConceptRef, type DocContext, type RuleKind, asList, findIn, hasIn } from './common.js';
import { ADULT_AGE, ageOfUnit } from './age-of.js';

interface DefinitionParams {
  term: ConceptRef;
  definedBy?: ConceptRef[];
  age?: boolean;
  reaches?: Array<{ concepts: ConceptRef; reason: string; level: 'partial' | 'missing' }>;
  undefinedUse?: { concepts: ConceptRef; reason: string };
  protectedPersonFallback?: boolean;
  offenceAges?: ConceptRef;
  governs?: string[];
}

/** Definitions matching the rule: by the defined term, or by the content of the definition. */
export function matchingDefinitions(a: DocAnalysis, p: { term: ConceptRef; definedBy?: ConceptRef[] }): DefinitionInfo[] {
  const terms = asList(p.term);
  return a.allDefinitions().filter((d) => {
    if (a.info[d.def.nodeId].isPolicy && a.node(d.def.nodeId).kind === 'document') return false;
    if (terms.some((t) => d.termConcepts.has(t))) return true;
    return !!p.definedBy && p.definedBy.every((g) => asList(g).some((c) => d.concepts.has(c)));
  });
}

function defEvidence(a: DocAnalysis, d: DefinitionInfo) {
  const ev = evidenceFor(a, d.def.nodeId, null, 'definition');
  // Point at the definition's own lines, not the whole definitions section.
  ev.startLine = d.def.line;
  ev.endLine = Math.max(d.def.endLine, d.def.line);
  const raw = d.def.text.replace(/\s+/g, ' ').trim();
  // The parser may keep the term in the definition text ("child" means …); do not say it twice.
  const body = raw.toLowerCase().includes(d.def.term.toLowerCase()) ? raw : `"${d.def.term}" ${d.def.mode} ${raw}`;
  ev.excerpt = body.length > 200 ? `${body.slice(0, 199)}…` : body;
  return ev;
}

/**
 * An offence (in the given field, not an aggravation) whose own words protect only persons under an age
 * below 18: "sexual services of a minor who has attained fourteen but not sixteen years".
 */
function lowerOffenceAge(a: DocAnalysis, field: ConceptRef) {
  for (const unit of a.units()) {
    const link = a.offence(unit);
    if (!link || link.prohibitionOnly) continue;
    const chain = a.chain(unit);
    if (!hasIn(a, chain, field) || hasIn(a, chain, 'aggravation')) continue;
    const age = ageOfUnit(a, unit, chain, []);
    // Graded penalties ("under 14 … not less than 15 years; 14 to 18 … not less than 10 years") state several
    // ages in one provision; the provision protects up to the highest of them.
    const provisionAges = a.subtree(chain[0]).flatMap((x) => a.ages(x)).map((m) => m.age);
    if (age && age.age < ADULT_AGE && Math.max(age.age, ...provisionAges) < ADULT_AGE) {
      return { citation: a.node(unit).citation, text: age.text, evidence: evidenceFor(a, unit, findIn(a, chain, 'child'), 'lower age') };
    }
  }
  return null;
}

export const definitionKind: RuleKind = {
  name: 'definition',
  description: 'a term must be defined (optionally with an adult age threshold, or reaching given concepts)',
  params: {
    term: { type: 'concepts', required: true, doc: 'concepts the defined term expresses (any of)' },
    definedBy: { type: 'conceptGroups', doc: 'alternatively, concept groups that the definition text must all express' },
    age: { type: 'boolean', doc: 'check the age threshold: below 18 makes it partial' },
    reaches: { type: 'reaches', doc: 'list of {concepts, reason, level}: what the definition must reach' },
    undefinedUse: { type: 'alternatives', doc: '{concepts, reason}: partial when the concept is used in offences but never defined' },
    protectedPersonFallback: { type: 'boolean', doc: 'without a definition, read the age from the offences themselves' },
    offenceAges: { type: 'concepts', doc: 'offences matching these concepts that state a lower age of their own make the finding partial' },
    governs: { type: 'ruleIds', doc: 'ids of the offence rules whose child the definition defines: across documents, only those holding such offences are judged, when any does' },
  },
  dependsOn: (rule) => (rule.params as unknown as DefinitionParams).governs ?? [],
  collect(rule: Rule, ctx: DocContext) {
    const p = rule.params as unknown as DefinitionParams;
    const candidates: Candidate[] = [];
    let missingReason: string | undefined;
    const { a, docIndex } = ctx;
    // A term that sounds young but is defined as adults ("young person" means a person over 18 and under 21)
    // defines no child.
    const defs = matchingDefinitions(a, p).filter((d) => !p.age || !d.ages.some((m) => (m.from ?? 0) >= ADULT_AGE));
    for (const d of defs) {
      const reasons: string[] = [];
      let missing = false;
      if (p.age) {
        if (d.ages.length === 0) {
          reasons.push(`"${d.def.term}" is defined without an age threshold; state that it means a person under 18.`);
        } else {
          const max = d.ages.reduce((b, m) => (m.age > b.age ? m : b));
          if (max.age < ADULT_AGE) reasons.push(`"${d.def.term}" is defined as a person ${max.text} — below 18.`);
        }
      }
      for (const r of p.reaches ?? []) {
        if (!asList(r.concepts).some((c) => d.concepts.has(c))) {
          if (r.level === 'missing') { missing = true; missingReason = r.reason; break; }
          reasons.push(r.reason);
        }
      }
      if (missing) continue;
      if (reasons.length === 0 && p.offenceAges) {
        const lower = lowerOffenceAge(a, p.offenceAges);
        if (lower) {
          reasons.push(`${lower.citation} protects only persons ${lower.text}, although "${d.def.term}" is defined up to 18.`);
          candidates.push({ status: 'partial', reason: reasons[0], evidence: [defEvidence(a, d), lower.evidence], docIndex, unitId: d.def.nodeId });
          continue;
        }
      }
      candidates.push({ status: reasons.length ? 'partial' : 'met', reason: reasons[0] ?? null, evidence: [defEvidence(a, d)], docIndex, unitId: d.def.nodeId });
    }
    // Two definitions of the protected person with different ages ("child" under 16 in s. 2, under 18 in
    // Part III): the lower one governs the offences that rely on it, so no definition makes the measure met.
    if (p.age) {
      const lowest = defs.flatMap((d) => d.ages.map((age) => ({ d, age }))).reduce<{ d: DefinitionInfo; age: AgeMention } | null>((b, x) => (!b || x.age.age < b.age.age ? x : b), null);
      if (lowest && lowest.age.age < ADULT_AGE) {
        for (const c of candidates) {
          if (c.docIndex !== docIndex || c.status !== 'met') continue;
          c.status = 'partial';
          c.reason = `"${lowest.d.def.term}" is also defined as a person ${lowest.age.text} (${a.node(lowest.d.def.nodeId).citation}) — below 18.`;
          c.evidence.push(defEvidence(a, lowest.d));
        }
      }
    }
    if (defs.length === 0 && p.protectedPersonFallback) {
      // No definition: the persons the offences protect, by the ages the offences state themselves.
      for (const unit of a.units()) {
        const link = a.offence(unit);
        if (!link || link.prohibitionOnly) continue;
        const chain = a.chain(unit);
        const child = findIn(a, chain, 'child');
        if (!child) continue;
        const age = ageOfUnit(a, unit, chain, []);
        // Above 18 the words are about young adults (a driver's or a drinker's minimum age), not about who is a child.
        if (!age || age.age > ADULT_AGE) continue;
        const ev = evidenceFor(a, unit, child, 'protected person');
        const met = age.age >= ADULT_AGE;
        candidates.push({
          status: met ? 'met' : 'partial',
          reason: met ? null : `The offences protect persons ${age.text} — below 18 — and no definition of "child" sets 18.`,
          evidence: [ev], docIndex, unitId: unit,
        });
      }
    }
    if (defs.length === 0 && p.undefinedUse) {
      for (const unit of a.units()) {
        if (!a.offence(unit)) continue;
        const hit = findIn(a, a.chain(unit), p.undefinedUse.concepts);
        if (hit) {
          candidates.push({ status: 'partial', reason: p.undefinedUse.reason, evidence: [evidenceFor(a, unit, hit, 'term used')], docIndex, unitId: unit });
          break;
        }
      }
    }
    // Whether this document holds child offences of the rules named (their findings against a child, not
    // offences against any person that stand in for them).
    const summary: DefinitionSummary = {
      childOffences: (p.governs ?? []).some((id) => (ctx.found.get(id) ?? []).some((c) => c.unitId !== undefined && !c.general && !c.anyPerson)),
    };
    return { candidates, missingReason, summary };
  },
  // A definition that fails to reach what the measure needs explains the missing verdict; the last one found
  // is reported (the order documents are read in).
  //
  // With `governs`, the measure is about the children the offences protect, and a definition stays in its own
  // document: when some documents hold those child offences, only they are judged. A police pension act's
  // "child means a person under 18" does not make the penal code's under-16 offences protect every child.
  combine(_rule, parts) {
    const holders = parts.filter((x) => (x.summary as DefinitionSummary | undefined)?.childOffences);
    const judged = holders.length > 0 ? holders : parts;
    const candidates = judged.flatMap((x) => x.candidates);
    let missingReason = judged.map((x) => x.missingReason).filter((r) => r !== undefined).pop();
    const elsewhere = holders.length > 0 && candidates.length === 0 ? parts.find((x) => !holders.includes(x) && x.candidates.length > 0)?.candidates[0].evidence[0] : undefined;
    if (elsewhere) {
      missingReason = `The acts that hold the child offences do not say who is a child; the definition in ${elsewhere.file} (${elsewhere.citation}) stays in its own act — define "child" in those acts, or apply it to them with definitionsFrom in the config.`;
    }
    return { candidates, missingReason };
  },
};

interface DefinitionSummary {
  /** The document creates a child offence of one of the rules the definition governs (`governs`). */
  childOffences: boolean;
}
