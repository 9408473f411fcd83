// Markdown → classified lines. The only module that imports unified/remark-parse: the syntax tree is
// flattened here into one `Line` per source line so that the structure stage never sees mdast.
//
// Text is taken from the tree's text and inlineCode nodes by position, so emphasis, links, escapes and
// inline HTML disappear while every character stays on the source line it came from.
//
// Two kinds of input need care, both hostile or huge rather than typical:
// - Deep nesting. The tree is walked with an explicit stack, never by recursion, so no depth of tree can
//   overflow the JS stack here. micromark itself slows down super-linearly with the nesting depth (2,000
//   block quotes on successive lines take tens of seconds), so a file whose block quotes or lists may nest
//   more than MAX_NESTING deep is not parsed as Markdown at all: `parseMarkdown` says so and the caller reads
//   it as plain text (see nestingTooDeep).
// - Size. remark builds the syntax tree of the whole text at once, hundreds of bytes of memory per input
//   byte, so that near V8's default heap a 50 MB statute spends most of its time collecting garbage; and
//   micromark's time grows with the square of the number of list items and block quotes in one text. A
//   large text is therefore parsed in chunks that begin where a top-level block begins (an ATX heading, or
//   an unindented paragraph after a blank line), each chunk's tree walked and dropped before the next is
//   parsed (see chunkPlan, parseInChunks). The lines come out identical to a parse of the whole text.
//
// Speed. micromark parses about 1 MB/s, allocating hundreds of bytes per input byte, and in a short run that
// has to load and compile it, a 20 KB statute takes it tens of milliseconds. Most statute text is simple
// Markdown: ATX headings, paragraphs, `-` lists of paragraphs nested by indentation, `**defined terms**` and
// `*Act titles*`, `[Repealed]` notes, `<details>` blocks. The same top-level blocks the chunks begin at are
// therefore looked at first, and a block made only of such lines is classified directly (see scanPlain); only
// the other blocks go to remark, and each run of them is confirmed to end where the next plain block begins, as
// chunks are. The lines are again identical to remark's (checked on the corpus and in the tests). On the 959
// federal acts remark now reads 2.3 % of the lines.

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { ListItem, Nodes, Parents, Root, RootContent } from 'mdast';
import type { Line, LineKind, SourceText } from '../types.js';
import { blankOutFrontMatter, splitLines } from './lines.js';

const processor = unified().use(remarkParse);

/**
 * Block quotes and lists nested deeper than this are not parsed as Markdown. Statutes nest a handful of
 * levels; micromark's time per byte is still ordinary at 100 levels and grows quickly beyond a few hundred.
 */
export const MAX_NESTING = 100;

/**
 * Texts longer than this (in UTF-16 code units, about bytes) are parsed in chunks of about CHUNK_SIZE.
 * Smaller chunks are faster, since micromark's cost grows with the square of a chunk's list items (the
 * Criminal Code, 2.4 MB: 11 s whole, 4.5 s in 512 KiB chunks, 3.5 s in 128 KiB ones, 2.9 s in 8 KiB ones),
 * and need less memory: a chunk's syntax tree and micromark's events then die young, in V8's young
 * generation, instead of surviving into the old one to be marked and compacted there. On the 959 federal acts
 * (mostly under 256 KiB, which used to be parsed whole): 64 s with one thread and 52 s with two at 256/128
 * KiB, 46 and 39 s at 32/16 KiB, 42 and 34 s at 16/8 KiB, 49 and 36 s at 8/4 KiB, where the cost of each
 * parse starts to tell.
 */
const CHUNK_THRESHOLD = 16 * 1024;
const CHUNK_SIZE = 8 * 1024;

/** Internal knobs, for tests that compare chunked and whole parses; callers leave them alone. */
export interface MarkdownOptions {
  /** Parse in chunks when the text has more than this many characters (default 16 KiB). */
  chunkThreshold?: number;
  /** Target chunk size in characters (default 8 KiB). */
  chunkSize?: number;
  /** Deeper nesting is refused (default MAX_NESTING; tests raise it to exercise the walk on deep trees). */
  maxNesting?: number;
  /** Told of each chunk parsed: its lines, and whether it was used (false: its end was not a safe split). */
  onChunk?: (first: number, last: number, used: boolean) => void;
  /** Classify plain blocks without remark (default true); false gives remark's parse alone, for comparison. */
  fastPath?: boolean;
}

export type MarkdownParse =
  | { ok: true; lines: Line[] }
  /** Not parsed: block quotes or lists may nest more than MAX_NESTING deep from `line` on, up to `depth`. */
  | { ok: false; depth: number; line: number };

interface Acc {
  raw: string[];
  kind: Array<LineKind | undefined>;
  depth: Array<number | undefined>;
  listDepth: Array<number | undefined>;
  parts: string[][];
  len: number[];
  strong: Array<Array<[number, number]> | undefined>;
  /** Added to every line number of the tree being walked: the line before the chunk it was parsed from. */
  base: number;
}

/** Context passed down the walk: what kind the enclosing block gives its lines, list nesting, bold. */
interface Ctx {
  kind: LineKind;
  listDepth: number;
  /** Content column (0-based) of each enclosing list item, outermost first; used to spot lazy lines. */
  itemColumns: number[];
  strong: boolean;
}

const ROOT_CTX: Ctx = { kind: 'paragraph', listDepth: 0, itemColumns: [], strong: false };

