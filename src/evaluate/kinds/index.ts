// The closed set of rule kinds. A rule file names one of these; anything else is refused at load time.
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

export type { RuleKind, ParamSpec, Candidate } from './common.js';
