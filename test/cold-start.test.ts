// What a cold check of one statute loads (issue 6): neither `yaml` (≈ 40 ms) when there is no config file and the
// front matter is plain `key: value` lines, nor chalk (≈ 10 ms) when no colour is written. Checked in a fresh
// Node process that records every module resolved through import (a loader hook) or require (require.cache).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { RECORD_LOADED_MODULES } from './helpers/module-probe.js';

const run = promisify(execFile);

const probe = `${RECORD_LOADED_MODULES}
import { createRequire } from 'node:module';
const { main } = await import(process.env.MAIN_URL);
let out = '';
const sink = { write: (s) => { out += s; return true; }, isTTY: process.env.TTY === '1', on() {} };
const code = await main({ argv: JSON.parse(process.env.ARGV), stdout: sink, stderr: sink, cwd: process.cwd(), env: {} });
await new Promise((r) => setTimeout(r, 100));
const required = Object.keys(createRequire(import.meta.url).cache);
process.stdout.write(JSON.stringify({ code, colour: out.includes('\\u001b['), modules: [...new Set([...loaded, ...required])] }));
`;

let dir: string;
beforeAll(async () => {
  // A directory of its own, so that no .gap-check.yaml is found (discovery stops at the file system root).
  dir = await mkdtemp(join(tmpdir(), 'gap-check-cold-'));
  await writeFile(join(dir, 'act.md'), '---\ntitle: Children Act\njurisdiction: "Norland"\ndate: 2024-02-07\n---\n\n# Children Act\n\n## 1. Offence\n\nA person who sells a child commits an offence.\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function packagesLoaded(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; colour: boolean; packages: string[] }> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], {
    cwd: dir,
    env: { ...process.env, MAIN_URL: new URL('dist/cli/main.js', `file://${ROOT}/`).href, ARGV: JSON.stringify(argv), ...env },
  });
  const { code, colour, modules } = JSON.parse(stdout) as { code: number; colour: boolean; modules: string[] };
  const packages = modules.filter((m) => m.includes('/node_modules/')).map((m) => m.replace(/.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/.*/, '$1'));
  return { code, colour, packages: [...new Set(packages)] };
}

describe('a cold check of one statute', () => {
  it('loads neither yaml nor chalk for plain front matter, no config and no colour', async () => {
    const { code, packages } = await packagesLoaded(['act.md']);
    expect(code).toBe(1);
    expect(packages).toContain('remark-parse');
    expect(packages).not.toContain('yaml');
    expect(packages).not.toContain('chalk');
  });

  it('loads chalk for a report in colour, and yaml for a config file', async () => {
    const colour = await packagesLoaded(['act.md'], { TTY: '1' });
    expect(colour.colour).toBe(true);
    expect(colour.packages).toContain('chalk');
    await writeFile(join(dir, '.gap-check.yaml'), 'failOn: missing\n');
    try {
      const config = await packagesLoaded(['act.md']);
      expect(config.code).toBe(1);
      expect(config.packages).toContain('yaml');
    } finally {
      await rm(join(dir, '.gap-check.yaml'));
    }
  });
});
