// Which open divisions and cross-headings a new heading closes. With Markdown heading depths, deeper or
// equal headings close (divisions of different kinds at the same depth nest unless that kind is already
// open). Without depths (plain text, or a heading found in running text) a cross-heading closes only the
// previous cross-heading; a division closes cross-headings, a division of its own kind and whatever that
// kind has been seen to contain (so Parts nest in Chapters in a code that puts them there, and Chapters in
// Parts in one that does the opposite); Books and Schedules are outermost.

import type { DivisionKind, NodeKind } from '../types.js';

export type GroupKind = DivisionKind | 'crossheading';

export interface OpenGroup {
  kind: NodeKind;
  headingDepth?: number;
}

/**
 * How many groups at the top of `open` (root first, the document root at index 0 never closes) a new
 * heading of `kind` at Markdown depth `depth` closes. `contains` holds `outer>inner` kind pairs seen so far.
 */
export function groupsClosedBy(open: OpenGroup[], kind: GroupKind, depth: number | undefined, contains: ReadonlySet<string>): number {
  let n = open.length;
  while (n > 1) {
    const top = open[n - 1];
    const tk = top.kind;
    const td = top.headingDepth;
    if (depth !== undefined && td !== undefined) {
      if (td > depth) {
        n--;
        continue;
      }
      if (td < depth) break;
      if (kind === 'crossheading' || tk === 'crossheading') {
        n--;
        continue;
      }
    } else if (kind === 'crossheading') {
      if (tk === 'crossheading' && td === undefined) {
        n--;
        continue;
      }
      break;
    } else if (tk === 'crossheading') {
      n--;
      continue;
    }
    if (tk === kind) {
      n--;
      break;
    }
    if (kind === 'schedule' || kind === 'book') {
      n--;
      continue;
    }
    let sameKindOpen = false;
    for (let k = 1; k < n; k++) if (open[k].kind === kind) sameKindOpen = true;
    if (sameKindOpen || contains.has(`${kind}>${tk}`)) {
      n--;
      continue;
    }
    break;
  }
  return open.length - n;
}
