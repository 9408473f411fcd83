// The concept matcher (src/evaluate/concepts.ts) finds phrases through indexes: by the stem of a phrase's first
// word, cut down by the next token's stem, with a choice of words tested as a set. Those indexes must find exactly
// what the phrase syntax says. The reference here tries every phrase of the built-in pack at every token, reading
// each phrase word by word from its documented syntax, on fixture statutes and on random texts made of the
// pack's own phrase words (where second words, gaps, prefixes and `not:` phrases meet most often).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConceptMatcher, NUMBER_WORDS, expandGroups, tokenize, type Tokens } from '../dist/evaluate/concepts.js';
import { stem } from '../dist/text/natural.js';
import { loadRulePack } from '../dist/rules/index.js';
import { ROOT } from './helpers/cli.js';

const pack = await loadRulePack({ examples: false });
const CORPUS = join(ROOT, '..', 'shared', 'corpus');

interface Phrase {
  concept: string;
  words: string[];
  /** Each word read as a test of one token (gaps: of none, see matchAt). */
  tests: Array<(tokens: Tokens, i: number) => boolean>;
  negative: boolean;
}

/** Every phrase and `not:` phrase, groups expanded, as words (hyphenated words split, as the matcher does). */
const phrases: Phrase[] = Object.values(pack.concepts).flatMap((def) =>
  [...def.phrases.map((p) => [p, false] as const), ...(def.not ?? []).map((p) => [p, true] as const)].flatMap(([p, negative]) =>
    expandGroups(p).map((v) => {
      const words = v.trim().toLowerCase().split(/\s+/).flatMap((w) => (w.includes('|') || w.startsWith('..') ? [w] : w.split('-').filter(Boolean)));
      return { concept: def.name, negative, words, tests: words.map(wordTest) };
    }),
  ),
);

function wordTest(w: string): (tokens: Tokens, i: number) => boolean {
  if (w === '*' || w === '...' || /^\.\.\d{1,2}$/.test(w)) return () => true;
  if (w === '#num') return (t, i) => /^\d+$/.test(t.words[i]) || t.words[i] in NUMBER_WORDS;
  if (w.includes('|')) {
    const options = w.split('|').filter(Boolean).map(wordTest);
    return (t, i) => options.some((o) => o(t, i));
  }
  if (w.endsWith('*') && w.length > 1) return (t, i) => t.words[i].startsWith(w.slice(0, -1));
  const s = stem(w);
  return (t, i) => t.stems[i] === s;
}

