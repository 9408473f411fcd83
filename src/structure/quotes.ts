// Quoted text spread over several lines of plain text, as an amending Act quotes the provision it
// inserts: `“5A. Online grooming` … `(2) … ten years.”`. The lines inside are words of the amending
// provision, not structure of this document.

import type { Line } from '../types.js';

/** How far a quotation opened at the start of line `i` runs: the index of its closing line, or -1. */
export function quotedBlockEnd(lines: Line[], i: number, text: string): number {
  const t = text.trimStart();
  const q = t[0];
  if (q !== '“' && q !== '"' && q !== '‘') return -1;
  const count = (ch: string): number => {
    let c = 0;
    for (let k = 0; k < t.length; k++) if (t[k] === ch) c++;
    return c;
  };
  if (q === '"') {
    if (count('"') % 2 === 0) return -1;
  } else if (count(q === '“' ? '”' : '’') >= count(q)) {
    return -1;
  }
  const closer = q === '“' ? '”' : q === '‘' ? '’' : '"';
  // A quotation that does not close within a few hundred lines, or runs into a heading, is not one.
  for (let j = i + 1, steps = 0; j < lines.length && steps < 300; j++, steps++) {
    const l = lines[j];
    if (l.kind === 'heading' && l.headingDepth !== undefined) return -1;
    if (l.text.includes(closer)) return j;
  }
  return -1;
}
