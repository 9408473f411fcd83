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
import { detached } from '../text/detach.js';
import type { ConceptDef } from '../types.js';

/**
 * The words of a text, as parallel lists: token i is `words[i]`, `stems[i]`, from `starts[i]` to `ends[i]`.
 * Token lists are kept for every provision while its document is judged; as one object per word they took
 * about 100 bytes a word, most of a document's analysis, copied by every young-generation collection that
 * found them alive. Here a word costs four list slots, its strings shared with every other occurrence.
 */
export interface Tokens {
  length: number;
  /** Lower-case word as written (’ read as '). */
  words: string[];
  stems: string[];
  /** Character offsets in the text they were taken from. */
  starts: number[];
  ends: number[];
}

type Piece =
  | { t: 'word'; stem: string; /** `new Set([stem])`, made once for all phrases sharing the piece. */ alone?: Set<string> }
  | { t: 'prefix'; prefix: string }
  | AltPiece
  | { t: 'any' }
  | { t: 'gap'; max: number }
  | { t: 'num' };

/**
 * `a|b|c`: its options, and the same options sorted by what a token is tested with, so that testing one token
 * looks up a set instead of walking the options (a cold process runs this in the interpreter, where the walk
 * and its closures are most of the time spent matching).
 */
interface AltPiece {
  t: 'alt';
  options: Piece[];
  stems: Set<string>;
  prefixes: string[];
  /** Some option matches every token (`*`, or a gap, which an option treats as one word). */
  any: boolean;
  num: boolean;
}

export interface CompiledPhrase {
  concept: string;
  source: string;
  pieces: Piece[];
  negative: boolean;
  /**
   * The stems one of which the next token must have, when the second piece is a word or a choice of words;
   * else null. Most candidates fail on the second word: the matcher indexes phrases by it too (see `match`).
   */
  next: Set<string> | null;
}

export interface ConceptMatch {
  concept: string;
  /** Token index range [from, to) in the token list matched. */
  from: number;
  to: number;
}

export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
};

/**
 * Stems already known: those of the built-in pack's phrase words, from its snapshot (`ConceptMatcher.useStems`).
 * They are `stem(word)` computed at build time by this same stemmer (the snapshot's fingerprint covers its code),
 * so a text's words found here need no stemming in a cold process, where the Porter stemmer is slow. Every
 * value is `stem(word)`, whichever pack declared it, so one table serves all.
 */
const knownStem = new Map<string, string>();

/** A written word's lower-case form and stem. */
interface Lexeme {
  word: string;
  stem: string;
}

/**
 * Words as written → their lexeme, so that each occurrence of a word shares one pair of strings (and is
 * lower-cased and stemmed once). Bounded like the stemmer's cache; past the bound, words are still read, only
 * not remembered.
 *
 * An open-addressing table keyed by a hash of the word's characters, looked up with the word still in the
 * text: a word seen before costs no substring and no string hashing by a Map. (On half of the federal acts,
 * finding words with a regex and looking them up in a Map was ≈ 15 % of the run and a quarter of everything
 * the run allocated.)
 */
const LEXICON_SIZE = 200_000;
/** Slot → 1 + entry index, 0 when free; the table is kept at most half full. */
let slots = new Int32Array(1 << 12);
const written: string[] = [];
const hashes: number[] = [];
const lexemes: Lexeme[] = [];

function lexemeAt(text: string, start: number, end: number): Lexeme {
  // FNV-1a over the UTF-16 code units.
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  const mask = slots.length - 1;
  for (let s = h & mask; ; s = (s + 1) & mask) {
    const e = slots[s] - 1;
    if (e < 0) break;
    if (hashes[e] === h && written[e].length === end - start && text.startsWith(written[e], start)) return lexemes[e];
  }
  // The remembered word must not keep the text it was read from alive: the lexicon lasts the whole run.
  const key = detached(text.slice(start, end));
  const lower = key.toLowerCase();
  const word = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
  const x: Lexeme = { word, stem: knownStem.get(word) ?? stem(word) };
  if (lexemes.length < LEXICON_SIZE) {
    written.push(key);
    hashes.push(h);
    lexemes.push(x);
    if (lexemes.length * 2 > slots.length) {
      slots = new Int32Array(slots.length * 2);
      for (let e = 0; e < lexemes.length; e++) place(e);
    } else place(lexemes.length - 1);
  }
  return x;
}

