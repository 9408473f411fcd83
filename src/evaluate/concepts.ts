// Concepts are families of phrases ("possesses", "has in his possession", "in possession of") matched on
// word stems, so inflection, line breaks, emphasis and numbering between words do not matter.
// Phrase syntax (one phrase per entry in a concept file):
//   word        a word, compared by stem (possess = possesses = possession)
//   word*       a word prefix, compared on the lower-case word (pornograph* = pornography, pornographic)
//   a|b         either word (each part may itself be a prefix)
//   *           any one word
//   ...         up to 8 words of anything in between (within one provision)
//   ..N         up to N words in between (N from 1 to 20): "sells ..2 a child" keeps the child the object
//   #num        a number, in digits or in words
//   (a b|c d)   either word sequence: "(sexual services|material benefit)" (groups do not nest)
import { stem } from '../text/natural.js';
import type { ConceptDef } from '../types.js';

export interface Token {
  /** Lower-case word as written. */
  word: string;
  stem: string;
  /** Character offsets in the text it was taken from. */
  start: number;
  end: number;
}

type Piece =
  | { t: 'word'; stem: string }
  | { t: 'prefix'; prefix: string }
  | { t: 'alt'; options: Piece[] }
  | { t: 'any' }
  | { t: 'gap'; max: number }
  | { t: 'num' };

export interface CompiledPhrase {
  concept: string;
  source: string;
  pieces: Piece[];
  negative: boolean;
  /**
   * The stem the next token must have when the second piece is a plain word, else null. Most candidates fail
   * on the second word; `match` checks it before walking the phrase, which halves its time.
   */
  next: string | null;
}

