// Ages and terms of imprisonment are both "N years": src/evaluate/ages.ts and src/evaluate/penalties.ts must not
// read one as the other (a child's age as a term made a wrong "met" for penalties), nor an age in months as a
// limit in years.
import { describe, expect, it } from 'vitest';
import { findAges } from '../dist/evaluate/ages.js';
import { readPenalty } from '../dist/evaluate/penalties.js';

describe('ages', () => {
  it('reads the usual forms of an age limit', () => {
    expect(findAges('a person under the age of 18 years').map((a) => a.age)).toEqual([18]);
    expect(findAges('who has not attained the age of sixteen').map((a) => a.age)).toEqual([16]);
    expect(findAges('less than 18 years of age').map((a) => a.age)).toEqual([18]);
  });

  it('does not read a term of imprisonment, or "not under", as an age', () => {
    expect(findAges('liable to imprisonment for a term under 5 years')).toEqual([]);
    expect(findAges('imprisonment for not less than 10 years old')).toEqual([]);
    expect(findAges('a person not under 18 years')).toEqual([]);
  });

  it('keeps a lower bound stated with the age, so that young adults are not read as children', () => {
    expect(findAges('a person over 18 years of age and under 21 years of age').map((a) => [a.age, a.from])).toEqual([[21, 18]]);
    expect(findAges('who has attained fourteen but not sixteen years').map((a) => a.from)).toEqual([undefined]);
    expect(findAges('a person under the age of 18 years').map((a) => a.from)).toEqual([undefined]);
  });

  it('ignores ages in months, weeks or days', () => {
    expect(findAges('a goat under the age of 18 months')).toEqual([]);
    expect(findAges('an infant under 12 weeks')).toEqual([]);
  });
});

describe('penalties', () => {
  it('reads the longest term', () => {
    expect(readPenalty('is liable to imprisonment for a term not exceeding 14 years').maxYears).toBe(14);
    expect(readPenalty('shall be punished by imprisonment of up to two years or a fine').maxYears).toBe(2);
  });

  it('does not read an age as a term', () => {
    const p = readPenalty('a child who has not attained the age of 18 years … is liable to imprisonment for a term not exceeding 2 years');
    expect(p.maxYears).toBe(2);
    expect(readPenalty('a person of 16 years of age who is liable to imprisonment').maxYears).toBeNull();
  });
});
