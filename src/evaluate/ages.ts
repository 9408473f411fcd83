// Age thresholds as statutes state them: "under the age of 18 years", "below eighteen years of age",
// "who has not attained the age of sixteen", "has not completed eighteen years", "a person under 16",
// "less than 18 years of age". Returns the threshold N meaning "younger than N".
import { NUMBER_WORDS } from './concepts.js';

export interface AgeMention {
  age: number;
  /** Character offsets of the mention in the text searched. */
  start: number;
  end: number;
  text: string;
  /**
   * A lower bound stated with it ("over 18 years of age and under 21"): the persons meant are at least this old.
   * From 18 they are adults, and the words protect no child.
   */
  from?: number;
}

const NUM = String.raw`(\d{1,2}|[a-z]+(?:[- ][a-z]+)?)`;
// Each alternative is a fixed sequence of words with bounded optional parts: no nested quantifiers.
const AGE = new RegExp(
  String.raw`\b(?:under|below)(?: the age of| the full age of| age)? ${NUM}(?: \(\d{1,2}\))?(?: years?)?` +
    // "less than 18 years" is also how penalties are worded, so for ages it must say "of age" or "old".
    String.raw`|\b(?:less than|younger than) ${NUM}(?: \(\d{1,2}\))? years?(?: of age| old)` +
    String.raw`|\b(?:not|never) (?:yet )?(?:attained|reached|completed) (?:the age of |the full age of |the age )?${NUM}(?: \(\d{1,2}\))?(?: years?)?` +
    // "who has attained fourteen but not sixteen years", "aged 14 to 16": protection ends at the upper age.
    String.raw`|\b(?:attained|aged|between)(?: the age of)? (?:\d{1,2}|[a-z]+)(?: years?)?(?: of age)? (?:but not|but under|but below|and under|and below|to|and) ${NUM}(?: years?)?`,
  'gi',
);

const SMALLER_UNIT = /^\s*(?:\(\d{1,2}\)\s*)?(?:months?|weeks?|days?)\b/i;
/** "over 18 years of age and " just before an upper age. */
const LOWER_BOUND = new RegExp(String.raw`\b(?:over|above|older than|at least)(?: the age of)? ${NUM}(?: years?)?(?: of age)?,? (?:and|but)\s*$`, 'i');

function toNumber(s: string): number | null {
  const t = s.toLowerCase().trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t in NUMBER_WORDS) return NUMBER_WORDS[t];
  const parts = t.split(/[- ]/);
  if (parts.length === 2 && parts[0] in NUMBER_WORDS && parts[1] in NUMBER_WORDS) return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]];
  if (parts.length >= 1 && parts[0] in NUMBER_WORDS) return NUMBER_WORDS[parts[0]];
  return null;
}

/** All age thresholds (5..25, plausible for persons) stated in a text. */
export function findAges(text: string): AgeMention[] {
  const out: AgeMention[] = [];
  for (const m of text.matchAll(AGE)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? m[4];
    const n = raw ? toNumber(raw) : null;
    // "imprisonment for not less than 10 years", "a term under 5 years": penalties, not ages.
    const before = text.slice(Math.max(0, m.index - 24), m.index).toLowerCase();
    if (/\b(not|term|period|imprisonment|imprisoned|sentence|fine)\s*(of\s*|for\s*)?$/.test(before)) continue;
    // "under the age of 18 months": an animal's or an infant's age in months (or weeks, days) is no age limit in years.
    if (SMALLER_UNIT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16))) continue;
    if (n === null || n < 5 || n > 25) continue;
    const lower = LOWER_BOUND.exec(text.slice(Math.max(0, m.index - 48), m.index));
    const from = lower ? toNumber(lower[1]) : null;
    // Every mention gets the field (one object shape for V8), undefined when no lower bound is stated.
    out.push({ age: n, start: m.index, end: m.index + m[0].length, text: m[0], from: from !== null && from < n ? from : undefined });
  }
  return out;
}
