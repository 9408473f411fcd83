// Builds the provision tree from classified lines in one pass. A stack holds the open divisions and
// cross-headings, the open provision and the open subdivision lists; each line either opens a node (and
// becomes its first own line) or is own text of the deepest open node. Every non-blank line ends up in
// exactly one node's own lines.

import type { Line, NodeKind, ParsedDocument, ProvisionNode, SubdivisionKind } from '../types.js';
import { matchDivision, type DivisionMatch } from './divisions.js';
import { splitLines } from '../parse/lines.js';
import {
  compareOrd,
  isImmediate,
  numberOrd,
  placeMarker,
  readMarkers,
  type Level,
  type MarkerCandidate,
  type MarkerToken,
  type Placement,
} from './markers.js';
import { matchProvision, provisionOrd, type ProvisionMatch, type ProvisionStyle } from './provisions.js';
import { groupsClosedBy, type GroupKind } from './groups.js';
import { quotedBlockEnd } from './quotes.js';
import {
  cleanHeading,
  endsListItem,
  endsMidReference,
  endsWithChapeauMark,
  endsWithPunctuation,
  introducesList,
  isBoldOnly,
  isTitleLike,
  startsLower,
  truncate,
} from './text.js';

/** What the builder knows about a node beyond the public fields; used for citations and definitions. */
export interface NodeInfo {
  /** Markdown heading depth of a division or cross-heading read from a Markdown heading. */
  headingDepth?: number;
  style?: ProvisionStyle;
  range?: boolean;
  /** Step in a heading path: `Part II`, `Section 12`, `(3)`, a cross-heading's text. */
  label: string;
  /** List depth of a subdivision's marker line (0 outside Markdown lists). */
  listDepth: number;
  /** Number of lists started so far under this node (as a parent). */
  listsOpened: number;
  /** The parent's own line just before this subdivision's list began (its chapeau), if any. */
  introLine?: number;
  /** Has own text other than its heading line(s). */
  body: boolean;
}

/** Why a line is not the document's own provision text. */
export const enum LineRole {
  Text = 0,
  Annotation = 1, // a historical note or similar editorial block
  Quoted = 2, // quoted text, e.g. the provision an amending Act inserts
  FrontMatter = 3,
  Heading = 4, // a heading or marginal note
}

export interface Built {
  nodes: ProvisionNode[];
  info: NodeInfo[];
  title: string | null;
  /** Offset of each line's own text within `Line.text` (the stripped marker's length); index = line number. */
  shift: Int32Array;
  /** What each line is (LineRole); index = line number. */
  role: Uint8Array;
  /** Whether any Part, section, article or the like was recognised. */
  structured: boolean;
}

/** No statute divides a provision this deep; beyond it a marker is read as text (and citations stay short). */
const MAX_LEVELS = 16;

const SUBDIVISION_KINDS: SubdivisionKind[] = ['subsection', 'paragraph', 'subparagraph', 'clause', 'subclause', 'item'];

export function buildTree(parsed: ParsedDocument): Built {
  return new TreeBuilder(parsed).run();
}

class TreeBuilder {
  private readonly lines: Line[];
  private readonly markdown: boolean;
  private readonly nodes: ProvisionNode[] = [];
  private readonly info: NodeInfo[] = [];
  private readonly shift: Int32Array;
  private readonly role: Uint8Array;
  private readonly nextNonBlank: Int32Array;
  /** Source lines, consulted only for HTML lines (whose `text` has the tags removed). */
  private readonly raw: string[];

  private groups: number[] = [0];
  private provision = -1;
  private levels: Level[] = [];
  /** How bare numbers (`12.`) are read: unknown until the first provision shows the document's style. */
  private mode: 'unknown' | 'bare' | 'keyword' = 'unknown';
  /** Which division kinds have been seen directly containing which, to nest divisions without depth cues. */
  private readonly contains = new Set<string>();
  private title: string | null = null;
  private pending: { line: number; text: string } | null = null;
  private lastCreated = 0;
  private lastCreatedLine = 0;
  private lastCreatedFromMarkdownHeading = false;
  private currentLineIsMarkdownHeading = false;
  private prevText = '';
  private prevIndex = -1;
  private prevBlank = true;
  private prevHeadingLike = false;
  private inDetails = 0;
  private quotedUntil = -1;
  private structureSeen = false;
  /**
   * Whether all-caps `ARTICLE IV` lines are divisions: in Philippine-style acts the provisions are
   * `Section N.` and Articles group them, as Chapters do; in civil-law codes Articles are the provisions.
   */
  private readonly articleDivisions: boolean;

