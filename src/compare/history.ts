// Which provision of the other text corresponds to a provision of this one, and whether the amendment added,
// amended or removed it. Documents are paired first (one file on each side: those two; otherwise by the key the
// caller gives, e.g. the path inside the directory compared, then by a file name found once on the other side);
// provisions then by citation, their words by fingerprint (src/structure/fingerprints.ts). Pure.
import { basename } from 'node:path';
import type { ProvisionHistory } from './diff.js';

export interface HistoryDoc {
  /** As in the evidence (`Evidence.file`). */
  path: string;
  /** What pairs it with the same document on the other side, e.g. its path relative to the compared directory. */
  key: string;
  /** Citation → fingerprint of the provision's words. */
  provisions: Record<string, string>;
}

export function provisionHistory(oldDocs: readonly HistoryDoc[], newDocs: readonly HistoryDoc[]): ProvisionHistory {
  const index = (docs: readonly HistoryDoc[]) => {
    const byKey = new Map(docs.map((d) => [d.key, d]));
    const names = new Map<string, HistoryDoc | null>();
    for (const d of docs) names.set(basename(d.path), names.has(basename(d.path)) ? null : d);
    return { byPath: new Map(docs.map((d) => [d.path, d])), byKey, names, only: docs.length === 1 ? docs[0] : null };
  };
  const sides = { old: index(oldDocs), new: index(newDocs) };
  const counterpart = (d: HistoryDoc, other: ReturnType<typeof index>, own: ReturnType<typeof index>): HistoryDoc | null =>
    own.only && other.only ? other.only : (other.byKey.get(d.key) ?? other.names.get(basename(d.path)) ?? null);
  return (side, evidence) => {
    const own = sides[side];
    const other = sides[side === 'new' ? 'old' : 'new'];
    const doc = own.byPath.get(evidence.file);
    const mine = doc?.provisions[evidence.citation];
    if (!doc || mine === undefined) return null;
    const theirs = counterpart(doc, other, own)?.provisions[evidence.citation];
    if (theirs === undefined) return side === 'new' ? 'added' : 'removed';
    return theirs === mine ? 'unchanged' : 'amended';
  };
}
