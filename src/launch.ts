// How the command line starts fast (issue 6: a cold check of a small statute within 3× of starting Node).
//
// `npm run build` also writes dist/gap-check.cjs, the whole command line in one file (scripts/build-bundle.js),
// and dist/gap-check.code-cache, V8's compiled code for it as left by a check of a sample statute. Loading one
// file instead of ~150 ES modules saves most of Node's per-module resolve/link work, and the code cache saves
// compiling again, on every run, the functions a check uses (Node 22 has a compile cache of its own; Node 20
// does not). Both are build outputs: when they are absent (a build without the bundle step), or the cache was
// made by another Node version or for other bytes, the ES modules or plain compilation are used instead, with
// the same results. GAP_CHECK_NO_BUNDLE=1 forces the ES modules (for debugging, and for the tests that compare
// the two).
//
// This module stays tiny and imports only Node built-ins and one small module of ours: it runs before everything
// else.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import type { MainOptions } from './cli/context.js';
import { asksOnlyVersion } from './cli/version.js';

export type Main = (options: MainOptions) => Promise<number>;

const DIST = dirname(fileURLToPath(import.meta.url));
export const BUNDLE_FILE = join(DIST, 'gap-check.cjs');
export const CODE_CACHE_FILE = join(DIST, 'gap-check.code-cache');

/** Bytes of a SHA-256 digest: the cache file starts with the digest of the bundle it was made for. */
const DIGEST = 32;

export interface LoadedBundle {
  main: Main;
  /** The compiled bundle, so that a build can write its code cache after a sample run. */
  script: Script;
  /** SHA-256 of the bundle's bytes, the header of a code cache made for it. */
  digest: Buffer;
  /** 'accepted', 'rejected' (V8 refused it: another Node version or flags), 'stale' (made for other bytes), 'none'. */
  cache: 'accepted' | 'rejected' | 'stale' | 'none';
}

/**
 * Compile and run the bundle. Throws ENOENT when there is no bundle. V8 checks only the length of the source
 * against a code cache, so the cache carries the bundle's digest and is used only for exactly those bytes.
 */
export function loadBundle(options: { useCache?: boolean; bytes?: Buffer; cacheFile?: string } = {}): LoadedBundle {
  const bytes = options.bytes ?? readFileSync(BUNDLE_FILE);
  const digest = createHash('sha256').update(bytes).digest();
  let cachedData: Buffer | undefined;
  let cache: LoadedBundle['cache'] = 'none';
  if (options.useCache !== false) {
    try {
      const file = readFileSync(options.cacheFile ?? CODE_CACHE_FILE);
      if (file.length > DIGEST && file.subarray(0, DIGEST).equals(digest)) cachedData = file.subarray(DIGEST);
      else cache = 'stale';
    } catch {
      // No cache: compile as usual.
    }
  }
  // The wrapper CommonJS gives a module; the bundle's require resolves packages from dist/, like the modules.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, {
    filename: BUNDLE_FILE,
    cachedData,
  });
  if (cachedData) cache = script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} as { main?: Main } };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(BUNDLE_FILE), module, BUNDLE_FILE, DIST);
  if (typeof module.exports.main !== 'function') throw new Error(`${BUNDLE_FILE} does not export main()`);
  return { main: module.exports.main, script, digest, cache };
}

/** The cache file for a bundle loaded without one, after it has run: its digest, then V8's data. */
export function codeCacheOf(bundle: LoadedBundle): Buffer {
  return Buffer.concat([bundle.digest, bundle.script.createCachedData()]);
}

/**
 * main() from the bundle when there is one, else from the ES modules. A lone `--version` is answered from the
 * ES modules: main() answers it before importing anything, which costs less than reading the bundle (≈ 6 ms).
 */
export async function loadMain(env: Record<string, string | undefined>, argv: string[] = []): Promise<Main> {
  if (env.GAP_CHECK_NO_BUNDLE !== '1' && !asksOnlyVersion(argv)) {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(BUNDLE_FILE);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (bytes) return loadBundle({ bytes }).main;
  }
  return (await import('./cli/main.js')).main;
}

/**
 * Inputs up to this size are checked without V8's optimising compiler. Measured on generated statutes
 * (`npm run bench`'s generator): without it, 20 KB checks in ≈ 155 ms instead of ≈ 195, 300 KB in 350 ms instead
 * of 395; from about 0.5 MB on, optimised code wins (1 MB: 0.89 s without, 0.79 s with).
 */
export const SHORT_RUN_BYTES = 256 * 1024;

/**
 * How the bin has V8 compile a run. A short run ends before code from TurboFan, V8's optimising compiler, pays
 * for the compiling, and Node waits at exit for the optimisations still being compiled on other threads (20-40
 * ms of a 200 ms check of a 20 KB statute). So the run starts without it (after the bundle is compiled, whose
 * code cache would not match other V8 flags), and `onWorkload` turns it back on, with a smaller inlining budget
 * (INLINING_LIMIT), as soon as a command is about to read more than SHORT_RUN_BYTES, before any worker thread
 * starts (flags are per process). Only the bin calls this: the process is its own, whereas the library never
 * changes the flags of the process it runs in.
 * Commands that read no statute (rules, explain, --help) stay without it: they do little work.
 */
export function shortRunCompilation(): (bytes: number) => void {
  setFlagsFromString('--no-turbofan');
  let optimising = false;
  return (bytes) => {
    if (!optimising && bytes > SHORT_RUN_BYTES) {
      setFlagsFromString('--turbofan');
      setFlagsFromString(`--max-inlined-bytecode-size=${INLINING_LIMIT}`);
      optimising = true;
    }
  };
}

/**
 * The largest function (bytes of bytecode) TurboFan inlines into another in a long run; V8's default is 460.
 * Much of this code sees objects of many shapes (rule parameters, syntax-tree nodes, findings), so optimised
 * code is often thrown away when a new shape comes and compiled again, and with large functions inlined every
 * such compile is large: with the default, TurboFan's compile jobs took ≈ 5.7 s on half of the federal acts
 * (as `--trace-opt` reports them), 60 % of it compiling the same functions again; with this limit, ≈ 3.4 s.
 * Measured with `npm run bench`'s inputs, medians of three interleaved runs: the 959 acts 16.1 → 14.4 s with one thread (CPU 21.9 → 18.3 s) and 14.0 → 11.4 s with two
 * (CPU 26.2 → 21.0 s), the Criminal Code 1.57 → 1.34 s, a generated 10 MB statute 4.5 → 4.2 s; no inlining at
 * all measured about the same, a little slower. Compile jobs read the flag when they start, so setting it here,
 * like `--turbofan`, takes effect for everything compiled from then on, in worker threads too.
 */
export const INLINING_LIMIT = 100;
