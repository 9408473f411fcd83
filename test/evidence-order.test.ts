// Which document a multi-document report cites first. A measure is met if any document meets it, but the
// provision shown is the one an auditor will quote: across documents, the act that meets or partly meets the
// most measures (the penal code with the child offences) comes before an unrelated act that happens to contain
// the same words (a tax act's "attempts to evade", a drug act's life term), whatever the order of the files.
// Statutes are fictional.
import { describe, expect, it } from 'vitest';
import { checkDocuments, statuteFromString } from '../dist/check.js';
import { loadRulePack } from '../dist/rules/index.js';

// Sorts first by name; participation in its own (tax) offences only.
const TAX = `# Airport Levy Act

## 12. Offences

Every person who wilfully evades or attempts to evade payment of the levy, who aids or abets another person to evade it, who conspires with any person to evade it, or who counsels or incites another person to evade it, is guilty of an offence and liable on summary conviction to a fine of not more than $5,000.
`;

const PENAL = `# Child Protection (Offences) Act

## 3. Sale of children

Every person who sells, offers or delivers a child for any purpose, or accepts a child in exchange for payment, is guilty of an offence and liable to imprisonment for a term of not more than fifteen years.

## 4. Trafficking in children

Every person who recruits, transports, transfers, harbours or receives a child for the purpose of exploitation is guilty of an offence and liable to imprisonment for life.

## 5. Child sexual abuse material

Every person who possesses, makes or distributes any child sexual abuse material is guilty of an offence and liable to imprisonment for a term of not more than ten years.

## 9. Participation

Every person who attempts to commit an offence under this Act, aids or abets its commission, conspires with another person to commit it or incites another person to commit it, is guilty of that offence.
`;

// A drug offence with a longer term than the child offences' shortest and the same life term as trafficking.
const DRUGS = `# Controlled Drugs Act

## 5. Trafficking in drugs

No person shall traffic in a controlled drug. Every person who contravenes this section is guilty of an offence and liable to imprisonment for life.
`;

const ONLY = ['poa-25-participants', 'poa-25-trafficking', 'poa-25-penalties'];

// A penal code split in two files: participation in the general part, the offences in the special part.
const GENERAL = `# Penal Code, General Part

## 20. Attempt and participation

Whoever attempts to commit an offence, aids or abets another person to commit it, conspires with another person to commit it, or incites another person to commit it, shall be punished by the penalty for that offence.
`;
const SPECIAL = `# Penal Code, Special Part

## 112. Sale of a child

Whoever sells a child, or hands over a child to another person for payment, shall be punished by imprisonment from five to fifteen years.
`;

// Defines "child" up to 18 for its own purposes and creates no child offence.
const PENSIONS = `# Service Pensions Act

## 2. Definitions

In this Act, "child" means a person under the age of eighteen years who depends on a contributor.
`;

// Its offences protect only children under sixteen.
const YOUNG = `# Sexual Offences Act

## 2. Definitions

In this Act, "child" means a person under the age of sixteen years.

## 7. Procuring a child

Every person who procures a child for prostitution or for any other sexual purpose is guilty of an offence and liable to imprisonment for a term of not more than ten years.
`;

describe('evidence across documents', async () => {
  const pack = await loadRulePack();
  const texts: Record<string, string> = { 'a-airport-levy.md': TAX, 'b-offences.md': PENAL, 'a-drugs.md': DRUGS, 'a-pensions.md': PENSIONS, 'b-sexual-offences.md': YOUNG, 'a-general-part.md': GENERAL, 'c-special-part.md': SPECIAL };
  const docs = (names: string[]) => names.map((n) => statuteFromString(texts[n], n));
  const files = (r: ReturnType<typeof checkDocuments>, id: string) => r.measures.find((m) => m.id === id)!.evidence.map((e) => e.file);

  it('cites the act holding the child offences first for participation, in either file order', () => {
    for (const order of [['a-airport-levy.md', 'b-offences.md'], ['b-offences.md', 'a-airport-levy.md']]) {
      const r = checkDocuments(docs(order), { pack, only: ONLY });
      const m = r.measures.find((x) => x.id === 'poa-25-participants')!;
      expect(m.status).toBe('met');
      expect(files(r, 'poa-25-participants').every((f) => f === 'b-offences.md')).toBe(true);
    }
  });

  it('does not meet participation from an act that holds no child offence', () => {
    const r = checkDocuments(docs(['a-airport-levy.md']), { pack, only: ['poa-25-participants'] });
    expect(r.measures[0].status).toBe('missing');
    expect(r.measures[0].reason).toContain('s. 12');
    expect(r.measures[0].reason).toContain('none of the offences this measure is about');
  });

  it('meets participation from a general part when another document holds the child offences', () => {
    const r = checkDocuments(docs(['a-general-part.md', 'c-special-part.md']), { pack, only: ['poa-25-participants'] });
    expect(r.measures[0].status).toBe('met');
    expect(new Set(r.measures[0].evidence.map((e) => e.file))).toEqual(new Set(['a-general-part.md']));
  });

  it('does not take a drug act for child trafficking, nor its term for the penalties', () => {
    const r = checkDocuments(docs(['a-drugs.md', 'b-offences.md']), { pack, only: ONLY });
    expect(files(r, 'poa-25-trafficking')).not.toContain('a-drugs.md');
    expect(files(r, 'poa-25-penalties')).not.toContain('a-drugs.md');
    const alone = checkDocuments(docs(['a-drugs.md']), { pack, only: ONLY });
    expect(alone.measures.find((m) => m.id === 'poa-25-trafficking')!.status).toBe('missing');
  });

  it('judges the age of a child by the acts that hold the child offences, not by an unrelated definition', () => {
    const r = checkDocuments(docs(['a-pensions.md', 'b-sexual-offences.md']), { pack, only: ['def-child-age'] });
    expect(r.measures[0].status).toBe('partial');
    expect(r.measures[0].evidence.map((e) => e.file)).toEqual(['b-sexual-offences.md']);
    expect(r.measures[0].reason).toContain('sixteen');
    // With no act holding child offences, every definition still counts.
    const alone = checkDocuments(docs(['a-pensions.md', 'a-airport-levy.md']), { pack, only: ['def-child-age'] });
    expect(alone.measures[0].status).toBe('met');
  });

  it('gives the same report whatever the order of the files', () => {
    const names = ['a-airport-levy.md', 'a-drugs.md', 'b-offences.md'];
    const strip = (r: ReturnType<typeof checkDocuments>) => JSON.stringify(r.measures);
    const a = checkDocuments(docs(names), { pack, only: ONLY });
    const b = checkDocuments(docs([...names].reverse()), { pack, only: ONLY });
    expect(strip(b)).toBe(strip(a));
  });
});
