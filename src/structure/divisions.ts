// Division headings: Book, Part, Title, Chapter, Division, Subdivision, Schedule (and their French, German and
// Spanish names, since codes arrive in those languages too). `PART II — OFFENCES`, `## Chapter 3`,
// `CHAPTER 77— PEONAGE`, `Erster Abschnitt - Das Strafgesetz`, `FIRST SCHEDULE`, `SCHEDULE TO PART XX.1`.

import type { DivisionKind } from '../types.js';
import { cleanHeading, isTitleLike, titleCaseWord } from './text.js';

export interface DivisionMatch {
  kind: DivisionKind;
  /** The word used, title-cased: `Part`, `Schedule`, `Subchapter`, `Abschnitt`. */
  keyword: string;
  number: string | null;
  /** How the division is named in a heading path: `Part II`, `First Schedule`, `Schedule`. */
  label: string;
  heading: string | null;
}

const KEYWORDS: Record<string, DivisionKind> = {
  book: 'book',
  part: 'part',
  title: 'title',
  chapter: 'chapter',
  division: 'division',
  subdivision: 'subdivision',
  'sub-division': 'subdivision',
  subpart: 'subdivision',
  subchapter: 'subdivision',
  subtitle: 'subdivision',
  schedule: 'schedule',
  schedules: 'schedule',
  annex: 'schedule',
  appendix: 'schedule',
  // French
  livre: 'book',
  partie: 'part',
  titre: 'title',
  chapitre: 'chapter',
  annexe: 'schedule',
  // German
  buch: 'book',
  teil: 'part',
  titel: 'title',
  kapitel: 'chapter',
  abschnitt: 'chapter',
  unterabschnitt: 'division',
  anlage: 'schedule',
  anhang: 'schedule',
  // Spanish
  libro: 'book',
  'título': 'title',
  'capítulo': 'chapter',
  anexo: 'schedule',
};

const SCHEDULE_LIKE = new Set(['schedule', 'schedules', 'annex', 'appendix', 'annexe', 'anlage', 'anhang', 'anexo']);

const ENGLISH_NUMBER_WORDS = [
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];
const ENGLISH_ORDINALS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh',
  'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth',
  'twentieth',
];

/** German ordinals `erster` … `neununddreißigster` → 1 … 39 (the StGB has thirty Abschnitte). */
const GERMAN_ORDINALS: Map<string, number> = (() => {
  const units = ['', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'];
  const small = [
    '', 'ers', 'zwei', 'drit', 'vier', 'fünf', 'sechs', 'sieb', 'ach', 'neun', 'zehn', 'elf', 'zwölf', 'dreizehn',
    'vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn',
  ];
  const m = new Map<string, number>();
  for (let k = 1; k < small.length; k++) m.set(small[k] + 'ter', k);
  m.set('siebenter', 7);
  for (const [tens, base] of [['zwanzig', 20], ['dreißig', 30]] as Array<[string, number]>) {
    m.set(tens + 'ster', base);
    for (let u = 1; u <= 9; u++) m.set(units[u] + 'und' + tens + 'ster', base + u);
  }
  return m;
})();

const NUMBER = String.raw`(\d+[A-Z]?(?:\.\d+[A-Z]?)*|[IVXLC]+(?:\.\d+)*|[A-Z]|premier|première|1er|unique)(?![A-Za-zÀ-ÿ])`;
const KEYWORD_FIRST = new RegExp(
  // `\s+(?:(?:No\.|…)\s*)?`, not `\s+(?:No\.|…)?\s*`: adjacent \s quantifiers are quadratic on a keyword followed
  // by a long run of spaces.
  String.raw`^([A-ZÁÉÍÓÚ][A-Za-zÀ-ÿ-]*)\.?(?:\s+(?:(?:No\.|Nr\.|n°)\s*)?${NUMBER}|\s+(${ENGLISH_NUMBER_WORDS.join('|')})\b)?(.*)$`,
  'i',
);
const ORDINAL_FIRST = /^([A-Za-zÀ-ÿß]+)\s+([A-Za-zÀ-ÿ-]+)\b(.*)$/;

/**
 * Reads a division heading. `lenient` is for lines already known to be headings (Markdown headings, bold
 * lines, plain-text heading lines); ordinary text lines must look unmistakably like a division heading
 * (`PART II`, `Part 2 — Offences`), so that sentences such as `Part 2 applies to …` are not taken for one.
 */
export function matchDivision(text: string, lenient: boolean): DivisionMatch | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 300) return null;
  return keywordFirst(t, lenient) ?? ordinalFirst(t, lenient);
}

