// The promises the provision tree keeps, checked: every non-blank line is own text of exactly one node,
// line ranges nest (children inside their parent, siblings in order and apart), citations are unique, and
// the plain-data links (ids, parents, depths) agree. Used by the tests and the corpus sweep; returns
// problems rather than throwing so that a sweep can report every file.

import type { ParsedDocument, StatuteDocument } from '../types.js';

export function checkStructure(doc: StatuteDocument, parsed: ParsedDocument): string[] {
  const problems: string[] = [];
  const owner = new Map<number, number>();
  const nodes = doc.nodes;
  if (nodes.length === 0 || nodes[0].kind !== 'document' || nodes[0].parent !== null) problems.push('node 0 is not the document root');
  for (let id = 0; id < nodes.length; id++) {
    const n = nodes[id];
    if (n.id !== id) problems.push(`node at index ${id} has id ${n.id}`);
    let previous = 0;
    for (const l of n.lines) {
      const other = owner.get(l.line);
      if (other !== undefined) problems.push(`line ${l.line} is own text of ${nodes[other].citation} and ${n.citation}`);
      owner.set(l.line, id);
      if (l.line < previous) problems.push(`${n.citation}: own lines out of order at ${l.line}`);
      previous = l.line;
      if (l.line < n.startLine || l.line > n.endLine) problems.push(`${n.citation}: own line ${l.line} outside [${n.startLine}-${n.endLine}]`);
    }
    if (n.startLine > n.endLine) problems.push(`${n.citation}: start ${n.startLine} after end ${n.endLine}`);
    if (n.parent !== null) {
      const p = nodes[n.parent];
      if (!p || !p.children.includes(id)) problems.push(`${n.citation}: not among its parent's children`);
      else {
        if (n.depth !== p.depth + 1) problems.push(`${n.citation}: depth ${n.depth} under depth ${p.depth}`);
        if (n.startLine < p.startLine || n.endLine > p.endLine) {
          problems.push(`${n.citation} [${n.startLine}-${n.endLine}] is not inside ${p.citation} [${p.startLine}-${p.endLine}]`);
        }
      }
    }
    for (let k = 0; k < n.children.length; k++) {
      const c = nodes[n.children[k]];
      if (!c || c.parent !== id) problems.push(`${n.citation}: child ${n.children[k]} does not point back`);
      if (k > 0) {
        const a = nodes[n.children[k - 1]];
        if (a && c && a.endLine >= c.startLine) {
          problems.push(`siblings overlap: ${a.citation} [${a.startLine}-${a.endLine}] and ${c.citation} [${c.startLine}-${c.endLine}]`);
        }
      }
    }
  }
  for (const l of parsed.lines) {
    const owned = owner.has(l.line);
    if (l.kind === 'blank' && owned) problems.push(`blank line ${l.line} is own text of ${nodes[owner.get(l.line)!].citation}`);
    if (l.kind !== 'blank' && !owned) problems.push(`line ${l.line} (${l.kind}) is in no node`);
  }
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.citation)) problems.push(`citation ${JSON.stringify(n.citation)} is not unique`);
    seen.add(n.citation);
  }
  return problems;
}