function place(e: number): void {
  const mask = slots.length - 1;
  let s = hashes[e] & mask;
  while (slots[s] !== 0) s = (s + 1) & mask;
  slots[s] = e + 1;
}

/** What a character is to the word pattern: not part of a word, a number (\p{N}) or a letter (\p{L}). */
const OTHER = 1;
const NUMBER = 2;
const LETTER = 3;
/** Classes of the 65,536 UTF-16 code units, found the first time each is met (0: not yet known). */
const unitClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;

function classOf(ch: string): number {
  return IS_LETTER.test(ch) ? LETTER : IS_NUMBER.test(ch) ? NUMBER : OTHER;
}

/**
 * The class of the character at `i`, times 4, plus its width in code units (1, or 2 for a surrogate pair):
 * one number, so that the scanning loop allocates nothing.
 */
function charAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) {
    let k = unitClass[c];
    // A lone surrogate is no letter: classOf finds OTHER for it.
    if (k === 0) unitClass[c] = k = classOf(String.fromCharCode(c));
    return k * 4 + 1;
  }
  const d = text.charCodeAt(i + 1);
  if (d < 0xdc00 || d > 0xdfff) return OTHER * 4 + 1;
  const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  let k = astralClass.get(cp);
  if (k === undefined) astralClass.set(cp, (k = classOf(String.fromCodePoint(cp))));
  return k * 4 + 2;
}

/**
 * The lists tokenize fills, copied out at their exact length when a text is done: lists grown a word at a time
 * for every provision allocated about twice what they kept.
 */
let scratch = emptyScratch();
const SCRATCH_KEPT = 1 << 16;

function emptyScratch(): { words: string[]; stems: string[]; starts: number[]; ends: number[] } {
  return { words: [], stems: [], starts: [], ends: [] };
}

/**
 * The words of a text: what the pattern `[\p{L}\p{N}]+(?:['’]\p{L}+)*` matches ("child's", "o'clock", "18"),
 * found by a scan of its own rather than that regex, which allocated a match for every word.
 */
export function tokenize(text: string): Tokens {
  const { words, stems, starts, ends } = scratch;
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    // ASCII first: most text is, and its classes need no table.
    if (c < 0x80 && !((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))) {
      i++;
      continue;
    }
    let x = charAt(text, i);
    if (x >> 2 === OTHER) {
      i += x & 3;
      continue;
    }
    const start = i;
    // [\p{L}\p{N}]+
    do {
      i += x & 3;
      if (i >= n) break;
      x = charAt(text, i);
    } while (x >> 2 !== OTHER);
    // (?:['’]\p{L}+)*: an apostrophe continues the word only when a letter follows it.
    while (i + 1 < n && ((c = text.charCodeAt(i)) === 0x27 || c === 0x2019) && (x = charAt(text, i + 1)) >> 2 === LETTER) {
      i++;
      do {
        i += x & 3;
        if (i >= n) break;
        x = charAt(text, i);
      } while (x >> 2 === LETTER);
    }
    const lx = lexemeAt(text, start, i);
    words[count] = lx.word;
    stems[count] = lx.stem;
    starts[count] = start;
    ends[count] = i;
    count++;
  }
  const out: Tokens = { length: count, words: words.slice(0, count), stems: stems.slice(0, count), starts: starts.slice(0, count), ends: ends.slice(0, count) };
  // Lists that grew for one very long text are not kept for the rest of the run.
  if (count > SCRATCH_KEPT) scratch = emptyScratch();
  return out;
}

/** How phrase words are stemmed: `stem`, or a table of the same stems computed ahead of time. */
type StemOf = (word: string) => string;