export function parseMarkdown(source: SourceText, options: MarkdownOptions = {}): MarkdownParse {
  const raw = splitLines(source.text);
  const n = raw.length;
  const fm = Math.min(source.frontMatterEndLine, n);
  const deep = nestingTooDeep(raw, fm, options.maxNesting ?? MAX_NESTING);
  if (deep) return { ok: false, ...deep };
  const acc: Acc = {
    raw,
    kind: new Array(n + 1),
    depth: new Array(n + 1),
    listDepth: new Array(n + 1),
    parts: new Array(n + 1),
    len: new Array(n + 1).fill(0),
    strong: new Array(n + 1),
    base: 0,
  };
  // Front matter is replaced by empty lines so that remark neither parses it as a setext heading nor shifts
  // the line numbers of what follows.
  const text = fm > 0 ? blankOutFrontMatter(source.text, fm) : source.text;
  const big = text.length > (options.chunkThreshold ?? CHUNK_THRESHOLD);
  const plan = big || options.fastPath !== false ? chunkPlan(text, raw, fm) : null;
  if (plan) {
    parseInChunks(text, raw, fm, plan, { ...options, chunkSize: big ? options.chunkSize : Infinity }, acc);
  } else {
    walkBlocks((processor.parse(text) as Root).children, acc, ROOT_CTX);
  }

  const lines: Line[] = new Array(n);
  for (let i = 1; i <= n; i++) {
    const r = raw[i - 1];
    let kind = acc.kind[i];
    let text: string;
    if (i <= fm) {
      kind = 'frontmatter';
      text = r.trim();
    } else if (kind === undefined) {
      // Not covered by any block: either blank, or a stray line remark folded into a parent (e.g. an empty
      // list item); keep its raw text so no non-blank line is lost.
      kind = r.trim() === '' ? 'blank' : 'paragraph';
      text = r.trim();
    } else {
      const parts = acc.parts[i];
      text = parts ? (parts.length === 1 ? parts[0] : parts.join('')) : '';
      if (kind === 'code' || kind === 'html' || kind === 'rule') text = text || '';
      // A blank source line is blank even inside a code block: blank lines separate units of text.
      if (r.trim() === '') kind = 'blank';
    }
    const line: Line = { line: i, text: kind === 'blank' ? '' : trimKeepingRanges(text, acc.strong, i), kind };
    const hd = acc.depth[i];
    if (hd !== undefined) line.headingDepth = hd;
    const ld = acc.listDepth[i];
    if (ld !== undefined && ld > 0 && kind !== 'blank') line.listDepth = ld;
    const st = acc.strong[i];
    if (st && st.length > 0 && kind !== 'blank') line.strong = st;
    lines[i - 1] = line;
  }
  return { ok: true, lines };
}

// ---------------------------------------------------------------------------------------------------------
// Nesting depth, estimated before parsing

/**
 * An upper bound, from the text alone and in one pass, of how deep block quotes and lists nest: the first
 * line where it passes `limit` and the highest it reaches, or undefined when it never passes.
 *
 * On each line, a container is either continued or opened. Continuing a block quote takes a `>`; continuing
 * a list item takes at least two columns of indentation (its marker and a space); opening one takes a `>` or
 * a list marker. Blank and lazy lines open nothing. So the depth on a line is at most (its `>`s) + (its list
 * markers) + min(indentation / 2, the deepest level so far), and the running maximum of that bounds the
 * depth everywhere. The bound is loose (`> > >` inside a fenced code block counts) but only pathological
 * text comes near MAX_NESTING. A line that ends in three or more of the same `-` or `*` is a thematic break
 * (`- - - -`), not nested list items, so those markers do not count.
 */
function nestingTooDeep(raw: string[], fm: number, limit: number): { depth: number; line: number } | undefined {
  let max = 0;
  let line = 0;
  for (let i = fm; i < raw.length; i++) {
    const r = raw[i];
    let quotes = 0;
    let markers = 0;
    let columns = 0;
    // The last run of identical `-` or `*` markers, with only spaces and tabs between them.
    let runChar = 0;
    let run = 0;
    let j = 0;
    for (;;) {
      const c = r.charCodeAt(j);
      if (c === 32) {
        columns++;
        j++;
      } else if (c === 9) {
        columns += 4;
        j++;
      } else if (c === 62 /* > */) {
        quotes++;
        run = 0;
        j++;
      } else if ((c === 45 || c === 43 || c === 42) /* - + * */ && isMarkerEnd(r, j + 1)) {
        markers++;
        run = c === runChar && run > 0 ? run + 1 : 1;
        runChar = c;
        j++;
      } else if (c >= 48 && c <= 57) {
        let k = j;
        while (k < r.length && k - j < 9 && r.charCodeAt(k) >= 48 && r.charCodeAt(k) <= 57) k++;
        const d = r.charCodeAt(k);
        if ((d !== 46 && d !== 41) /* . ) */ || !isMarkerEnd(r, k + 1)) break;
        markers++;
        run = 0;
        j = k + 1;
      } else break;
    }
    if (j >= r.length && run >= 3 && runChar !== 43) markers -= run;
    const depth = quotes + markers + Math.min(columns >> 1, max);
    if (depth > max) {
      max = depth;
      if (line === 0 && max > limit) line = i + 1;
    }
  }
  return line > 0 ? { depth: max, line } : undefined;
}

