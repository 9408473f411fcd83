// The structure stage: provisions, divisions, subdivisions, headings, citations, definitions, cross-references
// and the tree helpers, on small statutes written for each case.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../dist/parse/index.js';
import {
  ancestors,
  buildStructure,
  chapeauOf,
  checkStructure,
  definitionsInScope,
  headingPath,
  nodeText,
  provisionOf,
  subtreeText,
  textWithChapeau,
} from '../dist/structure/index.js';
import { placeMarker, readMarkers, type Level } from '../dist/structure/markers.js';
import type { ProvisionNode, SourceText, StatuteDocument } from '../dist/types.js';
import { sourceOf } from './helpers/source.js';


/** Parses and structures a statute, and checks the tree's invariants on the way. */
function build(text: string, path = 'statute.md'): StatuteDocument {
  const parsed = parseSource(sourceOf(text, path));
  const doc = buildStructure(parsed);
  expect(checkStructure(doc, parsed)).toEqual([]);
  return doc;
}

const md = (text: string): StatuteDocument => build(text, 'statute.md');
const txt = (text: string): StatuteDocument => build(text, 'statute.txt');

function byCitation(doc: StatuteDocument, citation: string): ProvisionNode {
  const n = doc.nodes.find((x) => x.citation === citation);
  if (!n) throw new Error(`no ${citation} in:\n${doc.nodes.map((x) => x.citation).join('\n')}`);
  return n;
}

function citations(doc: StatuteDocument): string[] {
  return doc.nodes.slice(1).map((n) => n.citation);
}

// ---------------------------------------------------------------------------------------------------------

