#!/usr/bin/env node
// Robustness sweep over real statutes: checks every file under ../shared/corpus one by one (in worker threads,
// a bounded number at a time, each file with a time limit) and then all together through the command line, as
// one body of law. Reports crashes, files refused with an error, warnings, time per MB and the slowest files.
//
// A crash is anything that is not a clean result or a clean refusal: an exception that is not a GapCheckError,
// a worker that dies (out of memory), a file over the time limit (a hang), a verdict or evidence range that is
// not valid, or the command line exiting with a code other than 0/1/2 or printing an internal error.
// Exit code: 0 no crash, 1 crash, 2 the sweep itself could not run. Without the corpus it says so and exits 0.
//
// Usage: npm run sweep -- [--sample N] [--concurrency N] [--timeout SECONDS] [--corpus DIR] [--no-together]
//                         [--json FILE]
//   --sample N   a deterministic sample of N files spread over the size range (sorted by size, every k-th
//                file), so that small and large files are both represented and the run time is predictable.
// Needs `npm run build` first.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATUSES = new Set(['met', 'partial', 'missing', 'satisfied-elsewhere', 'not-applicable']);

if (isMainThread) await sweep();
else await serve();

// ---------------------------------------------------------------------------------------------------------
// Worker: check one file at a time, timing each stage.

async function serve() {
  const { readSource } = await import('../dist/read/index.js');
  const { parseSource } = await import('../dist/parse/index.js');
  const { buildStructure } = await import('../dist/structure/index.js');
  const { checkDocuments } = await import('../dist/check.js');
  const { formatReport } = await import('../dist/report/index.js');
  const { loadRulePack } = await import('../dist/rules/index.js');
  const { isGapCheckError } = await import('../dist/errors.js');
  const pack = await loadRulePack();
  parentPort.postMessage({ ready: true });
  parentPort.on('message', async ({ file, display }) => {
    const ms = {};
    let t = performance.now();
    const lap = (stage) => {
      const now = performance.now();
      ms[stage] = now - t;
      t = now;
    };
    try {
      const source = await readSource(file);
      lap('read');
      const parsed = parseSource(source);
      lap('parse');
      const doc = buildStructure(parsed);
      lap('structure');
      const result = checkDocuments([doc], { pack });
      lap('evaluate');
      const json = await formatReport(result, 'json', { color: false });
      await formatReport(result, 'text', { color: false });
      lap('report');
      const lineCount = source.text.split('\n').length;
      const invalid = validate(JSON.parse(json), lineCount);
      parentPort.postMessage({
        display,
        outcome: invalid.length > 0 ? 'crash' : 'ok',
        message: invalid.length > 0 ? `invalid result: ${invalid.slice(0, 3).join('; ')}` : undefined,
        ms,
        nodes: doc.nodes.length,
        warnings: result.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code),
        summary: result.summary,
      });
    } catch (error) {
      const clean = isGapCheckError(error);
      parentPort.postMessage({
        display,
        outcome: clean ? 'error' : 'crash',
        message: clean ? `${error.code}: ${error.message}` : `${error?.name ?? 'Error'}: ${error?.message ?? error} ${firstFrame(error)}`,
        ms,
      });
    }
  });
}

function firstFrame(error) {
  const frame = String(error?.stack ?? '').split('\n').find((l) => /^\s+at /.test(l));
  return frame ? `(${frame.trim()})` : '';
}