/** Only spaces and tabs (stops at the first other character, unlike `trim()`, however long the line). */
function isBlank(r: string): boolean {
  for (let k = 0; k < r.length; k++) {
    const c = r.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** A list marker ends at a space, a tab or the end of the line. */
function isMarkerEnd(r: string, j: number): boolean {
  return j >= r.length || r.charCodeAt(j) === 32 || r.charCodeAt(j) === 9;
}

// ---------------------------------------------------------------------------------------------------------
// Chunked parsing of large texts

interface ChunkPlan {
  /** Lines (1-based, ascending) where a top-level block may begin: where a chunk may begin. */
  candidates: number[];
}

/**
 * Where a large text may be split, or null when it must be parsed whole.
 *
 * A chunk may begin at a line that starts a block at the top level: an ATX heading (`#` in column 0), or
 * after a blank line any unindented line that is not a block quote or list item. Such a line closes every
 * open block quote and list (it can neither continue them, being unindented and without `>`, nor be a lazy
 * line: headings never are, and nothing is after a blank line), and the blocks before it parse the same
 * whether it or the end of the text follows. Unless it is inside a fenced code block or an HTML block, which
 * are followed here with a simple line scanner. The scanner does not know about containers and may be
 * wrong; it only proposes split points, each of which parseInChunks confirms with remark before using it.
 *
 * Link reference definitions (`[x]: url`) apply to the whole document, so a text that may contain one is
 * parsed whole. Statutes almost never use them.
 */
function chunkPlan(text: string, raw: string[], fm: number): ChunkPlan | null {
  // Line numbers below are micromark's; they agree with splitLines only when `\n` is the sole line end.
  if (text.indexOf('\r') >= 0) return null;
  const candidates: number[] = [];
  // Scanner state: outside any block below, in a fence (char and length), or in an HTML block (its kind).
  let fenceChar = 0;
  let fenceLen = 0;
  let html = 0;
  let afterBlank = false;
  for (let i = fm; i < raw.length; i++) {
    const r = raw[i];
    const blank = isBlank(r);
    const prevBlank = afterBlank;
    afterBlank = blank;
    if (mayStartDefinition(raw, i)) return null;
    if (fenceLen > 0) {
      if (closesFence(r, fenceChar, fenceLen)) fenceLen = 0;
      continue;
    }
    if (html > 0) {
      if (html >= 6 ? blank : endsHtml(r, html, 0)) html = 0;
      continue;
    }
    const atx = r.charCodeAt(0) === 35 /* # */ && isAtxHeading(r);
    if (atx || (prevBlank && startsAtMargin(r))) candidates.push(i + 1);
    if (atx) continue;
    let indent = 0;
    while (indent < 4 && r.charCodeAt(indent) === 32) indent++;
    if (indent === 4) continue;
    const c = r.charCodeAt(indent);
    if (c === 96 || c === 126 /* ` ~ */) {
      let k = indent;
      while (r.charCodeAt(k) === c) k++;
      if (k - indent >= 3 && (c === 126 || r.indexOf('`', k) < 0)) {
        fenceChar = c;
        fenceLen = k - indent;
      }
    } else if (c === 60 /* < */) {
      const kind = htmlKind(r, indent);
      if (kind >= 6 || (kind > 0 && !endsHtml(r, kind, indent + 2))) html = kind;
    }
  }
  return candidates.length > 0 ? { candidates } : null;
}

/**
 * Whether a line, coming after a blank line, starts a block of its own at the left margin: it is unindented
 * and neither a block quote nor a list item, which (after a blank line, so it cannot be a lazy line) closes
 * every open block quote and list.
 */
function startsAtMargin(r: string): boolean {
  const c = r.charCodeAt(0);
  if (r.length === 0 || c === 32 || c === 9 || c === 62 /* > */) return false;
  if ((c === 45 || c === 43 || c === 42) && isMarkerEnd(r, 1)) return false;
  if (c >= 48 && c <= 57) {
    let k = 1;
    while (k < r.length && r.charCodeAt(k) >= 48 && r.charCodeAt(k) <= 57) k++;
    const d = r.charCodeAt(k);
    if ((d === 46 || d === 41) && isMarkerEnd(r, k + 1)) return false;
  }
  return true;
}

/** `#` to `######` followed by a space, a tab or the end of the line. */
function isAtxHeading(r: string): boolean {
  let k = 0;
  while (k < 7 && r.charCodeAt(k) === 35) k++;
  return k <= 6 && (k === r.length || r.charCodeAt(k) === 32 || r.charCodeAt(k) === 9);
}

function closesFence(r: string, ch: number, len: number): boolean {
  let indent = 0;
  while (indent < 4 && r.charCodeAt(indent) === 32) indent++;
  if (indent === 4) return false;
  let k = indent;
  while (r.charCodeAt(k) === ch) k++;
  return k - indent >= len && r.slice(k).trim() === '';
}

const HTML_RAW = /^<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_TAG = /^<\/?[A-Za-z]/;

/**
 * The CommonMark kind (1-7) of the HTML block a line starting with `<` at `at` may open, or 0. Kinds 6 and 7
 * (any tag) are not told apart: both end at a blank line. Kind 7 cannot interrupt a paragraph, which makes
 * the scanner see an HTML block where there is none: that only loses split points.
 */
function htmlKind(r: string, at: number): number {
  const s = r.slice(at, at + 12);
  if (HTML_RAW.test(s)) return 1;
  if (s.startsWith('<!--')) return 2;
  if (s.startsWith('<?')) return 3;
  if (s.startsWith('<![CDATA[')) return 5;
  if (/^<![A-Za-z]/.test(s)) return 4;
  if (HTML_TAG.test(s)) return 6;
  return 0;
}

const HTML_END = ['', '', '-->', '?>', '>', ']]>'];

/** Whether the line holds the end of an HTML block of kind 1-5 (searching from `from`). */
function endsHtml(r: string, kind: number, from: number): boolean {
  if (kind === 1) return /<\/(?:script|pre|style|textarea)>/i.test(from > 0 ? r.slice(from) : r);
  return r.indexOf(HTML_END[kind], from) >= 0;
}

/**
 * Whether a link reference definition may start on line `i` (0-based): after any block quote markers, list
 * markers and indentation the line starts with `[`, and `]:` follows within the 999 characters a label may
 * have, on this line or the next ones of the same paragraph.
 */
function mayStartDefinition(raw: string[], i: number): boolean {
  const r = raw[i];
  let j = 0;
  for (;;) {
    const c = r.charCodeAt(j);
    if (c === 32 || c === 9 || c === 62) j++;
    else if ((c === 45 || c === 43 || c === 42) && isMarkerEnd(r, j + 1)) j++;
    else if (c >= 48 && c <= 57) {
      let k = j;
      while (k < r.length && r.charCodeAt(k) >= 48 && r.charCodeAt(k) <= 57) k++;
      const d = r.charCodeAt(k);
      if ((d !== 46 && d !== 41) || !isMarkerEnd(r, k + 1)) return false;
      j = k + 1;
    } else break;
  }
  if (r.charCodeAt(j) !== 91 /* [ */) return false;
  let budget = 1002;
  for (let k = i, from = j; k < raw.length && budget > 0; k++, from = 0) {
    const line = raw[k];
    if (k > i && isBlank(line)) return false; // a label cannot hold a blank line
    if (line.slice(from, from + budget + 2).indexOf(']:') >= 0) return true;
    budget -= line.length - from + 1;
  }
  return false;
}

/**
 * Parses the text block by block and chunk by chunk.
 *
 * The text is cut at the candidate lines into segments, each one or more top-level blocks. A plain segment
 * (plainSegment) whose run of plain segments is long enough to be worth it is classified directly; the
 * others are parsed by remark in chunks. A chunk runs from its first line to a candidate line, that line
 * included: the first line of the next plain segment, or the first candidate after `chunkSize` characters.
 * It is used only when remark, having parsed it, starts a top-level block in column 1 of that line. Then
 * nothing before that line is still open, and the blocks before it are exactly those of the whole text:
 * micromark decides what a line is from the text before it and the line itself, and a block closed before
 * the line does not change with what follows it (reference definitions, which do, are excluded by
 * chunkPlan). Those blocks are walked, and the next chunk or plain segment starts at the candidate line, in
 * the clean state a line has after a closed block. When a candidate is not confirmed (a fence or HTML block
 * the scanner missed), the chunk grows: a plain segment joins it, or the size doubles; at worst the rest of
 * the text is parsed whole. A plain segment never leaves a block open (it ends with a paragraph or heading,
 * and the next candidate follows a blank line or is an ATX heading), so what follows it starts clean too.
 *
 * Each tree is dropped before the next chunk is parsed, so memory holds one chunk's tree at a time, and
 * micromark, which rewrites its whole event list each time a list item or block quote closes, works on one
 * chunk's events at a time.
 */
function parseInChunks(text: string, raw: string[], fm: number, plan: ChunkPlan, options: MarkdownOptions, acc: Acc): void {
  const chunkSize = Math.max(1, options.chunkSize ?? CHUNK_SIZE);
  const n = raw.length;
  // Offset in `text` where each line starts (1-based; start[n + 1] is past the end). Front matter lines are
  // empty in `text`.
  const start = new Float64Array(n + 2);
  for (let i = 1; i <= n; i++) start[i + 1] = start[i] + (i <= fm ? 0 : raw[i - 1].length) + 1;
  const segments = segmentsOf(raw, fm, plan.candidates, options.fastPath !== false);

  /** Parses lines first..split (split included) and walks all but the block starting at `split`, if it does. */
  const chunk = (first: number, split: number): boolean => {
    const local = split - first + 1;
    const blocks = (processor.parse(text.slice(start[first], start[split + 1])) as Root).children;
    const last = blocks[blocks.length - 1] as RootContent | undefined;
    const before = blocks[blocks.length - 2] as RootContent | undefined;
    if (
      last?.position?.start.line === local &&
      last.position.start.column === 1 &&
      (before === undefined || (before.position !== undefined && before.position.end.line < local))
    ) {
      blocks.pop();
      acc.base = first - 1;
      walkBlocks(blocks, acc, ROOT_CTX);
      acc.base = 0;
      options.onChunk?.(first, split - 1, true);
      return true;
    }
    options.onChunk?.(first, split, false);
    return false;
  };

  // First line of the chunk being gathered for remark, or 0 when there is none; the characters it must hold
  // before it is ended at a candidate before a plain segment (`retry`) or another one (`size`). After a refused
  // split both grow to twice the chunk's length, so that text the scanner misreads costs a few parses, not
  // one per segment.
  let first = 0;
  let size = chunkSize;
  let retry = 0;
  const refused = (length: number): void => {
    retry = 2 * length;
    size = Math.max(2 * size, retry);
  };
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k];
    if (seg.fast) {
      const length = first === 0 ? 0 : start[seg.first] - start[first];
      if (first === 0 || (length >= retry && chunk(first, seg.first))) {
        first = 0;
        size = chunkSize;
        retry = 0;
        classifyPlain(raw, seg.first, seg.last, acc);
        continue;
      }
      if (length >= retry) refused(length);
    }
    if (first === 0) first = seg.first;
    const next = segments[k + 1];
    const length = next === undefined ? 0 : start[next.first] - start[first];
    if (next !== undefined && !next.fast && length >= size) {
      if (chunk(first, next.first)) {
        first = 0;
        size = chunkSize;
        retry = 0;
      } else {
        refused(length);
      }
    }
  }
  if (first !== 0) {
    acc.base = first - 1;
    walkBlocks((processor.parse(text.slice(start[first])) as Root).children, acc, ROOT_CTX);
    acc.base = 0;
    options.onChunk?.(first, n, true);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Plain blocks, classified without remark

interface Segment {
  /** Lines (1-based, inclusive). */
  first: number;
  last: number;
  /** Plain, and classified directly. */
  fast: boolean;
}

/**
 * The text cut at the candidate lines, each segment marked plain or not. Every plain segment is classified
 * directly, however short: with chunks of a few KiB, a call to remark costs little more than its text, so
 * giving it short plain segments along with their neighbours saves nothing (the 959 federal acts parse in
 * the same time whether plain runs under 512 bytes go to remark or not, and 20 % slower when runs under
 * 2 KiB do).
 */
function segmentsOf(raw: string[], fm: number, candidates: number[], fastPath: boolean): Segment[] {
  const n = raw.length;
  const firsts = candidates[0] === fm + 1 ? candidates : [fm + 1, ...candidates];
  const segments: Segment[] = [];
  for (let k = 0; k < firsts.length; k++) {
    const first = firsts[k];
    const last = k + 1 < firsts.length ? firsts[k + 1] - 1 : n;
    segments.push({ first, last, fast: fastPath && plainSegment(raw, first, last) });
  }
  return segments;
}

/**
 * Whether lines first..last (1-based) hold only blocks that remark would read as this module reads them
 * directly (see scanPlain). Conservative: anything else is left to remark.
 */
function plainSegment(raw: string[], first: number, last: number): boolean {
  return scanPlain(raw, first, last, undefined);
}

/** Classifies the lines of a plain segment as remark would (see scanPlain). */
function classifyPlain(raw: string[], first: number, last: number, acc: Acc): void {
  scanPlain(raw, first, last, acc);
}

/**
 * Reads lines first..last (1-based) as a run of simple blocks, or says they are not one: an ATX heading (the
 * first line only) or an HTML block of the kind that ends at a blank line (`<details>`, the first line only),
 * then paragraphs and `-` bullet lists of paragraphs, nested by indentation, whose lines no other Markdown
 * construct can claim: none starts a block of another kind or can interrupt a paragraph (`#`, `>`, `+`, `*`
 * and ordered list markers, `=`/`-` underlines, fences, HTML, tables), no block starts indented as code, no
 * indentation holds a tab, and no character has an inline meaning (code, links, HTML, entities, escapes) but
 * `*` emphasis of the simplest kind (see emphasisRuns). Conservative: anything else is left to remark.
 *
 * Without `acc` it only checks; with it, it also classifies, and is then only called on lines it accepted.
 * The classes are those walkBlocks gives remark's tree: an item's first line is `item`; a paragraph's lines
 * have the depth of the items it is in, but for lazy lines (continuation lines indented less than the item's
 * content, see markLazyLines), which have the depth of the items their indentation reaches.
 */
function scanPlain(raw: string[], first: number, last: number, acc: Acc | undefined): boolean {
  let l = first;
  if (htmlBlockStart(raw[first - 1])) {
    // The block runs to the first blank line, whatever its lines hold.
    for (; l <= last && !isBlank(raw[l - 1]); l++) {
      if (!acc) continue;
      acc.kind[l] = 'html';
      push(acc, l, stripTags(raw[l - 1]), false);
    }
  }
  // Content column (0-based) of each open list item, outermost first.
  const cols: number[] = [];
  // The line before is a line of a paragraph, which the next line may continue.
  let inParagraph = false;
  for (; l <= last; l++) {
    const r = raw[l - 1];
    if (isBlank(r)) {
      inParagraph = false;
      continue;
    }
    if (hasInlineSyntax(r)) return false;
    if (l === first && r.charCodeAt(0) === 35 /* # */) {
      const heading = plainHeading(r);
      if (heading === null) return false;
      // The heading's text starts after its `#`s and spaces, so a `*` there has a space before it, as at
      // the start of a line.
      const at = r.indexOf(heading.text);
      const runs = emphasisRuns(r, at, at + heading.text.length);
      if (runs === null) return false;
      if (acc) {
        acc.kind[l] = 'heading';
        acc.depth[l] = heading.depth;
        pushEmphasised(acc, l, r, at, at + heading.text.length, runs);
      }
      continue; // a heading: the next line starts a block
    }
    let indent = 0;
    while (r.charCodeAt(indent) === 32) indent++;
    if (r.charCodeAt(indent) === 9) return false;
    // The open items whose content the line's indentation reaches, and its indentation past the last of them.
    let reached = 0;
    while (reached < cols.length && cols[reached] <= indent) reached++;
    const relative = indent - (reached === 0 ? 0 : cols[reached - 1]);
    if (relative < 4 && isBullet(r, indent)) {
      // A new item (which may interrupt a paragraph, having text): it closes the items the line does not reach.
      const content = indent + 2;
      if (!plainStart(r, content)) return false;
      const runs = emphasisRuns(r, content, r.length);
      if (runs === null) return false;
      cols.length = reached;
      cols.push(content);
      if (acc) {
        acc.kind[l] = 'item';
        acc.listDepth[l] = cols.length;
        pushEmphasised(acc, l, r, content, r.length, runs);
      }
      inParagraph = true;
      continue;
    }
    let depth: number;
    if (inParagraph) {
      // Continuation text (indentation of four or more cannot start a block inside a paragraph); lazy when it
      // does not reach the innermost item's content.
      depth = reached;
    } else {
      // A new paragraph, in the items the line reaches; four columns past them would be code.
      if (relative >= 4) return false;
      cols.length = reached;
      depth = reached;
    }
    if (!plainStart(r, indent)) return false;
    const runs = emphasisRuns(r, 0, r.length);
    if (runs === null) return false;
    if (acc) {
      acc.kind[l] = 'paragraph';
      if (depth > 0) acc.listDepth[l] = depth;
      pushEmphasised(acc, l, r, 0, r.length, runs);
    }
    inParagraph = true;
  }
  return true;
}

/** `- ` then text, at `indent`: a bullet list item with text on its first line, one space after its marker. */
function isBullet(r: string, indent: number): boolean {
  if (r.charCodeAt(indent) !== 45 /* - */ || r.charCodeAt(indent + 1) !== 32) return false;
  const c = r.charCodeAt(indent + 2);
  return c === c && c !== 32 && c !== 9; // c === c: not NaN, there is a character
}

/**
 * The block-level HTML tag names of CommonMark (HTML blocks of kind 6), as micromark lists them: a line that
 * starts with one opens an HTML block that ends at the next blank line, whatever comes between.
 */
const HTML_BLOCK_NAMES = new Set([
  'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption', 'center', 'col', 'colgroup', 'dd',
  'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'iframe', 'legend', 'li', 'link', 'main', 'menu',
  'menuitem', 'nav', 'noframes', 'ol', 'optgroup', 'option', 'p', 'param', 'search', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul',
]);
const HTML_BLOCK_TAG = /^ {0,3}<\/?([A-Za-z][A-Za-z0-9-]*)(?:[ \t>]|\/>|$)/;

/** Whether the line opens an HTML block of kind 6 (`<details>`, `</div>`; up to three spaces before it). */
function htmlBlockStart(r: string): boolean {
  const m = HTML_BLOCK_TAG.exec(r);
  return m !== null && HTML_BLOCK_NAMES.has(m[1].toLowerCase());
}

/**
 * Where `*` emphasis starts and ends in r[from, to): pairs of [start, end) offsets of delimiter runs, opener
 * then closer, or null when a `*` might mean anything else. Accepted only when every run of `*` is one or
 * two long and can, by CommonMark's flanking rules as micromark applies them, either open or close but not
 * both, and the runs alternate opener, closer of the same length. Then each closer matches the opener just
 * before it, whatever else the paragraph holds, and the text is the line without the runs: `**term**` is
 * bold, `*Title*` is emphasis (not bold, as in the walk below). Anything else (`***`, `**a*`, `a**b**c`, a
 * pair across lines, nesting) is left to remark.
 */
function emphasisRuns(r: string, from: number, to: number): number[] | null {
  let k = r.indexOf('*', from);
  if (k < 0 || k >= to) return EMPTY_RUNS;
  const runs: number[] = [];
  let open = true;
  for (; k >= 0 && k < to; k = r.indexOf('*', k)) {
    const a = k;
    while (k < to && r.charCodeAt(k) === 42) k++;
    const len = k - a;
    if (len > 2) return null;
    const before = charClass(r, a - 1, from, to);
    const after = charClass(r, k, from, to);
    const canOpen = after === OTHER || (after === PUNCTUATION && before !== OTHER);
    const canClose = before === OTHER || (before === PUNCTUATION && after !== OTHER);
    if (canOpen === canClose || canOpen !== open) return null;
    if (!open && len !== runs[runs.length - 1] - runs[runs.length - 2]) return null;
    runs.push(a, k);
    open = !open;
  }
  return open ? runs : null;
}

const EMPTY_RUNS: number[] = [];
const WHITESPACE = 1;
const PUNCTUATION = 2;
const OTHER = 0;
const UNICODE_WHITESPACE = /\s/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;

/**
 * micromark's class of the character at k for emphasis: whitespace (also the start and end of the text),
 * punctuation (Unicode P and S, tested one UTF-16 unit at a time as micromark does) or other.
 */
function charClass(r: string, k: number, from: number, to: number): number {
  if (k < from || k >= to) return WHITESPACE;
  const c = r.charCodeAt(k);
  if (c < 128) {
    if (c === 32 || c === 9) return WHITESPACE;
    return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) ? PUNCTUATION : OTHER;
  }
  const s = String.fromCharCode(c);
  return UNICODE_WHITESPACE.test(s) ? WHITESPACE : UNICODE_PUNCTUATION.test(s) ? PUNCTUATION : OTHER;
}

/** Puts r[from, to) on line l without its emphasis runs; text between `**` runs is bold. */
function pushEmphasised(acc: Acc, l: number, r: string, from: number, to: number, runs: number[]): void {
  let at = from;
  for (let k = 0; k < runs.length; k += 4) {
    push(acc, l, r.slice(at, runs[k]), false);
    push(acc, l, r.slice(runs[k + 1], runs[k + 2]), runs[k + 1] - runs[k] === 2);
    at = runs[k + 3];
  }
  push(acc, l, r.slice(at, to), false);
}

/**
 * Characters with a meaning in inline Markdown but `*` (see emphasisRuns), and control characters (micromark
 * replaces NUL). Brackets are text unless `](` follows: the fast path runs only when the text has no link
 * reference definitions (see chunkPlan), and without one `[x]`, `[x][y]` and `[x][]` are not links, so only an
 * inline link or image (`[x](url)`, whose text may start on an earlier line of its paragraph) can form. Statutes
 * bracket a great deal ("[Repealed, 2001, c. 32, s. 4]", "[Amendments]"): before this, those lines went to remark,
 * ten thousand short calls for half of the federal acts.
 */
const INLINE_SYNTAX = /[\\`_<&\x00-\x08\x0b-\x1f]/;

/** Whether a line has inline syntax (see INLINE_SYNTAX); the `](` test apart, as one regex with both runs slower. */
function hasInlineSyntax(r: string): boolean {
  return INLINE_SYNTAX.test(r) || r.includes('](');
}

/**
 * Whether a line whose first non-blank character is at `j` starts nothing but paragraph text: not a heading,
 * block quote, list item (`-`, `+`, `*`, `1.`, `1)`), thematic break, setext underline, fence or table row.
 * (`*` not followed by a space starts text, emphasis at most; emphasisRuns looks at it.)
 */
function plainStart(r: string, j: number): boolean {
  const c = r.charCodeAt(j);
  if (c === 35 || c === 62 || c === 45 || c === 43 || c === 61 || c === 126 || c === 124) return false; // # > - + = ~ |
  if (c === 42 && isMarkerEnd(r, j + 1)) return false; // `* item` (and `* * *`)
  if (c >= 48 && c <= 57) {
    let k = j;
    while (r.charCodeAt(k) >= 48 && r.charCodeAt(k) <= 57) k++;
    // `1.` or `1)` then a space, a tab or the end: a list item. (`12.3 The Minister` is text.)
    if ((r.charCodeAt(k) === 46 || r.charCodeAt(k) === 41) && isMarkerEnd(r, k + 1)) return false;
  }
  return true;
}

/**
 * Depth and text of an ATX heading line in column 1 (`## Title`), or null unless it is a heading with text
 * and no closing `#` sequence (left to remark, like a line whose text starts with `#`).
 */
