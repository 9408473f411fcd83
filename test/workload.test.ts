// The bin is told how much statute text a command is about to read (MainOptions.onWorkload), to choose how V8
// compiles the run (src/launch.ts): optimising compiler off for short runs, on again above SHORT_RUN_BYTES.
// Checked here: every command that reads statutes reports their total size before reading them, and the
// policy turns the optimising compiler back on only above the threshold.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../dist/cli/main.js';
import { INLINING_LIMIT, SHORT_RUN_BYTES } from '../dist/launch.js';
import { ROOT } from './helpers/cli.js';

const run = promisify(execFile);
const size = (f: string) => statSync(join(ROOT, f)).size;

async function workloads(argv: string[]): Promise<number[]> {
  const seen: number[] = [];
  const sink = { write: () => true };
  await main({ argv, stdout: sink, stderr: sink, cwd: ROOT, env: {}, onWorkload: (bytes) => seen.push(bytes) });
  return seen;
}

describe('the workload a command reports', () => {
  const a = 'fixtures/amendment/act-2019.md';
  const b = 'fixtures/amendment/act-2024.md';

  it('is the total size of the statutes it reads, told once, for check, diff, matrix and outline', async () => {
    expect(await workloads([a])).toEqual([size(a)]);
    expect(await workloads([a, b, '--threads', '1'])).toEqual([size(a) + size(b)]);
    expect(await workloads(['diff', a, b])).toEqual([size(a) + size(b)]);
    expect(await workloads(['outline', a])).toEqual([size(a)]);
    const matrix = await workloads(['matrix', 'fixtures/countries/norvale', 'fixtures/countries/ostravia']);
    expect(matrix).toHaveLength(1);
    expect(matrix[0]).toBeGreaterThan(0);
  });

  it('is not told by commands that read no statute', async () => {
    expect(await workloads(['rules'])).toEqual([]);
    expect(await workloads(['--version'])).toEqual([]);
  });
});

describe('shortRunCompilation', () => {
  it('runs without the optimising compiler, and turns it on only above SHORT_RUN_BYTES', async () => {
    // In a fresh process with V8 natives, so that the flag can be read back; this process's flags stay as they are.
    const script = `
const { shortRunCompilation } = await import(${JSON.stringify(new URL('../dist/launch.js', import.meta.url).href)});
const probe = () => { function f(x) { return x + 1; } %PrepareFunctionForOptimization(f); f(1); f(2); %OptimizeFunctionOnNextCall(f); f(3); return (%GetOptimizationStatus(f) & 16) !== 0; };
const before = probe();
const onWorkload = shortRunCompilation();
const off = probe();
onWorkload(${SHORT_RUN_BYTES});
const stillOff = probe();
onWorkload(${SHORT_RUN_BYTES + 1});
process.stdout.write(JSON.stringify([before, off, stillOff, probe()]));`;
    const { stdout } = await run(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script]);
    expect(JSON.parse(stdout)).toEqual([true, false, false, true]);
  });

  it('inlines less in a long run: a function over INLINING_LIMIT bytes of bytecode is no longer inlined', async () => {
    // `callee` is ≈ 200 bytes of bytecode: inlined under V8's default limit (460), not under ours.
    const steps = Array.from({ length: 16 }, (_, k) => `y = y * ${k + 3} + ${k}; y = y ^ (y >>> ${(k % 7) + 1});`).join(' ');
    const script = (configure: boolean) => `
const { shortRunCompilation } = await import(${JSON.stringify(new URL('../dist/launch.js', import.meta.url).href)});
if (${configure}) shortRunCompilation()(${SHORT_RUN_BYTES + 1});
function callee(x) { let y = x; ${steps} return y; }
function f(x) { return callee(x) + 1; }
%PrepareFunctionForOptimization(callee); %PrepareFunctionForOptimization(f); f(1); f(2); %OptimizeFunctionOnNextCall(f); f(3);`;
    const inlined = async (configure: boolean) => {
      const { stdout } = await run(process.execPath, ['--allow-natives-syntax', '--trace-turbo-inlining', '--input-type=module', '-e', script(configure)]);
      return /^Inlining .*callee/m.test(stdout);
    };
    expect(INLINING_LIMIT).toBeLessThan(200);
    expect(await inlined(false)).toBe(true);
    expect(await inlined(true)).toBe(false);
  });
});