/** Every verdict allowed, every evidence range inside the file: a result that breaks these is a crash too. */
function validate(report, lineCount) {
  const problems = [];
  for (const m of report.measures) {
    if (!STATUSES.has(m.status)) problems.push(`${m.id}: status ${m.status}`);
    for (const e of m.evidence) {
      if (!(e.startLine >= 1 && e.startLine <= e.endLine && e.endLine <= lineCount)) {
        problems.push(`${m.id}: evidence lines ${e.startLine}-${e.endLine} outside 1-${lineCount}`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Main thread

function parseArgs(argv) {
  const opts = { sample: 0, concurrency: availableParallelism(), timeout: 300, corpus: path.resolve(ROOT, '../shared/corpus'), together: true, json: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    const count = (v, name) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) usage(`${name} must be a whole number above 0, got "${v}"`);
      return n;
    };
    if (arg === '--sample') opts.sample = count(value(), '--sample');
    else if (arg === '--concurrency') opts.concurrency = count(value(), '--concurrency');
    else if (arg === '--timeout') opts.timeout = count(value(), '--timeout');
    else if (arg === '--corpus') opts.corpus = path.resolve(value());
    else if (arg === '--json') opts.json = path.resolve(value());
    else if (arg === '--no-together') opts.together = false;
    else if (arg === '--help' || arg === '-h') usage(null);
    else usage(`unknown option ${arg}`);
  }
  return opts;
}

function usage(problem) {
  const text = 'usage: npm run sweep -- [--sample N] [--concurrency N] [--timeout SECONDS] [--corpus DIR] [--no-together] [--json FILE]';
  if (problem) {
    console.error(`sweep: ${problem}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

/** Statute files under the corpus, sorted; the corpus's own README is documentation, not a statute. */
function corpusFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = path.join(d, name);
      const info = statSync(p);
      if (info.isDirectory()) walk(p);
      else if (/\.(md|markdown|txt)$/i.test(name) && !(d === dir && /^readme\.md$/i.test(name))) out.push({ file: p, bytes: info.size });
    }
  };
  walk(dir);
  return out;
}

/** N files spread evenly over the files sorted by size (ties by path), the same N files on every run. */
function sample(files, n) {
  if (n >= files.length) return files;
  const bySize = [...files].sort((a, b) => a.bytes - b.bytes || (a.file < b.file ? -1 : 1));
  const picked = [];
  for (let j = 0; j < n; j++) picked.push(bySize[Math.floor(((j + 0.5) * bySize.length) / n)]);
  return picked.sort((a, b) => (a.file < b.file ? -1 : 1));
}

async function sweep() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(ROOT, 'dist', 'check.js'))) {
    console.error('sweep: dist/ is missing; run `npm run build` first');
    process.exit(2);
  }
  if (!existsSync(opts.corpus)) {
    console.log(`sweep: no corpus at ${path.relative(process.cwd(), opts.corpus) || opts.corpus}; skipped`);
    return;
  }
  const all = corpusFiles(opts.corpus);
  const files = opts.sample ? sample(all, opts.sample) : all;
  for (const f of files) f.display = path.relative(opts.corpus, f.file);
  const totalBytes = files.reduce((s, f) => s + f.bytes, 0);
  console.log(`sweep: ${files.length}${opts.sample ? ` of ${all.length}` : ''} files, ${mb(totalBytes)} MB, ${opts.concurrency} workers, ${opts.timeout} s per file`);

  const started = performance.now();
  const results = await runAll(files, opts);
  const oneByOneMs = performance.now() - started;
  const together = opts.together ? await runTogether(files, opts) : null;

  const report = summarise(files, results, oneByOneMs, together);
  print(report);
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exitCode = report.crashes.length > 0 ? 1 : 0;
}

/** Check each file in a pool of workers; a worker that dies or overruns the time limit is replaced. */
async function runAll(files, opts) {
  const queue = files.map((f, index) => ({ ...f, index }));
  const results = new Array(files.length);
  const progress = progressPrinter(files.length);

  const runWorker = async () => {
    let worker = null;
    const start = () =>
      new Promise((resolve, reject) => {
        const w = new Worker(fileURLToPath(import.meta.url));
        const onError = (error) => reject(error);
        w.once('error', onError);
        w.once('message', () => {
          w.off('error', onError);
          resolve(w);
        });
      });
    while (queue.length > 0) {
      const item = queue.shift();
      worker ??= await start();
      const t0 = performance.now();
      const outcome = await new Promise((resolve) => {
        const done = (value) => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          resolve(value);
        };
        const onMessage = (message) => done(message);
        const onError = (error) => done({ display: item.display, outcome: 'crash', message: `worker died: ${error.code ?? ''} ${error.message}`.trim(), dead: true });
        const onExit = (code) => done({ display: item.display, outcome: 'crash', message: `worker exited with code ${code}`, dead: true });
        const timer = setTimeout(() => done({ display: item.display, outcome: 'crash', message: `no result after ${opts.timeout} s (hang?)`, dead: true }), opts.timeout * 1000);
        worker.on('message', onMessage);
        worker.once('error', onError);
        worker.once('exit', onExit);
        worker.postMessage({ file: item.file, display: item.display });
      });
      outcome.wallMs = performance.now() - t0;
      outcome.bytes = item.bytes;
      results[item.index] = outcome;
      if (outcome.dead) {
        await worker.terminate().catch(() => undefined);
        worker = null;
      }
      progress();
    }
    await worker?.terminate();
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, files.length) }, runWorker));
  return results;
}

function progressPrinter(total) {
  let done = 0;
  let shown = 0;
  return () => {
    done++;
    const tenth = Math.floor((done * 10) / total);
    if (tenth > shown) {
      shown = tenth;
      console.log(`  ${done}/${total} files`);
    }
  };
}

/** All the files as one body of law, through the command line as a user runs it. */
async function runTogether(files, opts) {
  const dir = await mkdtemp(path.join(tmpdir(), 'gap-check-sweep-'));
  const output = path.join(dir, 'report.json');
  const args = [path.join(ROOT, 'bin', 'gap-check.js'), ...files.map((f) => f.file), '--format', 'json', '--fail-on', 'never', '--quiet', '--output', output];
  const limitMs = Math.max(opts.timeout, 60) * 1000 * Math.max(1, Math.ceil(files.length / 50));
  const t0 = performance.now();
  const run = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
  const ms = performance.now() - t0;
  let report = null;
  try {
    report = JSON.parse(await readFile(output, 'utf8'));
  } catch {
    // No report: said below.
  }
  await rm(dir, { recursive: true, force: true });
  const lines = run.stderr.split('\n').filter(Boolean);
  const problems = [];
  if (run.signal) problems.push(`killed (${run.signal}) after ${Math.round(ms / 1000)} s`);
  else if (![0, 1, 2].includes(run.code)) problems.push(`exit code ${run.code}`);
  if (lines.some((l) => /internal error/.test(l))) problems.push(lines.find((l) => /internal error/.test(l)));
  if (run.code !== null && run.code <= 2 && !report) problems.push('no report written');
  return {
    ms,
    code: run.code,
    files: report?.files.length ?? 0,
    summary: report?.summary ?? null,
    errors: lines.filter((l) => !/: warning: /.test(l)),
    problems,
  };
}

function summarise(files, results, oneByOneMs, together) {
  const crashes = results.filter((r) => r.outcome === 'crash').map((r) => ({ file: r.display, message: r.message }));
  if (together?.problems.length) crashes.push(...together.problems.map((message) => ({ file: '(all together)', message })));
  const errors = results.filter((r) => r.outcome === 'error').map((r) => ({ file: r.display, message: r.message }));
  const ok = results.filter((r) => r.outcome === 'ok');
  // Files per warning code (each file once per code).
  const warnings = {};
  for (const r of ok) for (const code of new Set(r.warnings)) (warnings[code] ??= []).push(r.display);
  const stages = ['read', 'parse', 'structure', 'evaluate', 'report'];
  const stageMs = Object.fromEntries(stages.map((s) => [s, ok.reduce((sum, r) => sum + (r.ms[s] ?? 0), 0)]));
  const okBytes = ok.reduce((s, r) => s + r.bytes, 0);
  const fileMs = (r) => stages.reduce((sum, s) => sum + (r.ms?.[s] ?? 0), 0);
  const workMs = ok.reduce((s, r) => s + fileMs(r), 0);
  const perMb = ok.filter((r) => r.bytes >= 10_000).map((r) => fileMs(r) / (r.bytes / 1e6)).sort((a, b) => a - b);
  const slowest = [...results]
    .sort((a, b) => b.wallMs - a.wallMs)
    .slice(0, 10)
    .map((r) => ({
      file: r.display,
      ms: Math.round(r.wallMs),
      mb: Number(mb(r.bytes)),
      // Per-file overheads dominate tiny files; a rate for them says nothing.
      msPerMb: r.bytes >= 10_000 ? Math.round(r.wallMs / (r.bytes / 1e6)) : null,
      parseMs: Math.round(r.ms?.parse ?? 0),
      outcome: r.outcome,
    }));
  return {
    files: files.length,
    megabytes: Number(mb(files.reduce((s, f) => s + f.bytes, 0))),
    ok: ok.length,
    crashes,
    errors,
    warnings,
    oneByOne: {
      wallSeconds: round(oneByOneMs / 1000),
      workSeconds: round(workMs / 1000),
      mbPerSecond: round(okBytes / 1e6 / (workMs / 1000)),
      stageSeconds: Object.fromEntries(stages.map((s) => [s, round(stageMs[s] / 1000)])),
      msPerMb: { median: Math.round(quantile(perMb, 0.5)), p90: Math.round(quantile(perMb, 0.9)), max: Math.round(perMb.at(-1) ?? 0) },
    },
    slowest,
    together: together && {
      wallSeconds: round(together.ms / 1000),
      mbPerSecond: round(files.reduce((s, f) => s + f.bytes, 0) / 1e6 / (together.ms / 1000)),
      exitCode: together.code,
      filesInReport: together.files,
      summary: together.summary,
      errorLines: together.errors.length,
    },
  };
}

function print(r) {
  const o = r.oneByOne;
  console.log('');
  console.log(`files: ${r.files} (${r.megabytes} MB): ${r.ok} checked, ${r.errors.length} refused with an error, ${r.crashes.length} crashes`);
  console.log(`one by one: ${o.wallSeconds} s wall, ${o.workSeconds} s of work, ${o.mbPerSecond} MB/s per worker; ms per MB median ${o.msPerMb.median}, p90 ${o.msPerMb.p90}, max ${o.msPerMb.max}`);
  console.log(`  by stage (s): ${Object.entries(o.stageSeconds).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (r.together) {
    const t = r.together;
    const s = t.summary;
    console.log(`all together: ${t.wallSeconds} s (${t.mbPerSecond} MB/s), exit ${t.exitCode}, ${t.filesInReport} files in the report` + (s ? `; met ${s.met}, partial ${s.partial}, missing ${s.missing}` : ''));
  }
  const warned = Object.entries(r.warnings).sort((a, b) => b[1].length - a[1].length);
  for (const [code, files] of warned) {
    console.log(`warning ${code}: ${files.length} file${files.length === 1 ? '' : 's'} (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', ...' : ''})`);
  }
  console.log('slowest files:');
  for (const s of r.slowest) {
    console.log(`  ${String(s.ms).padStart(7)} ms  ${String(s.mb).padStart(5)} MB  ${String(s.msPerMb ?? '-').padStart(6)} ms/MB  (parse ${s.parseMs} ms)  ${s.file}${s.outcome === 'ok' ? '' : ` [${s.outcome}]`}`);
  }
  for (const e of r.errors) console.log(`error: ${e.file}: ${e.message}`);
  for (const c of r.crashes) console.log(`CRASH: ${c.file}: ${c.message}`);
  console.log(r.crashes.length === 0 ? 'sweep: no crashes' : `sweep: ${r.crashes.length} crash${r.crashes.length === 1 ? '' : 'es'}`);
}

function mb(bytes) {
  return (bytes / 1e6).toFixed(2);
}

function round(x) {
  return Math.round(x * 100) / 100;
}

function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
