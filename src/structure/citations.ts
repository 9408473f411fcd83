// Line ranges and citations. A citation is what a lawyer would write — `Part II > s. 12(3)(a)`,
// `Art. 5(2)`, `§ 2252A(a)(5)(B)` — made unique within the document deterministically:
//   1. numbered divisions (and schedules) + the provision-level citation;
//   2. on a clash, or for a later provision with the same number as an earlier one, the full path of
//      headings (cross-headings included), which is what tells two real duplicates apart (e.g. a section
//      restated under "RELATED PROVISIONS");
//   3. if still equal, ` [2]`, ` [3]`, … in document order.
// Lists restarted under one parent after a defined term (`s. 2` defining "Act" (a)–(d), then "Attorney
// General" (a)–(c)) are qualified by the term, as lawyers do: `s. 2 “Attorney General” (b)(i)`.

import type { ProvisionNode } from '../types.js';
import type { NodeInfo } from './builder.js';
import { truncate } from './text.js';

const PROVISION_PREFIX: Record<string, [string, string]> = {
  s: ['s. ', 'ss. '],
  sec: ['Sec. ', 'Secs. '],
  art: ['Art. ', 'Arts. '],
  '§': ['§ ', '§§ '],
};

export function isGroupKind(kind: string): boolean {
  return kind === 'book' || kind === 'part' || kind === 'title' || kind === 'chapter' || kind === 'division' || kind === 'subdivision' || kind === 'schedule' || kind === 'crossheading';
}

export function isProvisionKind(kind: string): boolean {
  return kind === 'section' || kind === 'article';
}

/** Start and end lines: own lines and descendants; computed children-first (children have larger ids). */
export function computeRanges(nodes: ProvisionNode[], lastLine: number): void {
  for (let id = nodes.length - 1; id >= 0; id--) {
    const n = nodes[id];
    let start = Infinity;
    let end = -Infinity;
    for (const l of n.lines) {
      if (l.line < start) start = l.line;
      if (l.line > end) end = l.line;
    }
    for (const c of n.children) {
      const cn = nodes[c];
      if (cn.startLine < start) start = cn.startLine;
      if (cn.endLine > end) end = cn.endLine;
    }
    if (id === 0) {
      n.startLine = 1;
      n.endLine = Math.max(1, lastLine, end === -Infinity ? 1 : end);
    } else {
      n.startLine = start === Infinity ? 1 : start;
      n.endLine = end === -Infinity ? n.startLine : end;
    }
  }
}

/** How a group appears in a citation: `Part II`, `Schedule 1`, `Schedule (to Part XX.1)`. */
function groupCiteLabel(n: ProvisionNode, info: NodeInfo): string {
  if (n.kind === 'crossheading') return info.label;
  if (n.number !== null) return info.label;
  return n.heading ? `${info.label} (${truncate(n.heading, 40)})` : info.label;
}

/**
 * Fills `citation`, `shortCitation` and `label`. `termOfLine` gives the defined term stated on a line
 * (for qualifying restarted lists), or null.
 */
export function computeCitations(
  nodes: ProvisionNode[],
  info: NodeInfo[],
  rootCitation: string,
  termOfLine: (line: number) => string | null,
): void {
  const used = new Set<string>();
  /** Next free ` [n]` per base citation, so that thousands of duplicates stay linear. */
  const nextFree = new Map<string, number>();
  const suffixFor = (c: string): string => {
    for (let k = nextFree.get(c) ?? 2; ; k++) {
      const s = ` [${k}]`;
      if (!used.has(c + s)) {
        nextFree.set(c, k + 1);
        return s;
      }
    }
  };
  /** Citation path of numbered divisions (for provisions) and of all groups (for disambiguation). */
  const numberedPath: string[] = new Array(nodes.length);
  const fullPath: string[] = new Array(nodes.length);
  /** For provisions and subdivisions: the prefix chosen for the provision and any disambiguating suffix. */
  const prefix: string[] = new Array(nodes.length);
  const suffix: string[] = new Array(nodes.length);

  const seenShort = new Set<string>();
  const root = nodes[0];
  root.citation = rootCitation;
  root.shortCitation = '';
  root.label = '';
  used.add(rootCitation);
  numberedPath[0] = '';
  fullPath[0] = '';

  for (let id = 1; id < nodes.length; id++) {
    const n = nodes[id];
    const inf = info[id];
    const p = n.parent ?? 0;
    const pn = nodes[p];
    n.label = inf.label;
    if (isGroupKind(n.kind)) {
      const own = groupCiteLabel(n, inf);
      const numbered = n.kind !== 'crossheading';
      numberedPath[id] = numbered ? join(numberedPath[p], own) : numberedPath[p];
      fullPath[id] = join(fullPath[p], own);
      n.shortCitation = own;
      let gc = numbered ? join(numberedPath[p], own) : fullPath[id];
      if (used.has(gc)) gc = fullPath[id];
      if (used.has(gc)) gc = gc + suffixFor(gc);
      used.add(gc);
      n.citation = gc;
      continue;
    }
    numberedPath[id] = numberedPath[p];
    fullPath[id] = fullPath[p];
    if (isProvisionKind(n.kind)) {
      n.shortCitation = provisionShort(n, inf);
      let pre = numberedPath[p] ? numberedPath[p] + ' > ' : '';
      let c = pre + n.shortCitation;
      let suf = '';
      // A second provision with the same number (a section restated under "Related provisions", an
      // Article 1 in a second treaty) is named by its headings, so that `s. 36` alone means one thing.
      const repeated = seenShort.has(n.shortCitation);
      seenShort.add(n.shortCitation);
      if ((used.has(c) || repeated) && fullPath[p]) {
        pre = fullPath[p] + ' > ';
        c = pre + n.shortCitation;
      }
      if (used.has(c)) {
        suf = suffixFor(c);
        c = c + suf;
      }
      used.add(c);
      n.citation = c;
      prefix[id] = pre;
      suffix[id] = suf;
      continue;
    }
    // A subdivision.
    const parentIsUnit = !isGroupKind(pn.kind) && pn.kind !== 'document';
    let short: string;
    if (parentIsUnit) {
      let qualifier = '';
      if (info[p].listsOpened > 1 && inf.introLine !== undefined) {
        const term = termOfLine(inf.introLine);
        if (term) qualifier = ` “${term}” `;
      }
      short = pn.shortCitation + qualifier + `(${n.number ?? ''})`;
      prefix[id] = prefix[p];
      suffix[id] = suffix[p];
    } else {
      short = `para. ${n.number ?? ''}`;
      prefix[id] = numberedPath[p] ? numberedPath[p] + ' > ' : '';
      suffix[id] = '';
    }
    n.shortCitation = short;
    let c = prefix[id] + short + suffix[id];
    if (used.has(c) && !parentIsUnit && fullPath[p]) {
      prefix[id] = fullPath[p] + ' > ';
      c = prefix[id] + short;
    }
    if (used.has(c)) {
      const extra = suffixFor(c);
      suffix[id] = suffix[id] + extra;
      c = c + extra;
    }
    used.add(c);
    n.citation = c;
  }
}

function provisionShort(n: ProvisionNode, inf: NodeInfo): string {
  const [one, many] = PROVISION_PREFIX[inf.style ?? 's'];
  return (inf.range ? many : one) + (n.number ?? '');
}

function join(a: string, b: string): string {
  return a ? `${a} > ${b}` : b;
}
