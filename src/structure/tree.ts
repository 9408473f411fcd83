// Reading the provision tree: text of a node or subtree, its ancestors, its provision, the chapeau that
// introduces a list item, a readable heading path, and the definitions that apply at a node. Pure
// functions of a StatuteDocument (plain data, so they work on a document received from a worker too).

import type { Definition, ProvisionNode, StatuteDocument } from '../types.js';
import { introducesList } from './text.js';

const SUBDIVISIONS = new Set(['subsection', 'paragraph', 'subparagraph', 'clause', 'subclause', 'item']);

function node(doc: StatuteDocument, id: number): ProvisionNode {
  const n = doc.nodes[id];
  if (!n) throw new RangeError(`no node ${id} in ${doc.source.path}`);
  return n;
}

function squash(parts: string[]): string {
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The node's own text (not its children's), lines joined by single spaces. */
export function nodeText(doc: StatuteDocument, id: number): string {
  return squash(node(doc, id).lines.map((l) => l.text));
}

/** The node's text with all its descendants', in line order, joined by single spaces. */
export function subtreeText(doc: StatuteDocument, id: number): string {
  const entries: Array<{ line: number; text: string }> = [];
  const stack = [id];
  while (stack.length > 0) {
    const n = node(doc, stack.pop()!);
    for (const l of n.lines) entries.push(l);
    for (const c of n.children) stack.push(c);
  }
  entries.sort((a, b) => a.line - b.line);
  return squash(entries.map((e) => e.text));
}

/** Ancestors from the document root down to the parent (the node itself excluded). */
export function ancestors(doc: StatuteDocument, id: number): ProvisionNode[] {
  const out: ProvisionNode[] = [];
  for (let cur = node(doc, id).parent; cur !== null; cur = node(doc, cur).parent) out.push(node(doc, cur));
  return out.reverse();
}

/** The nearest section or article at or above the node, or null (a division, the root, a schedule item). */
export function provisionOf(doc: StatuteDocument, id: number): ProvisionNode | null {
  for (let cur: number | null = id; cur !== null; cur = node(doc, cur).parent) {
    const n = node(doc, cur);
    if (n.kind === 'section' || n.kind === 'article') return n;
  }
  return null;
}

/**
 * Introductory words per child, computed once per parent (documents are read-only once built, so the cache
 * is keyed by the document object): asking for the chapeau of every item of a long list stays linear.
 */
const introCache = new WeakMap<StatuteDocument, Map<number, string>>();

/**
 * The words of the parent that introduce the list this item belongs to — its own text lines just before
 * the run of children the item is in, without the parent's heading or marginal note.
 */
function introOf(doc: StatuteDocument, n: ProvisionNode): string {
  let cache = introCache.get(doc);
  if (!cache) introCache.set(doc, (cache = new Map()));
  const hit = cache.get(n.id);
  if (hit !== undefined) return hit;
  const p = node(doc, n.parent!);
  const heading = p.heading;
  let run: string[] = [];
  let runText = '';
  let lastWasChild = false;
  let k = 0;
  let c = 0;
  while (k < p.lines.length || c < p.children.length) {
    const ownLine = k < p.lines.length ? p.lines[k].line : Infinity;
    const child = c < p.children.length ? node(doc, p.children[c]) : null;
    if (child === null || ownLine < child.startLine) {
      if (lastWasChild) run = [];
      lastWasChild = false;
      const t = p.lines[k].text;
      if (t !== '' && t !== heading) run.push(t);
      k++;
    } else {
      if (!lastWasChild) runText = squash(run);
      cache.set(child.id, runText);
      lastWasChild = true;
      c++;
    }
  }
  return cache.get(n.id) ?? '';
}

/**
 * For a list item or subdivision whose parent introduces it ("A person commits an offence who —",
 * "… the following:", "Whoever knowingly"), the introductory text of the whole chain of parents, outermost
 * first; null when the parent's words before it are a complete sentence (or there are none).
 */