function plainHeading(r: string): { depth: number; text: string } | null {
  if (!isAtxHeading(r)) return null;
  let depth = 0;
  while (r.charCodeAt(depth) === 35) depth++;
  const text = r.slice(depth).replace(/^[ \t]+/, '');
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  if (end === 0 || text.charCodeAt(end - 1) === 35 || text.charCodeAt(0) === 35) return null;
  return { depth, text: text.slice(0, end) };
}

// ---------------------------------------------------------------------------------------------------------
// The walk

/** Trims the line and shifts its bold ranges by the removed leading whitespace. */
function trimKeepingRanges(text: string, strong: Acc['strong'], i: number): string {
  let start = 0;
  while (start < text.length && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  let end = text.length;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  if (start === 0 && end === text.length) return text;
  const ranges = strong[i];
  if (ranges) {
    const out: Array<[number, number]> = [];
    for (const [a, b] of ranges) {
      const na = Math.max(0, a - start);
      const nb = Math.min(end - start, b - start);
      if (nb > na) out.push([na, nb]);
    }
    strong[i] = out;
  }
  return text.slice(start, end);
}

function setKind(acc: Acc, from: number, to: number, kind: LineKind, ctx: Ctx): void {
  for (let l = from; l <= to; l++) {
    acc.kind[l] = kind;
    if (ctx.listDepth > 0) acc.listDepth[l] = ctx.listDepth;
  }
}

function push(acc: Acc, line: number, s: string, strong: boolean): void {
  if (s === '') return;
  let parts = acc.parts[line];
  if (!parts) parts = acc.parts[line] = [];
  const start = acc.len[line];
  parts.push(s);
  acc.len[line] = start + s.length;
  if (strong) {
    let ranges = acc.strong[line];
    if (!ranges) ranges = acc.strong[line] = [];
    const last = ranges[ranges.length - 1];
    if (last && last[1] === start) last[1] = start + s.length;
    else ranges.push([start, start + s.length]);
  }
}

/** Puts a text value on its lines: each `\n` in an inline text value is a source line break. */
function pushText(acc: Acc, value: string, startLine: number, endLine: number, strong: boolean): void {
  if (value.indexOf('\n') < 0) {
    push(acc, startLine, value, strong);
    return;
  }
  const segs = value.split('\n');
  for (let k = 0; k < segs.length; k++) {
    // A decoded `&#10;` could add a break that is not in the source; keep such text on the node's last line.
    const l = Math.min(startLine + k, endLine);
    push(acc, l, k > 0 && startLine + k > endLine ? ' ' + segs[k] : segs[k], strong);
  }
}

/**
 * The walk's work list, depth first: a block to classify, a list item to enter, or a list item whose
 * contents have been walked (its first line is then marked as the item's).
 */
type Task =
  | { t: 'block'; node: Nodes; ctx: Ctx }
  | { t: 'item'; item: ListItem; ordered: boolean; ctx: Ctx }
  | { t: 'itemEnd'; line: number; listDepth: number; ctx: Ctx };

/** Pushes blocks so that they are popped in document order. */
function pushBlocks(stack: Task[], nodes: readonly Nodes[], ctx: Ctx): void {
  for (let k = nodes.length - 1; k >= 0; k--) stack.push({ t: 'block', node: nodes[k], ctx });
}

/**
 * Classifies the lines of these blocks and of everything inside them, in document order. Iterative, with an
 * explicit stack: block quotes and lists nest as deep as the text says, and recursion would overflow.
 */
function walkBlocks(nodes: readonly Nodes[], acc: Acc, ctx: Ctx): void {
  const stack: Task[] = [];
  pushBlocks(stack, nodes, ctx);
  for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
    if (task.t === 'block') walkBlock(task.node, acc, task.ctx, stack);
    else if (task.t === 'item') enterItem(task.item, task.ordered, acc, task.ctx, stack);
    else {
      acc.kind[task.line] = task.ctx.kind !== 'quote' ? 'item' : 'quote';
      if (acc.listDepth[task.line] === undefined || acc.listDepth[task.line]! < task.listDepth) acc.listDepth[task.line] = task.listDepth;
    }
  }
}

