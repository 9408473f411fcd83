// Subdivision markers — `(1)`, `(4.1)`, `(a)`, `(aa)`, `(a.1)`, `(i)`, `(A)`, `(I)`, `1.`, `a)`, `c.1)` — and
// the solver that decides how deep each one sits. Like eregs' marker-depth solver, a marker is placed
// either as the next marker of a list already open (the successor of its last marker) or as the first
// marker of a new, deeper list; `(i)` after `(h)` and `(v)`/`(x)` are resolved from context: list nesting
// in Markdown, the next marker, and whether the text before introduces a list.

/** How the marker is written: `(a)`, `a)` or `1.` — the same letters in another style are another list. */
export type MarkerStyle = '()' | ')' | '.';

/** One reading of a marker: its list type (e.g. `lower()`, `roman()`) and its position in that list. */
export interface MarkerCandidate {
  key: string;
  ord: number[];
}

export interface MarkerToken {
  /** As written, e.g. `(4.1)`. */
  raw: string;
  /** Without decoration, e.g. `4.1`, `a`, `ii`. */
  number: string;
  style: MarkerStyle;
  cands: MarkerCandidate[];
  /** Index in the text where the marker begins. */
  start: number;
}

export interface MarkerChain {
  tokens: MarkerToken[];
  /** Index in the text where the words after the markers begin. */
  end: number;
}

const PAREN = /^\(([0-9]{1,4}[A-Z]{0,2}(?:\.[0-9]{1,4}[A-Z]?)*|[a-z]{1,4}(?:\.[0-9]{1,3})?|[A-Z]{1,4}(?:\.[0-9]{1,3})?)\)/;
const RPAREN = /^([0-9]{1,3}|[a-z]{1,2}(?:\.[0-9]{1,2})?)\)(?=\s)/;
const DOT = /^([0-9]{1,3}[a-z]?)\.(?=\s)/;
const ROMAN = /^(?:xl|x{0,3})(?:ix|iv|v?i{0,3})$/;
const MAX_CHAIN = 6;

/** Reads the chain of markers at the start of `text` (`(a)(1)(A) …`, `(2) (a) …`); empty when none. */
export function readMarkers(text: string, from = 0): MarkerChain {
  const tokens: MarkerToken[] = [];
  let pos = from;
  // Real chains are short (`(a)(1)(A)(i)`); a longer run of brackets is text, not six levels at once.
  while (tokens.length < MAX_CHAIN) {
    const tok = readOne(text, pos);
    if (!tok) break;
    const after = pos + tok.raw.length;
    const next = text[after];
    // A marker must be followed by the end, a space, another marker or a dash (`(2)—`).
    if (next !== undefined && next !== ' ' && next !== '\t' && next !== '(' && next !== '—' && next !== '–' && next !== '[') break;
    tok.start = pos;
    tokens.push(tok);
    pos = after;
    let p = pos;
    while (text[p] === ' ' || text[p] === '\t') p++;
    // Only a paren marker may follow on the same line: `(2) (a)`; `1. (a)` is read the same way.
    if (text[p] !== '(') {
      pos = p;
      break;
    }
    pos = p;
  }
  if (tokens.length === 0) return { tokens, end: from };
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  return { tokens, end: pos };
}

function readOne(text: string, pos: number): MarkerToken | null {
  const s = pos === 0 ? text : text.slice(pos, pos + 16);
  const c = s[0];
  if (c === '(') {
    const m = PAREN.exec(s);
    if (!m) return null;
    const cands = candidates(m[1], '()');
    return cands.length ? { raw: m[0], number: m[1], style: '()', cands, start: pos } : null;
  }
  if (c >= '0' && c <= '9') {
    let m = DOT.exec(s);
    if (m) return { raw: m[0], number: m[1], style: '.', cands: candidates(m[1], '.'), start: pos };
    m = RPAREN.exec(s);
    if (m) return { raw: m[0], number: m[1], style: ')', cands: candidates(m[1], ')'), start: pos };
    return null;
  }
  if (c >= 'a' && c <= 'z') {
    const m = RPAREN.exec(s);
    if (!m) return null;
    const cands = candidates(m[1], ')');
    return cands.length ? { raw: m[0], number: m[1], style: ')', cands, start: pos } : null;
  }
  return null;
}

