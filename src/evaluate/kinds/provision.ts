// Kind `provision`: a provision that does something — establishes a body, sets a procedure, protects a
// witness, confers jurisdiction — found by concept groups that must all occur in one unit (or one whole
// section, for institutions whose parts are spread over its subsections). Policy statements, exceptions and
// preambles never count. Qualifiers, missing companions and weaker fall-back forms give partial findings.
import type { Rule } from '../../types.js';
import type { DocAnalysis } from '../analysis.js';
import { evidenceFor } from '../evidence.js';
import { focus } from './offence.js';
import { type Candidate, type ConceptRef, type DocContext, type Qualifier, type RuleKind, REQUIRES_PARAM, allNegated, findIn, hasIn, qualifierApplies } from './common.js';

interface ProvisionParams {
  allOf: ConceptRef[];
  noneOf?: ConceptRef[];
  tie?: ConceptRef;
  context?: 'any' | 'offence' | 'definition' | 'offence-or-definition';
  unit?: 'leaf' | 'provision';
  partialIf?: Qualifier[];
  qualifierScope?: 'unit' | 'provision';
  notNegated?: ConceptRef;
  partialUnless?: Array<{ concept: ConceptRef; reason: string; scope?: 'unit' | 'division' }>;
  fallback?: Array<{ allOf: ConceptRef[]; reason: string }>;
}

const PROVISION_KINDS = new Set(['section', 'article']);

type Unit = { unit: number; nodes: readonly number[] };

/** Units of each document's analysis, by mode: every provision rule reads the same ones. */
const unitCache = new WeakMap<DocAnalysis, Map<'leaf' | 'provision', readonly Unit[]>>();

/** The nodes read together as one unit: a leaf with its chapeau chain, or a whole section (made once). */
function unitsOf(a: DocAnalysis, mode: 'leaf' | 'provision'): readonly Unit[] {
  let byMode = unitCache.get(a);
  if (byMode === undefined) unitCache.set(a, (byMode = new Map()));
  let units = byMode.get(mode);
  if (units === undefined) byMode.set(mode, (units = makeUnits(a, mode)));
  return units;
}

function makeUnits(a: DocAnalysis, mode: 'leaf' | 'provision'): Unit[] {
  if (mode === 'leaf') return a.units().map((u) => ({ unit: u, nodes: a.chain(u) }));
  const out: Unit[] = [];
  for (const n of a.doc.nodes) {
    if (PROVISION_KINDS.has(n.kind) || (n.kind === 'document' && a.doc.nodes.length === 1)) {
      // Definitions inside the section say what words mean; they do not establish anything.
      out.push({ unit: n.id, nodes: a.subtree(n.id).filter((x) => !a.info[x].isException && !a.info[x].isDefinition) });
    }
  }
  return out;
}

function inContext(a: DocAnalysis, unit: number, nodes: readonly number[], context: ProvisionParams['context']): boolean {
  if (nodes.some((x) => a.info[x].isPolicy && a.node(x).kind !== 'document') || nodes.every((x) => a.info[x].isPolicy)) return false;
  if (nodes.some((x) => a.info[x].isException)) return false;
  const offence = () => { const l = a.offence(unit); return !!l && !l.prohibitionOnly; };
  const definition = () => nodes.some((x) => a.info[x].isDefinition);
  switch (context ?? 'any') {
    case 'offence': return offence();
    case 'definition': return definition();
    case 'offence-or-definition': return offence() || definition();
    // A definition says what words mean; it does not itself establish a body, a procedure or a power.
    // (A whole section read as one unit still counts when it does more than define.)
    default: return !a.info[unit].isDefinition || (PROVISION_KINDS.has(a.node(unit).kind) && nodes.length > 1);
  }
}

/**
 * In a whole section read as one unit, the subdivision to cite: the one holding most of the concept groups (the
 * tie counting as one, in its own words or the provisions it names), the first of those at equal count — the
 * subsection that establishes the council and names its task, not the one that only says who sits on it. At its
 * first group's words.
 */
function richest(a: DocAnalysis, nodes: readonly number[], groups: ConceptRef[], tie?: ConceptRef) {
  let best = -1;
  let bestCount = 0;
  for (const x of nodes) {
    let count = 0;
    for (const g of groups) if (hasIn(a, [x], g)) count++;
    if (tie && (hasIn(a, [x], tie) || hasIn(a, a.referenced([x]), tie))) count++;
    if (count > bestCount) { best = x; bestCount = count; }
  }
  if (best === -1) return null;
  for (const g of groups) {
    const hit = findIn(a, [best], g);
    if (hit) return hit;
  }
  return null;
}

/** The whole section or article a unit belongs to (without its exceptions), or null outside one. */
function enclosingProvision(a: DocAnalysis, unit: number): number[] | null {
  let cur: number | null = unit;
  while (cur !== null && !PROVISION_KINDS.has(a.node(cur).kind)) cur = a.node(cur).parent;
  return cur === null ? null : a.subtree(cur).filter((x) => !a.info[x].isException);
}