function keywordFirst(t: string, lenient: boolean): DivisionMatch | null {
  const m = KEYWORD_FIRST.exec(t);
  if (!m) return null;
  const word = m[1];
  const lower = word.toLowerCase();
  const kind = KEYWORDS[lower];
  if (!kind) return null;
  // Citations in running text are lower case (`chapter 32 of the Statutes`); headings start upper case.
  if (word[0] !== word[0].toUpperCase()) return null;
  const allCaps = word === word.toUpperCase();
  let number: string | null = m[2] ?? (m[3] ? titleCaseWord(m[3].toUpperCase()) : null);
  let rest = m[4] ?? '';
  if (number === null) {
    // Only schedules go unnumbered (`SCHEDULE`, `SCHEDULE TO PART XX.1`, `Schedule — Forms`).
    if (!SCHEDULE_LIKE.has(lower)) return null;
    if (lower === 'schedules' || lower === 'anexo') return null;
    const r = rest.trim();
    if (r !== '' && /^[a-z]/.test(r) && !lenient) return null;
    if (r !== '' && /^(?:of|to|in|under|and|is|are|shall|may)\b/.test(r) && !allCaps) return null;
  }
  if (lower === 'schedules' && number) {
    // `SCHEDULES I AND II` is one heading over two schedules; keep the whole range as the number.
    const more = /^\s+(AND|and|TO|to)\s+([IVXLC]+|\d+)\b/.exec(rest);
    if (!more) return null;
    number = `${number} ${more[1].toLowerCase()} ${more[2]}`;
    rest = rest.slice(more[0].length);
  }
  const r = rest.trim();
  if (!lenient) {
    // In ordinary text the number must be followed by nothing, a separator, or (for an all-caps heading
    // such as `PART II OFFENCES`) more capitals.
    if (r !== '' && !/^[-—–:.]/.test(r)) {
      if (!(allCaps && r === r.toUpperCase())) return null;
    }
    if (r.length > 150) return null;
    if (/^[-—–:.]/.test(r) && !isTitleLike(cleanHeading(r), 150) && cleanHeading(r) !== '') return null;
  } else if (r !== '' && /^(?:of|to|in|under|and|applies|is|are|shall|may)\b/.test(r)) {
    // A heading that merely mentions a Part (`Part 2 of the Schedule`) is not the Part itself.
    if (!(lower.startsWith('schedule') || allCaps)) return null;
  }
  const heading = cleanHeading(r);
  const keyword = titleCaseWord(word === 'SCHEDULES' ? 'Schedules' : word);
  return {
    kind,
    keyword,
    number,
    label: number ? `${keyword} ${number}` : keyword,
    heading: heading === '' ? null : heading,
  };
}

function ordinalFirst(t: string, lenient: boolean): DivisionMatch | null {
  const m = ORDINAL_FIRST.exec(t);
  if (!m) return null;
  const ordWord = m[1].toLowerCase();
  const kw = m[2].toLowerCase();
  const kind = KEYWORDS[kw];
  if (!kind) return null;
  let n = GERMAN_ORDINALS.get(ordWord) ?? 0;
  if (!n) {
    const e = ENGLISH_ORDINALS.indexOf(ordWord);
    if (e >= 0) n = e + 1;
  }
  if (!n) return null;
  const rest = m[3].trim();
  if (!lenient && rest !== '' && !/^[-—–:.]/.test(rest) && !(t === t.toUpperCase())) return null;
  if (rest !== '' && /^(?:of|to|in|under|and|applies|is|are|shall|may)\b/.test(rest)) return null;
  const heading = cleanHeading(rest);
  return {
    kind,
    keyword: titleCaseWord(m[2]),
    number: String(n),
    label: `${titleCaseWord(m[1])} ${titleCaseWord(m[2])}`,
    heading: heading === '' ? null : heading,
  };
}
