// "Did you mean ...?" for keys, measure ids, formats and commands: the closest candidate by edit distance,
// when it is close enough to be a plausible typo.

/** Lower-case and drop `-`, `_` and spaces, so `fail-on`, `fail_on` and `failOn` are the same name. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The candidate closest to `name`, or undefined when none is close enough to be a typo. */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const folded = fold(name);
  if (folded.length > 200) return undefined; // not a typo, and the distance table would be large
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestLength = 0;
  for (const candidate of candidates) {
    const foldedCandidate = fold(candidate);
    const distance = editDistance(folded, foldedCandidate);
    // Ties go to the first candidate, so the suggestion depends on nothing but the candidate order.
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      bestLength = foldedCandidate.length;
    }
  }
  // Up to a third of the longer name may differ (min. 2): a dropped word in a long key is still a typo.
  const limit = Math.max(2, Math.floor(Math.max(folded.length, bestLength) / 3));
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const guess = nearest(name, candidates);
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}
