#!/usr/bin/env node
// Run by `npm run build` after tsc and build-pack: writes dist/gap-check.cjs, the command line as one file, and
// dist/gap-check.code-cache, V8's code for it after a sample check (why: src/launch.ts). Worker threads and the
// library keep using the ES modules in dist/.
//
// Each module's `import.meta.url` becomes the URL its own file in dist/ has, so that paths relative to a module
// (the rule-pack snapshot, the worker file, schema/, package.json) resolve as they do unbundled. Packages that
// are loaded only for some runs (YAML, JSON Schema, worker pool, globbing, progress bar, regex checks) are left
// out of the bundle and required from node_modules when needed, which keeps the file that every run reads small.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const EXTERNAL = ['yaml', 'ajv', 'ajv-formats', 'piscina', 'tinyglobby', 'cli-progress', 'redos-detector'];
// A statute shipped with the project, checked once so that the code cache holds what a check runs.
const SAMPLE = path.join(ROOT, 'fixtures/statutes/civil-law-penal-code/statute.md');

/** Replaces `import.meta.url` in each of our modules by the URL of that module's own file in dist/. */
const moduleUrls = {
  name: 'module-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const rel = path.relative(DIST, args.path).split(path.sep).join('/');
      const contents = (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', `__gapCheckModuleUrl(${JSON.stringify(rel)})`);
      return { contents, loader: 'js' };
    });
  },
};

const BANNER = [
  '"use strict";',
  // The bundle lies at the root of dist/; every module URL is relative to it.
  'function __gapCheckModuleUrl(rel) { return require("node:url").pathToFileURL(require("node:path").join(__dirname, rel)).href; }',
].join('\n');

async function main() {
  const { loadBundle, codeCacheOf, BUNDLE_FILE: out, CODE_CACHE_FILE } = await import('../dist/launch.js');
  // Gone first: if this step fails, the command line runs from the ES modules rather than from an old bundle.
  rmSync(out, { force: true });
  rmSync(CODE_CACHE_FILE, { force: true });
  const result = await build({
    entryPoints: [path.join(DIST, 'cli/main.js')],
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import() of a package left out becomes require(): all of them ship CommonJS, and code compiled by
    // vm.Script has no module loader of its own for import().
    supported: { 'dynamic-import': false },
    external: EXTERNAL,
    plugins: [moduleUrls],
    banner: { js: BANNER },
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
  });
  for (const w of result.warnings) console.warn(`build-bundle: warning: ${w.text}`);
  const bytes = result.metafile.outputs[path.relative(process.cwd(), out).split(path.sep).join('/')]?.bytes;

  // A sample check, its output thrown away, then V8's code for everything that ran.
  const bundle = loadBundle({ useCache: false });
  const sink = { write: () => true, isTTY: false };
  const scratch = mkdtempSync(path.join(tmpdir(), 'gap-check-build-'));
  try {
    for (const format of ['text', 'json']) {
      const code = await bundle.main({ argv: [SAMPLE, '--format', format], stdout: sink, stderr: sink, cwd: scratch, env: {} });
      if (code !== 0 && code !== 1) throw new Error(`the sample check exited with ${code}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const cache = codeCacheOf(bundle);
  writeFileSync(CODE_CACHE_FILE, cache);
  console.log(`build-bundle: ${path.relative(process.cwd(), out)} (${Math.round((bytes ?? 0) / 1024)} KiB), ${path.relative(process.cwd(), CODE_CACHE_FILE)} (${Math.round(cache.length / 1024)} KiB)`);
}

try {
  await main();
} catch (error) {
  console.error(`build-bundle: ${error?.stack ?? error}`);
  process.exitCode = 1;
}
