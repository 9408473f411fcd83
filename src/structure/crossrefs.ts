// Cross-references inside the document: `section 12`, `subsection (2)`, `paragraph (a)`, `Article 5`,
// `§ 2251`, `this Part`, `section 163.1(4)`, `sections 5 to 9`, `subsection 160(2) or (3)`. Each is resolved
// to a node where it can be, so a later stage can follow "an offence under section 5" to the offence.
// A reference followed by the name of another law (`section 12 of the Canada Elections Act`, `section 920
// of title 10`) is kept with no target: it is a lead to another statute, not to this one.

import type { CrossReference, DivisionKind, ProvisionNode } from '../types.js';
import { LineRole, type Built } from './builder.js';
import type { Resolver } from './resolve.js';
import { trimEndMatching } from './text.js';

const ITEM = String.raw`(?:\d+[A-Za-z]{0,3}(?:\.\d+[A-Za-z]?)*(?:\([0-9A-Za-z.]{1,6}\))*|\([0-9A-Za-z.]{1,6}\)(?:\([0-9A-Za-z.]{1,6}\))*|[IVXLC]+(?:\.\d+)?(?![A-Za-z]))`;
// The separator is `\s*(?:,|,?\s*and|,?\s*or|to|through|-|–)\s*` written so that no two \s quantifiers are
// adjacent (`\s*,?\s*and` splits a run of spaces every possible way: quadratic on `section 1` + many spaces).
const LIST = String.raw`${ITEM}(?:\s*(?:,(?:\s*(?:and|or))?|and|or|to|through|-|–)\s*${ITEM})*`;
const REF = new RegExp(
  String.raw`(?<![\w§])(?:(?:(?:[Tt]his|[Tt]hat|[Tt]he said|[Tt]hese)\s+(Act|Code|Law|Part|Chapter|Division|Subdivision|Title|title|Book|Schedule|section|subsection|paragraph|subparagraph|clause|Article|article))\b|([Ss]ections?|[Ss]ubsections?|[Pp]aragraphs?|[Ss]ubparagraphs?|[Cc]lauses?|[Ss]ubclauses?|[Aa]rticles?|[Pp]arts?|[Cc]hapters?|[Dd]ivisions?|[Ss]chedules?|ss?\.|[Ss]ecs?\.|[Aa]rts?\.|[Pp]aragraphes?|[Pp]arties?)\s+(${LIST})|(§§?)\s*(${LIST}))`,
  'g',
);
const SPLIT_ITEMS = new RegExp(String.raw`(${ITEM})|(to|through|-|–)`, 'g');
// `(?:,\s*)?`, not `,?\s*`: two adjacent \s* split a run of spaces every possible way (quadratic).
const EXTERNAL = /^\s*(?:,\s*)?(?:of|in|under|to)\s+(?:(?:the\s+|that\s+|said\s+)?principal\b|(?:the\s+|that\s+|said\s+|an?\s+)?(?!(?:[Tt]his|[Tt]hese|[Tt]he present|[Ss]ections?|[Ss]ubsections?|[Pp]aragraphs?|[Ss]ubparagraphs?|[Cc]lauses?|[Aa]rticles?|[Pp]arts?|[Cc]hapters?|[Dd]ivisions?|[Ss]chedules?|§)\b)(?:[A-Z*“"]|Act\b|title\s+\d|chapter\s+\d))/;
/** `In the Children Act, in section 2, …`: the sentence has already named the other law. */
const EXTERNAL_BEFORE = /\b(?:[Ii]n|[Oo]f|[Uu]nder) the (?:principal (?:Act|Code|Law)|(?:[A-Z][\w’'()-]*\s+){1,8}(?:Act|Code|Law|Ordinance|Decree|Regulations)(?:\s+\d{4})?)\s*,/;
const OF_BASE = new RegExp(String.raw`^\s*of\s+(?:this\s+section|(subsection|paragraph|subparagraph|section|article|§)\s+(${ITEM}))`, 'i');
const DIVISION_WORDS: Record<string, DivisionKind> = {
  part: 'part',
  partie: 'part',
  chapter: 'chapter',
  division: 'division',
  schedule: 'schedule',
};
const PROVISION_WORDS = /^(?:sections?|s|ss|secs?|articles?|arts?|§§?)$/i;

export function findCrossReferences(built: Built, resolver: Resolver): CrossReference[] {
  const out: CrossReference[] = [];
  const nodes: ProvisionNode[] = built.nodes;
  for (const n of nodes) {
    for (const run of textRuns(n, built.role)) {
      const text = run.text;
      if (!mayHaveReference(text)) continue;
      // Matches move right, so the line cursor only advances (a long paragraph stays linear).
      let k = 0;
      const lineAt = (index: number): number => {
        while (k + 1 < run.starts.length && run.starts[k + 1] <= index) k++;
        return run.lines[k];
      };
      REF.lastIndex = 0;
      let m: RegExpExecArray | null;
      // Start of the current sentence, advanced as matches move right (a long line stays linear).
      let sentenceStart = 0;
      let scanned = 0;
      while ((m = REF.exec(text))) {
        const own = { line: lineAt(m.index) };
        sentenceStart = advanceSentence(text, scanned, m.index, sentenceStart);
        scanned = m.index;
        const phrase = trimEndMatching(m[0], /[\s,]/);
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 60);
        if (m[1]) {
          // `this Part`, `this section`, `this Act`.
          if (/^[Tt]hat|^[Tt]he said/.test(phrase)) continue;
          out.push({ fromNodeId: n.id, line: own.line, text: phrase, targetNodeId: resolver.thisUnit(n.id, m[1]) });
          continue;
        }
        const word = (m[2] ?? m[4] ?? '').replace(/\.$/, '');
        const list = m[3] ?? m[5] ?? '';
        if (EXTERNAL.test(after) || EXTERNAL_BEFORE.test(text.slice(Math.max(sentenceStart, m.index - 200), m.index))) {
          out.push({ fromNodeId: n.id, line: own.line, text: phrase, targetNodeId: null });
          continue;
        }
        // `paragraph (5) of subsection (a)`, `paragraph (b) of section 12`: items under a named unit.
        const of = list.startsWith('(') ? OF_BASE.exec(after) : null;
        if (of) {
          const baseId = of[1] ? resolveList(of[1], of[2], n.id, resolver)[0] : resolver.thisUnit(n.id, 'section');
          const itemsText = m[0] + of[0];
          for (const im of list.matchAll(/\(([0-9A-Za-z.]{1,6})\)(?:\([0-9A-Za-z.]{1,6}\))*/g)) {
            const target = baseId === null || baseId === undefined ? null : resolver.under(baseId, parens(im[0]));
            out.push({ fromNodeId: n.id, line: own.line, text: trimEndMatching(itemsText, /[\s,]/), targetNodeId: target });
          }
          continue;
        }
        for (const target of resolveList(word, list, n.id, resolver)) {
          out.push({ fromNodeId: n.id, line: own.line, text: phrase, targetNodeId: target });
        }
      }
    }
  }
  return out;
}

interface TextRun {
  /** The lines' texts joined with a space, so a reference broken across a line end (`this\nPart`) is found. */
  text: string;
  lines: number[];
  /** Offset in `text` where each line starts. */
  starts: number[];
}

/** A node's consecutive non-empty text lines, joined; a blank line, a gap or another role ends a run. */
function textRuns(n: ProvisionNode, role: Uint8Array): TextRun[] {
  const runs: TextRun[] = [];
  let cur: TextRun | null = null;
  let prevLine = -2;
  for (const own of n.lines) {
    if (role[own.line] !== LineRole.Text || own.text === '') {
      cur = null;
      continue;
    }
    if (cur && own.line === prevLine + 1) {
      cur.text += ' ';
      cur.starts.push(cur.text.length);
      cur.lines.push(own.line);
      cur.text += own.text;
    } else {
      cur = { text: own.text, lines: [own.line], starts: [0] };
      runs.push(cur);
    }
    prevLine = own.line;
  }
  return runs;
}

/** The start of the sentence containing `to`, scanning only the text between `from` and `to`. */
function advanceSentence(text: string, from: number, to: number, start: number): number {
  for (let i = from; i < to - 1; i++) {
    const c = text.charCodeAt(i);
    // `.`, `;` or `:` followed by a space ends a clause for this purpose.
    if ((c === 46 || c === 59 || c === 58) && text.charCodeAt(i + 1) === 32) start = i + 2;
  }
  return start;
}

/** A cheap test before running the reference pattern over a line. */
function mayHaveReference(t: string): boolean {
  return /[§]|[Ss]ection|[Pp]aragraph|[Aa]rticle|[Pp]art|[Cc]hapter|[Dd]ivision|[Ss]chedule|[Cc]lause|\bs{1,2}\.|[Aa]rts?\.|[Ss]ecs?\.|\b[Tt]his\s/.test(t);
}

/** Resolves each item of `5 to 9`, `151, 152 or 155`, `160(2) or (3)`; ranges expand to the provisions between. */
function resolveList(word: string, list: string, from: number, resolver: Resolver): Array<number | null> {
  const lower = word.toLowerCase();
  const provisionWord = PROVISION_WORDS.test(lower);
  const divisionKind = DIVISION_WORDS[lower.replace(/s$/, '')];
  const targets: Array<number | null> = [];
  let base: { number: string; path: string[] } | null = null;
  let rangeNext = false;
  SPLIT_ITEMS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPLIT_ITEMS.exec(list))) {
    if (m[2]) {
      rangeNext = true;
      continue;
    }
    const item = m[1];
    let target: number | null;
    if (divisionKind) {
      target = resolver.division(divisionKind, item);
    } else if (item.startsWith('(')) {
      const path = parens(item);
      if (base) {
        // `subsection 160(2) or (3)`: the later item keeps the earlier one's provision.
        const p: string[] = [...base.path.slice(0, Math.max(0, base.path.length - path.length)), ...path];
        target = resolver.provision(base.number, p, from);
        base = { number: base.number, path: p };
      } else {
        target = resolver.relative(path, from);
      }
    } else {
      const number = item.replace(/\(.*$/, '');
      const path = parens(item.slice(number.length));
      if (provisionWord || /^\d/.test(number)) {
        // `paragraphs 5(i)(aa)` in a section divided into (a)(5)(i)…: a paragraph named by a bare number
        // is first looked for around the reference; `subsection 2(1)` always names section 2.
        const local = /^(?:paragraph|subparagraph|clause)/.test(lower) ? resolver.relative([number, ...path], from) : null;
        target = local ?? resolver.provision(number, path, from);
        base = { number, path };
      } else {
        target = null;
      }
    }
    if (rangeNext && targets.length > 0) {
      const prev = targets[targets.length - 1];
      if (prev !== null && target !== null) {
        const span = resolver.range(prev, target);
        for (const id of span) if (id !== prev) targets.push(id);
        rangeNext = false;
        continue;
      }
    }
    rangeNext = false;
    targets.push(target);
  }
  return targets;
}

function parens(s: string): string[] {
  const out: string[] = [];
  const re = /\(([0-9A-Za-z.]{1,6})\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1]);
  return out;
}
