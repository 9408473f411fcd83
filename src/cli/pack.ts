// Loading the rule pack for a command: built-in pack plus `rules:` from the config plus --rules DIR.
import { resolve } from 'node:path';
import { loadConfig, type GapCheckConfig } from '../config/config.js';
import { didYouMean } from '../config/nearest.js';
import { GapCheckError } from '../errors.js';
import type { Rule, RulePack } from '../types.js';
import type { Context } from './context.js';

export interface PackOptions {
  rules?: string[];
  replaceRules?: boolean;
  config?: string;
}

/** Rule-pack directories: the config's (relative to the config file) first, then --rules (relative to cwd). */
export function packSources(config: GapCheckConfig | null, opts: PackOptions, cwd: string): { dirs: string[]; replace: boolean } {
  const dirs = [...(config?.rules ?? []), ...(opts.rules ?? []).map((dir) => resolve(cwd, dir))];
  const replace = opts.replaceRules === true || config?.replaceRules === true;
  if (replace && dirs.length === 0) {
    throw new GapCheckError('invalid-option', '--replace-rules needs at least one --rules DIR (or rules: in the config)');
  }
  return { dirs, replace };
}

/**
 * The pack for a command. Only `gap-check explain` shows the rules' examples; without them the built-in pack
 * loads from its build-time snapshot instead of YAML (src/rules/snapshot.ts), much faster.
 */
export async function loadPack(config: GapCheckConfig | null, opts: PackOptions, cwd: string, examples = false): Promise<RulePack> {
  const sources = packSources(config, opts, cwd);
  const { loadRulePack } = await import('../rules/index.js');
  return loadRulePack({ ...sources, examples });
}

export async function loadPackFor(opts: PackOptions, ctx: Context, examples = false): Promise<{ pack: RulePack; config: GapCheckConfig | null }> {
  const config = await loadConfig({ cwd: ctx.cwd, file: opts.config });
  return { pack: await loadPack(config, opts, ctx.cwd, examples), config };
}

/** The rule with this id, or a GapCheckError naming the nearest id (or how to list them). */
export function findRule(pack: RulePack, id: string): Rule {
  const rule = pack.rules.find((r) => r.id === id);
  if (rule) return rule;
  const ids = pack.rules.map((r) => r.id);
  const hint = didYouMean(id, ids) || '; `gap-check rules` lists the measure ids';
  throw new GapCheckError('unknown-measure', `unknown measure id "${id}"${hint}`);
}
