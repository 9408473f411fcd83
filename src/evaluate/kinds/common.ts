// What every rule kind shares: the shape of a candidate finding, parameter specs for validation, and
// small helpers for reading concepts across a unit's chapeau chain and the definitions it uses.
import type { CheckOptions, Evidence, Rule } from '../../types.js';
import type { ConceptMatch } from '../concepts.js';
import type { DefinitionInfo, DocAnalysis } from '../analysis.js';

export interface Candidate {
  status: 'met' | 'partial';
  reason: string | null;
  evidence: Evidence[];
  /** The unit (node id) the finding rests on, for rules that build on others (penalties). */
  unitId?: number;
  docIndex: number;
  /** A general (not child-specific) offence standing in for a child one: not a core offence for penalties. */
  general?: boolean;
  /** An offence against any person that counts for children too (`generalCounts`): no child is named. */
  anyPerson?: boolean;
  /** Lower is better evidence: the words of a short provision that holds every element itself. */
  score?: number;
}

/**
 * `requires` (coverage and provision rules): the measure is about the offences these rules find (participation
 * in them, confiscation of their proceeds), so it is judged only when the legal system holds one of them.
 */
export const REQUIRES_PARAM: ParamSpec = {
  type: 'ruleIds',
  doc: 'ids of offence rules: the measure counts only when the documents checked hold one of their offences (participation in, or the proceeds of, other offences is not this measure)',
};

/** A concept reference in rule params: one name, or a list meaning "any of these". */
export type ConceptRef = string | string[];

export type ParamType = 'concept' | 'concepts' | 'conceptGroups' | 'string' | 'number' | 'boolean' | 'ruleIds' | 'qualifiers' | 'alternatives' | 'elements' | 'reaches' | 'enum' | 'proximity';

export interface ParamSpec {
  type: ParamType;
  required?: boolean;
  values?: string[];
  doc: string;
}

/** One document of the legal system, as a rule sees it while collecting what that document contributes. */
export interface DocContext {
  a: DocAnalysis;
  /** Position of the document among those checked together (for candidates; evidence names the file). */
  docIndex: number;
  options: CheckOptions;
  /** Candidates this document gave the rules evaluated before this one, by rule id. */
  found: Map<string, Candidate[]>;
}

/**
 * What one document contributes to one rule. Plain data: it is computed next to the document (in a worker
 * thread when there are several files) and crosses back by structured clone, so that the document and its
 * analysis can be freed at once instead of being held until every file is read.
 */
export interface DocPart {
  candidates: Candidate[];
  missingReason?: string;
  /** Kind-specific findings that are only judged across documents (coverage, penalty). */
  summary?: unknown;
}

export interface RuleKind {
  name: string;
  description: string;
  params: Record<string, ParamSpec>;
  /** Rule ids this kind's rule depends on (evaluated first). */
  dependsOn?(rule: Rule): string[];
  /** What one document contributes. */
  collect(rule: Rule, ctx: DocContext): DocPart;
  /**
   * The rule's candidates over all documents. `parts` is indexed by document; `order` lists the document
   * indices in the order their evidence should be cited (the documents that reach the most measures first).
   * Default: every candidate, and the first document's missing reason.
   */
  combine?(rule: Rule, parts: DocPart[], options: CheckOptions, order: readonly number[]): { candidates: Candidate[]; missingReason?: string };
}

export interface Qualifier {
  concept: ConceptRef;
  reason: string;
  /** The qualifier is ignored when this concept is present in the unit. */
  unless?: ConceptRef;
  /** Only within this many words of the conduct; default: anywhere in the unit. */
  window?: number;
}

export function asList(ref: ConceptRef | undefined): string[] {
  if (ref === undefined) return [];
  return Array.isArray(ref) ? ref : [ref];
}

/** First positive match of any of `concepts` across the chain, with the node it is in. */
export function findIn(a: DocAnalysis, chain: readonly number[], concepts: ConceptRef): { nodeId: number; match: ConceptMatch } | null {
  const at = lastWith(a, chain, concepts);
  if (at < 0) return null;
  const nodeId = chain[at];
  for (const c of asList(concepts)) {
    const m = a.positive(nodeId, c);
    if (m.length > 0) return { nodeId, match: m[0] };
  }
  return null;
}

