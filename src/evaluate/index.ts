// Stage 4: evaluate every measure of a rule pack over the documents of one legal system. A measure is met if
// any document meets it; evidence names the file. Rules that build on others (penalties) run after them.
import type { CheckOptions, MeasureResult, Rule, RulePack, StatuteDocument } from '../types.js';
import { ConceptMatcher } from './concepts.js';
import { DocAnalysis } from './analysis.js';
import { KINDS, type Candidate } from './kinds/index.js';
import type { EvalContext } from './kinds/common.js';

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
    for (const dep of KINDS[r.kind].dependsOn?.(r) ?? []) { const d = byId.get(dep); if (d) visit(d, stack); }
    done.add(r.id);
    out.push(r);
  };
  for (const r of rules) visit(r, new Set());
  return out;
}

function judge(rule: Rule, candidates: Candidate[], missingReason: string | undefined): MeasureResult {
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
  // The most focused findings first (stable, so document order breaks ties): the reader sees the clearest
  // provision, not merely the first one.
  const same = candidates.filter((c) => c.status === top.status).map((c, i) => ({ c, i }))
    .sort((x, y) => (x.c.score ?? 0) - (y.c.score ?? 0) || x.i - y.i).map((x) => x.c);
  const evidence = [];
  const seen = new Set<string>();
  for (const c of same) {
    for (const e of c.evidence) {
      const key = `${e.file}|${e.citation}|${e.element ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
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

export function analyse(docs: StatuteDocument[], pack: RulePack): DocAnalysis[] {
  const matcher = new ConceptMatcher(pack.concepts);
  return docs.map((d) => new DocAnalysis(d, matcher));
}

/** Judge every selected measure of the pack over the documents; results in pack order. */
export function evaluate(docs: StatuteDocument[], pack: RulePack, options: CheckOptions = {}): MeasureResult[] {
  const analyses = analyse(docs, pack);
  const ctx: EvalContext = { analyses, options, found: new Map() };
  const selected = new Set(pack.rules.filter((r) => (!options.only || options.only.includes(r.id)) && !options.skip?.includes(r.id)).map((r) => r.id));
  const results = new Map<string, MeasureResult>();
  for (const rule of ordered(pack.rules)) {
    const needed = selected.has(rule.id) || pack.rules.some((r) => selected.has(r.id) && (KINDS[r.kind].dependsOn?.(r) ?? []).includes(rule.id));
    if (!needed) continue;
    const override = options.overrides?.[rule.id];
    const { candidates, missingReason } = KINDS[rule.kind].evaluate(rule, ctx);
    ctx.found.set(rule.id, candidates);
    if (!selected.has(rule.id)) continue;
    const result = judge(rule, candidates, missingReason);
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
