// Property-based robustness (fast-check): random and mutated statutes never make the pipeline throw, every
// verdict is an allowed status, evidence line ranges lie inside the file, and two runs give the same output.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadRulePack } from '../dist/rules/index.js';
import { checkText } from '../dist/check.js';
import { formatReport } from '../dist/report/index.js';

const pack = await loadRulePack();
const STATUSES = new Set(['met', 'partial', 'missing', 'satisfied-elsewhere', 'not-applicable']);

// Fragments in the shapes statutes take, so random combinations exercise the parser's real paths.
const FRAGMENTS = [
  '# Part II — Offences', '## Chapter 3', 'PART IV — PENALTIES', 'CHAPTER II', 'Article 12', 'Art. 7.', '§ 2252A.',
  'Section 5.', 'Sec. 9.', '12. (1) A person who possesses child pornography commits an offence.', '(2)', '(a)', '(i)',
  '(h) a child;', '(i) a minor;', '(v)', '(x)', '(A)', '1.', '2. Whoever distributes indecent images of a child shall be punished.',
  '"child" means a person under the age of 18 years;', 'Nothing in this section makes it an offence to possess',
  'WHEREAS the State shall protect children;', 'is liable to imprisonment for a term not exceeding 10 years.',
  '**12. Offences**', '- (a) recruits a child', '  - (i) for exploitation', '> quoted', '```', '<details>', '---', '| a | b |',
  '163.1 (4.1) Every person who accesses', 'A person who contravenes section 7 commits an offence.', '', '   ', '\t',
];

const statute = fc.array(fc.oneof(
  fc.constantFrom(...FRAGMENTS),
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^\(?[0-9a-zA-Z.]{1,5}\)? ?[a-z ]{0,20}$/),
), { minLength: 1, maxLength: 40 }).map((lines) => lines.join('\n'));

async function run(text: string, format: 'markdown' | 'text') {
  const result = await checkText(text, { pack, format, path: 'random.md' });
  return { result, json: await formatReport(result, 'json', { color: false }) };
}

describe('random and mutated statutes', () => {
  for (const format of ['markdown', 'text'] as const) {
    it(`never throw, give allowed verdicts with in-range evidence, deterministically (${format})`, async () => {
      await fc.assert(fc.asyncProperty(statute, async (text) => {
        const lineCount = text.split('\n').length;
        const a = await run(text, format);
        for (const m of a.result.measures) {
          expect(STATUSES.has(m.status)).toBe(true);
          for (const e of m.evidence) {
            expect(e.startLine).toBeGreaterThanOrEqual(1);
            expect(e.endLine).toBeLessThanOrEqual(lineCount);
            expect(e.startLine).toBeLessThanOrEqual(e.endLine);
          }
        }
        const b = await run(text, format);
        expect(b.json).toBe(a.json);
      }), { numRuns: 60, seed: 20261124 });
    });
  }
});
