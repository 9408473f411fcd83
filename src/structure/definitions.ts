// Definitions and their scope. Forms: `"child" means …`, `child means …` (often a bold term), `the term
// "minor" means …`, `"X" includes …`, `For the purposes of this Article, X shall mean …`, `X refers to …`
// in a definitions provision, a bold term heading a list (`**Attorney General**` / (a) … (b) …), French
// `**terme** S'entend …` under `Les définitions qui suivent …`, and inline `(hereinafter "the child")`.
// Scope comes from the definition's own words or the nearest chapeau before it (`In this Act,`,
// `In this Part,`, `For the purposes of sections 5 to 9`); without one, a definitions provision applies
// to the document and a definition elsewhere only to its provision (the narrower, safer reading).

import type { Definition, DefinitionScope, Line, ProvisionNode } from '../types.js';
import { LineRole, type Built } from './builder.js';
import { isGroupKind, isProvisionKind } from './citations.js';
import type { Resolver } from './resolve.js';

const VERB = String.raw`(means|includes|shall mean|shall include|refers to|refer to|has the meaning|has the same meaning|have the meaning|have the same meaning|is defined|denotes|signifies|designates|s['’]entend|désigne)`;
const SCOPE_PREFIX = new RegExp(
  String.raw`^(?:(?:and|or)\s+)?(?:in|for the purposes? of|for purposes of|as used in|throughout|under)\s+(this|these|the present)\s+([A-Za-z§]+)(?:\s+\([^)]{0,40}\))?\s*,?\s*(?:unless the context otherwise requires,?\s*)?(?:[—–:-]\s*)?`,
  'i',
);
/** `Au présent article,`, `Pour l’application de la présente loi,`. */
const FRENCH_SCOPE_PREFIX = /^(?:au|à la|aux|dans l[ea]|pour l['’]application d[eu](?: la)?)\s+présente?s?\s+(loi|code|article|partie|paragraphe|section|annexe)\s*,\s*/i;
const FRENCH_NOUNS: Record<string, string> = { loi: 'act', code: 'act', article: 'section', partie: 'part', paragraphe: 'subsection', section: 'section', annexe: 'schedule' };
const SCOPE_RANGE = /^(?:for the purposes? of|for purposes of|in)\s+(sections?|articles?|§§?)\s+(\d+[A-Za-z]?(?:\.\d+)?)\s*(?:to|through|and|-|–)\s*(\d+[A-Za-z]?(?:\.\d+)?)\s*,?\s*/i;
const FOREIGN_SCOPE: Array<[RegExp, string]> = [
  [/la présente loi|le présent code|dieses Gesetzes|des vorliegenden Gesetzes/i, 'act'],
  [/la présente partie/i, 'part'],
  [/le présent article|la présente section|dieser Vorschrift|dieses Paragraphen/i, 'section'],
];
// In QUOTED_TERM and PLAIN_TERM the optional `, … ,` aside carries its own leading or trailing \s: no two \s
// quantifiers may be adjacent (`\s*(?:,…,)?\s+` splits a run of spaces every possible way, so `child` + 8,000
// spaces + a word that is not the verb took seconds).
const QUOTED_TERM = new RegExp(
  String.raw`^(?:the\s+(?:terms?|expressions?|words?|phrases?)\s+)?([“"‘'][^”"’']{1,80}[”"’'](?:\s*(?:,|or|and|and/or)\s*[“"‘'][^”"’']{1,80}[”"’'])*)\s*(?:,[^,]{0,100},\s*)?(?:\([^)]{0,80}\)\s*)?${VERB}`,
  'i',
);
const AFTER_TERM = new RegExp(String.raw`^[\s,]*(?:,[^,]{0,100},\s*)?(?:\([^)]{0,80}\)\s*)?${VERB}`, 'i');
const PLAIN_TERM = new RegExp(String.raw`^(?:the\s+(?:term|expression|word)\s+)?([A-Za-zÀ-ÿ][\w’'\-/ ]{0,60}?)(?:\s*,[^,]{0,100},)?\s+${VERB}\b`, 'i');
const STOP_START = /^(?:and|or|but|nor|then|also|by|with|without|through|via|from|to|this|that|it|nothing|such|the|a|an|any|every|each|he|she|they|there|where|if|when|which|who|whoever|section|subsection|paragraph|article|part|chapter|schedule|no|all|its|his|her|in|for|as|subject|notwithstanding|despite|unless|except|provided)\b/i;
// `\((?:\s*(?:…))?\s*`, not `\(\s*(?:…)?\s*`: adjacent \s* are quadratic on `(` + a long run of spaces.
const INLINE = /\((?:\s*(?:(?:hereinafter|hereafter)(?:\s+(?:referred to as|called))?|(?:in this [A-Za-z]+\s+)?(?:referred to as|called)))?\s*(?:the\s+)?[“"]([^”"]{1,60})[”"]\s*\)/g;
const DEFINITIONS_HEADING = /\b(?:definitions?|interpretation|meaning|terms|définitions?|interprétation|begriffsbestimmungen?|sprachgebrauch|definiciones)\b/i;
const DEFINITIONS_CHAPEAU = /(?:^(?:in|for the purposes? of|for purposes of|as used in)\s+(?:this|these)\s+\w+|following (?:terms|definitions|words|expressions)|definitions? (?:in this|that follow)|les définitions qui suivent|im sinne (?:dieses|des)|the following (?:meanings|definitions) apply)/i;
const VERB_ANY = /means|includes|shall mean|shall include|refers? to|ha(?:s|ve) the (?:same )?meaning|is defined|denotes|signifies|designates|entend|désigne/i;
const INCLUDES_WORDS = /\b(?:includes|shall include|sont assimilés|notamment|y compris|umfasst)\b/i;
/**
 * `means` as an ordinary noun: `by any means`, `Testimony by other means`, `on any means of transport`,
 * `describing the means by which`. A term never ends in a determiner or in `by (word)`.
 */
const NOT_A_TERM_END = /(?:\b(?:by|any|other|all|such|no|the|a|an|some|same|every|each|these|those|its|their|his|her|whatever|similar|appropriate|lawful|unlawful|electronic|reasonable|technical|mechanical)|\bby\s+\S+)$/i;
/**
 * A marginal note or heading phrased as a sentence (`Who may institute prosecutions`, `Judge may examine
 * information`, `When appeal court is …`): a defined term is a noun phrase, not a clause.
 */
const SENTENCE_HEADING = /^(?:who|whom|when|where|what|which|how|whether|if|no|not)\b|\b(?:may|shall|must|is|are|was|were|be|not|does|do|has|have|can|cannot|will)\b/i;
/** A numbered subsection opening (`(4) No proceedings …`): the bold line before it was its marginal note. */
const NUMBERED_SUBSECTION = /^\s*(?:[-*]\s+)?\(\d+(?:\.\d+)?[A-Za-z]?\)/;

interface Start {
  term: string;
  mode: 'means' | 'includes';
  nodeId: number;
  line: number;
  /** Scope words stated on the definition's own line, if any. */
  scopeText: string | null;
  /** Whether the body is this line only (inline definitions). */
  inline?: string;
}

export function findDefinitions(built: Built, lines: Line[], resolver: Resolver): Definition[] {
  const { nodes } = built;
  const starts: Start[] = [];
  const startAt = new Map<number, Start[]>();
  /** Lines of repealed entries (`**prostitute** [Repealed, 2014, c. 25, s. 12]`): they define nothing, but end the definition before them. */
  const repealedAt = new Set<number>();
  const defContext = definitionContexts(nodes);

  for (const n of nodes) {
    for (const own of n.lines) {
      const role = built.role[own.line];
      // Quoted text is read too: an amending Act's inserted provisions ("… is amended by inserting: '212A.
      // In sections 212A to 212E, "child" means …'") are the new law.
      if (role !== LineRole.Text && role !== LineRole.Quoted) continue;
      if (defContext[n.id] && repealedEntry(own.text, lines[own.line - 1], built.shift[own.line])) {
        repealedAt.add(own.line);
        continue;
      }
      const found = definitionOnLine(own.text, own.line, n, lines[own.line - 1], built.shift[own.line], defContext[n.id], lines);
      for (const s of found) {
        starts.push(s);
        const list = startAt.get(s.line);
        if (list) list.push(s);
        else startAt.set(s.line, [s]);
      }
    }
  }
  const termAtLine = new Map<number, string>();
  for (const s of starts) if (!s.inline && !termAtLine.has(s.line)) termAtLine.set(s.line, s.term);

  const out: Definition[] = [];
  const scopeCache = new Map<number, ScopeLines>();
  for (const s of starts) {
    const { text, endLine } = s.inline !== undefined ? { text: s.inline, endLine: s.line } : body(nodes, s, (l) => startAt.has(l) || repealedAt.has(l), built.role, (l) => whollyBold(lines[l - 1]) && nextOpensSubsection(l, lines));
    out.push({
      term: s.term,
      mode: s.mode,
      text,
      nodeId: s.nodeId,
      line: s.line,
      endLine,
      scope: scopeOf(nodes, s, resolver, defContext[s.nodeId], scopeCache),
    });
  }
  return out;
}

/** The defined term stated on each line (first one), for qualifying the list that follows it in citations. */
export function termsByLine(defs: Definition[]): Map<number, string> {
  const m = new Map<number, string>();
  for (const d of defs) if (!m.has(d.line)) m.set(d.line, d.term);
  return m;
}

/**
 * Whether each node sits in a definitions context: its provision's heading says so (`Definitions`,
 * `Interpretation`), or the provision or an enclosing subdivision opens with a definitions chapeau.
 */
function definitionContexts(nodes: ProvisionNode[]): Uint8Array {
  const ctx = new Uint8Array(nodes.length);
  for (const n of nodes) {
    if (n.id === 0) continue;
    const p = n.parent ?? 0;
    if (ctx[p] && !isProvisionKind(n.kind) && nodes[p].kind !== 'document' && !isGroupKind(nodes[p].kind)) {
      ctx[n.id] = 1;
      continue;
    }
    if ((isProvisionKind(n.kind) || !isGroupKind(n.kind)) && n.heading && DEFINITIONS_HEADING.test(n.heading)) {
      ctx[n.id] = 1;
      continue;
    }
    const first = n.lines.find((l) => l.text !== '');
    if (first && !isGroupKind(n.kind) && DEFINITIONS_CHAPEAU.test(first.text)) ctx[n.id] = 1;
  }
  return ctx;
}

function definitionOnLine(text: string, lineNo: number, node: ProvisionNode, line: Line, shift: number, inDefs: number, lines: Line[]): Start[] {
  const out: Start[] = [];
  if (text.length === 0) return out;
  // A wholly bold line before a numbered subsection is that subsection's marginal note, whatever its words.
  if (whollyBold(line) && nextOpensSubsection(lineNo, lines)) return out;
  let t = text;
  let offset = 0;
  let scopeText: string | null = null;
  if (node.heading && t.startsWith(node.heading) && t.length > node.heading.length) {
    // A run-in heading (`(j) Definitions.—In this section, …`) is not part of the definition.
    const sep = /^[.:]?\s*[—–-]+\s*|^[.:]\s+/.exec(t.slice(node.heading.length));
    if (sep) {
      offset = node.heading.length + sep[0].length;
      t = t.slice(offset);
    }
  }
  const sp = SCOPE_PREFIX.exec(t);
  const fr = sp ? null : FRENCH_SCOPE_PREFIX.exec(t);
  let skip = 0;
  if (sp) {
    scopeText = `${sp[1]} ${sp[2]}`;
    skip = sp[0].length;
  } else if (fr) {
    scopeText = `this ${FRENCH_NOUNS[fr[1].toLowerCase()] ?? 'act'}`;
    skip = fr[0].length;
  } else {
    const rp = SCOPE_RANGE.exec(t);
    if (rp) {
      scopeText = rp[0];
      skip = rp[0].length;
    }
  }
  t = t.slice(skip);
  offset += skip;
  const lineInDefs = inDefs === 1 || scopeText !== null;
  const base = { nodeId: node.id, line: lineNo, scopeText };
  const hasVerb = VERB_ANY.test(t);

  // Quoted term(s): `"child" means`, `the term “minor” means`, `"X" or "Y" means`.
  const q = hasVerb ? QUOTED_TERM.exec(t) : null;
  if (q) {
    const mode = modeOf(q[2]);
    for (const m of q[1].matchAll(/[“"‘']([^”"’']{1,80})[”"’']/g)) {
      const clean = m[1].trim();
      if (clean) out.push({ ...base, term: clean, mode });
    }
    return out;
  }
  // A bold term at the start: `**Act** includes`, `**child sexual abuse and exploitation material** means`.
  const first = boldAt(line, shift + offset);
  let bold = first;
  const extraTerms: string[] = [];
  // `**biens** ou **propriété**`, `**X** or **Y**`: one definition for several terms.
  while (bold) {
    const between = /^\s*(?:,\s*(?:and|or|et|ou)?|or|and|ou|et|oder|und)\s*/.exec(line.text.slice(bold[1]));
    if (!between || between[0].trim() === '') break;
    const next = boldAt(line, bold[1] + between[0].length);
    if (!next) break;
    extraTerms.push(line.text.slice(next[0], next[1]).trim());
    bold = [bold[0], next[1]];
  }
  if (first && bold) {
    const term = line.text.slice(first[0], first[1]).trim().replace(/[,:]$/, '');
    const after = line.text.slice(bold[1]);
    // A repealed entry (`**term** [Repealed, 2001, c. 32, s. 1]`) defines nothing any more.
    if (/^\s*\[(?:Repealed|Abrogée|Abrogé)/i.test(after)) return out;
    const v = AFTER_TERM.exec(after);
    if (term && v) {
      for (const t of [term, ...extraTerms]) out.push({ ...base, term: t, mode: modeOf(v[1]) });
      return out;
    }
    // In a definitions provision a bold term alone (its meaning in the list below) or followed by the
    // meaning without a verb (French drafting) is a definition.
    if (term && lineInDefs && !/^\s*[a-z]/.test(after) && term.length <= 100 && !marginalNote(term, after, lineNo, lines)) {
      const mode = INCLUDES_WORDS.test(after.slice(0, 120)) ? 'includes' : 'means';
      for (const t of [term, ...extraTerms]) out.push({ ...base, term: t, mode });
      return out;
    }
  }
  // An unquoted term: `child means …`; `Access refers to …` only in a definitions context.
  const p = hasVerb ? PLAIN_TERM.exec(t) : null;
  if (p) {
    const term = p[1].trim();
    const words = term.split(/\s+/).length;
    const verb = p[2].toLowerCase();
    const strongVerb = verb === 'means' || verb === 'shall mean';
    if (!STOP_START.test(term) && !NOT_A_TERM_END.test(term) && words <= 6 && (lineInDefs || (strongVerb && words <= 4 && node.kind !== 'document'))) {
      out.push({ ...base, term, mode: modeOf(verb) });
      return out;
    }
  }
  // `Term: meaning` items in a definitions list (`Angehöriger: wer …`).
  if (lineInDefs && !isProvisionKind(node.kind) && !isGroupKind(node.kind)) {
    const c = /^([A-ZÄÖÜ][\wäöüßÀ-ÿ\- ]{1,50}):(?:\s+\S|\s*$)/.exec(t);
    if (c && c[1].split(/\s+/).length <= 5) {
      out.push({ ...base, term: c[1].trim(), mode: 'means' });
      return out;
    }
  }
  // Inline: `… a person under eighteen (hereinafter "the child") …`.
  if (text.indexOf('(') >= 0 && (text.indexOf('“') >= 0 || text.indexOf('"') >= 0)) {
    INLINE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = INLINE.exec(text))) {
      const before = text.slice(Math.max(0, m.index - 300), m.index);
      const stop = before.lastIndexOf('. ');
      const sentence = (stop >= 0 ? before.slice(stop + 2) : before).trim();
      out.push({ ...base, term: m[1].trim(), mode: 'means', inline: sentence });
    }
  }
  return out;
}

const REPEALED_ENTRY = /^\s*[^\s[][^[]{0,100}\[(?:Repealed|Abrogée|Abrogé)\b[^\]]*\]\s*$/i;

/** A bold term followed only by a repeal note: the entry of a definition since repealed. */
function repealedEntry(text: string, line: Line, shift: number): boolean {
  const r = line.strong;
  return r !== undefined && r.length > 0 && r[0][0] <= shift + 2 && REPEALED_ENTRY.test(text);
}

/**
 * Whether a bold line standing alone is a marginal note rather than a term heading its meaning: it reads
 * as a clause, or the next non-blank line opens a numbered subsection (a term's list uses (a), (b) …).
 */
function marginalNote(term: string, after: string, lineNo: number, lines: Line[]): boolean {
  if (after.trim() !== '') return false;
  return SENTENCE_HEADING.test(term) || nextOpensSubsection(lineNo, lines);
}

function nextOpensSubsection(lineNo: number, lines: Line[]): boolean {
  for (let i = lineNo; i < lines.length && i < lineNo + 3; i++) {
    const l = lines[i];
    if (l.kind === 'blank' || l.text.trim() === '') continue;
    return NUMBERED_SUBSECTION.test(l.text);
  }
  return false;
}

function whollyBold(line: Line): boolean {
  const r = line.strong;
  if (!r || r.length === 0) return false;
  let outside = '';
  let at = 0;
  for (const [a, b] of r) {
    outside += line.text.slice(at, a);
    at = Math.max(at, b);
  }
  outside += line.text.slice(at);
  return /^[\s.,:;—–-]*$/.test(outside);
}

/** `"X" means … and includes …` defines exhaustively and then extends; only the verb decides the mode. */
function modeOf(verb: string): 'means' | 'includes' {
  const v = verb.toLowerCase();
  return v === 'includes' || v === 'shall include' ? 'includes' : 'means';
}

/** The bold range that starts at `offset` in the line's text (allowing a little punctuation), if any. */
function boldAt(line: Line, offset: number): [number, number] | null {
  const r = line.strong;
  if (!r) return null;
  for (const [a, b] of r) {
    if (a >= offset && a <= offset + 1) return [a, b];
    if (a > offset + 1) break;
  }
  return null;
}

/**
 * The definition's text: the rest of its line, then the node's following own lines and the list that
 * hangs from it, up to the next definition.
 */
/** The words of a definition: its line and what follows, up to the line where the next entry (`ends`) starts. */
function body(nodes: ProvisionNode[], s: Start, ends: (line: number) => boolean, role: Uint8Array, marginal: (line: number) => boolean): { text: string; endLine: number } {
  const n = nodes[s.nodeId];
  const parts: string[] = [];
  let endLine = s.line;
  let length = 0;
  const add = (text: string, line: number): boolean => {
    // Historical notes and marginal notes are not part of a definition's words (a bold note before the next
    // numbered subsection, "**Who may institute prosecutions**" / "(4) …", ends it).
    if (role[line] === LineRole.Annotation || role[line] === LineRole.Heading) return true;
    if (marginal(line)) return false;
    if (line > endLine) endLine = line;
    if (text === '') return true;
    parts.push(text);
    length += text.length + 1;
    return length < 4000;
  };
  const own = n.lines;
  let k = lowerBound(own.length, (i) => own[i].line, s.line);
  if (k >= own.length || own[k].line !== s.line) return { text: '', endLine };
  add(own[k].text, own[k].line);
  k++;
  const children = n.children;
  let c = lowerBound(children.length, (i) => nodes[children[i]].endLine, s.line);
  for (;;) {
    const nextOwn = k < own.length ? own[k].line : Infinity;
    const nextChild = c < children.length ? nodes[children[c]].startLine : Infinity;
    if (nextOwn === Infinity && nextChild === Infinity) break;
    if (nextOwn < nextChild) {
      if (ends(nextOwn)) break;
      if (!add(own[k].text, nextOwn)) break;
      k++;
    } else {
      const child = nodes[children[c]];
      const firstLine = child.lines[0]?.line;
      if (firstLine !== undefined && ends(firstLine) && firstLine === child.startLine) break;
      if (!addSubtree(nodes, child.id, add)) break;
      c++;
    }
  }
  return { text: parts.join(' ').trim(), endLine };
}

/** First index in [0, n) whose key is >= value (keys ascending): keeps per-definition work logarithmic. */
function lowerBound(n: number, key: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function addSubtree(nodes: ProvisionNode[], id: number, add: (t: string, line: number) => boolean): boolean {
  const entries: Array<{ line: number; text: string }> = [];
  const stack = [id];
  while (stack.length) {
    const cur = nodes[stack.pop()!];
    for (const l of cur.lines) entries.push(l);
    for (const ch of cur.children) stack.push(ch);
  }
  entries.sort((a, b) => a.line - b.line);
  for (const e of entries) if (!add(e.text, e.line)) return false;
  return true;
}

function scopeOf(nodes: ProvisionNode[], s: Start, resolver: Resolver, inDefs: number, cache: Map<number, ScopeLines>): DefinitionScope {
  const phrase = s.scopeText ?? chapeauScope(nodes, s, cache);
  if (phrase) {
    const scope = scopeFromPhrase(phrase, s.nodeId, resolver);
    if (scope) return scope;
  }
  const prov = resolver.nearest(s.nodeId, (k) => isProvisionKind(k));
  if (prov === null) return { kind: 'document' };
  const provNode = nodes[prov];
  if (inDefs && provNode.heading && DEFINITIONS_HEADING.test(provNode.heading)) return { kind: 'document' };
  return { kind: 'node', nodeId: prov };
}

/** Lines of a node that state a scope (`In this Act,`), found once per node. */
type ScopeLines = Array<{ line: number; phrase: string }>;

function scopeLinesOf(n: ProvisionNode, cache: Map<number, ScopeLines>): ScopeLines {
  let found = cache.get(n.id);
  if (found) return found;
  found = [];
  for (const l of n.lines) {
    const t = l.text;
    const sp = SCOPE_PREFIX.exec(t);
    if (sp) {
      found.push({ line: l.line, phrase: `${sp[1]} ${sp[2]}` });
      continue;
    }
    const rp = SCOPE_RANGE.exec(t);
    if (rp) {
      found.push({ line: l.line, phrase: rp[0] });
      continue;
    }
    for (const [re, noun] of FOREIGN_SCOPE) {
      if (re.test(t)) {
        found.push({ line: l.line, phrase: `this ${noun}` });
        break;
      }
    }
  }
  cache.set(n.id, found);
  return found;
}

/**
 * The nearest scope chapeau before the definition: in its node, then in each enclosing unit up to the
 * provision, then anywhere earlier in the provision — "(1) In this Part," often stands alone as the first
 * subsection, with the definitions after it in the section's own lines; without this the definitions of
 * one Part were read as the whole Act's.
 */
function chapeauScope(nodes: ProvisionNode[], s: Start, cache: Map<number, ScopeLines>): string | null {
  let before = s.line;
  for (let cur: number | null = s.nodeId; cur !== null && cur > 0; cur = nodes[cur].parent) {
    const n = nodes[cur];
    const lines = scopeLinesOf(n, cache);
    for (let k = lines.length - 1; k >= 0; k--) if (lines[k].line <= before) return lines[k].phrase;
    if (isProvisionKind(n.kind)) return earlierInProvision(nodes, n, s.line, cache);
    before = n.startLine;
  }
  return null;
}

/** The last scope line before `line` in the subdivisions of a provision. */
function earlierInProvision(nodes: ProvisionNode[], prov: ProvisionNode, line: number, cache: Map<number, ScopeLines>): string | null {
  let best: { line: number; phrase: string } | null = null;
  const stack = [...prov.children];
  while (stack.length > 0) {
    const n = nodes[stack.pop()!];
    if (n.startLine > line) continue;
    for (const l of scopeLinesOf(n, cache)) if (l.line <= line && (!best || l.line > best.line)) best = l;
    stack.push(...n.children);
  }
  return best?.phrase ?? null;
}

function scopeFromPhrase(phrase: string, from: number, resolver: Resolver): DefinitionScope | null {
  const range = /(sections?|articles?|§§?)\s+(\d+[A-Za-z]?(?:\.\d+)?)\s*(?:to|through|and|-|–)\s*(\d+[A-Za-z]?(?:\.\d+)?)/i.exec(phrase);
  if (range) {
    const a = resolver.provision(range[2], [], from);
    const b = resolver.provision(range[3], [], from);
    if (a !== null && b !== null) return { kind: 'nodes', nodeIds: resolver.range(a, b) };
    return null;
  }
  const m = /^(?:this|these|the present)\s+(\S+)/i.exec(phrase);
  if (!m) return null;
  const noun = m[1].toLowerCase().replace(/s$/, '') === 'section' ? 'section' : m[1].toLowerCase();
  const id = resolver.thisUnit(from, noun === 'sections' ? 'section' : noun);
  if (id === null) return null;
  return id === 0 ? { kind: 'document' } : { kind: 'node', nodeId: id };
}
