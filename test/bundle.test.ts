// The one-file bundle and its code cache (issue 6: cold start; src/launch.ts, scripts/build-bundle.js).
// `npm run build` writes dist/gap-check.cjs and dist/gap-check.code-cache, and the bin runs from them. The
// command line must behave exactly as it does from the ES modules (GAP_CHECK_NO_BUNDLE=1): same bytes on
// stdout and stderr, same exit code, for every command and for the paths that load packages left out of the
// bundle (worker pool, globbing, YAML config, JSON Schema for --baseline). The cache must be accepted by a
// fresh Node process, and a cache made for other bytes, or refused by V8, must be passed over.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, CODE_CACHE_FILE, loadBundle } from '../dist/launch.js';
import { BIN, ROOT, makeTempDir, removeTempDir, runCli } from './helpers/cli.js';
import { RECORD_LOADED_MODULES } from './helpers/module-probe.js';

const run = promisify(execFile);
const STATUTE = 'fixtures/statutes/civil-law-penal-code/statute.md';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('gap-check-bundle-');
  await writeFile(join(dir, '.gap-check.yaml'), 'failOn: missing\npenaltyThresholdYears: 5\n');
  await writeFile(join(dir, 'act.md'), '# Children Act\n\n## 1. Sale\n\nA person who sells a child commits an offence and is liable to imprisonment for 10 years.\n');
});
afterAll(async () => {
  await removeTempDir(dir);
});

/** Runs the command line from the bundle and from the ES modules, and expects the same of both. */
async function same(args: string[], cwd = ROOT): Promise<void> {
  const bundled = await runCli(args, { cwd, env: { GAP_CHECK_NO_BUNDLE: undefined } });
  const modules = await runCli(args, { cwd, env: { GAP_CHECK_NO_BUNDLE: '1' } });
  expect(bundled, `gap-check ${args.join(' ')}`).toEqual(modules);
  expect(bundled.stderr).not.toMatch(/internal error/);
}

describe('the bundle', () => {
  it('is built, with a code cache for its exact bytes', () => {
    expect(existsSync(BUNDLE_FILE)).toBe(true);
    const digest = loadBundle({ useCache: false }).digest;
    expect(readFileSync(CODE_CACHE_FILE).subarray(0, 32).equals(digest)).toBe(true);
  });

  it('has its code cache accepted by a fresh Node process', async () => {
    const script = `const { loadBundle } = await import(${JSON.stringify(new URL('../dist/launch.js', import.meta.url).href)}); process.stdout.write(loadBundle().cache);`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH } });
    expect(stdout).toBe('accepted');
  });

  it('passes over a cache made for other bytes, and one V8 refuses', async () => {
    const good = readFileSync(CODE_CACHE_FILE);
    const stale = Buffer.from(good);
    stale[0] ^= 0xff;
    await writeFile(join(dir, 'stale.cache'), stale);
    await writeFile(join(dir, 'refused.cache'), Buffer.concat([good.subarray(0, 32), Buffer.from('not V8 code cache data')]));
    // Each in a fresh process: V8 would reuse a compilation of the same source made earlier in this one.
    for (const [file, status] of [['stale.cache', 'stale'], ['refused.cache', 'rejected']]) {
      const script = `const { loadBundle } = await import(${JSON.stringify(new URL('../dist/launch.js', import.meta.url).href)});
const b = loadBundle({ cacheFile: ${JSON.stringify(join(dir, file))} });
let out = ''; const sink = { write: (s) => { out += s; return true; } };
const code = await b.main({ argv: ['--version'], stdout: sink, stderr: sink, cwd: process.cwd(), env: {} });
process.stdout.write(JSON.stringify({ cache: b.cache, code, out }));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH } });
      const got = JSON.parse(stdout) as { cache: string; code: number; out: string };
      expect(got.cache).toBe(status);
      expect(got.code).toBe(0);
      expect(got.out).toMatch(/^\d+\.\d+\.\d+\n$/);
    }
  });

  it('runs a check from the bundle, and a lone --version from the ES modules (cheaper than reading the bundle)', async () => {
    // The bin, run in a process that records every ES module resolved; what it records goes to stderr.
    const probe = `${RECORD_LOADED_MODULES}
process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...JSON.parse(process.env.ARGV)];
process.on('exit', () => process.stderr.write(JSON.stringify(loaded)));
await import(${JSON.stringify(new URL(`file://${BIN}`).href)});`;
    const modulesFor = async (argv: string[]): Promise<string[]> => {
      const { stderr } = await run(process.execPath, ['--input-type=module', '-e', probe], { cwd: ROOT, env: { PATH: process.env.PATH, ARGV: JSON.stringify(argv) } }).catch((e: { stderr: string }) => e);
      return JSON.parse(stderr) as string[];
    };
    const check = await modulesFor([STATUTE]);
    expect(check.some((m) => m.endsWith('/dist/launch.js'))).toBe(true);
    expect(check.some((m) => m.endsWith('/dist/cli/main.js'))).toBe(false);
    const version = await modulesFor(['--version']);
    expect(version.some((m) => m.endsWith('/dist/cli/main.js'))).toBe(true);
  });

  it.each([
    [[STATUTE]],
    [[STATUTE, '--format', 'json']],
    [[STATUTE, '--format', 'sarif']],
    [[STATUTE, '--format', 'markdown']],
    [[STATUTE, '--format', 'html']],
    [[STATUTE, '--format', 'github']],
    [['fixtures/statutes', '--threads', '2', '--format', 'json']],
    [['fixtures/statutes/*/statute.md', '--per-file', '--format', 'json']],
    [['diff', 'fixtures/amendment/act-2019.md', 'fixtures/amendment/act-2024.md']],
    [['matrix', 'fixtures/countries/kestrel-islands', 'fixtures/countries/norvale', '--format', 'csv']],
    [['outline', 'fixtures/outline/civil-law/penal-code.md']],
    [['rules']],
    [['explain', 'poa-25-sale']],
    [['--help']],
    [['--version']],
    [['no-such-file.md']],
    [['check', '--format', 'nonsense', STATUTE]],
  ])('gives what the ES modules give: gap-check %j', async (args) => {
    await same(args);
  }, 60_000);

  it('gives what the ES modules give with a YAML config, worker threads and --baseline', async () => {
    const baseline = join(dir, 'baseline.json');
    const first = await runCli(['act.md', '--format', 'json', '--output', baseline], { cwd: dir });
    expect([0, 1]).toContain(first.code);
    await same(['act.md', join(ROOT, STATUTE), '--threads', '2'], dir);
    await same(['act.md', '--baseline', baseline], dir);
  }, 60_000);
});
