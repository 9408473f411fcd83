// Rule packs: loading and validation.
export { loadRulePack, DEFAULT_RULES_DIR, type LoadRulePackOptions } from './load.js';
