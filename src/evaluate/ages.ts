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
}

const NUM = String.raw`(\d{1,2}|[a-z]+(?:[- ][a-z]+)?)`;
// Each alternative is a fixed sequence of words with bounded optional parts: no nested quantifiers.
const AGE = new RegExp(
  String.raw`\b(?:under|below|less than|younger than)(?: the age of| the full age of| age)? ${NUM}(?: \(\d{1,2}\))?(?: years?)?` +
    String.raw`|\b(?:not|never) (?:yet )?(?:attained|reached|completed) (?:the age of |the full age of |the age )?${NUM}(?: \(\d{1,2}\))?(?: years?)?`,
  'gi',
);

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
    const raw = m[1] ?? m[2];
    const n = raw ? toNumber(raw) : null;
    if (n !== null && n >= 5 && n <= 25) out.push({ age: n, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}
