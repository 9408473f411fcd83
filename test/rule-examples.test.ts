// Replays every example of every rule in the default pack (ESLint's check-rule-examples, remark-lint's
// @example blocks): a rule whose examples do not behave fails the build.
import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../dist/rules/index.js';
import { checkText } from '../dist/check.js';

const pack = await loadRulePack();

describe('default rule pack', () => {
  it('has a rule for every measure id of the catalogue, with its requirement and suggestion', () => {
    expect(pack.rules.length).toBe(28);
    for (const r of pack.rules) {
      expect(r.requirement.length, r.id).toBeGreaterThan(20);
      expect(r.suggestion.length, r.id).toBeGreaterThan(20);
    }
  });

  for (const rule of pack.rules) {
    describe(rule.id, () => {
      it('carries met, missing and near-miss examples (and partial when the measure has one)', () => {
        const kinds = new Set(rule.examples.map((e) => e.expect));
        expect(kinds.has('met'), 'a met example').toBe(true);
        expect(kinds.has('missing'), 'a missing example').toBe(true);
        if (rule.partial) expect(kinds.has('partial'), 'a partial example').toBe(true);
        expect(rule.examples.some((e) => e.expect !== 'met' && /^near[- ]miss/i.test(e.name)), 'a near-miss example (name starting "near-miss")').toBe(true);
        const names = rule.examples.map((e) => e.name);
        expect(new Set(names).size, 'example names are unique').toBe(names.length);
      });
      for (const ex of rule.examples) {
        it(`${ex.expect}: ${ex.name}`, async () => {
          const format = /^#{1,6} /m.test(ex.text) ? 'markdown' : 'text';
          const result = await checkText(ex.text, { pack, only: [rule.id], format, path: `${rule.id}.example` });
          const m = result.measures.find((x) => x.id === rule.id)!;
          const detail = `${m.status}${m.reason ? ` — ${m.reason}` : ''}${m.evidence[0] ? ` [${m.evidence[0].citation}: ${m.evidence[0].excerpt}]` : ''}`;
          expect(m.status, detail).toBe(ex.expect);
          if (m.status === 'met' || m.status === 'partial') {
            expect(m.evidence.length).toBeGreaterThan(0);
            for (const e of m.evidence) expect(e.startLine).toBeLessThanOrEqual(e.endLine);
          }
          if (m.status !== 'met') expect(m.reason && m.suggestion, 'partial/missing carry a reason and a suggestion').toBeTruthy();
        });
      }
    });
  }
});
