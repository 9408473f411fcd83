// Stage 4: evaluate every measure of a rule pack over the documents of one legal system. A measure is met if
// any document meets it; evidence names the file. Rules that build on others (penalties) run after them.
// Two phases: `collectDocument` reads one document (in the worker that parsed it, for a batch) and keeps only
// plain findings; `judgeFindings` judges the measures across all documents' findings.
import type { CheckOptions, DocumentFindings, MeasureResult, Rule, RulePack, SharedDefinition, StatuteDocument } from '../types.js';
import { evidenceFor } from './evidence.js';
import { ConceptMatcher } from './concepts.js';
import { DocAnalysis } from './analysis.js';
import { provisionFingerprints } from '../structure/fingerprints.js';
import { KINDS, dependenciesOf, type Candidate } from './kinds/index.js';
import type { DocPart } from './kinds/common.js';

const RANK = { met: 2, partial: 1 } as const;
const MAX_EVIDENCE = 3;

/** Order rules so that each runs after the rules it depends on; ties keep pack order. */
function ordered(rules: Rule[]): Rule[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const done = new Set<string>();
  const out: Rule[] = [];
  const visit = (r: Rule, stack: Set<string>) => {
    if (done.has(r.id) || stack.has(r.id)) return;
    stack.add(r.id);
    for (const dep of dependenciesOf(r)) { const d = byId.get(dep); if (d) visit(d, stack); }
    done.add(r.id);
    out.push(r);
  };
  for (const r of rules) visit(r, new Set());
  return out;
}

function judge(rule: Rule, candidates: Candidate[], missingReason: string | undefined, reach: number[] = []): MeasureResult {
  const top = candidates.reduce<Candidate | null>((b, c) => (!b || RANK[c.status] > RANK[b.status] ? c : b), null);
  const base = {
    id: rule.id,
    instrument: rule.instrument,
    paragraph: rule.paragraphs.join(', '),
    source: rule.source,
    group: rule.group,
    title: rule.title,
    helpUri: rule.helpUri,
  };
  if (!top) {
    return { ...base, status: 'missing', reason: missingReason ?? `No provision was found that ${lowerFirst(rule.met)}`, suggestion: rule.suggestion, evidence: [] };
  }
  // Over several documents, first the findings of the documents that meet or partly meet the most measures:
  // the act that holds the child offences is the one to cite, not whichever act comes first by name (a tax
  // act's "attempts to evade" for participation, a drug act's life term for penalties). Then the most focused
  // findings first (stable, so document order breaks ties): the reader sees the clearest provision, not merely
  // the first one.
  const same = candidates.filter((c) => c.status === top.status).map((c, i) => ({ c, i }))
    .sort((x, y) => (reach[y.c.docIndex] ?? 0) - (reach[x.c.docIndex] ?? 0) || (x.c.score ?? 0) - (y.c.score ?? 0) || x.i - y.i)
    .map((x) => x.c);
  const evidence = [];
  const seen = new Set<string>();
  for (const c of same) {
    for (const e of c.evidence) {
      // The same words twice (the chapeau of three list items, each a finding) show the reader nothing new.
      const key = `${e.file}|${e.citation}|${e.element ?? ''}`;
      const words = `${e.file}|${e.element ?? ''}|${e.excerpt}`;
      if (seen.has(key) || seen.has(words)) continue;
      seen.add(key);
      seen.add(words);
      evidence.push(e);
    }
    if (evidence.length >= MAX_EVIDENCE) break;
  }
  const best = same[0];
  return {
    ...base,
    status: best.status,
    reason: best.status === 'met' ? null : best.reason,
    suggestion: best.status === 'met' ? null : rule.suggestion,
    evidence: evidence.slice(0, MAX_EVIDENCE),
  };
}

function lowerFirst(s: string): string {
  const t = s.trim().replace(/\.$/, '');
  return `${t.charAt(0).toLowerCase()}${t.slice(1)}.`;
}

/** The ids of the rules a run judges, and of the rules those depend on, in evaluation order. */
function plan(pack: RulePack, options: CheckOptions): { rules: Rule[]; selected: Set<string> } {
  const selected = new Set(pack.rules.filter((r) => (!options.only || options.only.includes(r.id)) && !options.skip?.includes(r.id)).map((r) => r.id));
  const rules = ordered(pack.rules).filter((rule) =>
    selected.has(rule.id) || pack.rules.some((r) => selected.has(r.id) && dependenciesOf(r).includes(rule.id)));
  return { rules, selected };
}

/**
 * Phase 1, one document at a time: what the document contributes to each rule the run needs. The result is
 * plain data and small next to the document, so a batch can drop each document and its analysis as soon as
 * this returns (and compute it in the worker thread that parsed the document).
 *
 * It is returned as a structured clone, the copy a worker thread's result crosses back as: its strings (excerpts,
 * citations, quotes) are then copies, not slices of the statute's text. V8 keeps a substring as a slice of the
 * string it was cut from, so findings kept until the report is written would otherwise keep whole files alive in
 * a one-thread run (≈ 30 MB of source text after 300 federal acts). The copy costs ≈ 0.05 ms a document.
 */
