// The public API is a promise to library users: this test fails when a name is added or removed by accident.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as api from '../dist/index.js';

describe('public API', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'DEFAULT_RULES_DIR', 'GapCheckError', 'SCHEMA_VERSION', 'checkDocuments', 'checkFiles', 'checkText', 'diffMeasures',
      'formatMatrix', 'formatOutline', 'formatReport', 'isGapCheckError', 'loadRulePack', 'loadStatute', 'regressions',
      'statuteFromString',
    ]);
  });

  it('checks a statute given as a string, end to end', async () => {
    const pack = await api.loadRulePack();
    const text = [
      '1. In this Act, "child" means a person under the age of eighteen years.',
      '2. Any person who knowingly possesses child pornography commits an offence and is liable to imprisonment for 10 years.',
    ].join('\n');
    const result = await api.checkText(text, { pack, path: 'bill.txt' });
    const byId = Object.fromEntries(result.measures.map((m) => [m.id, m]));
    expect(byId['def-child-age'].status).toBe('met');
    expect(byId['poa-53-possession'].status).toBe('met');
    expect(byId['poa-53-possession'].evidence[0]).toMatchObject({ file: 'bill.txt', citation: 's. 2', startLine: 2, endLine: 2 });
    expect(byId['poa-55-exposure'].status).toBe('missing');
    expect(result.summary.met + result.summary.partial + result.summary.missing).toBe(28);
  });
});

describe('results', () => {
  it('keep no statute text alive: their excerpts are copies, not slices of the text', () => {
    // 40 statutes of ≈ 400 KB each (two-byte strings), checked and their results kept, as a batch keeps them until
    // the report is written. Were the excerpts slices of the texts, ≈ 16 MB of text would stay in memory.
    const script = `
const { checkText, loadRulePack } = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)});
const pack = await loadRulePack();
const kept = [];
gc(); const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 40; i++) {
  const text = Buffer.from('# Act ' + i + '\\n\\n## 1. Sale of children\\n\\nA person who sells a child commits an offence and is liable to imprisonment for life.\\n\\n## 2. Notes\\n\\n' + '— '.repeat(100000) + '\\n').toString('utf8');
  kept.push(await checkText(text, { pack, path: 'act-' + i + '.md' }));
}
gc(); gc();
if (kept.some((r) => r.measures.find((m) => m.id === 'poa-25-sale').status === 'missing')) throw new Error('no evidence to keep');
process.stdout.write(String((process.memoryUsage().heapUsed - before) / 1e6));`;
    const grownMb = Number(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' }));
    expect(grownMb).toBeLessThan(10);
  });
});
