// The public API is a promise to library users: this test fails when a name is added or removed by accident.
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
