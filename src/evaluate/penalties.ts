// Penalties as statutes state them, reduced to the longest term of imprisonment available (in years) and
// whether imprisonment is available at all. "or both" keeps imprisonment available; "a fine not exceeding"
// alone is fine-only. Philippine graded penalties are read by their upper bounds.
import { NUMBER_WORDS } from './concepts.js';

export interface PenaltyInfo {
  /** Longest term of imprisonment found, in years; Infinity for life; null when none is stated. */
  maxYears: number | null;
  /** A fine is mentioned. */
  fine: boolean;
  /** The words the maximum was read from. */
  quote: string | null;
}

const N = String.raw`(\d{1,3}|[a-z]+(?:[- ][a-z]+)?)`;
const UNIT = String.raw`(years?|months?)`;
const TERM_PATTERNS: RegExp[] = [
  // not less than 15 nor more than 30 years; from one to ten years; between 2 and 5 years; 6 to 12 years
  new RegExp(String.raw`\b(?:not less than|from|between|of) ${N}(?: \(\d+\))?(?: ${UNIT})? (?:nor more than|to|and|but not more than) ${N}(?: \(\d+\))? ${UNIT}`, 'gi'),
  // not more than 10 years; not exceeding five years; up to 7 years; a term of 14 years; for 10 years; maximum of 3 years
  new RegExp(String.raw`\b(?:not more than|not exceeding|not to exceed|no more than|up to|a term of|a maximum of|maximum of|for|of) ${N}(?: \(\d+\))? ${UNIT}`, 'gi'),
  // 10 years' imprisonment; five years imprisonment
  new RegExp(String.raw`\b${N}(?: \(\d+\))? ${UNIT}'? (?:of )?imprisonment`, 'gi'),
];
// ("death" is left out: "if death results" is an aggravating fact far more often than a penalty.)
const LIFE = /\b(?:for life|life imprisonment|imprisonment for life|reclusion perpetua|life sentence|death penalty|sentenced to death)\b/i;
// Upper bounds of the Philippine graded penalties (Revised Penal Code, art. 27).
const GRADES: Array<[RegExp, number]> = [
  [/\breclusion temporal\b/i, 20],
  [/\bprision mayor\b/i, 12],
  [/\bprision correccional\b/i, 6],
  [/\barresto mayor\b/i, 0.5],
  [/\barresto menor\b/i, 30 / 365],
];
const IMPRISON = /\b(?:imprison\w*|penal servitude|custod\w*|jail|detention|reclusion|prision|arresto|deprivation of liberty|rigorous imprisonment)\b/i;
const FINE = /\bfine[ds]?\b|\bmonetary penalty\b|\bpecuniary\b/i;

const AGE_AFTER = /^\s*(?:of age|old|of his age|of her age|of their age)\b/i;

function num(s: string): number | null {
  const t = s.toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  if (t in NUMBER_WORDS) return NUMBER_WORDS[t];
  const parts = t.split(/[- ]/);
  if (parts.length === 2 && parts[0] in NUMBER_WORDS && parts[1] in NUMBER_WORDS) return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]];
  return parts[0] in NUMBER_WORDS ? NUMBER_WORDS[parts[0]] : null;
}

function years(n: number, unit: string): number {
  return unit.toLowerCase().startsWith('month') ? n / 12 : n;
}

/** Read the penalty stated in a text (a provision and the penalty clauses linked to it). */
export function readPenalty(text: string): PenaltyInfo {
  let max: number | null = null;
  let quote: string | null = null;
  const consider = (y: number, q: string) => {
    if (max === null || y > max) { max = y; quote = q; }
  };
  const hasPrison = IMPRISON.test(text);
  if (hasPrison) {
    const life = LIFE.exec(text);
    if (life) consider(Infinity, life[0]);
    for (const [re, y] of GRADES) { const m = re.exec(text); if (m) consider(y, m[0]); }
    for (const re of TERM_PATTERNS) {
      for (const m of text.matchAll(re)) {
        const groups = m.slice(1).filter((g) => g !== undefined);
        // The last number/unit pair is the upper bound.
        const unit = groups[groups.length - 1];
        const n = num(groups[groups.length - 2]);
        if (n === null || !/^(years?|months?)$/i.test(unit)) continue;
        // "has attained the age of fourteen years", "a child of 12 years of age": an age, not a term.
        if (/\bage\s*$/i.test(text.slice(Math.max(0, m.index - 8), m.index)) || AGE_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16))) continue;
        consider(years(n, unit), m[0]);
      }
    }
  }
  return { maxYears: max, fine: FINE.test(text), quote };
}