function letterIndex(ch: string): number {
  return ch.toLowerCase().charCodeAt(0) - 96;
}

export function romanValue(s: string): number {
  const v: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  const t = s.toLowerCase();
  let total = 0;
  for (let k = 0; k < t.length; k++) {
    const a = v[t[k]];
    const b = k + 1 < t.length ? v[t[k + 1]] : 0;
    total += a < b ? -a : a;
  }
  return total;
}

export function isRoman(s: string): boolean {
  const t = s.toLowerCase();
  return t !== '' && ROMAN.test(t);
}

/** Every list type the marker body could belong to, with its position in that list. */
export function candidates(body: string, style: MarkerStyle): MarkerCandidate[] {
  const c0 = body.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) return [{ key: 'int' + style, ord: numberOrd(body) }];
  const dot = body.indexOf('.');
  const letters = dot >= 0 ? body.slice(0, dot) : body;
  const frac = dot >= 0 ? parseFloat('0' + body.slice(dot)) : 0;
  const upper = letters === letters.toUpperCase();
  const lowerKey = upper ? 'upper' : 'lower';
  const romanKey = upper ? 'ROMAN' : 'roman';
  const out: MarkerCandidate[] = [];
  const roman = isRoman(letters);
  if (frac > 0) {
    // `(a.1)` is inserted after `(a)` in the same list, `(iii.1)` after `(iii)`.
    if (letters.length === 1) out.push({ key: lowerKey + style, ord: [letterIndex(letters), 0, frac] });
    if (letters.length === 2 && letters[0] === letters[1]) out.push({ key: lowerKey + '2' + style, ord: [letterIndex(letters[0]), 0, frac] });
    if (roman) out.push({ key: romanKey + style, ord: [romanValue(letters), 0, frac] });
    return out;
  }
  if (letters.length === 1) {
    out.push({ key: lowerKey + style, ord: [letterIndex(letters)] });
  } else if (letters.length === 2) {
    const a = letters[0].toLowerCase();
    const b = letters[1].toLowerCase();
    // `(aa)` is either the first of a doubled-letter list (Philippine style) or inserted after `(a)`
    // (Australian style); `(ab)`, `(ba)` only the latter.
    if (a === b) out.push({ key: lowerKey + '2' + style, ord: [letterIndex(a)] });
    if (!roman && (a === b || b <= 'e')) out.push({ key: lowerKey + style, ord: [letterIndex(a), letterIndex(b)] });
  } else if (!roman) {
    return out;
  }
  if (roman) out.push({ key: romanKey + style, ord: [romanValue(letters)] });
  return out;
}

/** `4` → [4]; `2A` → [2, 1]; `4.1` → [4, 0, 0.1]; `83.01` → [83, 0, 0.01] (so 83.01 < 83.1). */
export function numberOrd(body: string): number[] {
  const m = /^(\d+)([A-Za-z]*)((?:\.\d+[A-Za-z]?)*)/.exec(body);
  if (!m) return [0];
  const ord = [parseInt(m[1], 10)];
  const suffix = m[2] ? letterIndex(m[2][m[2].length - 1]) + 26 * (m[2].length - 1) : 0;
  if (suffix || m[3]) ord.push(suffix);
  if (m[3]) {
    for (const part of m[3].slice(1).split('.')) ord.push(parseFloat('0.' + part.replace(/[A-Za-z]/g, '')));
  }
  return ord;
}