export interface ConceptMatch {
  concept: string;
  /** Token index range [from, to) in the token list matched. */
  from: number;
  to: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
};

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase().replace(/’/g, "'");
    out.push({ word, stem: stem(word), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** How phrase words are stemmed: `stem`, or a table of the same stems computed ahead of time. */
type StemOf = (word: string) => string;

function compilePiece(word: string, stemOf: StemOf): Piece {
  if (word === '*') return { t: 'any' };
  if (word === '...') return { t: 'gap', max: 8 };
  if (/^\.\.\d{1,2}$/.test(word)) return { t: 'gap', max: Math.min(20, Number(word.slice(2))) };
  if (word === '#num') return { t: 'num' };
  if (word.includes('|')) return { t: 'alt', options: word.split('|').filter(Boolean).map((w) => compilePiece(w, stemOf)) };
  if (word.endsWith('*') && word.length > 1) return { t: 'prefix', prefix: word.slice(0, -1).toLowerCase() };
  return { t: 'word', stem: stemOf(word.toLowerCase()) };
}

/** Expand `(a b|c d)` groups into one plain phrase per combination. */
export function expandGroups(phrase: string): string[] {
  const m = /\(([^()]*)\)/.exec(phrase);
  if (!m) return [phrase];
  const before = phrase.slice(0, m.index);
  const after = phrase.slice(m.index + m[0].length);
  return m[1].split('|').flatMap((opt) => expandGroups(`${before} ${opt.trim()} ${after}`.replace(/\s+/g, ' ').trim()));
}

/** Check a phrase's syntax; returns a message or null. Used by the rule-pack validator. */
export function phraseProblem(phrase: string): string | null {
  if (/[()]/.test(phrase.replace(/\([^()]*\)/g, ''))) return `phrase "${phrase}" has unbalanced or nested parentheses`;
  const variants = expandGroups(phrase);
  if (variants.length > 64) return `phrase "${phrase}" expands to more than 64 variants`;
  for (const v of variants) {
    const problem = plainPhraseProblem(v);
    if (problem) return problem;
  }
  return null;
}

function plainPhraseProblem(phrase: string): string | null {
  const words = phrase.trim().split(/\s+/);
  if (words.length === 0 || phrase.trim() === '') return 'empty phrase';
  const isGap = (w: string) => w === '*' || w === '...' || /^\.\.\d{1,2}$/.test(w);
  if (isGap(words[0]) || words[0] === '#num') return `phrase "${phrase}" must start with a word`;
  const last = words[words.length - 1];
  if (last === '...' || /^\.\.\d{1,2}$/.test(last)) return `phrase "${phrase}" must end with a word or *`;
  for (const w of words) {
    for (const alt of w.split('|')) {
      if (alt.endsWith('*') && alt.length > 1 && alt.length < 4) return `prefix "${alt}" in "${phrase}" is too short (at least 3 letters before *)`;
    }
    if (!isGap(w) && w !== '#num' && !/^[\p{L}\p{N}'|*-]+$/u.test(w)) {
      return `phrase "${phrase}" has an unexpected token "${w}" (words, word*, a|b, *, ..., ..N and #num are allowed)`;
    }
  }
  return null;
}

export function compilePhrase(concept: string, phrase: string, negative = false, stemOf: StemOf = stem): CompiledPhrase {
  // Hyphenated words are tokenised as separate words in the text, so split them here too.
  const words = phrase.trim().toLowerCase().split(/\s+/).flatMap((w) => (w.includes('|') || w.startsWith('..') ? [w] : w.split('-').filter(Boolean)));
  const pieces = words.map((w) => compilePiece(w, stemOf));
  const second = pieces[1];
  return { concept, source: phrase, pieces, negative, next: second?.t === 'word' ? second.stem : null };
}

type Concepts = Record<string, ConceptDef>;

/** Every phrase and `not:` phrase of the concepts, group alternatives expanded, compiled. */
function compileConcepts(concepts: Concepts, stemOf: StemOf): CompiledPhrase[] {
  const out: CompiledPhrase[] = [];
  for (const def of Object.values(concepts)) {
    for (const p of def.phrases) for (const v of expandGroups(p)) out.push(compilePhrase(def.name, v, false, stemOf));
    for (const p of def.not ?? []) for (const v of expandGroups(p)) out.push(compilePhrase(def.name, v, true, stemOf));
  }
  return out;
}

/**
 * The stem of every word the concepts' phrases compare by stem, as plain data: what a build-time snapshot of a
 * pack stores (src/rules/snapshot.ts) so that compiling its phrases later needs no stemming.
 */
export function phraseStems(concepts: Concepts): Record<string, string> {
  const table = new Map<string, string>();
  compileConcepts(concepts, (word) => {
    const s = stem(word);
    table.set(word, s);
    return s;
  });
  // fromEntries makes own properties even of words like "__proto__", which an assignment would not.
  return Object.fromEntries(table);
}

function pieceMatches(p: Piece, tok: Token): boolean {
  switch (p.t) {
    case 'word': return tok.stem === p.stem;
    case 'prefix': return tok.word.startsWith(p.prefix);
    case 'alt': return p.options.some((o) => pieceMatches(o, tok));
    case 'any': return true;
    case 'num': return /^\d+$/.test(tok.word) || tok.word in NUMBER_WORDS;
    case 'gap': return true;
  }
}

/** Returns the end index (exclusive) of a match of pieces[k..] starting at token i, or -1. */
function matchFrom(pieces: Piece[], k: number, tokens: Token[], i: number): number {
  if (k === pieces.length) return i;
  const p = pieces[k];
  if (p.t === 'gap') {
    for (let skip = 0; skip <= p.max && i + skip <= tokens.length; skip++) {
      const end = matchFrom(pieces, k + 1, tokens, i + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (i >= tokens.length || !pieceMatches(p, tokens[i])) return -1;
  return matchFrom(pieces, k + 1, tokens, i + 1);
}

// Compiling stems every word of every phrase: ≈ 1,100 phrases in the built-in pack, ≈ 50-70 ms in a cold
// process, once per matcher. Both caches are keyed by the pack's concepts object, which nothing changes after
// loading; a WeakMap lets a pack and its matcher be collected together.
const matchers = new WeakMap<Concepts, ConceptMatcher>();
/** Stems of the phrase words computed ahead of time (`phraseStems`, kept in the built-in pack's snapshot). */
const knownStems = new WeakMap<Concepts, Record<string, string>>();

/**
 * A set of concepts compiled into one index keyed by the stem of each phrase's first word, so matching a
 * text is one pass over its tokens whatever the number of concepts.
 */
export class ConceptMatcher {
  private byStem = new Map<string, CompiledPhrase[]>();
  // Prefix phrases are keyed by their first three letters (prefixes shorter than that are refused).
  private byPrefix = new Map<string, Array<{ prefix: string; phrase: CompiledPhrase }>>();
  readonly names: Set<string>;

  /** The matcher of these concepts, compiled once and reused by every later evaluation of the same pack. */
  static for(concepts: Concepts): ConceptMatcher {
    let m = matchers.get(concepts);
    if (!m) matchers.set(concepts, (m = new ConceptMatcher(concepts)));
    return m;
  }

  /**
   * Declare `stems` (`phraseStems` of the same concepts, e.g. read back from JSON) as the stems of these
   * concepts' phrase words: matchers of that object are then compiled without running the stemmer. A word
   * missing from the table is stemmed as usual.
   */
  static useStems(concepts: Concepts, stems: Record<string, string>): void {
    knownStems.set(concepts, stems);
  }

  /** The stem table declared for these concepts, if any (to hand on to worker threads with the pack). */
  static stemsOf(concepts: Concepts): Record<string, string> | undefined {
    return knownStems.get(concepts);
  }

  constructor(concepts: Concepts) {
    this.names = new Set(Object.keys(concepts));
    const table = knownStems.get(concepts);
    // Object.hasOwn: a phrase word such as "constructor" must not find Object.prototype's member.
    const stemOf: StemOf = table ? (word) => (Object.hasOwn(table, word) ? table[word] : stem(word)) : stem;
    for (const ph of compileConcepts(concepts, stemOf)) this.add(ph);
  }

  private add(ph: CompiledPhrase): void {
    const first = ph.pieces[0];
    const firsts = first.t === 'alt' ? first.options : [first];
    for (const f of firsts) {
      if (f.t === 'word') {
        const list = this.byStem.get(f.stem) ?? [];
        if (list.includes(ph)) continue; // "sell|sells" share a stem: index the phrase once
        list.push(ph);
        this.byStem.set(f.stem, list);
      } else if (f.t === 'prefix') {
        const key = f.prefix.slice(0, 3);
        const list = this.byPrefix.get(key) ?? [];
        if (list.some((x) => x.phrase === ph && x.prefix === f.prefix)) continue;
        list.push({ prefix: f.prefix, phrase: ph });
        this.byPrefix.set(key, list);
      }
    }
  }

  /** All concept matches in a token list, negatives (`not:` phrases) already removed. Sorted by position. */
  match(tokens: Token[]): ConceptMatch[] {
    const pos: ConceptMatch[] = [];
    const neg: ConceptMatch[] = [];
    const n = tokens.length;
    const tryPhrase = (ph: CompiledPhrase, i: number) => {
      // The first piece matched token i (that is how the phrase was found); a plain second word is checked
      // here, before the general walk, which would fail on that same token.
      if (ph.next !== null && (i + 1 >= n || tokens[i + 1].stem !== ph.next)) return;
      const end = matchFrom(ph.pieces, 0, tokens, i);
      if (end > i) (ph.negative ? neg : pos).push({ concept: ph.concept, from: i, to: end });
    };
    for (let i = 0; i < n; i++) {
      const tok = tokens[i];
      const cands = this.byStem.get(tok.stem);
      if (cands) for (const ph of cands) tryPhrase(ph, i);
      const pre = this.byPrefix.get(tok.word.slice(0, 3));
      if (pre) for (const { prefix, phrase } of pre) if (tok.word.startsWith(prefix)) tryPhrase(phrase, i);
    }
    if (neg.length === 0) return pos;
    // A `not:` phrase cancels a match it covers ("production of documents" covers "production"). Per concept,
    // negatives sorted by start with a running maximum of their ends answer "does one that starts at or before
    // this match end at or after it?" in logarithmic time (a quadratic filter hangs on one huge provision).
    const byConcept = new Map<string, { from: number[]; maxTo: number[] }>();
    for (const n of [...neg].sort((a, b) => a.from - b.from)) {
      const e = byConcept.get(n.concept) ?? { from: [], maxTo: [] };
      e.from.push(n.from);
      e.maxTo.push(Math.max(n.to, e.maxTo.length ? e.maxTo[e.maxTo.length - 1] : 0));
      byConcept.set(n.concept, e);
    }
    return pos.filter((m) => {
      const e = byConcept.get(m.concept);
      if (!e) return true;
      let lo = 0;
      let hi = e.from.length - 1;
      let last = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (e.from[mid] <= m.from) { last = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return last === -1 || e.maxTo[last] < m.to;
    });
  }
}