export function collectDocument(doc: StatuteDocument, pack: RulePack, options: CheckOptions = {}, docIndex = 0, sharing: Sharing = {}): DocumentFindings {
  const a = new DocAnalysis(doc, ConceptMatcher.for(pack.concepts), sharing.imported);
  const found = new Map<string, Candidate[]>();
  const parts: Record<string, DocPart> = {};
  for (const rule of plan(pack, options).rules) {
    const part = KINDS[rule.kind].collect(rule, { a, docIndex, options, found });
    found.set(rule.id, part.candidates);
    parts[rule.id] = part;
  }
  return structuredClone({
    path: doc.source.path,
    sha256: doc.source.sha256,
    title: doc.title,
    jurisdiction: doc.jurisdiction,
    diagnostics: [...doc.source.warnings, ...doc.warnings],
    parts,
    ...(sharing.share ? { definitions: shared(a) } : {}),
    ...(options.provisionTexts ? { provisions: provisionFingerprints(doc) } : {}),
  });
}

/** Definitions between the documents of one batch (config `definitionsFrom`). */
export interface Sharing {
  /** Definitions this document applies from others. */
  imported?: SharedDefinition[];
  /** Also return this document's own document-wide definitions, for others that apply them. */
  share?: boolean;
}

function shared(a: DocAnalysis): SharedDefinition[] {
  return a.sharedDefinitions((d) => evidenceFor(a, d.def.nodeId, null, `definition of "${d.def.term}"`));
}

/** Only a document's document-wide definitions, for others that apply them (when it is also judged later). */
export function shareDefinitions(doc: StatuteDocument, pack: RulePack): SharedDefinition[] {
  // A copy, as collectDocument's result is: kept while the other documents are judged.
  return structuredClone(shared(new DocAnalysis(doc, ConceptMatcher.for(pack.concepts))));
}

/** Phase 2, across documents: judge every selected measure from the documents' findings; results in pack order. */
export function judgeFindings(findings: DocumentFindings[], pack: RulePack, options: CheckOptions = {}): MeasureResult[] {
  const { rules, selected } = plan(pack, options);
  const results = new Map<string, MeasureResult>();
  const reach = findings.length > 1 ? findings.map((f) => measuresReached(f, selected)) : [];
  const order = findings.map((_, i) => i).sort((x, y) => (reach[y] ?? 0) - (reach[x] ?? 0) || x - y);
  for (const rule of rules) {
    if (!selected.has(rule.id)) continue;
    const kind = KINDS[rule.kind];
    // Candidates carry the position of their document in this batch, whatever batch computed them.
    const parts = findings.map((f, i) => {
      const part = (f.parts[rule.id] ?? { candidates: [] }) as DocPart;
      return { ...part, candidates: part.candidates.map((c) => ({ ...c, docIndex: i })) };
    });
    let { candidates, missingReason } = kind.combine
      ? kind.combine(rule, parts, options, order)
      : { candidates: parts.flatMap((x) => x.candidates), missingReason: parts.find((x) => x.missingReason !== undefined)?.missingReason };
    const requires = rule.params.requires as string[] | undefined;
    if (requires && candidates.length > 0 && !findings.some((f) => requires.some((id) => ((f.parts[id] as DocPart | undefined)?.candidates.length ?? 0) > 0))) {
      const titles = requires.map((id) => pack.rules.find((r) => r.id === id)?.title.toLowerCase() ?? id);
      missingReason = `Provisions were found (${candidates[0].evidence[0]?.citation ?? 'see the statute'}), but none of the offences this measure is about (${titles.join(', ')}) was, and provisions that apply to other offences do not implement it.`;
      candidates = [];
    }
    const result = judge(rule, candidates, missingReason, reach);
    const override = options.overrides?.[rule.id];
    if (override) {
      // A user's declaration is reported as such, with what the document itself shows kept as evidence.
      result.status = override.status;
      result.justification = override.justification;
      if (override.citation) result.elsewhere = override.citation;
      result.reason = null;
      result.suggestion = null;
    }
    results.set(rule.id, result);
  }
  return pack.rules.filter((r) => results.has(r.id)).map((r) => results.get(r.id)!);
}

/** How many of the run's measures a document meets or partly meets on its own. */
function measuresReached(f: DocumentFindings, selected: Set<string>): number {
  let n = 0;
  for (const [id, part] of Object.entries(f.parts)) if (selected.has(id) && (part as DocPart).candidates.length > 0) n++;
  return n;
}

/** Judge every selected measure of the pack over the documents of one legal system; results in pack order. */
export function evaluate(docs: StatuteDocument[], pack: RulePack, options: CheckOptions = {}): MeasureResult[] {
  return judgeFindings(docs.map((d, i) => collectDocument(d, pack, options, i)), pack, options);
}
