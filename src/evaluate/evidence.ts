// Evidence a reader can check: the provision's citation, its heading path, the lines and a short excerpt
// around the words that matched.
import type { Evidence } from '../types.js';
import type { ConceptMatch } from './concepts.js';
import type { DocAnalysis } from './analysis.js';

const MAX_EXCERPT = 200;

function lineOf(a: DocAnalysis, nodeId: number, offset: number): number {
  const inf = a.info[nodeId];
  let i = 0;
  while (i + 1 < inf.lineStarts.length && inf.lineStarts[i + 1] <= offset) i++;
  return inf.lineNumbers[i] ?? a.node(nodeId).startLine;
}

/** Cut about 200 characters of `text` around [start, end), on word boundaries. */
export function excerptAround(text: string, start: number, end: number): string {
  const room = Math.max(0, MAX_EXCERPT - (end - start));
  let from = Math.max(0, start - Math.floor(room * 0.4));
  let to = Math.min(text.length, end + Math.ceil(room * 0.6));
  if (to - from > MAX_EXCERPT) to = from + MAX_EXCERPT;
  if (from > 0) { const sp = text.indexOf(' ', from); if (sp !== -1 && sp < start) from = sp + 1; }
  if (to < text.length) { const sp = text.lastIndexOf(' ', to); if (sp > end) to = sp; }
  return `${from > 0 ? '…' : ''}${text.slice(from, to).trim()}${to < text.length ? '…' : ''}`;
}

/**
 * Divisions and the provision with their headings, the way a reader finds the place in the printed act:
 * `Part VIII — Child victims and witnesses > s. 24 — Evidence of child witnesses`. Subdivisions are left to
 * the citation.
 */
function headingPathOf(a: DocAnalysis, id: number): string {
  const parts: string[] = [];
  let cur: number | null = id;
  while (cur !== null) {
    const n = a.node(cur);
    if (n.kind !== 'document' && !SUBDIVISIONS.has(n.kind)) {
      const label = PROVISIONS.has(n.kind) ? n.shortCitation : (n.citation.split(' > ').pop() ?? '');
      parts.unshift(n.heading && !label.includes(n.heading) ? `${label} — ${n.heading}` : label);
    }
    cur = n.parent;
  }
  return parts.filter(Boolean).join(' > ');
}

const PROVISIONS = new Set(['section', 'article']);
const SUBDIVISIONS = new Set(['subsection', 'paragraph', 'subparagraph', 'clause', 'subclause', 'item']);

/** Evidence for a unit, pointing at the node and words of `match` (or the unit itself when none). */
export function evidenceFor(a: DocAnalysis, unitId: number, at: { nodeId: number; match?: ConceptMatch } | null, element?: string): Evidence {
  const unit = a.node(unitId);
  const nodeId = at?.nodeId ?? unitId;
  const inf = a.info[nodeId];
  let startLine = unit.startLine;
  let excerpt: string;
  if (at?.match && inf.tokens.length > 0) {
    const s = inf.tokens.starts[at.match.from];
    const e = inf.tokens.ends[Math.min(at.match.to, inf.tokens.length) - 1];
    startLine = lineOf(a, nodeId, s);
    excerpt = excerptAround(inf.text, s, e);
  } else {
    excerpt = excerptAround(a.info[unitId].text, 0, 0);
  }
  const ev: Evidence = {
    file: a.doc.source.path,
    citation: unit.citation,
    headingPath: headingPathOf(a, unitId),
    startLine: Math.min(startLine, unit.startLine),
    endLine: Math.max(unit.endLine, startLine),
    excerpt,
  };
  if (element) ev.element = element;
  return ev;
}
