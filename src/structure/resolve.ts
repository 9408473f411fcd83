// Finding nodes by how the text names them: `this Part`, `section 163.1(4)`, `subsection (2)`,
// `sections 5 to 9`. Shared by cross-references and definition scopes.

import type { DivisionKind, ProvisionNode } from '../types.js';
import { isGroupKind, isProvisionKind } from './citations.js';

const DOCUMENT_NOUNS = new Set(['act', 'code', 'law', 'ordinance', 'statute', 'decree', 'bill', 'title', 'enactment', 'regulation', 'regulations', 'loi', 'code criminel', 'gesetz', 'gesetzes']);
const DIVISION_NOUNS: Record<string, DivisionKind> = {
  part: 'part',
  chapter: 'chapter',
  division: 'division',
  subdivision: 'subdivision',
  book: 'book',
  schedule: 'schedule',
  partie: 'part',
  chapitre: 'chapter',
  livre: 'book',
  annexe: 'schedule',
  abschnitt: 'chapter',
  teil: 'part',
};
const PROVISION_NOUNS = new Set(['section', 'article', 'article', 'paragraphen', 'artikel', 'artículo', '§']);
const SUBSECTION_NOUNS = new Set(['subsection', 'paragraph', 'subparagraph', 'clause', 'absatz', 'paragraphe', 'alinéa']);

export class Resolver {
  private readonly byNumber = new Map<string, number[]>();
  private readonly divisions = new Map<string, number[]>();
  private readonly provisions: number[] = [];
  private readonly order: Int32Array;

  constructor(private readonly nodes: ProvisionNode[]) {
    this.order = new Int32Array(nodes.length);
    for (const n of nodes) {
      if (isProvisionKind(n.kind) && n.number) {
        this.order[n.id] = this.provisions.length;
        this.provisions.push(n.id);
        const list = this.byNumber.get(n.number);
        if (list) list.push(n.id);
        else this.byNumber.set(n.number, [n.id]);
      } else if (isGroupKind(n.kind) && n.kind !== 'crossheading' && n.number) {
        const key = `${n.kind}:${n.number.toUpperCase()}`;
        const list = this.divisions.get(key);
        if (list) list.push(n.id);
        else this.divisions.set(key, [n.id]);
      }
    }
  }

  /** The schedule a node sits in (0 for the body of the Act): references prefer their own context. */
  private context(id: number): number {
    let cur: number | null = id;
    while (cur !== null && cur > 0) {
      if (this.nodes[cur].kind === 'schedule') return cur;
      cur = this.nodes[cur].parent;
    }
    return 0;
  }

  /** `this Act` → root; `this Part` → the enclosing Part; `this section` → the enclosing provision. */
  thisUnit(from: number, noun: string): number | null {
    const w = noun.toLowerCase();
    if (DOCUMENT_NOUNS.has(w)) return 0;
    const div = DIVISION_NOUNS[w];
    if (div) {
      const found = this.nearest(from, (k) => k === div);
      if (found !== null) return found;
      if (div === 'part') {
        // Converted statutes often lose the `Part II` label and keep only its title as a heading; the
        // outermost cross-heading then stands where the Part was.
        let outer: number | null = null;
        for (let cur = this.nodes[from].parent; cur !== null && cur > 0; cur = this.nodes[cur].parent) {
          if (this.nodes[cur].kind === 'crossheading') outer = cur;
        }
        return outer;
      }
      return null;
    }
    if (PROVISION_NOUNS.has(w)) return this.nearest(from, (k) => isProvisionKind(k));
    if (SUBSECTION_NOUNS.has(w)) {
      return this.nearest(from, (k) => k === (w === 'subparagraph' ? 'subparagraph' : w === 'clause' ? 'clause' : w === 'paragraph' ? 'paragraph' : 'subsection')) ??
        this.nearest(from, (k) => isProvisionKind(k));
    }
    return null;
  }

  nearest(from: number, test: (kind: string) => boolean): number | null {
    for (let cur: number | null = from; cur !== null; cur = this.nodes[cur].parent) {
      if (test(this.nodes[cur].kind)) return cur;
    }
    return null;
  }

  /** `section 163.1(4)(a)`: the provision (preferring the referring node's schedule or body), then the path. */
  provision(number: string, path: string[], from: number): number | null {
    const list = this.byNumber.get(number);
    if (!list) return null;
    let id = list[0];
    if (list.length > 1) {
      const ctx = this.context(from);
      id = list.find((c) => this.context(c) === ctx) ?? list[0];
    }
    return this.descend(id, path);
  }

  /** `Part II`, `Chapter 3`. */
  division(kind: DivisionKind, number: string): number | null {
    const list = this.divisions.get(`${kind}:${number.toUpperCase()}`);
    if (!list) return null;
    if (list.length === 1) return list[0];
    // A table of contents or arrangement of sections repeats the headings (`PART II — OFFENCES`) before
    // the body: those nodes are empty. Prefer the one with content; if none has any, the last (the body).
    return list.find((id) => this.hasContent(id)) ?? list[list.length - 1];
  }

  /** Whether a division holds anything besides its own heading lines. */
  private hasContent(id: number): boolean {
    const n = this.nodes[id];
    if (n.children.length > 0) return true;
    return n.lines.some((l) => l.text !== '' && l.text !== n.heading && !/^(?:part|chapter|division|schedule|book|title|article)\b/i.test(l.text));
  }

  /**
   * `subsection (2)`, `paragraph (4)(c)` with no provision named: the nearest enclosing unit that has
   * such a child, looking outward from the referring node up to its provision.
   */
  relative(path: string[], from: number): number | null {
    if (path.length === 0) return null;
    for (let cur: number | null = from; cur !== null && cur > 0; cur = this.nodes[cur].parent) {
      const child = this.child(cur, path[0]);
      if (child !== null) return this.descend(child, path.slice(1));
      if (isProvisionKind(this.nodes[cur].kind)) break;
    }
    return null;
  }

  /** Provisions from `a` to `b` inclusive in document order (`sections 5 to 9`); at most 200. */
  range(a: number, b: number): number[] {
    const ia = this.order[a];
    const ib = this.order[b];
    if (!isProvisionKind(this.nodes[a].kind) || !isProvisionKind(this.nodes[b].kind) || ib < ia || ib - ia > 200) return [a, b];
    return this.provisions.slice(ia, ib + 1);
  }

  /** The node reached from `id` by the path of subdivision numbers, or null if any step is missing. */
  under(id: number, path: string[]): number | null {
    let cur = id;
    for (const p of path) {
      const c = this.child(cur, p);
      if (c === null) return null;
      cur = c;
    }
    return cur;
  }

  private child(id: number, number: string): number | null {
    for (const c of this.nodes[id].children) if (this.nodes[c].number === number) return c;
    return null;
  }

  /** Follows a path of subdivision numbers; stops at the deepest node found (documented: a lead, not proof). */
  private descend(id: number, path: string[]): number {
    let cur = id;
    for (const p of path) {
      const c = this.child(cur, p);
      if (c === null) break;
      cur = c;
    }
    return cur;
  }
}
