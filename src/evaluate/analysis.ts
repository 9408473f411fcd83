// What a lawyer notes about each provision before judging any measure: which words express which concepts,
// whether the provision is an exception or a policy statement, whether it creates an offence (directly,
// through the chapeau of its list, or through a penalty clause that refers to it), what penalty attaches,
// and which defined terms it uses. Computed once per document and shared by every rule.
import type { Definition, Evidence, ProvisionNode, SharedDefinition, StatuteDocument } from '../types.js';
import { ConceptMatcher, tokenize, type ConceptMatch, type Tokens } from './concepts.js';
import { readPenalty, type PenaltyInfo } from './penalties.js';
import { findAges, type AgeMention } from './ages.js';

/** Concepts the engine itself relies on; every rule pack must define them (checked at load time). */
export const ENGINE_CONCEPTS = [
  'offence-language', // creates an offence or attaches a punishment
  'prohibition', // "shall not", "no person shall", "it shall be unlawful"
  'contravention', // "contravenes", "violates", "fails to comply with"
  'exception', // "nothing in this section", "does not apply", "it is a defence"
  'policy', // "it is hereby declared the policy", "the State shall endeavour", "whereas"
  'child', // child, minor, young person, person under N
] as const;

const PROVISION_KINDS = new Set(['section', 'article']);
// A cited provision's number and the description in brackets after it ("section 163.1 (child pornography)"), also
// when the number is followed by the act it is in ("section 12 of the Criminal Offences Act (possession of …)",
// "section 2252 of this title (relating to …)"), and when it has a letter ("section 2251A (selling or buying of
// children)", "§ 184b (…)"). Case matters only in the act's name, which starts with capitals.
const CITED_DESCRIPTION = /(?<![\d.])\b\d+(?:\.\d+)*[A-Za-z]{0,2}(?:\([0-9a-zA-Z.]{1,6}\))*(?:\s+of\s+(?:the(?:\s+[A-Z][\w'’-]*){0,8}?\s+(?:Act|Code|Law|Ordinance|Decree|Statute)(?:,?\s+\d{4})?|this\s+(?:title|chapter|subchapter|part|Part|Act|Code|Law)|title\s+\d+(?:,\s+United\s+States\s+Code)?))?\s\([^()]{1,120}\)/g;
/** Words at the start of a definition that say what the term is (see the constructor). */
const DEFINITION_HEAD = 60;
const SUB_KINDS = new Set(['subsection', 'paragraph', 'subparagraph', 'clause', 'subclause', 'item']);
const EXCEPTION_HEADING = /\b(defen[cs]es?|exceptions?|exemptions?|saving|exclusions?|non-application)\b/i;
const POLICY_HEADING = /\b(declaration of (state )?policy|policy|objects?|objectives?|purposes?|preamble|principles|guiding principles|explanatory (memorandum|note|statement)|memorandum|recitals?|illustrations?)\b/i;
/** A Markdown footnote: `[^1]: …` (see analyseNode). */
const FOOTNOTE_DEFINITION = /^\s*\[\^[^\]]{1,40}\]:/;
/** The line that opens a section's illustrations (see the constructor). */
const ILLUSTRATIONS_LINE = /^\W*(?:illustrations?|examples?)\W*$/i;
// A document titled as an explanatory memorandum or notes explains a bill, and may quote other laws: nothing in it
// is enacted. (Only at the start of the title: "… Memorandum of Understanding Implementation Act" is an act.)
const NON_ENACTING_TITLE = /^\W*(?:explanatory (?:memorandum|notes?|statement)|memorandum (?:to|on|of reasons)|statement of reasons)\b/i;

export interface NodeInfo {
  text: string;
  tokens: Tokens;
  /** Start offset in `text` of each own line it holds, to map a match back to its source line ... */
  lineStarts: number[];
  /** ... and that line's number (headings and footnotes are left out of `text`, so not every line is there). */
  lineNumbers: number[];
  matches: ConceptMatch[];
  concepts: Set<string>;
  /**
   * Token ranges that are not the provision's own words: exceptions ("... except where") to the end of their
   * sentence, descriptions of cited or repealed provisions, what a definition excludes.
   */
  excludedRanges: Array<[number, number]>;
  isException: boolean;
  isPolicy: boolean;
  isDefinition: boolean;
  /** Positive matches by concept, filled on first use by `positive()`. */
  byConcept: Map<string, ConceptMatch[]> | undefined;
  /** Age thresholds stated in `text`, found on first use by `ages()` (several rules ask for the same nodes). */
  ages: AgeMention[] | undefined;
}

export interface DefinitionInfo {
  def: Definition;
  /** Concepts the definition's text expresses (a defined term carries them into provisions using it). */
  concepts: Set<string>;
  /** Concepts the defined term itself expresses ("child sexual abuse material" → abuse material). */
  termConcepts: Set<string>;
  termTokens: string[];
  ages: AgeMention[];
  /** For a definition applied from another document (config `definitionsFrom`): where it stands there. */
  foreign?: Evidence;
}

export interface OffenceLink {
  /** Nodes whose text supplies the offence language / penalty for this node. */
  penaltyNodes: number[];
  /** True when only a bare prohibition was found with no penalty anywhere. */
  prohibitionOnly: boolean;
}

export class DocAnalysis {
  readonly doc: StatuteDocument;
  readonly info: NodeInfo[];
  private offenceCache = new Map<number, OffenceLink | null>();
  private generalPenaltyNodes: Array<{ nodeId: number; scopeRoot: number }> = [];
  private incomingPenalty = new Map<number, number[]>();
  private refsFrom = new Map<number, StatuteDocument['crossReferences']>();
  private definitionsByNode = new Map<number, Definition[]>();
  private definitionConcepts: DefinitionInfo[];
  private definitionsByFirstStem = new Map<string, DefinitionInfo[]>();
  private unitIds: number[] | undefined;
  private chains: Array<number[] | undefined> = [];
  private chainsWithReferences: Array<number[] | undefined> = [];

  /**
   * @param imported definitions this document applies from other documents (config `definitionsFrom`): they
   *   reach every provision, like the document's own document-wide definitions, but are not this document's
   *   own (a definition measure is judged in the document that states it).
   */
  constructor(doc: StatuteDocument, matcher: ConceptMatcher, imported: SharedDefinition[] = []) {
    this.doc = doc;
    for (const d of doc.definitions) {
      const list = this.definitionsByNode.get(d.nodeId) ?? [];
      list.push(d);
      this.definitionsByNode.set(d.nodeId, list);
    }
    const notes = new Set(doc.notes ?? []);
    this.info = doc.nodes.map((n) => this.analyseNode(n, matcher, notes));
    // "Illustrations" under a section (the drafting of the Indian Penal Code and the codes modelled on it) show
    // how the section applies to made-up facts; the paragraphs after that line enact nothing.
    for (const n of doc.nodes) {
      const label = n.lines.find((l) => ILLUSTRATIONS_LINE.test(l.text));
      if (!label) continue;
      for (const c of n.children) if (doc.nodes[c].startLine > label.line) this.info[c].isPolicy = true;
    }
    // Exceptions and policy statements extend to everything under them.
    for (const n of doc.nodes) {
      // The document root holds the title and any preamble; its policy status is its own, not its children's.
      if (n.parent !== null && n.parent !== 0) {
        const p = this.info[n.parent];
        if (p.isException) this.info[n.id].isException = true;
        if (p.isPolicy) this.info[n.id].isPolicy = true;
        // The list items of a definition ("means — (a) …; (b) …") are part of it, not provisions of their own.
        if (p.isDefinition) this.info[n.id].isDefinition = true;
      }
    }
    if (doc.title !== null && NON_ENACTING_TITLE.test(doc.title)) for (const inf of this.info) inf.isPolicy = true;
    this.definitionConcepts = doc.definitions.map((def) => {
      const tokens = tokenize(def.text);
      // What a term *is* is said at the start of its definition ("… means a photograph, film or video of a
      // person under 18 …"); words deep in a long list ("offence means an offence under any of sections …,
      // 163.1 (child sexual abuse material), …") are not carried into every provision that uses the term.
      const cited = citedDescriptions(def.text, tokens);
      // Nor is what follows an exception in it ("'adult' means a person aged 18 or over, and this section does
      // not apply where the person is a child") or an exclusion ("… and does not include any drawing or
      // computer-generated image"): that says what the term is not.
      const all = matcher.match(tokens);
      const cut = Math.min(all.find((x) => x.concept === 'exception')?.from ?? DEFINITION_HEAD, exclusionAt(tokens.words));
      const m = all.filter((x) => x.from < Math.min(cut, DEFINITION_HEAD) && !cited.some(([a, b]) => x.from >= a && x.from < b));
      const termTokens = tokenize(def.term);
      return {
        def,
        concepts: new Set(m.map((x) => x.concept)),
        // The term must be the concept as a whole: "child" is a child, "child pornography" is not.
        termConcepts: new Set(matcher.match(termTokens).filter((x) => x.from <= leadingArticles(termTokens) && x.to === termTokens.length).map((x) => x.concept)),
        termTokens: termTokens.stems,
        ages: findAges(def.text),
      };
    });
    const foreign: DefinitionInfo[] = imported.map((x) => ({
      def: { term: x.term, mode: x.mode, text: x.text, nodeId: 0, line: x.evidence.startLine, endLine: x.evidence.endLine, scope: { kind: 'document' } },
      concepts: new Set(x.concepts),
      termConcepts: new Set(x.termConcepts),
      termTokens: x.termTokens,
      ages: x.ages,
      foreign: x.evidence,
    }));
    // Two loops, not one over `[...own, ...foreign]`: that array's elements kind differs between documents with
    // and without definitions, and the optimised constructor was thrown away for it once per document.
    for (const d of this.definitionConcepts) this.indexDefinition(d);
    for (const d of foreign) this.indexDefinition(d);
    this.linkPenalties();
  }

  /** Makes a definition findable by the stem of its term's first word (see definitionsUsed). */
  private indexDefinition(d: DefinitionInfo): void {
    if (d.termTokens.length === 0) return;
    const list = this.definitionsByFirstStem.get(d.termTokens[0]) ?? [];
    list.push(d);
    this.definitionsByFirstStem.set(d.termTokens[0], list);
  }

  private analyseNode(n: ProvisionNode, matcher: ConceptMatcher, notes: ReadonlySet<number>): NodeInfo {
    const lineStarts: number[] = [];
    const lineNumbers: number[] = [];
    let text = '';
    const heading = n.heading ? normaliseHeading(n.heading) : null;
    let footnoteUntil = -1;
    for (const l of n.lines) {
      // A heading or marginal note names the provision; it is not part of what the provision enacts; nor is an
      // editorial note (a historical note's "R.S., 1985, c. C-46, s. 151; 2008, c. 6, s. 54").
      if (heading && isHeadingLine(l.text, heading)) continue;
      if (notes.has(l.line)) continue;
      // Nor does a footnote ("[^1]: A proposal to add … was rejected"), with the lines that run on from it.
      if (FOOTNOTE_DEFINITION.test(l.text) || l.line === footnoteUntil + 1) {
        footnoteUntil = l.line;
        continue;
      }
      if (text) text += ' ';
      lineStarts.push(text.length);
      lineNumbers.push(l.line);
      text += l.text;
    }
    const tokens = tokenize(text);
    const matches = matcher.match(tokens);
    const concepts = new Set(matches.map((m) => m.concept));
    const head = matches.filter((m) => m.from < 12);
    const isException =
      (n.heading !== null && EXCEPTION_HEADING.test(n.heading) && SUB_KINDS.has(n.kind)) ||
      head.some((m) => m.concept === 'exception' && m.from < 6);
    const isPolicy =
      n.kind === 'document' ||
      (n.heading !== null && POLICY_HEADING.test(n.heading) && !concepts.has('offence-language')) ||
      head.some((m) => m.concept === 'policy' && m.from < 8);
    const excludedRanges: Array<[number, number]> = [];
    // An exception inside a sentence ("..., but nothing in this section makes it an offence to ...")
    // removes the rest of that sentence; and the words before it too when they state no offence of their own:
    // the exception is then what the sentence says of them ("..., using a minor who consented for prostitution
    // is not a criminal offence", "A parent who possesses such a photograph does not commit an offence").
    for (const m of matches) {
      if (m.concept !== 'exception' || m.from < 6) continue;
      let end = m.to;
      while (end < tokens.length && !sentenceBreak(text, tokens, end)) end++;
      let start = m.from;
      while (start > 0 && !sentenceBreak(text, tokens, start)) start--;
      const offenceBefore = matches.some((o) => o.concept === 'offence-language' && o.from >= start && o.to <= m.from &&
        !matches.some((x) => x.concept === 'exception' && x.from < o.to && o.from < x.to));
      excludedRanges.push([offenceBefore ? m.from : start, end]);
    }
    excludedRanges.push(...citedDescriptions(text, tokens));
    excludedRanges.push(...repealedDescriptions(text, tokens));
    excludedRanges.push(...exclusions(text, tokens, lineStarts));
    // A node that mostly defines terms. (An amending section that inserts definitions among new offences holds
    // definitions too, but it is not a definitions provision.)
    const defs = this.definitionsByNode.get(n.id) ?? [];
    // (A definition's stated extent is capped: in quoted text the parser cannot always tell where it ends.)
    const inDef = n.lines.filter((l) => l.text !== '' && defs.some((d) => l.line >= d.line && l.line <= Math.min(Math.max(d.endLine, d.line), d.line + 12))).length;
    const isDefinition = defs.length > 0 && (!concepts.has('offence-language') || inDef * 2 >= n.lines.filter((l) => l.text !== '').length);
    // Every field from the start, those filled on first use too: an object that gains a field later changes
    // shape, and code V8 optimised for the earlier shape is thrown away and compiled again.
    return { text, tokens, lineStarts, lineNumbers, matches, concepts, excludedRanges, isException, isPolicy, isDefinition, byConcept: undefined, ages: undefined };
  }

  /** Matches of a concept in a node, outside exception clauses and cited descriptions (computed once). */
  positive(nodeId: number, concept: string): ConceptMatch[] {
    const inf = this.info[nodeId];
    if (!inf.concepts.has(concept)) return [];
    if (!inf.byConcept) {
      // Excluded ranges merged into sorted, disjoint spans; each match is then tested by binary search.
      const spans = mergeRanges(inf.excludedRanges);
      inf.byConcept = new Map();
      for (const m of inf.matches) {
        if (inRanges(spans, m.from)) continue;
        const list = inf.byConcept.get(m.concept) ?? [];
        list.push(m);
        inf.byConcept.set(m.concept, list);
      }
    }
    return inf.byConcept.get(concept) ?? [];
  }

  /** Age thresholds stated in a node's text (computed once). */
  ages(nodeId: number): AgeMention[] {
    const inf = this.info[nodeId];
    return (inf.ages ??= findAges(inf.text));
  }

  has(nodeId: number, concept: string): boolean {
    const inf = this.info[nodeId];
    if (!inf.concepts.has(concept)) return false;
    // Nothing excluded: every match is positive, and the node's matches need not be sorted by concept (rules ask
    // this of most nodes, and look at the matches of few).
    return inf.excludedRanges.length === 0 || this.positive(nodeId, concept).length > 0;
  }

  node(id: number): ProvisionNode {
    return this.doc.nodes[id];
  }

  /**
   * Nodes from the provision (section/article) down to `id`; the chapeau chain of a list item. Every rule asks
   * for the chains of every unit: each is made once (and is shared, so read-only).
   */
  chain(id: number): readonly number[] {
    let out = this.chains[id];
    if (out === undefined) {
      out = [];
      let cur: number | null = id;
      while (cur !== null) {
        const n: ProvisionNode = this.doc.nodes[cur];
        out.push(cur);
        if (PROVISION_KINDS.has(n.kind) || !SUB_KINDS.has(n.kind)) break;
        cur = n.parent;
      }
      out.reverse();
      this.chains[id] = out;
    }
    return out;
  }

  /**
   * The chain, extended by the provisions it refers to inside the same section or article: "If the act
   * referred to in paragraph 1 is committed against a minor, …" reads paragraph 1's conduct into its own.
   */
  chainWithReferences(id: number): readonly number[] {
    const known = this.chainsWithReferences[id];
    if (known !== undefined) return known;
    const chain = this.chain(id);
    const top = chain[0];
    const out = [...chain];
    // Indexed loops: every unit of every offence rule comes here, in a cold process's interpreter, where for-of
    // allocates an iterator and a result object per step.
    for (let i = 0; i < chain.length; i++) {
      const refs = this.refsFrom.get(chain[i]);
      if (refs === undefined) continue;
      for (let j = 0; j < refs.length; j++) {
        const t = refs[j].targetNodeId;
        // Only references back to what comes before ("the act referred to in paragraph 1"); references
        // forward are mostly to penalty clauses ("punished as provided in subsection (e)").
        if (t === null || t === top || !this.within(t, top) || chain.includes(t) || this.info[t].isException) continue;
        if (this.doc.nodes[t].startLine >= this.doc.nodes[id].startLine) continue;
        for (const x of this.subtree(t)) if (!out.includes(x) && !this.info[x].isException) out.push(x);
      }
    }
    // Asked for by every offence rule for every unit: made once, shared (see chain).
    this.chainsWithReferences[id] = out;
    return out;
  }

  /**
   * The offence provisions that `ids` refer to anywhere in the document (with their subdivisions): "an act that
   * would be an offence against section 151, 152 or 163.1" is about what those sections are about. Only offences:
   * "an offence under this Part" is about the offences the Part creates, not about everything in it (a Part of a
   * sanctions act mentions the compensation of victims), and a citizenship rule that points to the section on
   * minors' applications is not about offences against children.
   */
  referenced(ids: readonly number[]): number[] {
    const out = new Set<number>();
    for (const id of ids) {
      for (const ref of this.refsFrom.get(id) ?? []) {
        const t = ref.targetNodeId;
        if (t === null || t === 0 || ids.includes(t)) continue;
        for (const x of this.subtree(t)) {
          if (this.info[x].isException || this.info[x].isDefinition || !this.offence(x)) continue;
          out.add(x);
        }
      }
    }
    return [...out].sort((a, b) => a - b);
  }

  subtree(id: number): number[] {
    const out: number[] = [];
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      out.push(cur);
      const kids = this.doc.nodes[cur].children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    return out;
  }

  /**
   * Units of evaluation: each node that has text of its own and no children carrying text of their own
   * (a leaf), read together with its chapeau chain. Elements must all fall inside one unit.
   */
  units(): number[] {
    // Asked for by nearly every rule, and fixed once the constructor has read the texts: computed once (a copy
    // is returned, so a caller may change its list).
    if (this.unitIds === undefined) {
      const out: number[] = [];
      for (const n of this.doc.nodes) {
        if (this.info[n.id].text === '' && n.children.length > 0) continue;
        if (n.children.length === 0 || !n.children.some((c) => this.info[c].text !== '')) out.push(n.id);
      }
      this.unitIds = out;
    }
    return this.unitIds.slice();
  }

  isProvisionLevel(id: number): boolean {
    const k = this.doc.nodes[id].kind;
    return PROVISION_KINDS.has(k) || SUB_KINDS.has(k);
  }

  /** The smallest subsection-level (or provision-level) ancestor-or-self: where flush offence language lives. */
  private offenceScope(id: number): number {
    let cur = id;
    for (;;) {
      const n = this.doc.nodes[cur];
      if (n.kind === 'subsection' || PROVISION_KINDS.has(n.kind) || n.parent === null || !SUB_KINDS.has(n.kind)) return cur;
      cur = n.parent;
    }
  }

  private subtreeHas(id: number, concept: string): number[] {
    return this.subtree(id).filter((x) => !this.info[x].isException && this.has(x, concept));
  }

  private linkPenalties(): void {
    const refsFrom = this.refsFrom;
    for (const ref of this.doc.crossReferences) {
      const list = refsFrom.get(ref.fromNodeId) ?? [];
      list.push(ref);
      refsFrom.set(ref.fromNodeId, list);
    }
    for (const n of this.doc.nodes) {
      const inf = this.info[n.id];
      if (inf.isException || inf.isPolicy || !inf.concepts.has('offence-language')) continue;
      // "A person who contravenes section 7 commits an offence": the referred provisions become offences.
      for (const ref of refsFrom.get(n.id) ?? []) {
        // Only a provision can be made an offence by reference; "an offence under this Act" names no conduct.
        if (ref.targetNodeId === null || !this.isProvisionLevel(ref.targetNodeId)) continue;
        // And only when the words say so: "contravenes section 7", "an offence under section 5", "violating
        // Section 4" — not every section an offence provision happens to mention.
        if (!makesOffenceOf(inf.text, ref.text)) continue;
        const list = this.incomingPenalty.get(ref.targetNodeId) ?? [];
        list.push(n.id);
        this.incomingPenalty.set(ref.targetNodeId, list);
      }
      // "Any person who contravenes any provision of this Part/Act commits an offence".
      if (inf.concepts.has('contravention') && /\b(?:any|a|the) (?:of the )?provisions? of this (act|part|chapter|title|division|code|law|decree)\b/i.test(inf.text)) {
        const word = /\bprovisions? of this (act|part|chapter|title|division|code|law|decree)\b/i.exec(inf.text)![1].toLowerCase();
        let scopeRoot = 0;
        if (word === 'part' || word === 'chapter' || word === 'title' || word === 'division') {
          let cur: number | null = n.parent;
          while (cur !== null && this.doc.nodes[cur].kind !== word) cur = this.doc.nodes[cur].parent;
          scopeRoot = cur ?? 0;
        }
        this.generalPenaltyNodes.push({ nodeId: n.id, scopeRoot });
      }
    }
  }

  private within(id: number, root: number): boolean {
    let cur: number | null = id;
    while (cur !== null) {
      if (cur === root) return true;
      cur = this.doc.nodes[cur].parent;
    }
    return false;
  }

  /**
   * Does the unit `id` belong to a provision that creates an offence? Returns the nodes that carry the
   * offence language or penalty, or null. Exceptions, policy statements and definitions never do.
   */
  offence(id: number): OffenceLink | null {
    if (this.offenceCache.has(id)) return this.offenceCache.get(id)!;
    let result: OffenceLink | null = null;
    const inf = this.info[id];
    if (!inf.isException && !inf.isPolicy && !inf.isDefinition && this.isProvisionLevel(id)) {
      const chain = this.chain(id);
      const scope = this.offenceScope(id);
      const direct = new Set<number>();
      for (const c of chain) if (this.has(c, 'offence-language')) direct.add(c);
      for (const x of this.subtreeHas(scope, 'offence-language')) direct.add(x);
      // Penalty clauses elsewhere that refer to this node or to the provision it belongs to.
      const linked = new Set<number>();
      for (const c of chain) for (const p of this.incomingPenalty.get(c) ?? []) linked.add(p);
      const prohibited = chain.some((c) => this.has(c, 'prohibition'));
      if (prohibited) {
        for (const g of this.generalPenaltyNodes) if (this.within(id, g.scopeRoot)) linked.add(g.nodeId);
      }
      const nodes = [...new Set([...direct, ...linked])].sort((a, b) => a - b);
      if (nodes.length > 0) result = { penaltyNodes: nodes, prohibitionOnly: false };
      else if (prohibited) result = { penaltyNodes: [], prohibitionOnly: true };
    }
    this.offenceCache.set(id, result);
    return result;
  }

  /** Penalty available for the offence in unit `id`: from its own provision and the linked clauses. */
  penalty(id: number, link: OffenceLink): PenaltyInfo {
    const ids = new Set<number>([...this.chain(id), ...this.subtree(this.offenceScope(id)), ...link.penaltyNodes.flatMap((p) => this.subtree(this.offenceScope(p)))]);
    const textOf = (set: Iterable<number>) => [...set].sort((a, b) => a - b).filter((x) => !this.info[x].isException).map((x) => this.info[x].text).join(' ');
    const found = readPenalty(textOf(ids));
    if (found.maxYears !== null || found.fine) return found;
    // No penalty where the references point: a penalty subsection of the same provision ("(2) A person who
    // commits an offence under subsection (1)(a) or (b) is liable to …") still applies to it.
    return readPenalty(textOf(this.subtree(this.chain(id)[0])));
  }

  /** Definitions whose scope covers `id` and whose term occurs in the unit's text. */
  definitionsUsed(id: number, chain: readonly number[]): DefinitionInfo[] {
    // No definitions, none used: skip gathering the chain's stems (a copy of its whole text, once per unit).
    if (this.definitionsByFirstStem.size === 0) return [];
    const stems: string[] = [];
    for (let i = 0; i < chain.length; i++) {
      const own = this.info[chain[i]].tokens.stems;
      for (let j = 0; j < own.length; j++) stems.push(own[j]);
    }
    const found = new Set<DefinitionInfo>();
    for (let i = 0; i < stems.length; i++) {
      const defs = this.definitionsByFirstStem.get(stems[i]);
      if (defs === undefined) continue;
      for (let j = 0; j < defs.length; j++) {
        const d = defs[j];
        if (!found.has(d) && startsWithSeq(stems, i, d.termTokens) && this.inScope(d.def, id)) found.add(d);
      }
    }
    return [...found];
  }

  allDefinitions(): DefinitionInfo[] {
    return this.definitionConcepts;
  }

  /**
   * The definitions another document can apply: those that govern this whole document ("In this Act"), as plain
   * data with their evidence. Definitions limited to a Part or section stay where they are.
   */
  sharedDefinitions(evidence: (d: DefinitionInfo) => Evidence): SharedDefinition[] {
    return this.definitionConcepts.filter((d) => d.def.scope.kind === 'document').map((d) => ({
      term: d.def.term,
      mode: d.def.mode,
      text: d.def.text,
      concepts: [...d.concepts],
      termConcepts: [...d.termConcepts],
      termTokens: d.termTokens,
      ages: d.ages,
      evidence: evidence(d),
    }));
  }

  private inScope(def: Definition, id: number): boolean {
    const s = def.scope;
    if (s.kind === 'document') return true;
    if (s.kind === 'node') return this.within(id, s.nodeId);
    return s.nodeIds.some((r) => this.within(id, r));
  }
}

/**
 * "section 279.011 (trafficking — person under 18 years)": a parenthesis after a cited number describes
 * another provision; its words are a mention, not this provision's own conduct. Returns token ranges.
 */
function citedDescriptions(text: string, tokens: Tokens): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(CITED_DESCRIPTION)) {
    const start = m.index + m[0].indexOf('(', m[0].search(/\s\(/));
    const end = m.index + m[0].length;
    const from = tokens.starts.findIndex((s) => s >= start);
    if (from === -1) continue;
    let to = from;
    while (to < tokens.length && tokens.ends[to] <= end) to++;
    out.push([from, to]);
  }
  return out;
}

// A sentence that repeals provisions, and the words it uses to describe them ("Section 12 of the Act, which
// provides that a person who sells a child commits an offence, is repealed"): the description is of law that
// ceases to exist. The sentence must begin with what it repeals (a cited provision, "this Act repeals", "the
// Criminal Code is amended by repealing", "se deroga") and contain a repealing verb; sentence ends are `.`, `;`
// or `:` before a capital or the end, except after an abbreviation ("s.", "c.", "R.S.C."). Text a repeal
// substitutes ("… is repealed and the following substituted: …") follows a colon, so it stays enacted. A
// following sentence that recounts, in the past tense, what the repealed provision did ("That section provided
// that …") is excluded with it, and so is any sentence on what the law formerly was.
const SENTENCE_END = /(?<!\b(?:[A-Za-z]|ss|subs|art|arts|para|paras|no|nos|cf|vol|pp))[.;:](?=\s+[^\sa-z\d(]|\s*$)/g;
const REPEAL_SUBJECT = /^\s*(?:\(\w{1,4}\)\s*)*(?:(?:the\s+)?(?:sub)?(?:sections?|paragraphs?|subparagraphs?|clauses?|articles?|items?|rules?|parts?|chapters?|divisions?|schedules?)\s*[\d(]|(?:s|ss|art|arts)\.\s*\d|§§?\s*\d|(?:der|die)\s+§|l['’]\s*article|les\s+articles|(?:this|the)\s+(?:[\w'’-]+\s+){0,8}?(?:act|law|ordinance|code|decree)\b[^.;:]{0,40}?\b(?:repeals|is\s+(?:hereby\s+)?amended\s+by\s+repealing)\b|se\s+derogan?\b)/i;
const REPEAL_VERB = /(?<![a-zà-ÿ])(?:repeal(?:s|ed|ing)?|revoked|struck out|deleted|cease[sd]? to have effect|(?:est|sont|sera|seront)\s+abrog[ée]e?s?|abrogated|aufgehoben|derogad[oa]s?|derogan?)(?![a-zà-ÿ])/i;
// What the law used to be: "… were formerly subject to confiscation under the former Code".
const FORMER_LAW = /\b(?:was|were|had been)\s+(?:formerly|previously)\b/i;
const REPEALED_ACCOUNT = /^\s*(?:that|this|the|those|these)\s+(?:repealed\s+)?(?:(?:sub)?sections?|paragraphs?|articles?|provisions?|clauses?)\s+(?:had\s+)?(?:provided|made|read|stated|created|contained|punished|prohibited|penalized|penalised|established)\b/i;

export function repealedDescriptions(text: string, tokens: Tokens): Array<[number, number]> {
  if (!REPEAL_VERB.test(text) && !FORMER_LAW.test(text)) return [];
  const out: Array<[number, number]> = [];
  let start = 0;
  let afterRepeal = false;
  const ends = [...text.matchAll(SENTENCE_END)].map((m) => m.index + 1);
  ends.push(text.length);
  for (const end of ends) {
    const sentence = text.slice(start, end);
    const repeals = REPEAL_SUBJECT.test(sentence) && REPEAL_VERB.test(sentence);
    if (repeals || (afterRepeal && REPEALED_ACCOUNT.test(sentence)) || FORMER_LAW.test(sentence)) {
      const from = tokens.starts.findIndex((s) => s >= start);
      if (from !== -1) {
        let to = from;
        while (to < tokens.length && tokens.ends[to] <= end) to++;
        if (to > from) out.push([from, to]);
      }
    }
    if (/\S/.test(sentence)) afterRepeal = repeals || (afterRepeal && REPEALED_ACCOUNT.test(sentence));
    start = end;
  }
  return out;
}

// `\w{0,20}`, not `\w*`: the search restarts at every `contraven` of a long word and `\w*` rescans to its end
// (quadratic); no real suffix (`-tions`, `-able`) comes near 20 letters.
const OFFENCE_BY_REFERENCE = /(?:contraven\w{0,20}|violat\w{0,20}|fails? to comply with|failure to comply with|in breach of|breach(?:es)? of|offen[cs]es? (?:under|against|in|referred to in|described in|created by|set out in)|punish\w{0,20} (?:under|as provided (?:in|under|by|for in))|penalty (?:under|provided (?:in|for in|under))|(?:acts?|conduct) (?:in|under|described in|referred to in|enumerated in|mentioned in|defined in|punished (?:in|under)))\s+(?:any of |the provisions of |a provision of |any provision of )?$/i;

/** Do the words before the reference make the referred provision an offence ("contravenes section 7")? */
function makesOffenceOf(text: string, refText: string): boolean {
  let at = text.indexOf(refText);
  while (at !== -1) {
    if (OFFENCE_BY_REFERENCE.test(text.slice(Math.max(0, at - 60), at))) return true;
    at = text.indexOf(refText, at + 1);
  }
  return false;
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function inRanges(spans: Array<[number, number]>, at: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at < spans[mid][0]) hi = mid - 1;
    else if (at >= spans[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Does a sentence (or a clause ending in `;`) end between token k - 1 and token k? */
function sentenceBreak(text: string, tokens: Tokens, k: number): boolean {
  return /[.;]/.test(text.slice(tokens.ends[k - 1], tokens.starts[k]));
}

/** Where a definition starts to say what its term excludes ("does not include", "excludes"), or Infinity. */
function exclusionAt(words: string[], from = 0): number {
  for (let k = from; k < words.length; k++) {
    const w = words[k];
    if (w === 'excludes' || w === 'excluding') return k;
    if ((w === 'does' || w === 'do' || w === 'shall') && words[k + 1] === 'not' && /^(include|includes|extend|extends)$/.test(words[k + 2] ?? '')) return k;
  }
  return Infinity;
}

/**
 * Each exclusion ("… and does not include any drawing") to the end of its sentence, and at most to the end of its
 * line (a list of definitions, one per line, has no full stops between them); and the few words after "other
 * than" ("any book other than pornography", "a person other than a parent"): token ranges.
 */
function exclusions(text: string, tokens: Tokens, lineStarts: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    if (tokens.words[k] !== 'other' || tokens.words[k + 1] !== 'than') continue;
    let end = k + 2;
    while (end < tokens.length && end < k + 5 && !/[,;.:]/.test(text.slice(tokens.ends[end - 1], tokens.starts[end]))) end++;
    out.push([k, end]);
  }
  for (let k = exclusionAt(tokens.words); k < tokens.length; k = exclusionAt(tokens.words, k + 1)) {
    const lineEnd = lineStarts.find((s) => s > tokens.starts[k]) ?? text.length;
    let end = k + 1;
    while (end < tokens.length && tokens.starts[end] < lineEnd && !sentenceBreak(text, tokens, end)) end++;
    out.push([k, end]);
  }
  return out;
}

function leadingArticles(tokens: Tokens): number {
  let i = 0;
  while (i < tokens.length && /^(the|a|an)$/.test(tokens.words[i])) i++;
  return i;
}

function normaliseHeading(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Whether a line reads as the (normalised) heading. Every line of a provision with a heading is asked, and
 * most differ in their first letter or digit, which is found here without normalising the line; only a line
 * whose first letter or digit is outside ASCII, or agrees, is normalised and compared whole.
 */
function isHeadingLine(line: string, heading: string): boolean {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c >= 128) break;
    const lower = c >= 65 && c <= 90 ? c + 32 : c;
    if ((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57)) {
      if (lower !== heading.charCodeAt(0)) return false;
      break;
    }
  }
  return normaliseHeading(line) === heading;
}

function startsWithSeq(hay: string[], at: number, needle: string[]): boolean {
  if (at + needle.length > hay.length) return false;
  for (let j = 0; j < needle.length; j++) if (hay[at + j] !== needle[j]) return false;
  return true;
}
