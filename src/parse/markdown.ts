// Markdown → classified lines. The only module that imports unified/remark-parse: the syntax tree is
// flattened here into one `Line` per source line so that the structure stage never sees mdast.
//
// Text is taken from the tree's text and inlineCode nodes by position, so emphasis, links, escapes and
// inline HTML disappear while every character stays on the source line it came from.

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Parents, Root } from 'mdast';
import type { Line, LineKind, SourceText } from '../types.js';
import { blankOutFrontMatter, splitLines } from './lines.js';

const processor = unified().use(remarkParse);

interface Acc {
  raw: string[];
  kind: Array<LineKind | undefined>;
  depth: Array<number | undefined>;
  listDepth: Array<number | undefined>;
  parts: string[][];
  len: number[];
  strong: Array<Array<[number, number]> | undefined>;
}

/** Context passed down the walk: what kind the enclosing block gives its lines, list nesting, bold. */
interface Ctx {
  kind: LineKind;
  listDepth: number;
  /** Content column (0-based) of each enclosing list item, outermost first; used to spot lazy lines. */
  itemColumns: number[];
  strong: boolean;
}

export function markdownLines(source: SourceText): Line[] {
  const raw = splitLines(source.text);
  const n = raw.length;
  const acc: Acc = {
    raw,
    kind: new Array(n + 1),
    depth: new Array(n + 1),
    listDepth: new Array(n + 1),
    parts: new Array(n + 1),
    len: new Array(n + 1).fill(0),
    strong: new Array(n + 1),
  };
  // Front matter is replaced by empty lines so that remark neither parses it as a setext heading nor shifts
  // the line numbers of what follows.
  const fm = Math.min(source.frontMatterEndLine, n);
  const tree = processor.parse(fm > 0 ? blankOutFrontMatter(source.text, fm) : source.text) as Root;
  walkBlocks(tree, acc, { kind: 'paragraph', listDepth: 0, itemColumns: [], strong: false });

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
  return lines;
}

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

function walkBlocks(parent: Parents, acc: Acc, ctx: Ctx): void {
  for (const node of parent.children as Nodes[]) walkBlock(node, acc, ctx);
}

function walkBlock(node: Nodes, acc: Acc, ctx: Ctx): void {
  const pos = node.position;
  if (!pos) return;
  const s = pos.start.line;
  const e = pos.end.line;
  switch (node.type) {
    case 'heading':
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : 'heading', ctx);
      if (ctx.kind !== 'quote') for (let l = s; l <= e; l++) acc.depth[l] = node.depth;
      walkInline(node, acc, ctx);
      return;
    case 'paragraph': {
      const table = ctx.kind !== 'quote' && acc.raw[s - 1].trimStart().startsWith('|');
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : table ? 'table' : ctx.kind, ctx);
      markLazyLines(acc, s, e, ctx);
      walkInline(node, acc, ctx);
      return;
    }
    case 'blockquote':
      walkBlocks(node, acc, { ...ctx, kind: 'quote' });
      return;
    case 'list':
      for (const item of node.children) {
        const ipos = item.position;
        if (!ipos) continue;
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
        for (let l = ipos.start.line; l <= ipos.end.line; l++) {
          if (acc.listDepth[l] === undefined || acc.listDepth[l]! < inner.listDepth) acc.listDepth[l] = inner.listDepth;
        }
        if (node.ordered) {
          // An ordered item's number is content in a statute (civil-law paragraph "1.", section "12."), so
          // it is kept as written at the start of the item's first line.
          const r = acc.raw[ipos.start.line - 1];
          const m = /^\d{1,9}[.)]/.exec(r.slice(ipos.start.column - 1));
          if (m) push(acc, ipos.start.line, m[0] + ' ', ctx.strong);
        }
        walkBlocks(item, acc, inner);
        if (ctx.kind !== 'quote') acc.kind[ipos.start.line] = 'item';
        else acc.kind[ipos.start.line] = 'quote';
        if (acc.listDepth[ipos.start.line] === undefined || acc.listDepth[ipos.start.line]! < inner.listDepth) {
          acc.listDepth[ipos.start.line] = inner.listDepth;
        }
      }
      return;
    case 'code':
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : 'code', ctx);
      for (let l = s; l <= e; l++) push(acc, l, (acc.raw[l - 1] ?? '').trim(), false);
      return;
    case 'html':
      setKind(acc, s, e, ctx.kind === 'quote' ? 'quote' : 'html', ctx);
      for (let l = s; l <= e; l++) push(acc, l, stripTags(acc.raw[l - 1]), false);
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
        walkBlocks(node as Parents, acc, ctx);
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

function walkInline(node: Parents, acc: Acc, ctx: Ctx): void {
  for (const child of node.children as Nodes[]) {
    const pos = child.position;
    switch (child.type) {
      case 'text':
      case 'inlineCode':
        if (pos) pushText(acc, child.value, pos.start.line, pos.end.line, ctx.strong);
        break;
      case 'strong':
        walkInline(child, acc, { ...ctx, strong: true });
        break;
      case 'html':
      case 'break':
      case 'image':
      case 'imageReference':
        break;
      default:
        if ('children' in child) walkInline(child as Parents, acc, ctx);
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