function compilePiece(word: string, stemOf: StemOf): Piece {
  if (word === '*') return { t: 'any' };
  if (word === '...') return { t: 'gap', max: 8 };
  if (/^\.\.\d{1,2}$/.test(word)) return { t: 'gap', max: Math.min(20, Number(word.slice(2))) };
  if (word === '#num') return { t: 'num' };
  if (word.includes('|')) {
    const options = word.split('|').filter(Boolean).map((w) => compilePiece(w, stemOf));
    const alt: AltPiece = { t: 'alt', options, stems: new Set(), prefixes: [], any: false, num: false };
    for (const o of options) {
      if (o.t === 'word') alt.stems.add(o.stem);
      else if (o.t === 'prefix') alt.prefixes.push(o.prefix);
      else if (o.t === 'num') alt.num = true;
      else alt.any = true; // any, or a gap (options never hold a further choice: `|` was split on)
    }
    return alt;
  }
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

/**
 * @param cache pieces already compiled with the same `stemOf`, by word: a pack's ≈ 3,400 phrase words are
 *   ≈ 1,200 distinct ones, and compiling is a cold process's work (pieces are never changed, so they can be shared).
 */
export function compilePhrase(concept: string, phrase: string, negative = false, stemOf: StemOf = stem, cache?: Map<string, Piece>): CompiledPhrase {
  const pieces = phraseWords(phrase).map((w) => cachedPiece(w, stemOf, cache));
  return { concept, source: phrase, pieces, negative, next: nextStems(pieces[1]) };
}

/** A phrase's words as they are compiled: lower case, hyphenated words split (the text's tokens are). */
function phraseWords(phrase: string): string[] {
  const words: string[] = [];
  for (const w of phrase.trim().toLowerCase().split(/\s+/)) {
    if (w.includes('|') || w.startsWith('..')) words.push(w);
    else for (const part of w.split('-')) if (part !== '') words.push(part);
  }
  return words;
}

function cachedPiece(word: string, stemOf: StemOf, cache: Map<string, Piece> | undefined): Piece {
  let piece = cache?.get(word);
  if (piece === undefined) {
    piece = compilePiece(word, stemOf);
    cache?.set(word, piece);
  }
  return piece;
}

/** The stems a token must have to match `p`, when `p` matches by stem alone; else null. */
function nextStems(p: Piece | undefined): Set<string> | null {
  if (p?.t === 'word') return (p.alone ??= new Set([p.stem]));
  if (p?.t === 'alt' && !p.any && !p.num && p.prefixes.length === 0) return p.stems;
  return null;
}

type Concepts = Record<string, ConceptDef>;

/** Every phrase and `not:` phrase of the concepts, group alternatives expanded, compiled. */
function compileConcepts(concepts: Concepts, stemOf: StemOf): CompiledPhrase[] {
  const out: CompiledPhrase[] = [];
  const cache = new Map<string, Piece>();
  for (const def of Object.values(concepts)) {
    for (const p of def.phrases) for (const v of expandGroups(p)) out.push(compilePhrase(def.name, v, false, stemOf, cache));
    for (const p of def.not ?? []) for (const v of expandGroups(p)) out.push(compilePhrase(def.name, v, true, stemOf, cache));
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

function pieceMatches(p: Piece, word: string, stemmed: string): boolean {
  switch (p.t) {
    case 'word': return stemmed === p.stem;
    case 'prefix': return word.startsWith(p.prefix);
    case 'alt': {
      // Whether some option matches (see AltPiece).
      if (p.any || p.stems.has(stemmed)) return true;
      for (let k = 0; k < p.prefixes.length; k++) if (word.startsWith(p.prefixes[k])) return true;
      return p.num && isNumber(word);
    }
    case 'any': return true;
    case 'num': return isNumber(word);
    case 'gap': return true;
  }
}

function isNumber(word: string): boolean {
  return /^\d+$/.test(word) || word in NUMBER_WORDS;
}

/** Returns the end index (exclusive) of a match of pieces[k..] starting at token i, or -1. */
function matchFrom(pieces: Piece[], k: number, tokens: Tokens, i: number): number {
  if (k === pieces.length) return i;
  const p = pieces[k];
  if (p.t === 'gap') {
    // Where the piece after the gap is a word test, a position it fails at is skipped without the call that
    // would fail there (most positions: `...` tries up to nine).
    const after = k + 1 < pieces.length && pieces[k + 1].t !== 'gap' ? pieces[k + 1] : null;
    for (let skip = 0; skip <= p.max && i + skip <= tokens.length; skip++) {
      const at = i + skip;
      if (after !== null && (at >= tokens.length || !pieceMatches(after, tokens.words[at], tokens.stems[at]))) continue;
      const end = matchFrom(pieces, k + 1, tokens, at);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (i >= tokens.length || !pieceMatches(p, tokens.words[i], tokens.stems[i])) return -1;
  return matchFrom(pieces, k + 1, tokens, i + 1);
}

/**
 * The phrases whose first word has one stem, in index order (`all`), with the same list cut down by the next
 * token: most candidates fail on the second word, and a cold process walks each in the interpreter.
 * `open`: those whose second piece is not a word or choice of words (or that have none), worth trying whatever
 * follows; `seconds`: every stem the others take second; `bySecond`: for such a stem, the phrases worth trying.
 * All three are made on first use (null until then), so that a short text pays only for the words and word
 * pairs it has.
 */
interface StemEntry {
  all: Slot[];
  open: Slot[] | null;
  seconds: Set<string> | null;
  bySecond: Map<string, Slot[]> | null;
}

/**
 * A phrase in a matcher: its words, the first compiled (to index it); `pieces` and `next` as `compilePhrase`
 * gives them, filled by `ready` when the phrase is first tried (null until then).
 */
interface Slot {
  concept: string;
  source: string;
  negative: boolean;
  words: string[];
  first: Piece;
  pieces: Piece[] | null;
  next: Set<string> | null;
}

// Compiling a matcher stems the phrases' words: ≈ 1,100 phrases in the built-in pack, tens of ms in a cold
// process (≈ 50-70 ms when every word goes through the stemmer), once per matcher. Both caches are keyed by the pack's concepts object, which nothing changes after
// loading; a WeakMap lets a pack and its matcher be collected together.
const matchers = new WeakMap<Concepts, ConceptMatcher>();
/** Stems of the phrase words computed ahead of time (`phraseStems`, kept in the built-in pack's snapshot). */
const knownStems = new WeakMap<Concepts, Record<string, string>>();

/**
 * A set of concepts compiled into one index keyed by the stem of each phrase's first word, so matching a
 * text is one pass over its tokens whatever the number of concepts.
 */
export class ConceptMatcher {
  private byStem = new Map<string, StemEntry>();
  // Prefix phrases are keyed by their first three letters (prefixes shorter than that are refused).
  private byPrefix = new Map<string, Array<{ prefix: string; phrase: Slot }>>();
  /**
   * A word's list in byPrefix (null: none), looked up by the word itself: words come from the lexicon, shared
   * strings whose hash is kept, where cutting the three-letter key for every token made and hashed a new string.
   * Bounded like the lexicon.
   */
  private prefixesOfWord = new Map<string, Array<{ prefix: string; phrase: Slot }> | null>();
  readonly names: Set<string>;
  private stemOf: StemOf;
  private pieces = new Map<string, Piece>();

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
    for (const word of Object.keys(stems)) knownStem.set(word, stems[word]);
  }

  /** The stem table declared for these concepts, if any (to hand on to worker threads with the pack). */
  static stemsOf(concepts: Concepts): Record<string, string> | undefined {
    return knownStems.get(concepts);
  }

  constructor(concepts: Concepts) {
    this.names = new Set(Object.keys(concepts));
    const table = knownStems.get(concepts);
    // Object.hasOwn: a phrase word such as "constructor" must not find Object.prototype's member.
    this.stemOf = table ? (word) => (Object.hasOwn(table, word) ? table[word] : stem(word)) : stem;
    // Only the first word of each phrase is compiled here, to index it; the rest when a text has that word (see
    // `ready`): a short text has the first words of about half of a pack's phrases.
    for (const def of Object.values(concepts)) {
      for (const p of def.phrases) for (const v of expandGroups(p)) this.add(this.slot(def.name, v, false));
      for (const p of def.not ?? []) for (const v of expandGroups(p)) this.add(this.slot(def.name, v, true));
    }
  }

  private slot(concept: string, source: string, negative: boolean): Slot {
    const words = phraseWords(source);
    return { concept, source, negative, words, first: cachedPiece(words[0], this.stemOf, this.pieces), pieces: null, next: null };
  }

  /** Compile the rest of a phrase (what `compilePhrase` makes of it), once. */
  private ready(ph: Slot): Piece[] {
    if (ph.pieces === null) {
      const pieces = [ph.first];
      for (let k = 1; k < ph.words.length; k++) pieces.push(cachedPiece(ph.words[k], this.stemOf, this.pieces));
      ph.pieces = pieces;
      ph.next = nextStems(pieces[1]);
    }
    return ph.pieces;
  }

  private add(ph: Slot): void {
    const first = ph.first;
    const firsts = first.t === 'alt' ? first.options : [first];
    for (const f of firsts) {
      if (f.t === 'word') {
        let entry = this.byStem.get(f.stem);
        if (!entry) this.byStem.set(f.stem, (entry = { all: [], open: null, seconds: null, bySecond: null }));
        // "sell|sells" share a stem: index the phrase once. Phrases are added one at a time, so an earlier
        // entry of this one can only be the last.
        if (entry.all[entry.all.length - 1] === ph) continue;
        entry.all.push(ph);
      } else if (f.t === 'prefix') {
        const key = f.prefix.slice(0, 3);
        let list = this.byPrefix.get(key);
        if (!list) this.byPrefix.set(key, (list = []));
        // Any earlier entry of this phrase is at the end of the list (see above).
        let seen = false;
        for (let j = list.length - 1; j >= 0 && list[j].phrase === ph; j--) if (list[j].prefix === f.prefix) seen = true;
        if (seen) continue;
        list.push({ prefix: f.prefix, phrase: ph });
      }
    }
  }

  /**
   * The phrases of `entry` worth trying when the next token's stem is `next` (undefined: no next token), in
   * index order: those that take any second word, and those whose second word `next` is.
   */
  private candidates(entry: StemEntry, next: string | undefined): Slot[] {
    if (entry.open === null || entry.seconds === null || entry.bySecond === null) {
      // First use of this stem: most of a pack's first words never occur in a short text.
      for (const ph of entry.all) this.ready(ph);
      entry.open = entry.all.filter((ph) => ph.next === null);
      entry.seconds = new Set();
      for (const ph of entry.all) if (ph.next !== null) for (const s of ph.next) entry.seconds.add(s);
      entry.bySecond = new Map();
    }
    if (next === undefined || !entry.seconds.has(next)) return entry.open;
    let list = entry.bySecond.get(next);
    if (!list) entry.bySecond.set(next, (list = entry.all.filter((ph) => ph.next === null || ph.next.has(next))));
    return list;
  }

  /** All concept matches in a token list, negatives (`not:` phrases) already removed. Sorted by position. */
  match(tokens: Tokens): ConceptMatch[] {
    const pos: ConceptMatch[] = [];
    const neg: ConceptMatch[] = [];
    const { length: n, words, stems } = tokens;
    for (let i = 0; i < n; i++) {
      const word = words[i];
      const next = i + 1 < n ? stems[i + 1] : undefined;
      // The first piece of every candidate matches token i (that is how it was found: by the stem of a word,
      // or by a prefix tested here), so each walk starts at the second piece and token i + 1.
      const entry = this.byStem.get(stems[i]);
      // (Indexed loops here and in pieceMatches: a cold process interprets this code, and for-of there allocates an
      // iterator and a result object per step, garbage that costs collections.)
      if (entry) {
        const list = this.candidates(entry, next);
        for (let k = 0; k < list.length; k++) {
          const ph = list[k];
          const end = matchFrom(ph.pieces!, 1, tokens, i + 1);
          if (end > i) (ph.negative ? neg : pos).push({ concept: ph.concept, from: i, to: end });
        }
      }
      let pre = this.prefixesOfWord.get(word);
      if (pre === undefined) {
        pre = this.byPrefix.get(word.slice(0, 3)) ?? null;
        if (this.prefixesOfWord.size < LEXICON_SIZE) this.prefixesOfWord.set(word, pre);
      }
      if (pre) {
        for (let k = 0; k < pre.length; k++) {
          const { prefix, phrase: ph } = pre[k];
          if (!word.startsWith(prefix)) continue;
          const pieces = this.ready(ph);
          if (ph.next !== null && (next === undefined || !ph.next.has(next))) continue;
          const end = matchFrom(pieces, 1, tokens, i + 1);
          if (end > i) (ph.negative ? neg : pos).push({ concept: ph.concept, from: i, to: end });
        }
      }
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
