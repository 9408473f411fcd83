// `gap-check outline`: the provision tree as the tool understood it, for a reader checking that a statute
// was read correctly (text) or for scripts (JSON). A pure function of the StatuteDocument.
//
// Text: one line per node, indented two spaces per depth: citation, ` — heading` when the heading adds
// something, and the line range `[start-end]`.
// JSON: a nested tree (no parent pointers, so no cycles) with a fixed key order, plus definitions and
// cross-references named by citation; same input, same bytes.

import type { Definition, ProvisionNode, StatuteDocument } from '../types.js';

export const OUTLINE_SCHEMA_VERSION = '1';

export function formatOutline(doc: StatuteDocument, format: 'text' | 'json'): string {
  return format === 'json' ? outlineJson(doc) : outlineText(doc);
}

function headingShown(n: ProvisionNode): string | null {
  const h = n.heading;
  if (!h) return null;
  if (n.kind === 'document' || n.kind === 'crossheading') return null;
  if (n.number === null && n.citation.includes(h)) return null;
  return h;
}

function outlineText(doc: StatuteDocument): string {
  const out: string[] = [];
  const stack: number[] = [0];
  while (stack.length > 0) {
    const n = doc.nodes[stack.pop()!];
    const heading = headingShown(n);
    out.push(`${'  '.repeat(n.depth)}${n.citation}${heading ? ` — ${heading}` : ''} [${n.startLine}-${n.endLine}]`);
    for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k]);
  }
  return out.join('\n') + '\n';
}

interface OutlineNode {
  id: number;
  kind: string;
  number: string | null;
  heading: string | null;
  citation: string;
  shortCitation: string;
  headingPath: string;
  startLine: number;
  endLine: number;
  children: OutlineNode[];
}

function outlineJson(doc: StatuteDocument): string {
  const nodes = doc.nodes;
  const paths: string[] = new Array(nodes.length);
  const tree = (id: number): OutlineNode => {
    const n = nodes[id];
    const label = n.label ?? '';
    const parentPath = n.parent !== null && n.parent > 0 ? paths[n.parent] : '';
    paths[id] = n.kind === 'document' ? '' : parentPath ? `${parentPath} > ${label}` : label;
    return {
      id: n.id,
      kind: n.kind,
      number: n.number,
      heading: n.heading,
      citation: n.citation,
      shortCitation: n.shortCitation,
      headingPath: paths[id],
      startLine: n.startLine,
      endLine: n.endLine,
      children: n.children.map(tree),
    };
  };
  const cite = (id: number): string => nodes[id]?.citation ?? '';
  const scope = (d: Definition): Record<string, unknown> => {
    if (d.scope.kind === 'document') return { kind: 'document' };
    if (d.scope.kind === 'node') return { kind: 'node', nodeId: d.scope.nodeId, citation: cite(d.scope.nodeId) };
    return { kind: 'nodes', nodeIds: d.scope.nodeIds, citations: d.scope.nodeIds.map(cite) };
  };
  const value = {
    schemaVersion: OUTLINE_SCHEMA_VERSION,
    file: doc.source.path,
    format: doc.format,
    title: doc.title,
    jurisdiction: doc.jurisdiction,
    warnings: doc.warnings.map((w) => ({ severity: w.severity, code: w.code, message: w.message, line: w.line ?? null })),
    outline: tree(0),
    definitions: doc.definitions.map((d) => ({
      term: d.term,
      mode: d.mode,
      nodeId: d.nodeId,
      citation: cite(d.nodeId),
      line: d.line,
      endLine: d.endLine,
      scope: scope(d),
    })),
    crossReferences: doc.crossReferences.map((r) => ({
      fromNodeId: r.fromNodeId,
      from: cite(r.fromNodeId),
      line: r.line,
      text: r.text,
      targetNodeId: r.targetNodeId,
      target: r.targetNodeId === null ? null : cite(r.targetNodeId),
    })),
  };
  return JSON.stringify(value, null, 2) + '\n';
}