function enterItem(item: ListItem, ordered: boolean, acc: Acc, ctx: Ctx, stack: Task[]): void {
  const ipos = item.position;
  if (!ipos) return;
  const startLine = ipos.start.line + acc.base;
  const endLine = ipos.end.line + acc.base;
  const first = item.children[0];
  // The column where the item's content starts: continuation lines indented less are "lazy" and,
  // read as a lawyer would, belong outside the item (e.g. the words after a list of paragraphs).
  const contentCol = first?.position ? first.position.start.column - 1 : ipos.start.column + 1;
  const inner: Ctx = {
    kind: ctx.kind === 'quote' ? 'quote' : 'paragraph',
    listDepth: ctx.listDepth + 1,
    itemColumns: [...ctx.itemColumns, contentCol],
    strong: ctx.strong,
  };
  for (let l = startLine; l <= endLine; l++) {
    if (acc.listDepth[l] === undefined || acc.listDepth[l]! < inner.listDepth) acc.listDepth[l] = inner.listDepth;
  }
  if (ordered) {
    // An ordered item's number is content in a statute (civil-law paragraph "1.", section "12."), so
    // it is kept as written at the start of the item's first line.
    const r = acc.raw[startLine - 1];
    const m = /^\d{1,9}[.)]/.exec(r.slice(ipos.start.column - 1));
    if (m) push(acc, startLine, m[0] + ' ', ctx.strong);
  }
  // Popped after the item's contents: its first line is the item's whatever the contents made of it.
  stack.push({ t: 'itemEnd', line: startLine, listDepth: inner.listDepth, ctx });
  pushBlocks(stack, item.children as Nodes[], inner);
}