describe('subdivision markers', () => {
  it('reads chains of markers and where the words begin', () => {
    expect(readMarkers('(a)(1)(A) text').tokens.map((t) => t.number)).toEqual(['a', '1', 'A']);
    expect(readMarkers('(2) (a) text').tokens.map((t) => t.number)).toEqual(['2', 'a']);
    const c = readMarkers('(4.1) Every person');
    expect(c.tokens[0].number).toBe('4.1');
    expect('(4.1) Every person'.slice(c.end)).toBe('Every person');
    expect(readMarkers('a) sexuelle Handlungen').tokens[0]).toMatchObject({ number: 'a', style: ')' });
    expect(readMarkers('5a. Widerstand').tokens[0]).toMatchObject({ number: '5a', style: '.' });
    expect(readMarkers('c.1) tout agent').tokens[0]).toMatchObject({ number: 'c.1', style: ')' });
  });

  it('reads at most six markers chained on one line', () => {
    const c = readMarkers('(a)(b)(c)(d)(e)(f)(g)(h) text');
    expect(c.tokens).toHaveLength(6);
    expect('(a)(b)(c)(d)(e)(f)(g)(h) text'.slice(c.end)).toBe('(g)(h) text');
  });

  it('does not take words in brackets for markers', () => {
    expect(readMarkers('(the Act) applies').tokens).toEqual([]);
    expect(readMarkers('(Repealed)').tokens).toEqual([]);
    expect(readMarkers('(a)text').tokens).toEqual([]);
    expect(readMarkers('1.5 million').tokens).toEqual([]);
  });

  const level = (raw: string, key: string, node: number): Level => {
    const cand = readMarkers(raw).tokens[0].cands.find((c) => c.key === key)!;
    return { key, ord: cand.ord, node, listDepth: 0 };
  };
  const cands = (raw: string) => readMarkers(raw).tokens[0].cands;

  it('reads (i) after (h) as the next letter', () => {
    const levels = [level('(1)', 'int()', 1), level('(h)', 'lower()', 2)];
    expect(placeMarker(levels, cands('(i)'), { chapeau: false })).toMatchObject({ level: 1, cand: { key: 'lower()' } });
  });

  it('reads (i) after (h) as a roman numeral when (ii) follows', () => {
    const levels = [level('(1)', 'int()', 1), level('(h)', 'lower()', 2)];
    expect(placeMarker(levels, cands('(i)'), { chapeau: true, next: cands('(ii)') })).toMatchObject({ level: 2, cand: { key: 'roman()' }, fresh: true });
  });

  it('reads (i) after (a)(5) as the first roman numeral', () => {
    const levels = [level('(a)', 'lower()', 1), level('(5)', 'int()', 2)];
    expect(placeMarker(levels, cands('(i)'), { chapeau: false })).toMatchObject({ level: 2, cand: { key: 'roman()' } });
  });

  it('reads (v) after (iv) as roman, and after (u) as a letter when (w) follows', () => {
    const levels = [level('(u)', 'lower()', 1), level('(iv)', 'roman()', 2)];
    expect(placeMarker(levels, cands('(v)'), { chapeau: false })).toMatchObject({ level: 1, cand: { key: 'roman()' } });
    expect(placeMarker(levels, cands('(v)'), { chapeau: false, next: cands('(w)') })).toMatchObject({ level: 0, cand: { key: 'lower()' } });
  });

  it('reads (x) after (w) as a letter when no roman list is open', () => {
    const levels = [level('(1)', 'int()', 1), level('(w)', 'lower()', 2)];
    expect(placeMarker(levels, cands('(x)'), { chapeau: false })).toMatchObject({ level: 1, cand: { key: 'lower()' } });
  });

  it('reads (aa) as a doubled-letter list when (bb) follows, as inserted after (a) when (b) follows', () => {
    const levels = [level('(a)', 'lower()', 1), level('(5)', 'int()', 2), level('(i)', 'roman()', 3)];
    expect(placeMarker(levels, cands('(aa)'), { chapeau: true, next: cands('(bb)') })).toMatchObject({ level: 3, cand: { key: 'lower2()' } });
    const flat = [level('(a)', 'lower()', 1)];
    expect(placeMarker(flat, cands('(aa)'), { chapeau: false, next: cands('(b)') })).toMatchObject({ level: 0, cand: { key: 'lower()' } });
  });

  it('continues a list with inserted decimal subsections', () => {
    const levels = [level('(4)', 'int()', 1)];
    expect(placeMarker(levels, cands('(4.1)'), { chapeau: false })).toMatchObject({ level: 0, fresh: false });
    const after = [level('(4.3)', 'int()', 1)];
    expect(placeMarker(after, cands('(5)'), { chapeau: false })).toMatchObject({ level: 0, fresh: false });
  });

  it('follows Markdown list depth over letter order', () => {
    const levels: Level[] = [{ ...level('(h)', 'lower()', 1), listDepth: 1 }];
    expect(placeMarker(levels, cands('(i)'), { chapeau: false, listDepth: 2 })).toMatchObject({ cand: { key: 'roman()' }, fresh: true });
    expect(placeMarker(levels, cands('(i)'), { chapeau: false, listDepth: 1 })).toMatchObject({ cand: { key: 'lower()' }, fresh: false });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('provision styles', () => {
  const cases: Array<[string, string, string, string, Partial<ProvisionNode>]> = [
    ['bare number', 'statute.txt', '1. Short title\n\nThis Act is the Test Act.\n\n2. A person who steals commits an offence.\n', 's. 2', { number: '2', kind: 'section', heading: null }],
    ['number with letter', 'statute.txt', '12. First.\n\n12A. Inserted provision\n\nText.\n', 's. 12A', { number: '12A', heading: 'Inserted provision' }],
    ['Section keyword', 'statute.txt', 'Section 1\n\nText one.\n\nSection 2\n\nText two.\n', 'Sec. 2', { number: '2' }],
    ['Sec. abbreviation', 'statute.txt', 'Sec. 11. Penalties. – A person shall be fined.\n\nSec. 12. Venue. – Trial is in the district.\n', 'Sec. 12', { number: '12', heading: 'Venue' }],
    ['s. abbreviation', 'statute.txt', 's. 4 Offences\n\nA person commits an offence.\n', 's. 4', { number: '4', heading: 'Offences' }],
    ['Article', 'statute.txt', 'Article 7\n\nWhoever sells a child shall be punished.\n', 'Art. 7', { kind: 'article', number: '7' }],
    ['Art. abbreviation', 'statute.txt', 'Art. 7. Whoever sells a child shall be punished.\n', 'Art. 7', { kind: 'article', number: '7', heading: null }],
    ['section sign', 'statute.txt', '§ 2251. Sexual exploitation of children\n\n(a) Any person who employs a minor shall be punished.\n', '§ 2251', { number: '2251', heading: 'Sexual exploitation of children' }],
    ['Canadian decimal', 'statute.txt', '163.1 (1) In this section, child means a person under eighteen.\n\n(2) Every person who makes material is guilty of an offence.\n', 's. 163.1', { number: '163.1' }],
    ['Markdown heading', 'statute.md', '### 163.1 Definition of **child sexual abuse material**\n\n(1) In this section, text.\n', 's. 163.1', { heading: 'Definition of child sexual abuse material' }],
    ['Markdown § heading', 'statute.md', '##### § 184b Verbreitung kinderpornographischer Inhalte\n\n(1) Mit Freiheitsstrafe wird bestraft, wer\n', '§ 184b', { number: '184b', heading: 'Verbreitung kinderpornographischer Inhalte' }],
    ['Markdown Section heading', 'statute.md', '### Section 4. Cybercrime Offenses\n\nThe following acts are offenses:\n', 'Sec. 4', { heading: 'Cybercrime Offenses' }],
    ['bold provision line', 'statute.md', '**12. Offences**\n\n(1) A person who sells a child commits an offence.\n', 's. 12', { heading: 'Offences' }],
    ['run-in heading with dash', 'statute.txt', 'Section 3. Definitions. – As used in this Act, child refers to a person under eighteen.\n', 'Sec. 3', { heading: 'Definitions' }],
    ['Article bis', 'statute.md', '### Article 12 bis – Solicitation\n\nText.\n', 'Art. 12 bis', { number: '12 bis', heading: 'Solicitation' }],
    ['range of repealed sections', 'statute.md', '### 6 and 7\n\n[Repealed, 1998, c. 26, s. 72]\n', 'ss. 6 and 7', { number: '6 and 7' }],
  ];
  for (const [name, path, text, citation, expected] of cases) {
    it(name, () => {
      const doc = build(text, path);
      expect(byCitation(doc, citation)).toMatchObject(expected);
    });
  }

  it('does not read a sentence that starts with a section reference as a provision', () => {
    const doc = txt('1. Scope\n\nThis Act applies.\n\nSection 5 applies to every child in Westland.\n');
    expect(doc.nodes.filter((n) => n.kind === 'section').map((n) => n.number)).toEqual(['1']);
  });

  it('numbered paragraphs inside an article are paragraphs, not provisions', () => {
    const doc = txt('Article 3\n\n1. First paragraph.\n\n2. Second paragraph.\n\nArticle 4\n\nText.\n');
    expect(citations(doc)).toEqual(['Art. 3', 'Art. 3(1)', 'Art. 3(2)', 'Art. 4']);
    expect(byCitation(doc, 'Art. 3(1)').kind).toBe('paragraph');
  });

  it('a numbered list inside a section in a bare-number statute stays inside it', () => {
    const doc = txt('1. The Board may —\n\n1. advise the Minister;\n\n2. keep records.\n\n2. Reports\n\nText.\n');
    expect(doc.nodes.filter((n) => n.kind === 'section').map((n) => n.number)).toEqual(['1', '2']);
  });

  it('the same provision announced twice (heading, then text) is one node', () => {
    const doc = md('### Section 4. Cybercrime Offenses\n\nSection 4. Cybercrime Offenses. — The following acts constitute the offense:\n(a) Illegal access;\n(b) Illegal interception.\n');
    expect(citations(doc)).toEqual(['Sec. 4', 'Sec. 4(a)', 'Sec. 4(b)']);
    expect(nodeText(doc, byCitation(doc, 'Sec. 4').id)).toBe('Cybercrime Offenses The following acts constitute the offense:');
  });

  it('quoted inserted provisions of an amending Act are text of the amending section', () => {
    const doc = md('### 3. New section 5A\n\nThe principal Act is amended by inserting —\n\n> 5A. Grooming\n>\n> (1) A person who grooms a child commits an offence.\n\n### 4. Repeal\n\nSection 9 is repealed.\n');
    expect(citations(doc)).toEqual(['s. 3', 's. 4']);
    expect(subtreeText(doc, byCitation(doc, 's. 3').id)).toContain('A person who grooms a child commits an offence.');
    const plain = txt('3. New section 5A\n\nThe principal Act is amended by inserting —\n\n“5A. Grooming\n(1) A person who grooms a child commits an offence.\n(2) Penalty: 5 years.”\n\n4. Repeal\n\nSection 9 is repealed.\n');
    expect(citations(plain)).toEqual(['s. 3', 's. 4']);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('divisions', () => {
  it('reads Part headings written on one line or two', () => {
    const doc = txt('PART I — PRELIMINARY\n\n1. Short title\n\nText.\n\nPART II\nOFFENCES\n\n2. Sale\n\nText.\n');
    expect(citations(doc)).toEqual(['Part I', 'Part I > s. 1', 'Part II', 'Part II > s. 2']);
    expect(byCitation(doc, 'Part I').heading).toBe('PRELIMINARY');
    expect(byCitation(doc, 'Part II').heading).toBe('OFFENCES');
  });

  it('reads all-caps ARTICLE lines as divisions where the provisions are Sections, not in civil-law codes', () => {
    const ph = txt('ARTICLE IV\nWORKING CHILDREN\n\nSection 9. Minimum Age. – No child below fifteen shall be employed.\n\nSection 10. Hazardous Work. – No child shall be employed in hazardous work.\n\nARTICLE V\nPENALTIES\n\nSection 11. Penalties. – Violations are punished.\n');
    expect(citations(ph)).toEqual(['Article IV', 'Article IV > Sec. 9', 'Article IV > Sec. 10', 'Article V', 'Article V > Sec. 11']);
    expect(byCitation(ph, 'Article V').kind).toBe('division');
    expect(byCitation(ph, 'Article V').heading).toBe('PENALTIES');
    const civil = txt('ARTICLE 1\n\nWhoever sells a child shall be punished.\n\nARTICLE 2\n\nThe attempt is punishable.\n');
    expect(civil.nodes.slice(1).map((n) => n.kind)).toEqual(['article', 'article']);
  });

  it('nests Division and Subdivision under Part in plain text', () => {
    const doc = txt('Part 2 — Offences\n\nDivision 1 — Sale\n\nSubdivision A — General\n\n5. Text.\n\nDivision 2 — Exploitation\n\n6. Text.\n\nPart 3 — Procedure\n\n7. Text.\n');
    expect(citations(doc)).toEqual([
      'Part 2',
      'Part 2 > Division 1',
      'Part 2 > Division 1 > Subdivision A',
      'Part 2 > Division 1 > Subdivision A > s. 5',
      'Part 2 > Division 2',
      'Part 2 > Division 2 > s. 6',
      'Part 3',
      'Part 3 > s. 7',
    ]);
  });

  it('nests Parts under Chapters when the statute puts them there', () => {
    const doc = txt('Chapter 8 — Offences against humanity\n\nPart 8.1 — Genocide\n\n268.1. Text.\n\nPart 8.2 — Slavery\n\n270.1. Text.\n\nChapter 9 — Dangers to the community\n\nPart 9.1 — Drugs\n\n300.1. Text.\n');
    expect(byCitation(doc, 'Chapter 8 > Part 8.2 > s. 270.1').parent).toBe(byCitation(doc, 'Chapter 8 > Part 8.2').id);
    expect(byCitation(doc, 'Chapter 9 > Part 9.1').parent).toBe(byCitation(doc, 'Chapter 9').id);
  });

  it('uses Markdown heading depth for nesting, and numbers German ordinal headings', () => {
    const doc = md('## Besonderer Teil\n\n### Dreizehnter Abschnitt - Straftaten gegen die sexuelle Selbstbestimmung\n\n#### § 184b Verbreitung\n\n(1) Text.\n');
    const chapter = byCitation(doc, 'Dreizehnter Abschnitt');
    expect(chapter).toMatchObject({ kind: 'chapter', number: '13', heading: 'Straftaten gegen die sexuelle Selbstbestimmung' });
    expect(byCitation(doc, 'Besonderer Teil').kind).toBe('crossheading');
    expect(byCitation(doc, 'Dreizehnter Abschnitt > § 184b').parent).toBe(chapter.id);
  });

  it('reads schedules, numbered or not, as outermost divisions', () => {
    const doc = md('## Part 1\n\n### 1. Text\n\nWords.\n\n## FIRST SCHEDULE — FORMS\n\n1. Form of notice.\n\n## SCHEDULE\n\n1. Another list.\n');
    expect(citations(doc)).toEqual(['Part 1', 'Part 1 > s. 1', 'First Schedule', 'First Schedule > para. 1', 'Schedule', 'Schedule > para. 1']);
    expect(byCitation(doc, 'First Schedule')).toMatchObject({ kind: 'schedule', number: '1', heading: 'FORMS' });
  });

  it('does not read sentences about Parts as Part headings', () => {
    const doc = txt('1. Application\n\nPart 2 applies to every child.\n\nPart 3 of the Schedule is repealed.\n');
    expect(doc.nodes.filter((n) => n.kind === 'part')).toEqual([]);
  });

  it('merges a division repeated as a plain line and a Markdown heading', () => {
    const doc = md('### Section 3. Definitions\n\n(p) Traffic data refers to data.\nCHAPTER II\nPUNISHABLE ACTS\n\n## CHAPTER II - PUNISHABLE ACTS\n\n### Section 4. Offenses\n\nText.\n');
    expect(doc.nodes.filter((n) => n.kind === 'chapter')).toHaveLength(1);
    expect(byCitation(doc, 'Chapter II')).toMatchObject({ heading: 'PUNISHABLE ACTS', startLine: 4, endLine: 11 });
  });

  it('keeps unnumbered Markdown headings as cross-headings over the provisions that follow', () => {
    const doc = md('# Criminal Code\n\n## Part I\n\n### General\n\n### 3.1 Effect of judicial acts\n\nText.\n\n## Offences Against Public Order\n\n### 46 High treason\n\nText.\n');
    expect(doc.title).toBe('Criminal Code');
    expect(byCitation(doc, 'Part I > s. 3.1').parent).toBe(byCitation(doc, 'Part I > General').id);
    expect(byCitation(doc, 's. 46').parent).toBe(byCitation(doc, 'Offences Against Public Order').id);
    expect(headingPath(doc, byCitation(doc, 's. 46').id)).toBe('Offences Against Public Order > Section 46');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('subdivisions, headings and text', () => {
  it('takes a bold line before a subsection as its marginal note', () => {
    const doc = md('### 4 Distribution\n\n(1) Text one.\n\n**Possession of material**\n\n(2) Every person who possesses material is guilty.\n');
    const s2 = byCitation(doc, 's. 4(2)');
    expect(s2.heading).toBe('Possession of material');
    expect(s2.startLine).toBe(5);
    expect(byCitation(doc, 's. 4(1)').endLine).toBe(3);
  });

  it('does not take a bold defined term before a list for a marginal note', () => {
    const doc = md('### 2 Definitions\n\nIn this Act,\n\n**Attorney General**\n  - (a) means the Attorney General of a province, and\n  - (b) includes a lawful deputy;\n');
    expect(byCitation(doc, 's. 2(a)').heading).toBeNull();
    expect(nodeText(doc, byCitation(doc, 's. 2').id)).toContain('Attorney General');
  });

  it('gives the words after a Markdown list back to the unit that introduced it', () => {
    const doc = md('### 2 Definitions\n\nIn this Act,\n\n**bank-note** includes any instrument\n  - (a) issued by a bank, and\n  - (b) issued under an Act,\nintended to be used as money;\n\n**cattle** means neat cattle;\n');
    const s2 = byCitation(doc, 's. 2');
    expect(nodeText(doc, s2.id)).toContain('intended to be used as money;');
    expect(nodeText(doc, byCitation(doc, 's. 2(b)').id)).toBe('issued under an Act,');
  });

  it('gives closing words after a nested plain list to the outermost chapeau', () => {
    const doc = txt('5. Offence\n\n(1) Any person who —\n(a) sells a child; or\n(b) either —\n(i) offers a child; or\n(ii) procures a child,\n\nshall be punished by imprisonment.\n\n(2) Text.\n');
    expect(nodeText(doc, byCitation(doc, 's. 5(1)').id)).toBe('Any person who — shall be punished by imprisonment.');
  });

  it('attaches a historical note to the provision, not to its last subsection', () => {
    const doc = md('### 7 Question of law\n\n(1) Text one.\n\n(2) Text two.\n\n<details>\n<summary>Historical Note</summary>\n\n- 1993, c. 46, s. 2\n\n</details>\n\n### 8 Next\n\nText.\n');
    expect(byCitation(doc, 's. 7(2)').endLine).toBe(5);
    expect(byCitation(doc, 's. 7').endLine).toBe(12);
    expect(byCitation(doc, 's. 8').startLine).toBe(14);
    // `s. 2` in the note is a section of the amending Act of 1993, not of this statute.
    expect(doc.crossReferences.filter((r) => r.line === 10)).toEqual([]);
  });

  it('uses civil-law paragraph numbers and letters: Art. 2(2)(a)', () => {
    const doc = md('### Article 2 – Scope\n\n1. The law applies in the territory.\n2. It also applies abroad to:\n   a) sexual abuse of a child;\n   b) trafficking in children,\n\n   whether or not the act is punishable there.\n3. Proceedings need no complaint.\n');
    expect(citations(doc)).toEqual(['Art. 2', 'Art. 2(1)', 'Art. 2(2)', 'Art. 2(2)(a)', 'Art. 2(2)(b)', 'Art. 2(3)']);
    expect(nodeText(doc, byCitation(doc, 'Art. 2(2)').id)).toBe('It also applies abroad to: whether or not the act is punishable there.');
  });

  it('reads US-style run-in headings of subsections', () => {
    const doc = md('## § 2251. Sexual exploitation\n\n(a) In General.—Any person who employs a minor shall be punished.\n\n(b) Penalty.—Fine.\n');
    expect(byCitation(doc, '§ 2251(a)').heading).toBe('In General');
    expect(byCitation(doc, '§ 2251(a)').kind).toBe('subsection');
  });

  it('names subdivision kinds the way each tradition does', () => {
    const cw = txt('12. (1) A person commits an offence who —\n(a) makes material; or\n(b) either —\n(i) sells it; or\n(ii) offers it.\n');
    expect(['s. 12(1)', 's. 12(1)(a)', 's. 12(1)(b)(i)'].map((c) => byCitation(cw, c).kind)).toEqual(['subsection', 'paragraph', 'subparagraph']);
    const letters = txt('13. A person commits an offence who —\n(a) makes material; or\n(b) sells it.\n');
    expect(byCitation(letters, 's. 13(a)').kind).toBe('paragraph');
    const us = md('## § 5. Penalties\n\n(a) Whoever —\n\n(1) does this —\n\n(A) in that way,\n\nshall be fined.\n');
    expect(['§ 5(a)', '§ 5(a)(1)', '§ 5(a)(1)(A)'].map((c) => byCitation(us, c).kind)).toEqual(['subsection', 'paragraph', 'subparagraph']);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('citations', () => {
  it('are unique: real duplicates under different headings take the heading path, others [2]', () => {
    const doc = md('### 5 Offence\n\nText.\n\n## RELATED PROVISIONS\n\n### — 2001, c. 32, s. 5\n\n### 5 Transitional\n\nText.\n\n### — 2002, c. 4, s. 5\n\n### 5 Transitional\n\nText.\n');
    const fives = doc.nodes.filter((n) => n.number === '5' && n.kind === 'section').map((n) => n.citation);
    expect(fives).toEqual(['s. 5', 'RELATED PROVISIONS > 2001, c. 32, s. 5 > s. 5', 'RELATED PROVISIONS > 2002, c. 4, s. 5 > s. 5']);
  });

  it('qualify lists restarted under one definitions section by their defined term', () => {
    const doc = md('### 2 Definitions\n\nIn this Act,\n\n**Act** includes\n  - (a) an Act of Parliament, and\n  - (b) an ordinance;\n\n**peace officer** includes\n  - (a) a sheriff, and\n  - (b) a police officer;\n');
    expect(citations(doc)).toEqual(['s. 2', 's. 2 “Act” (a)', 's. 2 “Act” (b)', 's. 2 “peace officer” (a)', 's. 2 “peace officer” (b)']);
  });

  it('number true duplicates in document order', () => {
    const doc = md('### 84 Definitions\n\nIn this Part, **prohibited device** means\n  - (d) a magazine, or\n  - (e) a replica firearm;\n  - (e) a firearm that is not a handgun;\n');
    expect(citations(doc)).toEqual(['s. 84', 's. 84(d)', 's. 84(e)', 's. 84(e) [2]']);
  });

  it('include numbered divisions and use the provision style as written', () => {
    const doc = md('## Chapter 110\n\n### § 2252A. Material\n\n(a) Any person who —\n\n(5) either —\n\n(B) knowingly possesses material,\n\nshall be punished.\n');
    const n = byCitation(doc, 'Chapter 110 > § 2252A(a)(5)(B)');
    expect(n.shortCitation).toBe('§ 2252A(a)(5)(B)');
    expect(headingPath(doc, n.id)).toBe('Chapter 110 > § 2252A > (a) > (5) > (B)');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('definitions', () => {
  const def = (doc: StatuteDocument, term: string) => {
    const d = doc.definitions.find((x) => x.term === term);
    if (!d) throw new Error(`no definition of ${term}: ${doc.definitions.map((x) => x.term).join(', ')}`);
    return d;
  };

  it('reads quoted, unquoted and bold terms with means and includes, scoped to the Act', () => {
    const doc = md('### 2. Interpretation\n\n(1) In this Act —\n\n"child" means a person under the age of eighteen years;\n\n“computer system” includes a mobile telephone;\n\n**Minister** means the Minister of Justice;\n\nchild pornography means material showing a child;\n');
    expect(def(doc, 'child')).toMatchObject({ mode: 'means', scope: { kind: 'document' }, line: 5 });
    expect(def(doc, 'computer system')).toMatchObject({ mode: 'includes', scope: { kind: 'document' } });
    expect(def(doc, 'Minister')).toMatchObject({ mode: 'means', scope: { kind: 'document' } });
    expect(def(doc, 'child pornography')).toMatchObject({ mode: 'means', scope: { kind: 'document' } });
    expect(def(doc, 'child').text).toBe('"child" means a person under the age of eighteen years;');
  });

  it('reads "the term X means" and scopes "In this section" to the section', () => {
    const doc = md('## § 1591. Sex trafficking\n\n(e) In this section:\n\n(1) The term “coercion” means threats of serious harm.\n\n(2) The term “venture” means any group of individuals.\n');
    const s = byCitation(doc, '§ 1591');
    expect(def(doc, 'coercion')).toMatchObject({ scope: { kind: 'node', nodeId: s.id }, nodeId: byCitation(doc, '§ 1591(e)(1)').id });
    expect(def(doc, 'venture').scope).toEqual({ kind: 'node', nodeId: s.id });
  });

  it('scopes "In this Part" to the Part and "For the purposes of this Article" to the article', () => {
    const doc = md('## Part 2\n\n### 5. Interpretation\n\nIn this Part, "guardian" includes a foster parent.\n\n### Article 9 – Exploitation\n\nFor the purposes of this Article, exploitation shall mean the use of a child for gain.\n');
    expect(def(doc, 'guardian').scope).toEqual({ kind: 'node', nodeId: byCitation(doc, 'Part 2').id });
    expect(def(doc, 'exploitation')).toMatchObject({ mode: 'means', scope: { kind: 'node', nodeId: byCitation(doc, 'Part 2 > Art. 9').id } });
  });

  it('does not take the wrapped first line of an offence for the heading of its article', () => {
    const doc = txt('Article 61\nWhoever recruits, transports, transfers, harbours or receives a person for the purpose of exploitation\nshall be punished by imprisonment from five to twelve years.\n');
    const art = byCitation(doc, 'Art. 61');
    expect(art.heading).toBeNull();
    expect(doc.nodes.filter((n) => n.kind !== 'document').map((n) => n.citation)).toEqual(['Art. 61']);
  });

  it('scopes definitions after a "(1) In this Part," subsection of their own to the Part', () => {
    // The Part has lost its label; its title heading stands for it. Without the chapeau in the first
    // subsection, the Definitions heading would make these definitions the whole Act's.
    const doc = md('## Gaming Houses\n\n### 40 Definitions\n\n(1) In this Part,\n\n**wager** means a stake placed on a game;\n\n**venue** includes any room or yard;\n\n## Other Offences\n\n### 50 Offence\n\nEvery person who moves a wager commits an offence.\n');
    expect(def(doc, 'wager').scope).toEqual({ kind: 'node', nodeId: byCitation(doc, 'Gaming Houses').id });
    expect(def(doc, 'venue').scope).toEqual({ kind: 'node', nodeId: byCitation(doc, 'Gaming Houses').id });
  });

  it('ends a definition at the marginal note of the next subsection', () => {
    const doc = md('### 9 Luring\n\n**Definition of child**\n\n(3) For the purposes of this section, **child** means a person under the age of eighteen years.\n\n**Who may institute prosecutions**\n\n(4) No proceedings shall be instituted without the consent of the Attorney General.\n');
    expect(def(doc, 'child').text).toBe('For the purposes of this section, child means a person under the age of eighteen years.');
  });

  it('ends a definition at a repealed entry, whose words belong to no definition', () => {
    const doc = md('### 40 Definitions\n\n(1) In this Act,\n\n**venue** includes any room or yard;\n\n**harbourer**[Repealed, 2031, c. 4, s. 2]\n\n**keeper** means a person who runs a venue;\n');
    expect(def(doc, 'venue').text).toBe('venue includes any room or yard;');
    expect(def(doc, 'keeper').text).toBe('keeper means a person who runs a venue;');
    expect(doc.definitions.map((d) => d.term)).not.toContain('harbourer');
  });

  it('scopes "For the purposes of sections 5 to 7" to those sections', () => {
    const doc = txt('4. For the purposes of sections 5 to 7, "material" includes a drawing.\n\n5. Text.\n\n6. Text.\n\n7. Text.\n\n8. Text.\n');
    const ids = ['s. 5', 's. 6', 's. 7'].map((c) => byCitation(doc, c).id);
    expect(def(doc, 'material').scope).toEqual({ kind: 'nodes', nodeIds: ids });
  });

  it('reads "X refers to" items of a definitions section, with their sub-items in the text', () => {
    const doc = txt('Section 3. Definition of Terms. – For purposes of this Act:\n(a) Access refers to the use of a computer system.\n(b) Service provider refers to:\n(1) Any public entity that provides communication; and\n(2) Any entity that stores data.\n');
    expect(def(doc, 'Access')).toMatchObject({ scope: { kind: 'document' }, nodeId: byCitation(doc, 'Sec. 3(a)').id });
    expect(def(doc, 'Service provider').text).toContain('Any entity that stores data.');
  });

  it('reads a bold term heading a list, with the list as its text', () => {
    const doc = md('### 2 Definitions\n\nIn this Act,\n\n**Attorney General**\n  - (a) means the Attorney General of a province, and\n  - (b) includes a lawful deputy;\n\n**cattle** means neat cattle;\n');
    const ag = def(doc, 'Attorney General');
    expect(ag.text).toContain('includes a lawful deputy');
    expect(ag.text).not.toContain('neat cattle');
    expect(ag.endLine).toBe(7);
  });

  it('reads inline definitions', () => {
    const doc = txt('Article 3\n\nWhoever proposes to meet a person under sixteen years (hereinafter "the child") for a sexual purpose shall be punished.\n');
    expect(def(doc, 'the child')).toMatchObject({ mode: 'means', line: 3 });
  });

  it('does not take ordinary sentences for definitions', () => {
    const doc = txt('5. Offences\n\nA person who means to harm a child commits an offence.\n\nThis Act means what it says.\n\nand includes the attempt.\n');
    expect(doc.definitions).toEqual([]);
  });

  it('does not take "means" as a noun, or a marginal note, for a definition', () => {
    const us = md('### § 2481. Rights\n\n(a) Testimony by other means. — Where a minor is a witness, the court may direct otherwise.\n\n(b) Whoever moves it in commerce by any means, including by computer, shall be fined.\n\n(c) In this section, "visual depiction" includes data sent by any means that can be turned into an image.\n');
    expect(us.definitions.map((d) => d.term)).toEqual(['visual depiction']);
    const ca = md('### 2 Definitions\n\nIn this Act,\n\n**child** means a person under eighteen;\n\n(2) Anything by means of which an offence is committed is forfeited.\n\n**Who may institute prosecutions**\n\n(3) No proceedings shall be commenced without consent.\n\n**Act includes regulations**\n\n(4) References to this Act include regulations.\n');
    expect(ca.definitions.map((d) => d.term)).toEqual(['child']);
  });

  it('orders the definitions in scope from the narrowest', () => {
    const doc = md('### 2 Definitions\n\nIn this Act, "child" means a person under eighteen.\n\n## Part 2\n\n### 5 Interpretation\n\nIn this Part, "child" means a person under sixteen.\n\n### 6 Offence\n\nA person who harms a child commits an offence.\n');
    const inScope = definitionsInScope(doc, byCitation(doc, 'Part 2 > s. 6').id).filter((d) => d.term === 'child');
    expect(inScope.map((d) => d.text)).toEqual(['In this Part, "child" means a person under sixteen.', 'In this Act, "child" means a person under eighteen.']);
    expect(definitionsInScope(doc, byCitation(doc, 's. 2').id).map((d) => d.line)).toEqual([3]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('cross-references', () => {
  const statute = [
    '## Part 1',
    '',
    '### 5. Offence',
    '',
    '(1) A person who sells a child commits an offence.',
    '',
    '(2) A person who commits an offence under subsection (1) is liable to imprisonment.',
    '',
    '(3) It is a defence that the accused —',
    '',
    '(a) acted lawfully; or',
    '',
    '(b) did not know, unless paragraph (a) applies.',
    '',
    '### 6. Procurement',
    '',
    'A person who contravenes section 5(1) or section 163.1(4) of the Criminal Code, or who breaches this Part, commits an offence.',
    '',
    '## Part 2',
    '',
    '### 7. Forfeiture',
    '',
    'On conviction under sections 5 to 6, or under Part 1, the court may order forfeiture; section 12 of the Evidence Act applies.',
    '',
    'In the Children Act, in section 2, the definition is repealed.',
  ].join('\n');
  const doc = md(statute);
  const refs = (line: number) => doc.crossReferences.filter((r) => r.line === line).map((r) => [r.text, r.targetNodeId === null ? null : doc.nodes[r.targetNodeId].citation]);

  it('resolves subsections and paragraphs relative to where they are cited', () => {
    expect(refs(7)).toEqual([['subsection (1)', 'Part 1 > s. 5(1)']]);
    expect(refs(13)).toEqual([['paragraph (a)', 'Part 1 > s. 5(3)(a)']]);
  });

  it('resolves sections with subsections, this Part, and leaves other laws unresolved', () => {
    expect(refs(17)).toEqual([
      ['section 5(1)', 'Part 1 > s. 5(1)'],
      ['section 163.1(4)', null],
      ['this Part', 'Part 1'],
    ]);
  });

  it('expands ranges, resolves Parts, and recognises other laws named before or after', () => {
    expect(refs(23)).toEqual([
      ['sections 5 to 6', 'Part 1 > s. 5'],
      ['sections 5 to 6', 'Part 1 > s. 6'],
      ['Part 1', 'Part 1'],
      ['section 12', null],
    ]);
    expect(refs(25)).toEqual([['section 2', null]]);
  });

  it('finds references broken across a line end, on the line where they start', () => {
    const wrapped = md('## Part 1\n\n### 5. Offence\n\n(1) A person who sells a child commits an offence.\n\n(2) A person who commits an offence under this\nPart if committed abroad, or who breaches subsection\n(1), is liable to imprisonment.\n');
    const got = wrapped.crossReferences.map((r) => [r.line, r.text, r.targetNodeId === null ? null : wrapped.nodes[r.targetNodeId].citation]);
    expect(got).toEqual([
      [7, 'this Part', 'Part 1'],
      [8, 'subsection (1)', 'Part 1 > s. 5(1)'],
    ]);
  });

  it('resolves a Part named in an arrangement of sections to the Part with the provisions', () => {
    const doc = txt('ARRANGEMENT OF SECTIONS\n\nPART I — PRELIMINARY\nPART II — OFFENCES\n\nPART I — PRELIMINARY\n\n1. Short title.\nThis Act may be cited as the Test Act.\n\nPART II — OFFENCES\n\n2. Sale of children.\nEvery person who sells a child commits an offence.\n\n3. Forfeiture.\nOn conviction for an offence under Part II the court may order forfeiture.\n');
    const ref = doc.crossReferences.find((r) => r.text === 'Part II');
    expect(ref).toBeDefined();
    const target = doc.nodes[ref!.targetNodeId!];
    expect(target.kind).toBe('part');
    expect(target.children.map((c) => doc.nodes[c].number)).toEqual(['2', '3']);
  });

  it('resolves Articles and §', () => {
    const civil = md('### Article 5 – Offence\n\n1. Whoever sells a child.\n2. Attempt is punishable.\n\n### Article 6 – Penalty\n\nAn offence under Article 5(1) is punishable by ten years.\n');
    expect(civil.crossReferences.map((r) => civil.nodes[r.targetNodeId!].citation)).toEqual(['Art. 5(1)']);
    const us = md('## § 2251. Offence\n\n(a) Text.\n\n## § 2252. Penalty\n\n(a) Whoever violates § 2251(a) shall be fined.\n');
    expect(us.crossReferences.map((r) => us.nodes[r.targetNodeId!].citation)).toEqual(['§ 2251(a)']);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('tree helpers', () => {
  const doc = md(
    [
      '## PART II — OFFENCES',
      '',
      '### 12. Sale of children',
      '',
      '**Offence**',
      '',
      '(1) A person commits an offence who —',
      '',
      '- (a) sells a child; or',
      '- (b) offers a child for sale for the purpose of —',
      '  - (i) sexual exploitation; or',
      '  - (ii) forced labour.',
      '',
      '(2) The penalty is imprisonment for twenty years.',
      '',
      '- (a) This item follows a complete sentence.',
    ].join('\n'),
  );
  const id = (c: string) => byCitation(doc, c).id;

  it('nodeText and subtreeText', () => {
    expect(nodeText(doc, id('Part II > s. 12(1)(b)'))).toBe('offers a child for sale for the purpose of —');
    expect(subtreeText(doc, id('Part II > s. 12(1)(b)'))).toBe('offers a child for sale for the purpose of — sexual exploitation; or forced labour.');
  });

  it('ancestors, root first, and provisionOf', () => {
    expect(ancestors(doc, id('Part II > s. 12(1)(b)(ii)')).map((n) => n.citation)).toEqual([doc.nodes[0].citation, 'Part II', 'Part II > s. 12', 'Part II > s. 12(1)', 'Part II > s. 12(1)(b)']);
    expect(provisionOf(doc, id('Part II > s. 12(1)(b)(ii)'))?.citation).toBe('Part II > s. 12');
    expect(provisionOf(doc, id('Part II'))).toBeNull();
  });

  it('chapeauOf gives the introducing words of the whole chain, without the marginal note', () => {
    expect(chapeauOf(doc, id('Part II > s. 12(1)(a)'))).toBe('A person commits an offence who —');
    expect(chapeauOf(doc, id('Part II > s. 12(1)(b)(ii)'))).toBe('A person commits an offence who — offers a child for sale for the purpose of —');
    expect(textWithChapeau(doc, id('Part II > s. 12(1)(b)(ii)'))).toBe('A person commits an offence who — offers a child for sale for the purpose of — forced labour.');
  });

  it('chapeauOf is null for a provision, and after a complete sentence', () => {
    expect(chapeauOf(doc, id('Part II > s. 12'))).toBeNull();
    expect(chapeauOf(doc, id('Part II > s. 12(2)(a)'))).toBeNull();
  });

  it('headingPath reads as divisions > provision > markers', () => {
    expect(headingPath(doc, id('Part II > s. 12(1)(b)(ii)'))).toBe('Part II > Section 12 > (1) > (b) > (ii)');
    expect(headingPath(doc, 0)).toBe('');
  });

  it('headingPath works on hand-built nodes without labels', () => {
    const plain: StatuteDocument = JSON.parse(JSON.stringify(doc));
    for (const n of plain.nodes) delete n.label;
    expect(headingPath(plain, id('Part II > s. 12(1)(b)(ii)'))).toBe('Part II > Section 12 > (1) > (b) > (ii)');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('whole documents', () => {
  it('warns and keeps one root when there is no recognisable structure', () => {
    const doc = txt('Dear reader,\n\nThis letter has no sections at all.\nIt is prose.\n');
    expect(doc.nodes).toHaveLength(1);
    expect(doc.nodes[0].lines.map((l) => l.line)).toEqual([1, 3, 4]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-structure']);
  });

  it('handles an empty document', () => {
    const doc = txt('');
    expect(doc.nodes).toHaveLength(1);
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-structure']);
  });

  it('takes title and jurisdiction from front matter', () => {
    const doc = md('---\ntitle: Child Protection Act\njurisdiction: Westland\n---\n\n# Something else\n\n### 1. Text\n\nWords.\n');
    expect(doc.title).toBe('Child Protection Act');
    expect(doc.jurisdiction).toBe('Westland');
    expect(doc.nodes[0].lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 6]);
  });

  it('is deterministic', () => {
    const text = '## Part 1\n\n### 1. Text\n\n(1) In this Act, "child" means a person under 18.\n\n(2) Section 1 applies.\n';
    expect(JSON.stringify(md(text))).toBe(JSON.stringify(md(text)));
  });

  it('is plain data that survives structured cloning', () => {
    const doc = md('### 1. Text\n\n(1) Words.\n');
    expect(structuredClone(doc)).toEqual(doc);
  });
});