function divisionNodes(a: DocAnalysis, unit: number): number[] {
  let cur: number | null = a.node(unit).parent;
  while (cur !== null && (a.node(cur).kind === 'section' || a.node(cur).kind === 'article' || a.node(cur).kind === 'subsection')) cur = a.node(cur).parent;
  return a.subtree(cur ?? 0).filter((x) => !a.info[x].isException && !a.info[x].isPolicy);
}

export const provisionKind: RuleKind = {
  name: 'provision',
  description: 'a provision must contain every concept group (institutions, procedures, jurisdiction, forfeiture)',
  params: {
    allOf: { type: 'conceptGroups', required: true, doc: 'concept groups that must all occur in one unit' },
    noneOf: { type: 'conceptGroups', doc: 'concepts that must not occur in the unit (a different measure)' },
    tie: { type: 'concepts', doc: 'what the provision must be about, in its own words or in the provisions it refers to ("an offence against section 163.1")' },
    context: { type: 'enum', values: ['any', 'offence', 'definition', 'offence-or-definition'], doc: 'what kind of provision counts' },
    unit: { type: 'enum', values: ['leaf', 'provision'], doc: 'leaf: a list item with its chapeau (default); provision: a whole section' },
    partialIf: { type: 'qualifiers', doc: 'list of {concept, reason, unless?} that make a finding partial' },
    notNegated: { type: 'concepts', doc: 'concepts whose every occurrence in the unit is negated ("legal aid shall not be available") void the finding' },
    qualifierScope: { type: 'enum', values: ['unit', 'provision'], doc: 'where partialIf qualifiers are looked for: the unit (default) or its whole section, for conditions stated in a subsection of their own' },
    partialUnless: { type: 'qualifiers', doc: 'list of {concept, reason, scope?}: partial when the concept is absent' },
    fallback: { type: 'alternatives', doc: 'list of {allOf, reason}: weaker forms that give a partial finding' },
    requires: REQUIRES_PARAM,
  },
  collect(rule: Rule, ctx: DocContext) {
    const p = rule.params as unknown as ProvisionParams;
    const candidates: Candidate[] = [];
    const { a, docIndex } = ctx;
    const units = unitsOf(a, p.unit ?? 'leaf');
    const tryGroups = (groups: ConceptRef[], u: Unit) => {
      const hits = [];
      for (const g of groups) {
        const h = findIn(a, u.nodes, g);
        if (!h) return null;
        hits.push(h);
      }
      return hits;
    };
    let foundMain = false;
    for (const u of units) {
      const hits = tryGroups(p.allOf, u);
      if (!hits || !inContext(a, u.unit, u.nodes, p.context)) continue;
      if (p.notNegated && allNegated(a, u.nodes, p.notNegated)) continue;
      if (p.noneOf?.some((g) => hasIn(a, u.nodes, g))) continue;
      if (p.tie && !hasIn(a, u.nodes, p.tie) && !hasIn(a, a.referenced(u.nodes), p.tie)) continue;
      foundMain = true;
      const reasons: string[] = [];
      const qNodes = p.qualifierScope === 'provision' ? enclosingProvision(a, u.unit) ?? u.nodes : u.nodes;
      for (const q of p.partialIf ?? []) if (qualifierApplies(a, qNodes, q, hits[0])) reasons.push(q.reason);
      for (const q of p.partialUnless ?? []) {
        const scope = q.scope === 'division' ? divisionNodes(a, u.unit) : u.nodes;
        if (!hasIn(a, scope, q.concept)) reasons.push(q.reason);
      }
      const at = p.unit === 'provision' ? richest(a, u.nodes, p.allOf, p.tie) ?? hits[0] : hits[0];
      const evUnit = p.unit === 'provision' ? at.nodeId : u.unit;
      const score = focus(a, u.nodes, hits);
      candidates.push({ status: reasons.length ? 'partial' : 'met', reason: reasons[0] ?? null, evidence: [evidenceFor(a, evUnit, at)], docIndex, unitId: u.unit, score });
    }
    if (foundMain) return { candidates };
    for (const fb of p.fallback ?? []) {
      for (const u of units) {
        const hits = tryGroups(fb.allOf, u);
        if (!hits || !inContext(a, u.unit, u.nodes, p.context)) continue;
        if (p.notNegated && allNegated(a, u.nodes, p.notNegated)) continue;
        const evUnit = p.unit === 'provision' ? hits[0].nodeId : u.unit;
        candidates.push({ status: 'partial', reason: fb.reason, evidence: [evidenceFor(a, evUnit, hits[0])], docIndex, unitId: u.unit });
      }
    }
    return { candidates };
  },
};
