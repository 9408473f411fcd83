// Rule packs: loading and validation. The YAML loader (./load.ts, which needs the `yaml` package) is imported
// only when the pack cannot come from the built-in pack's build-time snapshot (./snapshot.ts): a cold check
// with the built-in pack then loads neither, nor parses a line of YAML.
import type { RulePack } from '../types.js';
import type { LoadRulePackOptions } from './load.js';
import { readSnapshot } from './snapshot.js';

export { DEFAULT_RULES_DIR } from './snapshot.js';
export type { LoadRulePackOptions } from './load.js';

/** Load the default pack (plus extra packs); throws GapCheckError naming file and line on any problem. */
export async function loadRulePack(options: LoadRulePackOptions = {}): Promise<RulePack> {
  // The snapshot holds the built-in pack alone, without examples; anything else is loaded from YAML.
  if (options.examples === false && (options.dirs ?? []).length === 0) {
    const pack = readSnapshot();
    if (pack) return pack;
  }
  const { loadYamlRulePack } = await import('./load.js');
  return loadYamlRulePack(options);
}
