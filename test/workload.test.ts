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
import { SHORT_RUN_BYTES } from '../dist/launch.js';
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
});
