#!/usr/bin/env node
// Thin entry point: all work happens in main(); this file connects the process to it (streams, exit code, SIGINT).
//
// Ctrl-C: the first SIGINT aborts main()'s signal, so the run stops at the next stage boundary, prints
// `gap-check: interrupted` and exits 130 without writing the report (--output is written atomically, so no
// half-written file either). A second SIGINT means "now": exit 130 at once, removing this process's temporary
// report file if one is being written. Signals are handled between JavaScript tasks, so a stage that is busy
// parsing one very large file finishes that piece of work before either is seen.
import { writeSync, readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const EXIT_INTERRUPTED = 130;
const controller = new AbortController();
let finished = false;

process.on('SIGINT', () => {
  if (!controller.signal.aborted) {
    controller.abort();
    return;
  }
  if (!finished) {
    removeOwnTemporaryFiles(process.argv.slice(2));
    try {
      writeSync(2, 'gap-check: interrupted\n');
    } catch {
      // stderr closed: nothing more to say.
    }
  }
  process.exit(EXIT_INTERRUPTED);
});

// Loaded after the handler is installed, so that Ctrl-C during start-up is handled the same way. loadMain()
// takes main() from the one-file bundle with its code cache when the build made them (dist/launch.js says why).
const { loadMain, shortRunCompilation } = await import('../dist/launch.js');
const main = await loadMain(process.env, process.argv.slice(2));
const onWorkload = shortRunCompilation();
const code = await main({
  onWorkload,
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
});
finished = true;
process.exitCode = code;

/**
 * The atomic --output writer names its temporary file `.gap-check-tmp-<pid>-...` next to the target; when the
 * process is forced out mid-write, remove ours so that nothing is left behind.
 */
function removeOwnTemporaryFiles(argv) {
  const end = argv.indexOf('--');
  const args = end === -1 ? argv : argv.slice(0, end);
  const outputs = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if ((arg === '-o' || arg === '--output') && i + 1 < args.length) outputs.push(args[++i]);
    else if (arg.startsWith('--output=')) outputs.push(arg.slice('--output='.length));
    else if (arg.startsWith('-o') && arg.length > 2) outputs.push(arg.slice(2));
  }
  for (const output of outputs) {
    const dir = dirname(resolve(output));
    const prefix = `.gap-check-tmp-${process.pid}-`;
    try {
      for (const name of readdirSync(dir)) {
        if (name.startsWith(prefix) && name.endsWith(basename(output))) unlinkSync(join(dir, name));
      }
    } catch {
      // Best effort: the directory may be gone or unreadable.
    }
  }
}
