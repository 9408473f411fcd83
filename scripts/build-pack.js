#!/usr/bin/env node
// Run by `npm run build` after tsc: validates the built-in rule pack (rules/) with the compiled YAML loader and
// writes it, without examples and with its phrases compiled, to dist/rules/default-pack.json, which a check
// with the built-in pack reads instead of parsing the YAML (see src/rules/snapshot.ts). A pack that does not
// load fails the build, with the loader's one-line error.
import path from 'node:path';
import { loadYamlRulePack } from '../dist/rules/load.js';
import { DEFAULT_RULES_DIR, SNAPSHOT_FILE, packFingerprint, writeSnapshot } from '../dist/rules/snapshot.js';

try {
  // Fingerprint first: a rules file edited while this runs leaves a stale snapshot (ignored), never a wrong one.
  const fingerprint = packFingerprint(DEFAULT_RULES_DIR);
  const pack = await loadYamlRulePack();
  await writeSnapshot(pack, DEFAULT_RULES_DIR, fingerprint);
  console.log(`build-pack: ${path.relative(process.cwd(), SNAPSHOT_FILE)} (${pack.rules.length} rules, ${Object.keys(pack.concepts).length} concepts)`);
} catch (error) {
  // A pack error is the loader's one line; anything else is a bug, shown with its stack.
  if (error?.name === 'GapCheckError') console.error(`build-pack: the built-in rule pack does not load: ${error.format()}`);
  else console.error(`build-pack: ${error?.stack ?? error}`);
  process.exitCode = 1;
}