function walkBlock(node: Nodes, acc: Acc, ctx: Ctx, stack: Task[]): void {
  const pos = node.position;
  if (!pos) return;
  const s = pos.start.line + acc.base;
  const e = pos.end.line + acc.base;
  switch (node.type) {
    case 'heading':
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : 'heading', ctx);
      if (ctx.kind !== 'quote') for (let l = s; l <= e; l++) acc.depth[l] = node.depth;
      walkInline(node, acc, ctx.strong);
      return;
    case 'paragraph': {
      const table = ctx.kind !== 'quote' && acc.raw[s - 1].trimStart().startsWith('|');
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : table ? 'table' : ctx.kind, ctx);
      markLazyLines(acc, s, e, ctx);
      walkInline(node, acc, ctx.strong);
      return;
    }
    case 'blockquote':
      pushBlocks(stack, node.children as Nodes[], { ...ctx, kind: 'quote' });
      return;
    case 'list':
      for (let k = node.children.length - 1; k >= 0; k--) stack.push({ t: 'item', item: node.children[k], ordered: node.ordered === true, ctx });
      return;
    case 'code':
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : 'code', ctx);
      for (let l = s; l <= e; l++) push(acc, l, (acc.raw[l - 1] ?? '').trim(), false);
      return;
    case 'html':
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : 'html', ctx);
      // An HTML block left open at the end of the text ends on the line after the last newline, which has no
      // raw line.
      for (let l = s; l <= e; l++) push(acc, l, stripTags(acc.raw[l - 1] ?? ''), false);
      return;
    case 'thematicBreak':
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : 'rule', ctx);
      return;
    case 'definition':
      // A link reference definition has no statute text of its own; keep the raw line.
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : 'paragraph', ctx);
      for (let l = s; l <= e; l++) push(acc, l, (acc.raw[l - 1] ?? '').trim(), false);
      return;
    default:
      if ('children' in node) {
        pushBlocks(stack, (node as Parents).children as Nodes[], ctx);
      } else {
        setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : 'paragraph', ctx);
        for (let l = s; l <= e; l++) push(acc, l, (acc.raw[l - 1] ?? '').trim(), false);
      }
  }
}

