// Evidence must point at the line where the words stand, also when a provision's marginal note or a footnote is
// left out of the words it enacts (src/evaluate/analysis.ts keeps each kept line's number), and a footnote's words
// are not the provision's.
import { describe, expect, it } from 'vitest';
import { checkText, loadRulePack } from '../dist/index.js';

describe('evidence lines', () => {
  it('cites the line of the matched words in a chapeau below a marginal note', async () => {
    const pack = await loadRulePack();
    const text = [
      '# Offences Act', //                                                              1
      '', //                                                                            2
      '### 4 Possession', //                                                            3
      '', //                                                                            4
      '**Possession of child sexual abuse material**', //                               5
      '', //                                                                            6
      '(1) Every person who possesses child sexual abuse material', //                  7
      '', //                                                                            8
      '- (a) is guilty of an indictable offence and liable to imprisonment for 10 years; or', // 9
      '', //                                                                            10
      '- (b) is guilty of an offence punishable on summary conviction.', //             11
    ].join('\n');
    const result = await checkText(text, { pack, path: 'act.md', only: ['poa-53-possession'] });
    expect(result.measures[0].status).toBe('met');
    expect(result.measures[0].evidence[0].startLine).toBe(7);
  });

  it('reads no offence in a footnote', async () => {
    const pack = await loadRulePack();
    const text = [
      '# Public Order Act',
      '',
      '## Section 2. Loitering',
      'Any person who loiters in a public place for the purpose of prostitution is liable to a fine.[^1]',
      '',
      '[^1]: A proposal to add: "Any person who procures or obtains a child for prostitution commits an offence',
      'and is liable to imprisonment for 15 years" was rejected by Parliament in 2019.',
    ].join('\n');
    const result = await checkText(text, { pack, path: 'act.md', only: ['poa-25-sexual-exploitation'] });
    expect(result.measures[0].status).toBe('missing');
  });
});
