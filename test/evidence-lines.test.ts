// Evidence must point at the line where the words stand, also when a provision's marginal note or a footnote is
// left out of the words it enacts (src/evaluate/analysis.ts keeps each kept line's number), and a footnote's words
// are not the provision's, nor a historical note's.
import { describe, expect, it } from 'vitest';
import { checkText, loadRulePack } from '../dist/index.js';

/** One measure of a Markdown statute given as lines. */
async function measure(lines: string[], id: string) {
  const result = await checkText(lines.join('\n'), { pack: await loadRulePack(), path: 'act.md', only: [id] });
  return result.measures[0];
}

describe('evidence lines', () => {
  it('cites the line of the matched words in a chapeau below a marginal note', async () => {
    const m = await measure([
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
    ], 'poa-53-possession');
    expect(m.status).toBe('met');
    expect(m.evidence[0].startLine).toBe(7);
  });

  it('quotes no historical note in an excerpt', async () => {
    const m = await measure([
      '# Offences Act',
      '',
      '### 7 Sale of a child',
      '',
      'Every person who sells a child is guilty of an indictable offence.',
      '',
      '<details>',
      '<summary>Historical Note</summary>',
      '',
      '- R.S., 2031, c. 12, s. 7',
      '',
      '</details>',
    ], 'poa-25-sale');
    expect(m.status).toBe('met');
    expect(m.evidence[0].excerpt).toBe('Every person who sells a child is guilty of an indictable offence.');
  });

  it('reads no offence in a footnote', async () => {
    const m = await measure([
      '# Public Order Act',
      '',
      '## Section 2. Loitering',
      'Any person who loiters in a public place for the purpose of prostitution is liable to a fine.[^1]',
      '',
      '[^1]: A proposal to add: "Any person who procures or obtains a child for prostitution commits an offence',
      'and is liable to imprisonment for 15 years" was rejected by Parliament in 2019.',
    ], 'poa-25-sexual-exploitation');
    expect(m.status).toBe('missing');
  });
});
