// Property test: any mix of statute-like lines — headings, markers in every style, definitions, quotes,
// historical notes, lists, stray markup — parses without an exception into a tree that keeps its invariants,
// in Markdown and in plain text, and the same input always gives the same tree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../dist/parse/index.js';
import { buildStructure, chapeauOf, checkStructure, definitionsInScope, headingPath, subtreeText } from '../dist/structure/index.js';
import type { SourceText } from '../dist/types.js';

function sourceOf(text: string, path: string): SourceText {
  return { path, text, encoding: 'utf-8', sha256: '', frontMatter: {}, frontMatterEndLine: 0, warnings: [] };
}

const marker = fc.constantFrom('(1)', '(2)', '(4.1)', '(a)', '(b)', '(h)', '(i)', '(ii)', '(v)', '(x)', '(aa)', '(bb)', '(A)', '(I)', '1.', '2.', 'a)', 'c.1)', '5a.');
const words = fc.constantFrom(
  'A person who sells a child commits an offence.',
  'Every one who —',
  'the following:',
  'is guilty of an offence;',
  '"child" means a person under eighteen;',
  'In this Part, **minor** means a person under sixteen.',
  'For the purposes of sections 1 to 3, X shall mean Y.',
  'section 2(1) or (3) applies, and subsection (2) of this Act',
  'Access refers to a computer system.',
  'shall be punished by imprisonment.',
  '(hereinafter "the victim")',
  '',
);
const line = fc.oneof(
  fc.tuple(fc.constantFrom('', '  ', '    ', '- ', '  - ', '1. ', '> ', '## ', '### ', '**'), marker, words).map(([pre, m, w]) => `${pre}${m} ${w}`),
  fc.constantFrom(
    '# Child Protection Act',
    '## PART II — OFFENCES',
    'PART 3',
    'OFFENCES',
    'Chapter 1 - General',
    'Division 2—Exploitation',
    'FIRST SCHEDULE',
    '### 12. Offences',
    '12. Sale of children',
    '163.1 (1) In this section,',
    'Section 4. Definitions. – As used in this Act:',
    'Article 7 – Sale',
    'Art. 8. Whoever offers a child.',
    '§ 2251. Sexual exploitation',
    '##### § 184b Verbreitung',
    '**Possession of material**',
    '**Attorney General**',
    '<details>',
    '<summary>Historical Note</summary>',
    '</details>',
    '“5A. Inserted section',
    'end of quotation.”',
    '---',
    '| a | b |',
    '',
    '',
    '',
  ),
  words,
);
const statute = fc.array(line, { maxLength: 60 }).map((lines) => lines.join('\n'));

describe('any statute-like text', () => {
  for (const path of ['random.md', 'random.txt']) {
    it(`keeps the invariants (${path})`, () => {
      fc.assert(
        fc.property(statute, (text) => {
          const parsed = parseSource(sourceOf(text, path));
          const doc = buildStructure(parsed);
          expect(checkStructure(doc, parsed)).toEqual([]);
          for (const n of doc.nodes) {
            headingPath(doc, n.id);
            chapeauOf(doc, n.id);
            subtreeText(doc, n.id);
            definitionsInScope(doc, n.id);
          }
          expect(JSON.stringify(buildStructure(parseSource(sourceOf(text, path))).nodes)).toBe(JSON.stringify(doc.nodes));
        }),
        { numRuns: 300, seed: 20250301 },
      );
    });
  }
});
