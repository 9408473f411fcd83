// The public API, what an NGO's script imports: check documents, load a rule pack, format a result, and the
// types every stage speaks. Everything else is internal and may change.
export { checkFiles, checkText, checkDocuments, loadStatute, statuteFromString, SCHEMA_VERSION } from './check.js';
export type { CheckFilesOptions, DefinitionsFrom } from './check.js';
export { loadRulePack, DEFAULT_RULES_DIR } from './rules/index.js';
export type { LoadRulePackOptions } from './rules/index.js';
export { formatReport } from './report/index.js';
export { formatOutline } from './report/outline.js';
export { diffMeasures, regressions } from './compare/diff.js';
export type { MeasureChange, ProvisionChange, ProvisionChangeKind, ProvisionHistory } from './compare/diff.js';
export { formatMatrix } from './compare/matrix.js';
export { GapCheckError, isGapCheckError } from './errors.js';
export type * from './types.js';
