// What `gap-check diff` compares provisions by: a short fingerprint of each provision's text together with its
// subdivisions, keyed by citation. Two versions of an act with the same citation and fingerprint hold the same
// words there; a citation on one side only is a provision added or removed. Whitespace and line breaks do not
// count, so re-wrapping a paragraph is not an amendment.
import { createHash } from 'node:crypto';
import type { StatuteDocument } from '../types.js';

export function provisionFingerprints(doc: StatuteDocument): Record<string, string> {
  const texts: string[] = new Array(doc.nodes.length);
  // Children follow their parent in `nodes`, so walking backwards has every child's text ready for its parent;
  // each is already normalised, so only a node's own lines are (not the whole text again at every level).
  for (let i = doc.nodes.length - 1; i >= 0; i--) {
    const n = doc.nodes[i];
    const own = n.lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();
    texts[i] = [own, ...n.children.map((c) => texts[c])].filter((t) => t !== '').join(' ');
  }
  const out: Record<string, string> = {};
  for (const n of doc.nodes) {
    if (n.kind === 'document') continue;
    out[n.citation] = createHash('sha1').update(texts[n.id]).digest('hex').slice(0, 16);
  }
  return out;
}
