// Small judgements about a line of statute text that several structure modules share: does it read like a
// heading, does it introduce a list, does it end mid-reference.

/** Words that make a short line a sentence rather than a heading. */
const SENTENCE_WORD = /\s(?:shall|may|must|is|are|was|were|means|includes|will|has|have|does|do|applies|apply|who|which)\s/i;

/** A heading-like phrase: short, not a sentence, not ending in list or sentence punctuation. */
export function isTitleLike(s: string, maxLength = 100): boolean {
  if (s.length === 0 || s.length > maxLength) return false;
  const first = s[0];
  if (first !== first.toUpperCase() && first === first.toLowerCase()) return false;
  // Editorial notes (`[Repealed, …]`) and parentheticals are not headings.
  if (first === '[' || first === '(') return false;
  const last = s[s.length - 1];
  if (last === ',' || last === ';' || last === ':' || last === '—' || last === '–' || last === '-') return false;
  if (last === '.' && s.split(/\s+/).length > 6) return false;
  // The first line of an offence wrapped before its verb ("Whoever recruits … a person for the purpose of" /
  // "exploitation shall be punished …") is no title, though it holds no sentence word yet.
  if (OFFENCE_SUBJECT.test(s)) return false;
  return !SENTENCE_WORD.test(` ${s} `);
}

const OFFENCE_SUBJECT = /^(?:whoever|whosoever|anyone who|everyone who|every (?:person|one) who|any (?:person|one) who|a person who)\b/i;

export function startsLower(s: string): boolean {
  const ch = s[0];
  return ch !== undefined && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/**
 * The text before a list introduces it (a chapeau): it does not end a sentence (`A person commits an
 * offence who —`, `Whoever knowingly`, `is guilty of`), or it announces what follows (`the following.`).
 */
export function introducesList(s: string): boolean {
  const t = s.trimEnd();
  if (t === '') return false;
  const last = t[t.length - 1];
  if (last === '.' || last === '?' || last === '!') return /\bfollowing\b|\bas follows\b/i.test(t.slice(-60));
  if (last === ';') return false;
  return true;
}

/** Ends with a punctuation mark that announces a list (`:`, dashes). */
export function endsWithChapeauMark(s: string): boolean {
  const t = s.trimEnd();
  const last = t[t.length - 1];
  return last === ':' || last === '—' || last === '–' || last === '-' || /\bfollowing\s*$/i.test(t);
}

const REFERENCE_END = /(?:\b(?:sections?|subsections?|paragraphs?|subparagraphs?|clauses?|subclauses?|articles?|parts?|chapters?|divisions?|schedules?|items?)|\b(?:ss?|arts?|paras?|secs?)\.|§§?)\s*$/i;

/** The line ends in the middle of a reference, so a marker at the start of the next line continues it. */
export function endsMidReference(s: string): boolean {
  return REFERENCE_END.test(s.slice(-20));
}

/** Ends with sentence or list punctuation, so a new numbered line after it can start a new unit. */
export function endsWithPunctuation(s: string): boolean {
  const t = s.trimEnd();
  const last = t[t.length - 1];
  return last === '.' || last === ';' || last === ':' || last === '—' || last === '–' || last === ')' || last === '”' || last === '"' || last === ']' || last === '?' || last === '!' || last === ',';
}

/**
 * `s` without the run of characters at its end that `char` matches (one character class, no flags: `/[\s,]/`).
 * A loop from the end rather than `s.replace(/[\s,]+$/, '')`: that search restarts at every character of a run
 * and scans to the run's end, so a long run of such characters anywhere but at the end takes quadratic time
 * (a heading with 80,000 spaces before its last word took 12 s).
 */
export function trimEndMatching(s: string, char: RegExp): string {
  let end = s.length;
  while (end > 0 && char.test(s[end - 1])) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Shortens at a word boundary for labels (`Offences Against Public Order and …`). */
export function truncate(s: string, max = 60): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max - 1);
  return trimEndMatching(s.slice(0, cut > max / 2 ? cut : max - 1), /[\s,;:.—–-]/) + '…';
}

/** `PART` → `Part`, `SCHEDULE` → `Schedule`; mixed case is kept. */
export function titleCaseWord(s: string): string {
  if (s !== s.toUpperCase()) return s;
  return s.charAt(0) + s.slice(1).toLowerCase();
}

/** Removes decoration around a heading: separators at either end and trailing full stops. */
export function cleanHeading(s: string): string {
  return trimEndMatching(s.replace(/^[\s\-—–:.|]+/, ''), /[\s\-—–:|]/)
    .replace(/\.$/, '')
    .trim();
}

/** A list item's last words before the list's closing words: `…,`, `…;`, `…; or`, `… and`. */
export function endsListItem(s: string): boolean {
  return /(?:[,;]|[,;]?\s(?:or|and|oder|und|ou|et))\s*$/.test(s);
}

/** A Markdown line that is bold from start to end (a marginal note, a bold heading, a lone defined term). */
export function isBoldOnly(line: { text: string; strong?: Array<[number, number]>; listDepth?: number }): boolean {
  const r = line.strong;
  if (!r || r.length === 0 || (line.listDepth ?? 0) > 0) return false;
  if (r[0][0] > 0) return false;
  let end = r[0][1];
  for (let k = 1; k < r.length; k++) {
    if (r[k][0] > end + 1) return false;
    end = r[k][1];
  }
  return end >= trimEndMatching(line.text, /[\s.:]/).length;
}
