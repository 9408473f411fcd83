// Provision headings: sections and articles in the forms statutes use — `12.`, `12A.`, `163.1 (1)`,
// `Section 12`, `Sec. 12.`, `s. 12`, `Article 7`, `Art. 7`, `§ 2251.`, `### 163.1 Definition of …`,
// `##### § 184b Verbreitung …`, `Section 4. Cybercrime Offenses. –`, `**12. Offences**`, `### 6 and 7`.

import type { ProvisionKind } from '../types.js';
import { cleanHeading, isTitleLike } from './text.js';

/** How the provision is cited: `s. 12`, `Sec. 12`, `Art. 12`, `§ 12`. */
export type ProvisionStyle = 's' | 'sec' | 'art' | '§';

export interface ProvisionMatch {
  kind: ProvisionKind;
  style: ProvisionStyle;
  /** True when written with a keyword or `§` (as opposed to a bare number like `12.`). */
  keyworded: boolean;
  number: string;
  /** `6 and 7`, `2 to 23`: one heading standing for several (usually repealed) provisions. */
  range: boolean;
  heading: string | null;
  /** Index in the line's text just after the number (and its full stop): where heading and words begin. */
  textStart: number;
  /** Index in the line's text where the words after any heading (or the first subdivision marker) begin. */
  bodyStart: number;
}

/** Civil-law insertions: Article 12 bis, 12 ter, … */
const LATIN = String.raw`(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?`;
const KEYWORD = new RegExp(
  String.raw`^(Section|SECTION|Sec\.|SEC\.|Sect\.|s\.|Article|ARTICLE|Art\.|ART\.|Artikel|Artículo|Articulo|ARTÍCULO)\s*(\d+[A-Za-z]{0,3}(?:[.\-–]\d+[A-Za-z]{0,3})*${LATIN}|[IVXLC]+|premier|1er|unique)(?![\w])`,
);
const SECTION_SIGN = /^§\s*(\d+[A-Za-z]{0,3}(?:\.\d+[A-Za-z]?)*)(?![\w])/;
const BARE = /^(\d{1,4}[A-Z]{0,2}(?:\.\d{1,4}[A-Z]{0,2})*)(?![\w])/;
const RANGE = /^\s+(to|and)\s+(\d{1,4}[A-Z]{0,2}(?:\.\d{1,4}[A-Z]{0,2})*)(?![\w])/;
const FOOTNOTE = /^\[\^[^\]]*\]\s*/;
/** An editorial tag before a heading, e.g. `(XXXX) §§ 180b und 181 (weggefallen)`. */
const EDITORIAL = /^\([A-Z]{1,6}\)\s+(?=§|Sections?\b|Articles?\b)/;
/**
 * A heading standing for several provisions, usually repealed ones: `§§ 180b und 181 (weggefallen)`,
 * `Sections 12 to 15 [Repealed]`, `Articles 5 and 6`.
 */
const PLURAL = /^(§§|Sections|SECTIONS|Articles|ARTICLES|Arts\.|ss\.)\s*(\d+[A-Za-z]{0,3}(?:\.\d+)?)\s+(to|and|und|bis|through|à|et|-|–)\s+(\d+[A-Za-z]{0,3}(?:\.\d+)?)(?![\w])\s*(.*)$/;

function pluralMatch(m: RegExpExecArray, offset: number): ProvisionMatch {
  const w = m[1].toLowerCase();
  const style: ProvisionStyle = w === '§§' ? '§' : w.startsWith('art') ? 'art' : w === 'ss.' ? 's' : 'sec';
  const rest = m[5];
  const heading = cleanHeading(rest) || null;
  const textStart = offset + m[0].length - rest.length;
  return {
    kind: style === 'art' ? 'article' : 'section',
    style,
    keyworded: true,
    number: `${m[2]} ${m[3]} ${m[4]}`,
    range: true,
    heading,
    textStart,
    bodyStart: offset + m[0].length,
  };
}
/** `Heading. — text`, `Heading.—(1) text`, `Heading – text`: a heading run into the text. */
const RUN_IN = /^(.{1,150}?)(?:\.\s*[—–]+|\s+[—–]+|\.\s+-\s|\s-\s|:\s*[—–]+)\s*/;

export interface ProvisionOptions {
  /** The line is known to be a heading (Markdown heading, bold line, plain-text heading line). */
  headingLine: boolean;
  /** Bare numbers (`12.`) may start a provision here. */
  bare: boolean;
  /** The line stands alone between blank lines, as headings do (`Article 7 Sale of children`). */
  standalone?: boolean;
}