export function compareOrd(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Whether `next` directly follows `last` in a list: 4→5, 4→4.1, 4.3→5, a→aa, a→a.1, h→i. */
export function isImmediate(last: number[], next: number[]): boolean {
  if (compareOrd(next, last) <= 0) return false;
  if (next.length === 1 || next.slice(1).every((x) => x === 0)) return next[0] === last[0] + 1;
  return next[0] === last[0];
}

function isFirst(c: MarkerCandidate): boolean {
  return c.ord[0] === 1 && c.ord.slice(1).every((x) => x === 0);
}

/** An open list: its type, the last marker placed in it, the node that marker opened, and its list depth. */
export interface Level {
  key: string;
  ord: number[];
  node: number;
  listDepth: number;
}

export interface Placement {
  /** Index in the level stack the marker takes (levels below it are closed). */
  level: number;
  cand: MarkerCandidate;
  /** True when the marker opens a new list rather than continuing one. */
  fresh: boolean;
  /** True when nothing fitted and the marker restarts a list already open (a repeated or stray marker). */
  restart?: boolean;
}

export interface PlacementHints {
  /** Markdown list depth of the marker's line (0 outside lists); undefined in plain text. */
  listDepth?: number;
  /** Readings of the next marker in the same provision, if any. */
  next?: MarkerCandidate[];
  /** The text before the marker introduces a list (ends with `:`, `—`, …). */
  chapeau: boolean;
}

interface Option extends Placement {
  score: number;
}

function options(levels: ReadonlyArray<{ key: string; ord: number[]; listDepth?: number }>, cands: MarkerCandidate[]): Option[] {
  const out: Option[] = [];
  for (const cand of cands) {
    let found = false;
    for (let L = 0; L < levels.length; L++) {
      if (levels[L].key !== cand.key) continue;
      found = true;
      if (compareOrd(cand.ord, levels[L].ord) > 0) {
        out.push({ level: L, cand, fresh: false, score: isImmediate(levels[L].ord, cand.ord) ? 3 : 1 });
      }
    }
    if (!found) {
      out.push({ level: levels.length, cand, fresh: true, score: levels.length === 0 || isFirst(cand) ? 2 : 0 });
    }
  }
  return out;
}

/**
 * Where a marker goes in the open lists. Scores: direct successor 3, first of a new deeper list 2, later
 * marker of an open list (a gap, e.g. a repealed paragraph omitted) 1, anything else 0; list depth, the next
 * marker and a preceding chapeau break ties between readings. Always returns a placement.
 */
export function placeMarker(levels: Level[], cands: MarkerCandidate[], hints: PlacementHints): Placement {
  const opts = options(levels, cands);
  if (opts.length === 0) {
    // Same list type already open but the marker does not follow on (e.g. a list restarting at `(a)` with no
    // text in between): start the list again at that level.
    const cand = cands[0];
    let L = levels.findIndex((l) => l.key === cand.key);
    if (L < 0) L = levels.length;
    return { level: L, cand, fresh: true, restart: L < levels.length };
  }
  if (opts.length > 1) {
    // List depth says something only when Markdown lists are involved at all.
    const ld = hints.listDepth !== undefined && (hints.listDepth > 0 || levels.some((l) => l.listDepth > 0)) ? hints.listDepth : undefined;
    for (const o of opts) {
      if (ld !== undefined) {
        if (!o.fresh) o.score += levels[o.level].listDepth === ld ? 2 : -1;
        else if (o.level === 0 || levels[o.level - 1].listDepth < ld) o.score += 2;
        else o.score -= 1;
      }
      if (hints.chapeau && o.fresh) o.score += 1;
      if (hints.next && hints.next.length) {
        const after = levels.slice(0, o.level).map((l) => ({ key: l.key, ord: l.ord }));
        after.push({ key: o.cand.key, ord: o.cand.ord });
        const direct = hints.next.some((n) => n.key === o.cand.key && isImmediate(o.cand.ord, n.ord));
        if (direct) o.score += 3;
        else if (options(after, hints.next).some((n) => n.score >= 2)) o.score += 1;
      }
    }
  }
  let best = opts[0];
  for (const o of opts) {
    if (o.score > best.score) best = o;
    else if (o.score === best.score) {
      // Prefer continuing an open list, then the deeper list.
      if (best.fresh && !o.fresh) best = o;
      else if (best.fresh === o.fresh && o.level > best.level) best = o;
    }
  }
  return { level: best.level, cand: best.cand, fresh: best.fresh };
}
