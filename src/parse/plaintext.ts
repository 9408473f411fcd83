// Plain text → classified lines. Plain-text statutes carry no markup, so the kind of a line is read from
// its shape: blank, a thematic rule, a bullet, a heading-like line, or ordinary text. Deciding what a
// heading *is* (Part, section, marginal note, cross-heading) is left to the structure stage.

import type { Line, SourceText } from '../types.js';
import { splitLines } from './lines.js';

const RULE = /^([-*_=~])(?:\s*\1){2,}$/;
const BULLET = /^[-•*▪◦‣·]\s+/;
/** Words that make a short line a sentence rather than a heading. */
const SENTENCE_WORD = /\s(?:shall|may|must|is|are|was|were|means|includes|will|has|have|does|do|applies|apply|who|which)\s/i;

export function plainTextLines(source: SourceText): Line[] {
  const raw = splitLines(source.text);
  const n = raw.length;
  const fm = Math.min(source.frontMatterEndLine, n);
  const trimmed = raw.map((r) => r.trim());
  const lines: Line[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = trimmed[i];
    const lineNo = i + 1;
    if (lineNo <= fm) {
      lines[i] = { line: lineNo, text: t, kind: 'frontmatter' };
    } else if (t === '') {
      lines[i] = { line: lineNo, text: '', kind: 'blank' };
    } else if (RULE.test(t)) {
      lines[i] = { line: lineNo, text: '', kind: 'rule' };
    } else if (BULLET.test(t)) {
      lines[i] = { line: lineNo, text: t.replace(BULLET, ''), kind: 'item', listDepth: 1 };
    } else if (looksLikeHeading(t, i > 0 ? trimmed[i - 1] : '', i + 1 < n ? trimmed[i + 1] : '')) {
      lines[i] = { line: lineNo, text: t, kind: 'heading' };
    } else {
      lines[i] = { line: lineNo, text: t, kind: 'paragraph' };
    }
  }
  return lines;
}

/**
 * A heading in plain text is short and stands apart: ALL CAPS (`PART II — OFFENCES`), or a short title-case
 * line with no sentence punctuation that is not the first half of a wrapped sentence (`Short title`,
 * `Possession of indecent images`). Lines starting with a list marker are never headings here.
 */
export function looksLikeHeading(t: string, prev: string, next: string): boolean {
  if (t.length > 120) return false;
  const c0 = t.charCodeAt(0);
  if (t[0] === '(' || t[0] === '"' || t[0] === '“' || t[0] === '[') return false;
  let letters = 0;
  let lower = 0;
  for (let k = 0; k < t.length; k++) {
    const ch = t[k];
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      letters++;
      if (ch === ch.toLowerCase() && ch !== ch.toUpperCase()) lower++;
    }
  }
  if (letters >= 2 && lower === 0) return true;
  if (t.length > 90) return false;
  const upperStart = (c0 >= 65 && c0 <= 90) || t[0] === '§' || (t[0] !== t[0].toLowerCase());
  const digitStart = c0 >= 48 && c0 <= 57;
  if (!upperStart && !digitStart) return false;
  const last = t[t.length - 1];
  if (last === ',' || last === ';' || last === ':' || last === '.' || last === '—' || last === '–' || last === '-') return false;
  if (SENTENCE_WORD.test(` ${t} `)) return false;
  // The next line continuing in lower case means this line is the first half of a wrapped sentence.
  if (next !== '' && isLowerStart(next)) return false;
  // A numbered line (`12. Offences`) is a heading only when it stands apart from the text before it.
  if (digitStart) return prev === '';
  return prev === '' || (prev.length <= 60 && !/[.,;:]$/.test(prev));
}

function isLowerStart(s: string): boolean {
  const ch = s[0];
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}
