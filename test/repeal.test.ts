// A repealing sentence and the words it uses to describe what it repeals are excluded from what a provision
// enacts (src/evaluate/analysis.ts, repealedDescriptions). The rule examples cover the English forms end to end;
// this covers the sentence splitting and the forms of other drafting languages, which the default pack's
// English concepts cannot reach.
import { describe, expect, it } from 'vitest';
import { repealedDescriptions } from '../dist/evaluate/analysis.js';
import { tokenize } from '../dist/evaluate/concepts.js';

/** The excluded words, joined. */
function excluded(text: string): string[] {
  const tokens = tokenize(text);
  return repealedDescriptions(text, tokens).map(([from, to]) => text.slice(tokens.starts[from], tokens.ends[to - 1]));
}

describe('repealed descriptions', () => {
  it('excludes a repeal sentence with its relative clause, not the sentences around it', () => {
    const text = 'A person who sells a child commits an offence. Section 12 of the Act, which provides that a person who buys a child commits an offence, is repealed. A person who buys a child commits an offence.';
    expect(excluded(text)).toEqual(['Section 12 of the Act, which provides that a person who buys a child commits an offence, is repealed']);
  });

  it('reads "this Act repeals" and "the X Act is amended by repealing" as repeals too', () => {
    expect(excluded('This Act repeals section 12 of the Offences Act, which provides that a person who sells a child commits an offence.')).toHaveLength(1);
    expect(excluded('The Criminal Offences Act is amended by repealing section 12, which provides that a person who sells a child commits an offence.')).toHaveLength(1);
    expect(excluded('The Criminal Offences Act is amended by adding after section 12 the following: "12A. A person who sells a child commits an offence."')).toEqual([]);
  });

  it('does not end a sentence at an abbreviation ("R.S.C. 1985, c. C-46")', () => {
    const text = 'Section 12 of the Criminal Code, R.S.C. 1985, c. C-46, which provides that a person who sells a child commits an offence, is repealed.';
    expect(excluded(text)).toHaveLength(1);
    expect(excluded(text)[0]).toMatch(/^Section 12 .* is repealed$/);
  });

  it('keeps what a repeal substitutes after a colon', () => {
    const text = '(1) Section 12 is repealed and the following substituted: "12. A person who sells a child commits an offence."';
    const got = excluded(text);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/Section 12 is repealed and the following substituted$/);
  });

  it('excludes a following account of the repealed provision in the past tense, and only after a repeal', () => {
    expect(excluded('Section 14 is hereby repealed. That section provided that a person who possesses child pornography is guilty of an offence.')).toHaveLength(2);
    expect(excluded('Section 14 applies to young persons. That section provided that a young person is not liable.')).toEqual([]);
  });

  it('needs the repeal to be the sentence\'s subject: a sentence that only mentions a repeal is enacted', () => {
    expect(excluded('A person who sells a child commits an offence, whether or not section 5 has been repealed.')).toEqual([]);
    expect(excluded('Every person who deleted records commits an offence.')).toEqual([]);
  });

  it('reads civil-law forms', () => {
    expect(excluded("L'article 15, qui punit de dix ans d'emprisonnement le fait de vendre un enfant, est abrogé.")).toHaveLength(1);
    expect(excluded('§ 12 des Gesetzes, der den Verkauf von Kindern unter Strafe stellt, wird aufgehoben.')).toHaveLength(1);
    expect(excluded('Se deroga el artículo 12, que castiga la venta de niños.')).toHaveLength(1);
    expect(excluded('Art. 12 bestraft den Verkauf von Kindern.')).toEqual([]);
  });
});

describe('former law', () => {
  it('excludes a sentence on what the law formerly was, and only that sentence', () => {
    const text = 'Proceeds of these offences were formerly subject to confiscation under the former Code. Proceeds of these offences are forfeited.';
    expect(excluded(text)).toEqual(['Proceeds of these offences were formerly subject to confiscation under the former Code']);
  });
});