/**
 * Is every occurrence of `concepts` in the nodes negated in its own clause — "not" or "no" up to three words
 * before it ("shall not be extraditable", "no recorded interview shall be admitted") or "shall not", "is not",
 * "cannot" right after it ("legal aid shall not be available")? False when there is none. For measures that a
 * provision grants (aid, a procedure, extradition); where a prohibition is the measure ("no child shall be
 * employed"), negation is its form, so rules ask for this by name (`notNegated`).
 */
export function allNegated(a: DocAnalysis, nodes: readonly number[], concepts: ConceptRef): boolean {
  let any = false;
  for (const x of nodes) {
    for (const c of asList(concepts)) {
      for (const m of a.positive(x, c)) {
        any = true;
        if (!negatedAt(a, x, m)) return false;
      }
    }
  }
  return any;
}

const NEGATORS = new Set(['not', 'cannot', 'never']);
const DENYING = new Set(['shall', 'may', 'must', 'is', 'are']);

function negatedAt(a: DocAnalysis, nodeId: number, m: ConceptMatch): boolean {
  const { text, tokens } = a.info[nodeId];
  // A comma, semicolon, colon or full stop between two words ends the clause.
  const breakBefore = (k: number) => /[,;.:]/.test(text.slice(tokens.ends[k - 1], tokens.starts[k]));
  for (let k = m.from - 1; k >= 0 && k >= m.from - 3; k--) {
    if (breakBefore(k + 1)) break;
    if (NEGATORS.has(tokens.words[k]) || tokens.words[k] === 'no') return true;
  }
  // After it, only a denial of the thing itself: "shall not be available", "is not", "cannot"; not "would not
  // be contrary to the public interest", which says something else about it.
  const w = tokens.words;
  const after = m.to;
  if (after < tokens.length && !breakBefore(after)) {
    if (w[after] === 'cannot') return true;
    if (after + 1 < tokens.length && DENYING.has(w[after]) && w[after + 1] === 'not' && !breakBefore(after + 1)) return true;
  }
  return false;
}

/** Is any of `concepts` positively in the chain? (findIn, when only that is asked.) */
export function hasIn(a: DocAnalysis, chain: readonly number[], concepts: ConceptRef): boolean {
  return lastWith(a, chain, concepts) >= 0;
}

/**
 * The position in `chain` of the last node with a positive match of any of `concepts`, or -1. Rules ask this
 * for every unit of every document, mostly in vain: it allocates nothing.
 */
function lastWith(a: DocAnalysis, chain: readonly number[], concepts: ConceptRef): number {
  for (let i = chain.length - 1; i >= 0; i--) {
    if (typeof concepts === 'string') {
      if (a.has(chain[i], concepts)) return i;
    } else {
      for (const c of concepts) if (a.has(chain[i], c)) return i;
    }
  }
  return -1;
}

export function allIn(a: DocAnalysis, chain: readonly number[], concepts: ConceptRef): Array<{ nodeId: number; match: ConceptMatch }> {
  const out: Array<{ nodeId: number; match: ConceptMatch }> = [];
  for (const id of chain) for (const c of asList(concepts)) for (const m of a.positive(id, c)) out.push({ nodeId: id, match: m });
  return out;
}

/** Does the unit express the concept itself, or through a definition it uses? */
export function viaDefinition(defs: DefinitionInfo[], concepts: ConceptRef): DefinitionInfo | null {
  const list = asList(concepts);
  return defs.find((d) => list.some((c) => d.concepts.has(c))) ?? null;
}

/** A qualifier applies to a unit when its concept occurs (near the conduct if a window is set). */
export function qualifierApplies(
  a: DocAnalysis,
  chain: readonly number[],
  q: Qualifier,
  conduct: { nodeId: number; match: ConceptMatch } | null,
): boolean {
  // "Proof of the means is not required where the victim is a child" may stand in another subsection of the
  // same provision, so the exemption is looked for in the whole provision.
  if (q.unless && (hasIn(a, chain, q.unless) || hasIn(a, a.subtree(chain[0]).filter((x) => !a.info[x].isException), q.unless))) return false;
  const hits = allIn(a, chain, q.concept);
  if (hits.length === 0) return false;
  if (q.window === undefined || !conduct) return true;
  return hits.some((h) => h.nodeId === conduct.nodeId && Math.abs(h.match.from - conduct.match.from) <= q.window!);
}

export function str(rule: Rule, key: string): string | undefined {
  const v = rule.params[key];
  return typeof v === 'string' ? v : undefined;
}