  constructor(parsed: ParsedDocument) {
    this.lines = parsed.lines;
    this.markdown = parsed.format === 'markdown';
    this.raw = this.markdown ? splitLines(parsed.source.text) : [];
    const n = this.lines.length;
    this.shift = new Int32Array(n + 1);
    this.role = new Uint8Array(n + 1);
    this.nextNonBlank = new Int32Array(n + 1);
    let next = -1;
    for (let i = n - 1; i >= 0; i--) {
      this.nextNonBlank[i] = next;
      if (this.lines[i].kind !== 'blank') next = i;
    }
    this.articleDivisions = articlesGroupSections(this.lines);
    this.nodes.push({
      id: 0,
      kind: 'document',
      number: null,
      heading: null,
      citation: '',
      shortCitation: '',
      parent: null,
      children: [],
      depth: 0,
      startLine: 1,
      endLine: Math.max(1, n),
      lines: [],
    });
    this.info.push({ label: '', listDepth: 0, listsOpened: 0, body: false });
  }

  run(): Built {
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.kind === 'blank') {
        this.prevBlank = true;
        continue;
      }
      this.step(i, line);
      this.prevText = line.text;
      this.prevIndex = i;
      this.prevBlank = false;
    }
    this.flushPending();
    const structured = this.nodes.some((n) => n.kind !== 'document' && n.kind !== 'crossheading');
    return {
      nodes: this.nodes,
      info: this.info,
      title: this.title,
      shift: this.shift,
      role: this.role,
      structured,
    };
  }

  // -------------------------------------------------------------------------------------------------
  // One line

  private step(i: number, line: Line): void {
    const kind = line.kind;
    this.currentLineIsMarkdownHeading = kind === 'heading' && line.headingDepth !== undefined;
    if (kind === 'frontmatter') {
      this.own(0, line, 0, LineRole.FrontMatter);
      return;
    }
    if (kind === 'html') {
      // `<details>` blocks hold editorial notes (historical notes): they close the provision's subdivisions
      // (what follows is not part of its last paragraph) and their lines are annotation, not enacted text.
      const raw = this.raw[line.line - 1] ?? '';
      if (/<details\b/i.test(raw)) {
        this.levels = [];
        this.inDetails++;
      }
      this.append(line, 0, LineRole.Annotation);
      if (/<\/details>/i.test(raw) && this.inDetails > 0) this.inDetails--;
      return;
    }
    if (this.inDetails > 0 && kind !== 'heading') {
      this.append(line, 0, LineRole.Annotation);
      return;
    }
    if (kind === 'quote' || i <= this.quotedUntil) {
      this.append(line, 0, LineRole.Quoted);
      return;
    }
    if (kind === 'rule' || kind === 'table') {
      this.append(line, 0, LineRole.Text);
      return;
    }
    if (kind === 'heading' && line.headingDepth !== undefined) {
      this.inDetails = 0;
      this.markdownHeading(i, line);
      this.prevHeadingLike = true;
      return;
    }
    const headingLike = kind === 'heading' || (this.markdown && isBoldOnly(line));
    if (headingLike && this.headingLikeLine(i, line)) {
      this.prevHeadingLike = true;
      return;
    }
    this.textLine(i, line, headingLike);
    this.prevHeadingLike = headingLike;
  }

  private markdownHeading(i: number, line: Line): void {
    const text = line.text;
    const hd = line.headingDepth;
    if (text === '') {
      this.append(line, 0, LineRole.Heading);
      return;
    }
    const dm = this.division(text, true);
    if (dm) {
      this.openGroup(dm.kind, dm, line, hd);
      return;
    }
    const pm = matchProvision(text, { headingLine: true, bare: true });
    if (pm) {
      this.mode = 'keyword';
      this.openProvision(i, pm, line, true);
      return;
    }
    if (hd === 1 && this.title === null && !this.structureSeen) {
      this.title = text;
      this.own(0, line, 0, LineRole.Heading);
      return;
    }
    this.openGroup('crossheading', null, line, hd);
  }

  /**
   * A plain-text heading line or a bold-only Markdown line: a division, a provision, the heading of the
   * node just opened, a marginal note of the next provision or subsection, a cross-heading, or (for bold
   * lines that are none of these, such as a defined term) ordinary text. Returns false for the last case.
   */
  private headingLikeLine(i: number, line: Line): boolean {
    const text = line.text;
    const dm = this.division(text, true);
    if (dm) {
      this.openGroup(dm.kind, dm, line, undefined);
      return true;
    }
    const pm = matchProvision(text, { headingLine: true, bare: this.bareAllowed() });
    if (pm && (pm.keyworded || this.bareProvisionOk(line, pm, true))) {
      if (pm.keyworded) this.mode = 'keyword';
      else if (this.mode === 'unknown') this.mode = 'bare';
      this.openProvision(i, pm, line, false);
      return true;
    }
    if (pm && !pm.keyworded && readMarkers(text).tokens.length > 0) return false;
    if (this.headingOfLastNode(line)) return true;
    if (isTitleLike(text, 150) || line.kind === 'heading') {
      const j = this.nextNonBlank[i];
      if (j >= 0 && this.startsNumberedUnit(j)) {
        this.flushPending();
        this.pending = { line: i, text: cleanHeading(text) };
        this.role[line.line] = LineRole.Heading;
        return true;
      }
    }
    if (line.kind !== 'heading') return false;
    if (!this.structureSeen) {
      if (this.title === null) this.title = text;
      this.own(0, line, 0, LineRole.Heading);
      return true;
    }
    this.openGroup('crossheading', null, line, undefined);
    return true;
  }

  /** The heading of a division or provision written on the line after its number (`PART II` / `OFFENCES`). */
  private headingOfLastNode(line: Line): boolean {
    const id = this.lastCreated;
    const last = this.nodes[id];
    if (
      id > 0 &&
      this.prevIndex >= 0 &&
      this.lines[this.prevIndex].line === this.lastCreatedLine &&
      last.heading === null &&
      !this.info[id].body &&
      last.children.length === 0 &&
      last.kind !== 'crossheading' &&
      !isSubdivision(last.kind) &&
      (line.listDepth ?? 0) === 0 &&
      isTitleLike(line.text, 150) &&
      readMarkers(line.text).tokens.length === 0
    ) {
      last.heading = cleanHeading(line.text);
      this.own(id, line, 0, LineRole.Heading);
      return true;
    }
    return false;
  }

  /** A division heading, counting `ARTICLE IV` as one where Articles group the sections. */
  private division(text: string, lenient: boolean): DivisionMatch | null {
    if (this.articleDivisions) {
      const m = ARTICLE_DIVISION.exec(text.trim());
      if (m) {
        const heading = m[2] ? cleanHeading(m[2]) : '';
        return { kind: 'division', keyword: 'Article', number: m[1], label: `Article ${m[1]}`, heading: heading === '' ? null : heading };
      }
    }
    return matchDivision(text, lenient);
  }

  /** Whether line j opens a provision without its own heading, or a numbered subsection `(4.1)`. */
  private startsNumberedUnit(j: number): boolean {
    const l = this.lines[j];
    if (l.kind === 'quote' || l.kind === 'html' || (l.listDepth ?? 0) > 1) return false;
    const headingLine = l.kind === 'heading';
    const pm = matchProvision(l.text, { headingLine, bare: this.bareAllowed() });
    if (pm && (pm.keyworded || headingLine || this.mode !== 'keyword')) return pm.heading === null;
    const chain = readMarkers(l.text);
    if (chain.tokens.length === 0) return false;
    const first = chain.tokens[0];
    return first.style === '()' && first.cands[0].key.startsWith('int');
  }

  private textLine(i: number, line: Line, headingLike: boolean): void {
    const text = line.text;
    const listDepth = line.listDepth ?? 0;
    const continuation = !this.prevBlank && this.prevIndex === i - 1 && endsMidReference(this.prevText);
    if (!continuation && line.kind !== 'item' && listDepth === 0) {
      const dm = this.division(text, false);
      if (dm) {
        this.openGroup(dm.kind, dm, line, undefined);
        return;
      }
    }
    if (!continuation && listDepth <= 1) {
      const next = this.lines[i + 1];
      const standalone = (this.prevBlank || this.prevIndex < 0) && (next === undefined || next.kind === 'blank');
      const pm = matchProvision(text, { headingLine: false, bare: this.bareAllowed(), standalone });
      if (pm && (pm.keyworded ? this.keywordProvisionOk() : this.bareProvisionOk(line, pm, headingLike))) {
        if (pm.keyworded) this.mode = 'keyword';
        else if (this.mode === 'unknown') this.mode = 'bare';
        this.openProvision(i, pm, line, false);
        return;
      }
    }
    if (!continuation) {
      const chain = readMarkers(text);
      if (chain.tokens.length > 0 && (line.kind === 'item' || this.markerLineOk(chain.tokens[0]))) {
        this.markQuotedBlock(i, text.slice(chain.end));
        this.openSubdivisions(i, line, chain.tokens, chain.end);
        return;
      }
    }
    // A plain line after a Markdown heading is body text; only a division or provision found in running
    // text (`CHAPTER II` / `PUNISHABLE ACTS`) takes its heading from the next line.
    if (!continuation && !this.lastCreatedFromMarkdownHeading && this.headingOfLastNode(line)) return;
    this.markQuotedBlock(i, text);
    this.unmarkedText(line);
  }

  /** `1.` and `a)` are common at the start of wrapped lines; they count only after a break in the text. */
  private markerLineOk(tok: MarkerToken): boolean {
    if (tok.style === '()') return true;
    return this.prevBlank || this.prevHeadingLike || endsWithPunctuation(this.prevText) || endsListItem(this.prevText);
  }

  /** `Section 12.` in running text starts a provision only after a break (not mid-sentence after a wrap). */
  private keywordProvisionOk(): boolean {
    return this.prevBlank || this.prevHeadingLike || endsWithPunctuation(this.prevText) || this.prevIndex < 0;
  }

  private bareAllowed(): boolean {
    return this.mode !== 'keyword' && !this.inSchedule();
  }

  private inSchedule(): boolean {
    for (let k = this.groups.length - 1; k > 0; k--) if (this.nodes[this.groups[k]].kind === 'schedule') return true;
    return false;
  }

  /**
   * A bare number starts a provision only where the document numbers its provisions that way, after a
   * break in the text, and in sequence: section 6 after section 5, not a paragraph `2.` of a list inside
   * section 1.
   */
  private bareProvisionOk(line: Line, pm: ProvisionMatch, headingLike: boolean): boolean {
    if (!this.bareAllowed()) return false;
    if ((line.listDepth ?? 0) > 1) return false;
    if (!(this.prevBlank || this.prevHeadingLike || this.prevIndex < 0 || endsWithPunctuation(this.prevText))) return false;
    if (this.provision >= 0) {
      const cur = this.nodes[this.provision].number ?? '0';
      if (compareOrd(provisionOrd(pm.number), provisionOrd(cur)) <= 0) return false;
      if (endsWithChapeauMark(this.prevText) && !headingLike) return false;
      const ord = numberOrd(pm.number);
      if (this.levels.some((l) => l.key === 'int.' && isImmediate(l.ord, ord))) return false;
    }
    return true;
  }

  // -------------------------------------------------------------------------------------------------
  // Opening nodes

  private newNode(kind: NodeKind, parent: number, number: string | null, heading: string | null, label: string): number {
    const id = this.nodes.length;
    this.lastCreatedFromMarkdownHeading = this.currentLineIsMarkdownHeading;
    const p = this.nodes[parent];
    this.nodes.push({
      id,
      kind,
      number,
      heading,
      citation: '',
      shortCitation: '',
      parent,
      children: [],
      depth: p.depth + 1,
      startLine: 0,
      endLine: 0,
      lines: [],
    });
    this.info.push({ label, listDepth: 0, listsOpened: 0, body: false });
    p.children.push(id);
    this.lastCreated = id;
    return id;
  }

  private openGroup(kind: GroupKind, dm: DivisionMatch | null, line: Line, headingDepth: number | undefined): void {
    this.flushPending();
    // The same division heading repeated (a plain `CHAPTER II` line and then `## CHAPTER II - …`) is one node.
    const last = this.lastCreated;
    if (dm && dm.number !== null && last > 0 && this.groups[this.groups.length - 1] === last) {
      const n = this.nodes[last];
      if (n.kind === dm.kind && n.number === dm.number && n.children.length === 0 && !this.info[last].body) {
        if (n.heading === null && dm.heading) n.heading = dm.heading;
        if (headingDepth !== undefined) this.info[last].headingDepth = headingDepth;
        this.own(last, line, 0, LineRole.Heading);
        this.lastCreatedLine = line.line;
        return;
      }
    }
    this.provision = -1;
    this.levels = [];
    this.popGroups(kind, headingDepth);
    const parent = this.groups[this.groups.length - 1];
    const heading = dm ? dm.heading : cleanHeading(line.text) || line.text;
    const label = dm ? dm.label : truncate(heading ?? '', 60);
    const id = this.newNode(kind, parent, dm ? dm.number : null, heading, label);
    if (headingDepth !== undefined) this.info[id].headingDepth = headingDepth;
    const pk = this.nodes[parent].kind;
    if (kind !== 'crossheading' && pk !== 'document' && pk !== 'crossheading') this.contains.add(`${pk}>${kind}`);
    this.groups.push(id);
    this.own(id, line, 0, LineRole.Heading);
    this.lastCreatedLine = line.line;
    if (kind !== 'crossheading') this.structureSeen = true;
  }

  private popGroups(kind: GroupKind, hd: number | undefined): void {
    const open = this.groups.map((g) => ({ kind: this.nodes[g].kind, headingDepth: this.info[g].headingDepth }));
    this.groups.length -= groupsClosedBy(open, kind, hd, this.contains);
  }

  private openProvision(i: number, pm: ProvisionMatch, line: Line, fromMarkdownHeading: boolean): void {
    const text = line.text;
    // The same provision announced twice (a `### Section 4. …` heading, then `Section 4. … — text`).
    const cur = this.provision;
    if (cur >= 0 && this.nodes[cur].number === pm.number && this.nodes[cur].children.length === 0 && !this.info[cur].body) {
      const n = this.nodes[cur];
      if (n.heading === null && pm.heading) n.heading = pm.heading;
      this.flushPending();
      const chain = readMarkers(text, pm.bodyStart);
      if (chain.tokens.length > 0) {
        this.openSubdivisions(i, line, chain.tokens, chain.end);
        return;
      }
      this.own(cur, line, pm.bodyStart, LineRole.Text);
      if (pm.bodyStart < text.length) this.info[cur].body = true;
      return;
    }
    this.levels = [];
    const parent = this.groups[this.groups.length - 1];
    const kind = pm.kind;
    const word = pm.style === '§' ? (pm.range ? '§§' : '§') : pm.kind === 'article' ? (pm.range ? 'Articles' : 'Article') : pm.range ? 'Sections' : 'Section';
    const id = this.newNode(kind, parent, pm.number, pm.heading, `${word} ${pm.number}`);
    this.info[id].style = pm.style;
    this.info[id].range = pm.range;
    this.provision = id;
    this.structureSeen = true;
    this.lastCreatedLine = line.line;
    const pend = this.takePending(id);
    if (pend && this.nodes[id].heading === null) this.nodes[id].heading = pend;
    const afterNumber = pm.textStart;
    const chain = readMarkers(text, pm.bodyStart);
    if (chain.tokens.length > 0 && !fromMarkdownHeading) {
      this.openSubdivisions(i, line, chain.tokens, chain.end);
      return;
    }
    this.own(id, line, afterNumber, fromMarkdownHeading ? LineRole.Heading : LineRole.Text);
    if (!fromMarkdownHeading && pm.bodyStart < text.length) this.info[id].body = true;
    this.markQuotedBlock(i, text.slice(pm.bodyStart));
  }

  private openSubdivisions(i: number, line: Line, tokens: MarkerToken[], textStart: number): void {
    const listDepth = line.listDepth ?? 0;
    let created = -1;
    for (let k = 0; k < tokens.length; k++) {
      const tok = tokens[k];
      if (k > 0 && this.levels.length >= MAX_LEVELS) {
        // Too deep to be a real subdivision: the remaining markers stay in the text.
        textStart = tok.start;
        break;
      }
      const next = k === tokens.length - 1 && tok.cands.length > 1 ? this.lookahead(i) : undefined;
      // Markers after the first on one line (`(a)(1)(A)`) each open a list inside the one before.
      const placement: Placement =
        k === 0
          ? placeMarker(this.levels, tok.cands, {
              listDepth: this.markdown ? listDepth : undefined,
              next,
              chapeau: endsWithChapeauMark(this.prevText),
            })
          : {
              level: this.levels.length,
              cand: tok.cands.find((c) => !this.levels.some((l) => l.key === c.key)) ?? tok.cands[0],
              fresh: true,
            };
      if (k === 0 && placement.level >= MAX_LEVELS) {
        this.unmarkedText(line);
        return;
      }
      const container = this.provision >= 0 ? this.provision : this.groups[this.groups.length - 1];
      const parent = placement.level === 0 ? container : this.levels[placement.level - 1].node;
      const kind = this.subdivisionKind(placement.level, container, placement.level === 0 ? placement.cand.key : this.levels[0].key);
      const id = this.newNode(kind, parent, tok.number, null, `(${tok.number})`);
      const inf = this.info[id];
      inf.listDepth = listDepth;
      if (placement.fresh && !placement.restart) {
        this.info[parent].listsOpened++;
        const pl = this.nodes[parent].lines;
        if (pl.length > 0) inf.introLine = pl[pl.length - 1].line;
      } else if (placement.level < this.levels.length) {
        // Continuing a list: the same introduction as the marker it follows.
        inf.introLine = this.info[this.levels[placement.level].node].introLine;
      }
      this.levels.length = placement.level;
      this.levels.push({ key: placement.cand.key, ord: placement.cand.ord, node: id, listDepth });
      if (k === 0) {
        const pend = this.takePending(id);
        if (pend) this.nodes[id].heading = pend;
      }
      created = id;
    }
    this.structureSeen = true;
    this.lastCreatedLine = line.line;
    const node = this.nodes[created];
    const rest = line.text.slice(textStart);
    if (node.heading === null) {
      // A run-in heading after the marker: `(a) In General.—Any person …`, `(1) Illegal Access. — The …`.
      const run = /^(.{1,120}?)\.\s*[—–]+\s*/.exec(rest);
      if (run && isTitleLike(run[1], 120)) node.heading = cleanHeading(run[1]);
    }
    this.own(created, line, textStart, LineRole.Text);
    if (rest !== '') this.info[created].body = true;
  }

  private subdivisionKind(level: number, container: number, firstKey: string): SubdivisionKind {
    const c = this.nodes[container];
    let offset = 0;
    if (c.kind === 'article') offset = 1;
    else if (c.kind === 'section') {
      // Commonwealth `s. 12(a)`: a provision divided straight into lettered items calls them paragraphs;
      // in the US Code `§ 2251(a)` is a subsection.
      if (this.info[container].style !== '§' && firstKey.startsWith('lower')) offset = 1;
    } else offset = 1;
    return SUBDIVISION_KINDS[Math.min(level + offset, SUBDIVISION_KINDS.length - 1)];
  }

  /** Readings of the next marker in the same provision, to settle `(i)` after `(h)` and the like. */
  private lookahead(i: number): MarkerCandidate[] | undefined {
    let j = this.nextNonBlank[i];
    for (let steps = 0; j >= 0 && steps < 60; steps++) {
      const l = this.lines[j];
      if (l.kind === 'heading' && l.headingDepth !== undefined) return undefined;
      if (l.kind !== 'quote' && l.kind !== 'html') {
        const chain = readMarkers(l.text);
        if (chain.tokens.length > 0) return chain.tokens[0].cands;
        if (matchProvision(l.text, { headingLine: false, bare: false })) return undefined;
      }
      j = this.nextNonBlank[j];
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------
  // Text

  private unmarkedText(line: Line): void {
    const levels = this.levels;
    let popped = false;
    if (this.markdown && levels.length > 0) {
      // Words after a Markdown list, outside its items, belong to the list's parent (the "flush" text).
      const ld = line.listDepth ?? 0;
      while (levels.length > 0 && levels[levels.length - 1].listDepth > ld) {
        levels.pop();
        popped = true;
      }
    }
    const sameDepth = levels.length > 0 && levels[levels.length - 1].listDepth === (line.listDepth ?? 0);
    const closingWords = startsLower(line.text) && endsListItem(this.prevText);
    // A new paragraph after a finished list (`(c) … .` / blank / `An intermediary that fails …`) belongs to
    // the unit that introduced the list, not to its last item.
    const nextParagraph = !startsLower(line.text) && /\.$/.test(this.prevText.trimEnd()) && levels.length > 0 &&
      introducesList(this.lastOwnText(levels.length >= 2 ? levels[levels.length - 2].node : this.provision >= 0 ? this.provision : this.groups[this.groups.length - 1]));
    if (!popped && this.prevBlank && sameDepth && (closingWords || nextParagraph)) {
      // `(b) …, or` / blank / `is guilty of an offence …`: closing words that finish the sentence begun by
      // the list's chapeau; with nested lists, the outermost chapeau (`Any person who— (5) either— (B) …
      // that— (ii) …, / shall be punished …` belongs to the `Any person who—` unit).
      const container = this.provision >= 0 ? this.provision : this.groups[this.groups.length - 1];
      levels.pop();
      while (levels.length > 0) {
        const parent = levels.length >= 2 ? levels[levels.length - 2].node : container;
        if (!introducesList(this.lastOwnText(parent))) break;
        levels.pop();
      }
    }
    const target = this.current();
    this.append(line, 0, LineRole.Text);
    if (line.text !== '') this.info[target].body = true;
  }

  /** In plain text an amending provision's inserted text is quoted across lines: “5A. … ”. */
  private markQuotedBlock(i: number, text: string): void {
    const end = quotedBlockEnd(this.lines, i, text);
    if (end > this.quotedUntil) this.quotedUntil = end;
  }

  // -------------------------------------------------------------------------------------------------
  // Own lines

  private current(): number {
    if (this.levels.length > 0) return this.levels[this.levels.length - 1].node;
    if (this.provision >= 0) return this.provision;
    return this.groups[this.groups.length - 1];
  }

  private append(line: Line, shift: number, role: LineRole): void {
    this.flushPending();
    this.own(this.current(), line, shift, role);
  }

  private own(id: number, line: Line, shift: number, role: LineRole): void {
    const s = Math.min(shift, line.text.length);
    this.nodes[id].lines.push({ line: line.line, text: s > 0 ? line.text.slice(s) : line.text });
    this.shift[line.line] = s;
    this.role[line.line] = role;
  }

  private takePending(id: number): string | null {
    const p = this.pending;
    if (!p) return null;
    this.pending = null;
    this.own(id, this.lines[p.line], 0, LineRole.Heading);
    return p.text;
  }

  private flushPending(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.own(this.current(), this.lines[p.line], 0, LineRole.Text);
  }

  /** The node's last own words, leaving out its heading or marginal note. */
  private lastOwnText(id: number): string {
    const n = this.nodes[id];
    for (let k = n.lines.length - 1; k >= 0; k--) {
      const t = n.lines[k].text;
      if (t !== '' && t !== n.heading && this.role[n.lines[k].line] !== LineRole.Heading) return t;
    }
    return '';
  }
}

function isSubdivision(kind: NodeKind): boolean {
  return SUBDIVISION_KINDS.includes(kind as SubdivisionKind);
}

/** An all-caps `ARTICLE IV` or `ARTICLE 4 — PENALTIES` line (the title often on the next line). */
const ARTICLE_DIVISION = /^ARTICLE\s+([IVXLC]+|\d+)\s*(?:[-—–:.]\s*([^a-z]*))?$/;
const SECTION_OPENING = /^(?:Section|SECTION|Sec\.|SEC\.)\s+\d+[A-Za-z]?\s*[.:—–-]/;
const ARTICLE_OPENING = /^(?:Article|Art\.|ARTICLE|ART\.)\s+\d+[A-Za-z]?\s*[.:—–-]?/;

/**
 * Whether the document's provisions are `Section N.` with all-caps `ARTICLE` lines over them: at least two
 * sections, an ARTICLE line, and far fewer numbered Articles opening lines than Sections.
 */
function articlesGroupSections(lines: Line[]): boolean {
  let sections = 0;
  let articleProvisions = 0;
  let articleLines = 0;
  for (const l of lines) {
    if (l.kind === 'blank' || l.kind === 'quote') continue;
    const t = l.text.trim();
    if (SECTION_OPENING.test(t)) sections++;
    else if (ARTICLE_DIVISION.test(t)) articleLines++;
    else if (ARTICLE_OPENING.test(t)) articleProvisions++;
  }
  return articleLines > 0 && sections >= 2 && articleProvisions * 4 < sections;
}