export function matchProvision(text: string, opts: ProvisionOptions): ProvisionMatch | null {
  let offset = 0;
  const fn = FOOTNOTE.exec(text) ?? (opts.headingLine ? EDITORIAL.exec(text) : null);
  if (fn) offset = fn[0].length;
  const t = offset ? text.slice(offset) : text;
  if (opts.headingLine) {
    const plural = PLURAL.exec(t);
    if (plural) return pluralMatch(plural, offset);
  }
  let style: ProvisionStyle;
  let number: string;
  let kind: ProvisionKind = 'section';
  let keyworded = true;
  let len: number;
  let m = KEYWORD.exec(t);
  if (m) {
    const w = m[1].toLowerCase();
    if (w.startsWith('art')) {
      style = 'art';
      kind = 'article';
    } else style = w === 's.' ? 's' : 'sec';
    number = m[2];
    len = m[0].length;
  } else if ((m = SECTION_SIGN.exec(t))) {
    if (t.startsWith('§§')) return null;
    style = '§';
    number = m[1];
    len = m[0].length;
  } else if ((m = BARE.exec(t))) {
    if (!opts.bare && !opts.headingLine) return null;
    style = 's';
    number = m[1];
    len = m[0].length;
    keyworded = false;
  } else {
    return null;
  }
  let rest = t.slice(len);
  let range = false;
  const r = RANGE.exec(rest);
  if (r && (opts.headingLine || /^\s*\[/.test(rest.slice(r[0].length)))) {
    number = `${number} ${r[1]} ${r[2]}`;
    range = true;
    len += r[0].length;
    rest = t.slice(len);
  }
  const dot = rest.startsWith('.');
  const afterDot = dot ? rest.slice(1) : rest;
  // What may follow the number: nothing, a full stop, a space, a separator, or a subdivision marker.
  if (afterDot !== '' && !/^\s/.test(afterDot) && !/^[-—–:]/.test(afterDot) && !(afterDot.startsWith('(') && !keyworded)) {
    return null;
  }
  const body = afterDot.replace(/^\s*/, '');
  const bodyStart = offset + len + (dot ? 1 : 0) + (afterDot.length - body.length);
  if (!opts.headingLine) {
    // In running text the number must be set off: `Section 12.`, `Article 7 –`, `12. (1)`, `163.1 (1)`,
    // or stand alone; `Section 12 applies …` is a sentence, not a heading.
    const sep = /^[-—–:]/.test(body);
    if (!(dot || sep || body === '' || body.startsWith('('))) {
      if ((keyworded && !opts.standalone) || !isTitleLike(body, 80)) return null;
    }
    if (!keyworded && !dot && !body.startsWith('(') && body !== '') {
      // A bare number with neither a full stop nor a subsection after it is a heading only when the rest
      // reads like a heading (`12 Offences`).
      if (!isTitleLike(body, 80)) return null;
    }
  }
  const { heading, start } = splitHeading(body, opts.headingLine);
  return { kind, style, keyworded, number, range, heading, textStart: bodyStart, bodyStart: bodyStart + start };
}

/**
 * Separates a heading from the provision's first words. On a heading line everything before a run-in
 * separator (or the whole line) is the heading; in running text only a run-in heading (`Offences. — A
 * person …`) or a short title-like remainder is.
 */
function splitHeading(body: string, headingLine: boolean): { heading: string | null; start: number } {
  if (body === '' || body.startsWith('(') || body.startsWith('[')) return { heading: null, start: 0 };
  const sep = /^[-—–:]\s*/.exec(body);
  const b = sep ? body.slice(sep[0].length) : body;
  const off = sep ? sep[0].length : 0;
  const run = RUN_IN.exec(b);
  if (run && isTitleLike(cleanHeading(run[1]), 150)) {
    return { heading: cleanHeading(run[1]) || null, start: off + run[0].length };
  }
  if (headingLine) return { heading: cleanHeading(b) || null, start: body.length };
  if (isTitleLike(b, 80) && !/[.;:,]$/.test(b)) return { heading: cleanHeading(b) || null, start: body.length };
  if (isTitleLike(b, 60) && b.endsWith('.') && b.split(/\s+/).length <= 4) {
    return { heading: cleanHeading(b) || null, start: body.length };
  }
  return { heading: null, start: off };
}

/** Comparable position of a provision number: `12` < `12A` < `12.1` < `13`; ranges by their first number. */
export function provisionOrd(number: string): number[] {
  const m = /^(\d+)([A-Za-z]*)((?:[.\-–]\d+[A-Za-z]?)*)/.exec(number);
  if (!m) return [0];
  const ord = [parseInt(m[1], 10)];
  const suffix = m[2] ? m[2].toLowerCase().charCodeAt(m[2].length - 1) - 96 + 26 * (m[2].length - 1) : 0;
  ord.push(suffix);
  if (m[3]) for (const p of m[3].slice(1).split(/[.\-–]/)) ord.push(parseFloat('0.' + p.replace(/[A-Za-z]/g, '')));
  return ord;
}