export function chapeauOf(doc: StatuteDocument, id: number): string | null {
  const parts: string[] = [];
  let cur = node(doc, id);
  while (SUBDIVISIONS.has(cur.kind) && cur.parent !== null) {
    const intro = introOf(doc, cur);
    if (intro === '' || !introducesList(intro)) break;
    parts.unshift(intro);
    const parent = node(doc, cur.parent);
    if (!SUBDIVISIONS.has(parent.kind)) break;
    cur = parent;
  }
  return parts.length > 0 ? squash(parts) : null;
}

/** The item's text read together with its chapeau: `<chapeau> <item subtree text>`. */
export function textWithChapeau(doc: StatuteDocument, id: number): string {
  const ch = chapeauOf(doc, id);
  const own = subtreeText(doc, id);
  return ch ? `${ch} ${own}` : own;
}

function labelOf(n: ProvisionNode): string {
  if (n.label !== undefined) return n.label;
  switch (n.kind) {
    case 'document':
      return '';
    case 'section':
      return `Section ${n.number ?? ''}`.trim();
    case 'article':
      return `Article ${n.number ?? ''}`.trim();
    case 'crossheading':
      return n.heading ?? '';
    case 'subsection':
    case 'paragraph':
    case 'subparagraph':
    case 'clause':
    case 'subclause':
    case 'item':
      return `(${n.number ?? ''})`;
    default:
      return `${n.kind[0].toUpperCase()}${n.kind.slice(1)}${n.number ? ' ' + n.number : ''}`;
  }
}

/**
 * A readable path from the top of the document to the node, e.g. `Part II > Section 12 > (3) > (a)`,
 * `Sexual Offences, Public Morals and Disorderly Conduct > Section 163.1 > (4.1)`, `Chapter 110 > § 2252A >
 * (a) > (5) > (B)`: divisions by keyword and number, cross-headings by their words (shortened to 60
 * characters), provisions as `Section`/`Article`/`§` and number, subdivisions by their marker. The root is
 * left out; the document root's own path is the empty string.
 */
export function headingPath(doc: StatuteDocument, id: number): string {
  const steps = ancestors(doc, id)
    .filter((n) => n.kind !== 'document')
    .map(labelOf);
  const self = node(doc, id);
  if (self.kind !== 'document') steps.push(labelOf(self));
  return steps.filter((s) => s !== '').join(' > ');
}

/** Definitions grouped by the node their scope names, built once per document. */
const scopeIndex = new WeakMap<StatuteDocument, { everywhere: Definition[]; byNode: Map<number, Definition[]> }>();

function indexScopes(doc: StatuteDocument): { everywhere: Definition[]; byNode: Map<number, Definition[]> } {
  let idx = scopeIndex.get(doc);
  if (idx) return idx;
  idx = { everywhere: [], byNode: new Map() };
  for (const d of doc.definitions) {
    if (d.scope.kind === 'document') {
      idx.everywhere.push(d);
      continue;
    }
    for (const s of d.scope.kind === 'node' ? [d.scope.nodeId] : d.scope.nodeIds) {
      const list = idx.byNode.get(s);
      if (list) list.push(d);
      else idx.byNode.set(s, [d]);
    }
  }
  scopeIndex.set(doc, idx);
  return idx;
}

/**
 * Definitions that apply at the node: those whose scope is the document, or a node that is the node itself
 * or one of its ancestors. Narrower scopes come first (a Part's definition before the Act's), then by line.
 */
export function definitionsInScope(doc: StatuteDocument, id: number): Definition[] {
  const idx = indexScopes(doc);
  const found: Definition[] = [];
  const seen = new Set<Definition>();
  // Walk from the node outward so that deeper scopes come first.
  for (let cur: number | null = id; cur !== null; cur = node(doc, cur).parent) {
    const here = idx.byNode.get(cur);
    if (!here) continue;
    const sorted = [...here].sort((a, b) => a.line - b.line);
    for (const d of sorted) {
      if (!seen.has(d)) {
        seen.add(d);
        found.push(d);
      }
    }
  }
  return found.concat([...idx.everywhere].sort((a, b) => a.line - b.line));
}
