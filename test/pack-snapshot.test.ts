// The built-in pack's build-time snapshot (dist/rules/default-pack.json, src/rules/snapshot.ts): a check with
// the built-in pack reads it instead of the YAML, so it must hold exactly the pack the YAML loader makes (less
// the examples), and it must never be used once the rule files differ from what it was built from.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRulePack } from '../dist/rules/index.js';
import { loadYamlRulePack } from '../dist/rules/load.js';
import { DEFAULT_RULES_DIR, SNAPSHOT_FILE, packFingerprint, readSnapshot, writeSnapshot } from '../dist/rules/snapshot.js';
import { ConceptMatcher, tokenize } from '../dist/evaluate/concepts.js';
import type { RulePack } from '../dist/types.js';
import { ROOT, makeTempDir, removeTempDir } from './helpers/cli.js';

const execFileAsync = promisify(execFile);

const withoutExamples = (pack: RulePack): RulePack => ({ ...pack, rules: pack.rules.map((r) => ({ ...r, examples: [] })) });

let root: string;
beforeAll(async () => {
  root = await makeTempDir('gap-check-snapshot-');
});
afterAll(async () => {
  await removeTempDir(root);
});

describe('the snapshot of the built-in pack', () => {
  it('is written by the build and loads to the YAML pack without its examples', async () => {
    const fromYaml = await loadRulePack();
    expect(fromYaml.rules.some((r) => r.examples.length > 0)).toBe(true);
    const snapshot = readSnapshot();
    expect(snapshot, `${SNAPSHOT_FILE} is missing or stale: run npm run build`).not.toBeNull();
    expect(snapshot).toEqual(withoutExamples(fromYaml));
    // Same rule and concept order: evaluation and reports follow pack order.
    expect(snapshot!.rules.map((r) => r.id)).toEqual(fromYaml.rules.map((r) => r.id));
    expect(Object.keys(snapshot!.concepts)).toEqual(Object.keys(fromYaml.concepts));
  });

  it('is what loadRulePack returns when examples are not wanted; the YAML path gives the same pack', async () => {
    const fast = await loadRulePack({ examples: false });
    const slow = await loadYamlRulePack({ examples: false });
    expect(fast).toEqual(slow);
    expect(fast.rules.every((r) => r.examples.length === 0)).toBe(true);
  });

  it('compiles to a matcher that finds exactly what a matcher stemming every phrase finds', async () => {
    const snapshot = readSnapshot()!;
    const fromYaml = await loadRulePack();
    const text = await readFile(join(ROOT, 'fixtures/statutes/civil-law-penal-code/statute.md'), 'utf8');
    const tokens = tokenize(text);
    const fast = new ConceptMatcher(snapshot.concepts).match(tokens);
    expect(fast.length).toBeGreaterThan(50);
    expect(fast).toEqual(new ConceptMatcher(fromYaml.concepts).match(tokens));
  });
});

describe('ConceptMatcher.for', () => {
  it('compiles a pack once and gives each pack its own matcher', async () => {
    const a = await loadYamlRulePack();
    const b = await loadYamlRulePack();
    expect(ConceptMatcher.for(a.concepts)).toBe(ConceptMatcher.for(a.concepts));
    expect(ConceptMatcher.for(b.concepts)).not.toBe(ConceptMatcher.for(a.concepts));
  });
});

describe('a stale snapshot is not used', () => {
  // A copy of the built-in rules with a snapshot of its own, so that the real one is never touched.
  async function packCopy(name: string): Promise<{ dir: string; file: string }> {
    const dir = join(root, name, 'rules');
    await cp(DEFAULT_RULES_DIR, dir, { recursive: true });
    const file = join(root, name, 'default-pack.json');
    const fingerprint = packFingerprint(dir);
    await writeSnapshot(await loadYamlRulePack({ dirs: [dir], replace: true }), dir, fingerprint, file);
    return { dir, file };
  }

  it('is used while the rule files are unchanged, with paths in the directory it is read for', async () => {
    const { dir, file } = await packCopy('unchanged');
    const pack = readSnapshot(dir, file);
    expect(pack).toEqual(withoutExamples(await loadYamlRulePack({ dirs: [dir], replace: true })));
    expect(pack!.rules[0]!.file.startsWith(dir)).toBe(true);
  });

  it('is refused after a rule file is edited, added or removed', async () => {
    const edited = await packCopy('edited');
    const rule = join(edited.dir, 'poa-1992', 'poa-25-sale.yml');
    await writeFile(rule, (await readFile(rule, 'utf8')).replace(/^title: .*$/m, 'title: Edited title'));
    expect(readSnapshot(edited.dir, edited.file)).toBeNull();

    const added = await packCopy('added');
    await writeFile(join(added.dir, 'poa-1992', 'zz-extra.yml'), 'id: zz-extra\n');
    expect(readSnapshot(added.dir, added.file)).toBeNull();

    const removed = await packCopy('removed');
    await rm(join(removed.dir, 'concepts', readdirSync(join(removed.dir, 'concepts'))[0]!));
    expect(readSnapshot(removed.dir, removed.file)).toBeNull();
  });

  it('is refused when missing, unreadable or of another format', async () => {
    const { dir, file } = await packCopy('broken');
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.slice(0, 100));
    expect(readSnapshot(dir, file)).toBeNull();
    await writeFile(file, JSON.stringify({ ...JSON.parse(good), format: 0 }));
    expect(readSnapshot(dir, file)).toBeNull();
    await rm(file);
    expect(readSnapshot(dir, file)).toBeNull();
  });

  it('a command line whose rules/ was edited without rebuilding reads the YAML', async () => {
    // An installed copy: bin, dist (with its snapshot), rules and package.json; node_modules shared.
    const install = join(root, 'install');
    await mkdir(install);
    for (const entry of ['bin', 'dist', 'rules', 'package.json']) await cp(join(ROOT, entry), join(install, entry), { recursive: true });
    await symlink(join(ROOT, 'node_modules'), join(install, 'node_modules'), 'dir');
    const rulesJson = async () => {
      const { stdout } = await execFileAsync(process.execPath, [join(install, 'bin', 'gap-check.js'), 'rules', '--format', 'json'], { cwd: install });
      const out = JSON.parse(stdout) as { rulePack: { name: string }; measures: Array<{ id: string; title: string }> };
      return { name: out.rulePack.name, sale: out.measures.find((m) => m.id === 'poa-25-sale')!.title };
    };

    // Mark the copy's snapshot, keeping its fingerprint: the marker shows whether the snapshot was read.
    const snapshotFile = join(install, 'dist', 'rules', 'default-pack.json');
    const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as { name: string };
    await writeFile(snapshotFile, JSON.stringify({ ...snapshot, name: 'snapshot-marker' }));
    expect((await rulesJson()).name).toBe('snapshot-marker');

    const rule = join(install, 'rules', 'poa-1992', 'poa-25-sale.yml');
    await writeFile(rule, (await readFile(rule, 'utf8')).replace(/^title: .*$/m, 'title: Edited without rebuilding'));
    expect(await rulesJson()).toEqual({ name: snapshot.name, sale: 'Edited without rebuilding' });
  });
});