/** End (exclusive) of a match of words[k..] from token i, or -1; a gap takes as few words as it can. */
function matchAt(p: Phrase, k: number, tokens: Tokens, i: number): number {
  if (k === p.words.length) return i;
  const w = p.words[k];
  const gap = w === '...' ? 8 : /^\.\.\d{1,2}$/.test(w) ? Math.min(20, Number(w.slice(2))) : -1;
  if (gap >= 0) {
    for (let skip = 0; skip <= gap && i + skip <= tokens.length; skip++) {
      const end = matchAt(p, k + 1, tokens, i + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (i >= tokens.length || !p.tests[k](tokens, i)) return -1;
  return matchAt(p, k + 1, tokens, i + 1);
}

/** Matches as `concept from to`, sorted: what every phrase tried at every token finds, less those a `not:` covers. */
function reference(tokens: Tokens): string[] {
  const pos: Array<{ concept: string; from: number; to: number }> = [];
  const neg: typeof pos = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const p of phrases) {
      const end = matchAt(p, 0, tokens, i);
      if (end <= i) continue;
      // A phrase starts with a word, a prefix or a choice of them (the pack validator refuses anything else).
      // It is found once by the stem of its first word and once by each prefix the token has: a choice such
      // as `sex|sexual*` that matches both ways is reported twice (harmless: findings use concepts, not counts).
      const options = p.words[0].split('|').filter(Boolean);
      const prefixes = new Set(options.filter((o) => o.endsWith('*') && o.length > 1).map((o) => o.slice(0, -1)));
      const times = (options.some((o) => !o.endsWith('*') && tokens.stems[i] === stem(o)) ? 1 : 0) + [...prefixes].filter((x) => tokens.words[i].startsWith(x)).length;
      for (let t = 0; t < times; t++) (p.negative ? neg : pos).push({ concept: p.concept, from: i, to: end });
    }
  }
  return pos
    .filter((m) => !neg.some((n) => n.concept === m.concept && n.from <= m.from && n.to >= m.to))
    .map((m) => `${m.concept} ${m.from} ${m.to}`)
    .sort();
}

function indexed(tokens: Tokens): string[] {
  const found = ConceptMatcher.for(pack.concepts).match(tokens);
  // Sorted by position, as documented.
  for (let k = 1; k < found.length; k++) expect(found[k].from).toBeGreaterThanOrEqual(found[k - 1].from);
  return found.map((m) => `${m.concept} ${m.from} ${m.to}`).sort();
}

describe('ConceptMatcher', () => {
  it('finds in fixture statutes exactly what trying every phrase at every token finds', () => {
    const dir = join(ROOT, 'fixtures', 'statutes');
    let total = 0;
    for (const name of readdirSync(dir).filter((d) => !d.includes('.')).sort()) {
      const file = readdirSync(join(dir, name)).find((f) => f.startsWith('statute.'))!;
      const text = readFileSync(join(dir, name, file), 'utf8');
      for (const paragraph of text.split(/\n\s*\n/)) {
        const tokens = tokenize(paragraph);
        const want = reference(tokens);
        expect(indexed(tokens), paragraph.slice(0, 80)).toEqual(want);
        total += want.length;
      }
    }
    expect(total).toBeGreaterThan(1000);
  });

  it('finds the same in random runs of the phrases\' own words', () => {
    const vocabulary = [...new Set(phrases.flatMap((p) => p.words.flatMap((w) => w.split('|'))))]
      .filter((w) => w !== '' && w !== '*' && w !== '#num' && !w.startsWith('..'))
      .map((w) => (w.endsWith('*') ? `${w.slice(0, -1)}ing` : w))
      .concat(['7', 'seventeen', 'the', 'of', 'constructor']);
    let seed = 20241125;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let total = 0;
    for (let r = 0; r < 150; r++) {
      const words: string[] = [];
      while (words.length < 40) {
        // Whole phrases (with a choice made and gaps filled) between single words, so that phrases do occur.
        const p = phrases[next(phrases.length)];
        if (next(2) === 0) {
          for (const w of p.words) {
            if (w.includes('|')) words.push(w.split('|').filter(Boolean)[0].replace(/\*$/, 'ed'));
            else if (w === '*' || w.startsWith('..')) words.push(vocabulary[next(vocabulary.length)]);
            else if (w === '#num') words.push(String(next(30)));
            else words.push(w.replace(/\*$/, 'ed'));
          }
        } else words.push(vocabulary[next(vocabulary.length)]);
      }
      const tokens = tokenize(words.join(' '));
      const want = reference(tokens);
      expect(indexed(tokens), words.join(' ')).toEqual(want);
      total += want.length;
    }
    expect(total).toBeGreaterThan(1000);
  });
});

describe('tokenize', () => {
  it('reads words with their stems and offsets', () => {
    const t = tokenize('A Child’s sale, sold—selling.');
    expect(t.length).toBe(5);
    expect(t.words).toEqual(['a', "child's", 'sale', 'sold', 'selling']);
    expect(t.stems).toEqual(['a', stem("child's"), stem('sale'), stem('sold'), stem('selling')]);
    expect([t.starts[1], t.ends[1]]).toEqual([2, 9]);
  });

  // tokenize scans for words itself; what it finds must be what the documented pattern finds.
  const WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
  const byPattern = (text: string) => [...text.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length, m[0].toLowerCase().replace(/’/g, "'")]);
  const byScan = (text: string) => {
    const t = tokenize(text);
    return t.words.map((w, i) => [t.starts[i], t.ends[i], w]);
  };

  it('finds the words the pattern finds, in any characters', () => {
    // Letters, digits, apostrophes (straight and curly, doubled, at the ends), accented and combining letters,
    // other scripts, letters and digits outside the BMP (surrogate pairs), lone surrogates, punctuation.
    const pieces = ['a', 'Z', '7', "'", '’', 'é', 'É', 'e\u0301', 'ß', 'Ж', '中', '٣', 'Ⅻ', '𝐀', '𝟎', '\ud835', '\udc00', ' ', '-', '.', '§', '\n', '\u00a0', 'ǅ'];
    let seed = 7;
    // (The high bits: an LCG's low bits repeat with a short period, and would never put some pieces side by side.)
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % pieces.length;
    for (let round = 0; round < 3000; round++) {
      let text = '';
      for (let k = (round % 40) + 1; k > 0; k--) text += pieces[next()];
      expect(byScan(text), JSON.stringify(text)).toEqual(byPattern(text));
    }
  });

  it.skipIf(!existsSync(CORPUS))('finds the words the pattern finds in statutes in three languages', () => {
    let words = 0;
    for (const name of ['ca-code-criminel-fr.md', 'de-stgb.md', 'ph-ra-10175.md', 'ca-federal-acts-en/C-46-criminal-code.md']) {
      const text = readFileSync(join(CORPUS, name), 'utf8');
      // Compared as one line per word: toEqual on half a million small arrays takes seconds.
      const lines = (ws: unknown[][]) => ws.map((w) => w.join(' ')).join('\n');
      const scanned = lines(byScan(text));
      expect(scanned === lines(byPattern(text)), name).toBe(true);
      // The same words again, now remembered: the same strings come back.
      expect(lines(byScan(text)) === scanned, name).toBe(true);
      words += tokenize(text).length;
    }
    expect(words).toBeGreaterThan(500_000);
  });

  it('keeps no text alive through the words it remembers', () => {
    // 200 statute texts of ≈ 240 KB (two-byte strings, as statutes with dashes and curly quotes are), each
    // tokenized through a line cut from it that holds a long word of its own. Were the remembered words slices
    // of what they were read from, ≈ 48 MB of text would stay in memory.
    const script = `
const { tokenize } = await import(${JSON.stringify(new URL('../dist/evaluate/concepts.js', import.meta.url).href)});
gc(); const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 200; i++) {
  const source = Buffer.from('Section text — '.repeat(8000) + ' longwordnumber' + String(i).padStart(5, 'x') + ' end\\n').toString('utf8');
  tokenize(source.slice(source.length - 40));
}
gc(); gc();
process.stdout.write(String((process.memoryUsage().heapUsed - before) / 1e6));`;
    const grownMb = Number(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' }));
    expect(grownMb).toBeLessThan(10);
  });
});
