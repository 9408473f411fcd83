// The closed set of rule kinds. A rule file names one of these; anything else is refused at load time.
import type { Rule } from '../../types.js';
import type { RuleKind } from './common.js';
import { offenceKind } from './offence.js';
import { definitionKind } from './definition.js';
import { provisionKind } from './provision.js';
import { coverageKind } from './coverage.js';
import { penaltyKind } from './penalty.js';

export const KINDS: Record<string, RuleKind> = {
  offence: offenceKind,
  definition: definitionKind,
  provision: provisionKind,
  coverage: coverageKind,
  penalty: penaltyKind,
};

/** The rules a rule needs evaluated before it: those its kind builds on, and those it `requires`. */
export function dependenciesOf(rule: Rule): string[] {
  const requires = rule.params.requires;
  return [...(KINDS[rule.kind].dependsOn?.(rule) ?? []), ...(Array.isArray(requires) ? (requires as string[]) : [])];
}

export type { RuleKind, ParamSpec, Candidate } from './common.js';
