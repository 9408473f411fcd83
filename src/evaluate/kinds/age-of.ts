// The age up to which an offence protects: stated in the provision itself ("a person under the age of 16"),
// or carried in by a definition it uses ("child" means a person under 18). Where several ages are stated
// (graded penalties), protection reaches the highest of them.
import type { DefinitionInfo, DocAnalysis } from '../analysis.js';
import type { AgeMention } from '../ages.js';

/** Adulthood under the Convention on the Rights of the Child, art. 1. */
export const ADULT_AGE = 18;

export function ageOfUnit(a: DocAnalysis, _unit: number, chain: readonly number[], defs: DefinitionInfo[]): AgeMention | null {
  const direct = chain.flatMap((id) => a.ages(id));
  const pool = direct.length > 0 ? direct : defs.filter((d) => d.concepts.has('child')).flatMap((d) => d.ages);
  if (pool.length === 0) return null;
  return pool.reduce((best, m) => (m.age > best.age ? m : best));
}