/**
 * Lines of a paragraph inside a list item that are indented less than the item's content are lazy
 * continuation lines; give them the list depth of the outer item whose content column they reach.
 */
function markLazyLines(acc: Acc, s: number, e: number, ctx: Ctx): void {
  if (ctx.listDepth === 0 || e === s) return;
  const cols = ctx.itemColumns;
  const innermost = cols[cols.length - 1];
  for (let l = s + 1; l <= e; l++) {
    const r = acc.raw[l - 1];
    let indent = 0;
    while (indent < r.length && (r.charCodeAt(indent) === 32 || r.charCodeAt(indent) === 9)) indent++;
    if (indent >= innermost) continue;
    let d = 0;
    while (d < cols.length && cols[d] <= indent) d++;
    acc.listDepth[l] = d === 0 ? 0 : d;
  }
}

/**
 * Puts the text of a heading's or paragraph's inline content on its lines, in order, bold where inside
 * `strong`. Iterative like walkBlocks: emphasis can nest thousands deep.
 */
function walkInline(node: Parents, acc: Acc, strong: boolean): void {
  const stack: Array<{ node: Nodes; strong: boolean }> = [];
  const pushChildren = (parent: Parents, st: boolean): void => {
    const children = parent.children as Nodes[];
    for (let k = children.length - 1; k >= 0; k--) stack.push({ node: children[k], strong: st });
  };
  pushChildren(node, strong);
  for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
    const child = task.node;
    const pos = child.position;
    switch (child.type) {
      case 'text':
      case 'inlineCode':
        if (pos) pushText(acc, child.value, pos.start.line + acc.base, pos.end.line + acc.base, task.strong);
        break;
      case 'strong':
        pushChildren(child, true);
        break;
      case 'html':
      case 'break':
      case 'image':
      case 'imageReference':
        break;
      default:
        if ('children' in child) pushChildren(child as Parents, task.strong);
    }
  }
}

/** Removes HTML tags from one line (`<summary>Historical Note</summary>` → `Historical Note`). */
function stripTags(line: string): string {
  if (line.indexOf('<') < 0) return line.trim();
  // What line.replace(/<[^>]*>/g, '') does, as a loop: that search restarts at every `<` and scans to the end of
  // the line when no `>` follows (quadratic on a long run of `<`). Once a `<` has no `>` after it, none has.
  let out = '';
  let from = 0;
  for (;;) {
    const open = line.indexOf('<', from);
    if (open < 0) break;
    const close = line.indexOf('>', open + 1);
    if (close < 0) break;
    out += line.slice(from, open);
    from = close + 1;
  }
  return (out + line.slice(from)).trim();
}
