// Kind `coverage`: a family of provisions where each named element should be present somewhere in the
// statute (e.g. attempt, complicity, conspiracy, incitement). All present: met; some: partial naming the
// absent ones; none: missing.
import type { Evidence, Rule } from '../../types.js';
import { evidenceFor } from '../evidence.js';
import { type Candidate, type ConceptRef, type DocContext, type DocPart, type RuleKind, REQUIRES_PARAM, findIn, hasIn } from './common.js';

/** Each element found in one document, with its evidence, in the order found. */
type CoverageSummary = Array<[string, Evidence]>;

interface CoverageParams {
  elements: Array<{ name: string; concepts: ConceptRef; essential?: string }>;
  with?: ConceptRef;
}

export const coverageKind: RuleKind = {
  name: 'coverage',
  description: 'each named element should be provided for somewhere; some of them gives partial',
  params: {
    elements: { type: 'elements', required: true, doc: 'list of {name, concepts, essential?: yes|no}' },
    with: { type: 'concepts', doc: 'concepts that must occur in the same unit (e.g. punishment language)' },
    requires: REQUIRES_PARAM,
  },
  collect(rule: Rule, ctx: DocContext) {
    const p = rule.params as unknown as CoverageParams;
    const { a } = ctx;
    const found: CoverageSummary = [];
    const seen = new Set<string>();
    for (const unit of a.units()) {
      const chain = a.chain(unit);
      if (chain.some((x) => a.info[x].isPolicy || a.info[x].isException || a.info[x].isDefinition)) continue;
      if (p.with && !hasIn(a, chain, p.with)) continue;
      for (const el of p.elements) {
        if (seen.has(el.name)) continue;
        const hit = findIn(a, chain, el.concepts);
        if (hit) {
          seen.add(el.name);
          found.push([el.name, evidenceFor(a, unit, hit, el.name)]);
        }
      }
    }
    return { candidates: [], summary: found };
  },
  // Elements may be provided for in different documents (attempt in the penal code, complicity in a general
  // part); each is shown where it is first found, in citing order (a tax act's "attempts to evade" is not
  // the provision to cite when the penal code makes attempts punishable too).
  combine(rule: Rule, parts: DocPart[], _options, order) {
    const p = rule.params as unknown as CoverageParams;
    const found = new Map<string, Evidence>();
    for (const i of order) for (const [name, ev] of parts[i].summary as CoverageSummary) if (!found.has(name)) found.set(name, ev);
    if (found.size === 0) return { candidates: [] };
    // Elements marked `essential: "no"` are reported when absent but do not stop the measure being met.
    const absent = p.elements.filter((e) => !found.has(e.name)).map((e) => e.name);
    const absentEssential = p.elements.filter((e) => !found.has(e.name) && e.essential !== 'no');
    const evidence = p.elements.filter((e) => found.has(e.name)).map((e) => found.get(e.name)!);
    const candidate: Candidate = absentEssential.length === 0
      ? { status: 'met', reason: null, evidence, docIndex: 0 }
      : { status: 'partial', reason: `Provided for: ${p.elements.filter((e) => found.has(e.name)).map((e) => e.name).join(', ')}; not found: ${absent.join(', ')}.`, evidence, docIndex: 0 };
    return { candidates: [candidate] };
  },
};
