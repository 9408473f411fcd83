#!/usr/bin/env node
// Benchmarks (`npm run bench`, after `npm run build`). Every figure is a ratio against a baseline measured in the
// same run, on the same machine, so that it holds on a noisy or slow machine; times are medians of repeated runs.
//
//   (a) one large statute: check of the Criminal Code vs bare unified().use(remarkParse).parse() of its text
//   (b) a whole legal system: the 959 federal acts in one run — time, MB/s, peak RSS, --threads 2 vs --threads 1,
//       with the ceiling the one-thread run itself sets on that speed-up and a two-process reference
//   (c) cold start: `gap-check --version` and a check of a 20 KB statute vs `node -e ''`
//   (d) scaling: generated 10 MB and 50 MB statutes — time per MB should not grow with size
//
// (a) and (b) read ../shared/corpus (never copied into the project) and are skipped when it is absent.
// Usage: node scripts/bench.js [--quick] [--runs N] [--only a,b,c,d] [--write]
//        node scripts/bench.js --generate KB FILE   (write a generated statute, e.g. to profile it)
//   --quick  fewer runs, (b) on the first 150 acts, (d) with 2 and 10 MB
//   --write  also write the results table into BENCHMARKS.md (between the bench markers)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin', 'gap-check.js');
const CORPUS = path.resolve(root, '..', 'shared', 'corpus', 'ca-federal-acts-en');
const CRIMINAL_CODE = path.join(CORPUS, 'C-46-criminal-code.md');

const args = process.argv.slice(2);

// ---------------------------------------------------------------------------------------------------------
// Child mode: time one operation in a fresh process, so that each measurement has its own heap and JIT state.
if (args[0] === '--child') {
  await child(args.slice(1));
  process.exit(0);
}
// `--generate KB FILE`: write the generated statute used by (c) and (d), for profiling by hand.
if (args[0] === '--generate') {
  writeFileSync(args[2], generateStatute(Number(args[1]) * 1024, Number(args[3] ?? 7)));
  process.exit(0);
}

async function child([op, file, runsText]) {
  const runs = Number(runsText);
  const text = readFileSync(file, 'utf8');
  const time = async (fn) => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const times = [];
  const cpuTimes = [];
  // Wall and CPU time (this thread's process: user + system) of one call.
  const timed = async (fn) => {
    const c0 = process.cpuUsage();
    times.push(await time(fn));
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
  };
  if (op === 'remark') {
    const { unified } = await import('unified');
    const { default: remarkParse } = await import('remark-parse');
    unified().use(remarkParse).parse(text); // warm-up: JIT compilation is charged to neither side
    for (let i = 0; i < runs; i++) await timed(() => unified().use(remarkParse).parse(text));
  } else if (op === 'check') {
    const { loadRulePack } = await import(path.join(root, 'dist', 'rules', 'index.js'));
    const { checkFiles } = await import(path.join(root, 'dist', 'check.js'));
    const pack = await loadRulePack();
    await checkFiles([file], { pack, threads: 1 });
    for (let i = 0; i < runs; i++) await timed(() => checkFiles([file], { pack, threads: 1 }));
  } else if (op === 'stages') {
    // Where the check's time goes, stage by stage (for the notes, not for a target).
    const { readSource } = await import(path.join(root, 'dist', 'read', 'index.js'));
    const { parseSource } = await import(path.join(root, 'dist', 'parse', 'index.js'));
    const { buildStructure } = await import(path.join(root, 'dist', 'structure', 'index.js'));
    const { evaluate } = await import(path.join(root, 'dist', 'evaluate', 'index.js'));
    const { loadRulePack } = await import(path.join(root, 'dist', 'rules', 'index.js'));
    const pack = await loadRulePack();
    const stages = { read: [], parse: [], structure: [], evaluate: [] };
    for (let i = 0; i <= runs; i++) {
      let source, parsed, doc;
      const t = {
        read: await time(async () => (source = await readSource(file))),
        parse: await time(() => (parsed = parseSource(source))),
        structure: await time(() => (doc = buildStructure(parsed))),
        evaluate: await time(() => evaluate([doc], pack, {})),
      };
      if (i > 0) for (const k of Object.keys(stages)) stages[k].push(t[k]); // run 0 is the warm-up
    }
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, median(v)]))));
    return;
  }
  process.stdout.write(JSON.stringify({ median: median(times), cpu: median(cpuTimes), times, cpuTimes }));
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Run a command; resolve with wall time (ms), CPU time (user + system, ms), peak RSS (KiB), exit code and stdout.
 * CPU time and peak RSS come from GNU time when it is installed (worker threads share the process, so both cover
 * them); without it only wall time is known.
 */
function run(command, argv, { stdout = false } = {}) {
  return new Promise((resolve, reject) => {
    const [cmd, cmdArgs] = GNU_TIME ? [GNU_TIME, ['-f', 'BENCH_TIME %e %U %S %M', command, ...argv]] : [command, argv];
    const t0 = process.hrtime.bigint();
    const proc = spawn(cmd, cmdArgs, { cwd: root, stdio: ['ignore', stdout ? 'pipe' : 'ignore', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout?.setEncoding('utf8').on('data', (c) => (out += c));
    proc.stderr.setEncoding('utf8').on('data', (c) => (err += c));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = /BENCH_TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      resolve({
        ms,
        cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : null,
        maxRssKb: m ? Number(m[4]) : null,
        code,
        stdout: out,
        stderr: err.replace(/(Command exited with non-zero status \d+\n)?BENCH_TIME .*\n?/, ''),
      });
    });
  });
}

/** Medians of `runs` runs of each command, interleaved so that a burst of load hits every command alike. */
async function interleaved(commands, runs) {
  const results = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, c] of commands.entries()) {
      // `pair`: two commands started together; the time is until both have finished.
      const started = performance.now();
      const rs = c.pair ? await Promise.all(c.pair.map((argv) => run(process.execPath, argv))) : [await run(process.execPath, c.argv)];
      for (const r of rs) {
        if (c.expectCodes && !c.expectCodes.includes(r.code)) {
          throw new Error(`${c.label}: exit code ${r.code}: ${r.stderr.trim().split('\n')[0]}`);
        }
      }
      const r = c.pair
        ? { ms: performance.now() - started, cpuMs: rs.every((x) => x.cpuMs !== null) ? rs.reduce((n, x) => n + x.cpuMs, 0) : null, maxRssKb: Math.max(...rs.map((x) => x.maxRssKb ?? 0)) }
        : rs[0];
      results[k].push(r);
    }
  }
  return commands.map((c, k) => ({
    label: c.label,
    median: median(results[k].map((r) => r.ms)),
    cpu: results[k].every((r) => r.cpuMs !== null) ? median(results[k].map((r) => r.cpuMs)) : null,
    maxRssKb: Math.max(0, ...results[k].map((r) => r.maxRssKb ?? 0)),
    runs: results[k],
  }));
}

async function childTime(op, file, runs) {
  const r = await run(process.execPath, [fileURLToPath(import.meta.url), '--child', op, file, String(runs)], { stdout: true });
  if (r.code !== 0) throw new Error(`bench child ${op} failed: ${r.stderr.trim().split('\n')[0]}`);
  return JSON.parse(r.stdout);
}

const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const mb = (bytes) => bytes / (1024 * 1024);

// ---------------------------------------------------------------------------------------------------------
// A generated statute of about `bytes` bytes: fictional text in our own words, with the structure real acts have
// (Parts, numbered sections, subsections, definitions, cross-references, offences and penalties), varied by a
// seeded generator so that the output is the same on every run.

function generateStatute(bytes, seed = 1) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const subjects = ['a child', 'a young person', 'a pupil', 'a ward of the court', 'an apprentice', 'a person under the age of eighteen years'];
  const verbs = ['sells', 'transfers', 'offers', 'harbours', 'transports', 'recruits', 'employs', 'receives', 'conceals', 'exploits'];
  const objects = ['a licence', 'a permit', 'a vessel', 'a register', 'a dwelling', 'livestock', 'a fishing quota', 'a mining lease', 'a customs bond'];
  const ends = ['for payment or any other reward', 'without lawful excuse', 'contrary to a direction of the Minister', 'in the course of a business', 'for a purpose not authorised by this Act'];
  const headings = ['Licensing', 'Registers', 'Inspection', 'Offences', 'Appeals', 'Fees', 'Records', 'Enforcement', 'Miscellaneous', 'Transitional provisions'];
  const years = ['two', 'three', 'five', 'seven', 'ten', 'fourteen'];
  const out = ['---', 'title: Generated Administration Act', 'jurisdiction: Benchmark Republic', '---', '', '# Generated Administration Act', ''];
  let size = out.join('\n').length;
  let section = 0;
  let part = 0;
  while (size < bytes) {
    part++;
    const partLines = [`## Part ${part}: ${pick(headings)}`, ''];
    for (let k = 0; k < 12; k++) {
      section++;
      const lines = [`### ${section}. ${pick(headings)} (${pick(objects).replace(/^an? /, '')})`, ''];
      lines.push(`(1) A person who ${pick(verbs)} ${pick(rand() < 0.3 ? subjects : objects)} ${pick(ends)} commits an offence and is liable on conviction to imprisonment for a term not exceeding ${pick(years)} years.`, '');
      lines.push(`(2) Subsection (1) does not apply to a person who acts under section ${1 + Math.floor(rand() * section)} or with the written consent of the Registrar.`, '');
      if (rand() < 0.25) lines.push(`(3) In this section, "${pick(['holder', 'operator', 'agent', 'premises', 'record'])}" means any ${pick(['person', 'body', 'place', 'document'])} named in a ${pick(objects).replace(/^an? /, '')} issued under Part ${1 + Math.floor(rand() * part)}.`, '');
      else lines.push(`(3) The Registrar shall keep ${pick(objects)} in electronic or written form and may require any person to produce it within ${pick(years)} days.`, '');
      partLines.push(...lines);
    }
    const text = partLines.join('\n');
    out.push(text);
    size += text.length + 1;
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// The benchmarks

const quick = args.includes('--quick');
const onlyArg = args.indexOf('--only');
const ONLY = new Set(onlyArg >= 0 ? args[onlyArg + 1].split(',') : ['a', 'b', 'c', 'd']);
const write = args.includes('--write');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 3 : 5;
if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const rows = []; // [benchmark, figure, target, met]
const notes = [];
const row = (name, figure, target = '', met = null) => {
  rows.push([name, figure, target, met === null ? '' : met ? 'met' : '**missed**']);
  console.log(`  ${name}: ${figure}${target ? `  (target ${target}: ${met ? 'met' : 'MISSED'})` : ''}`);
};
const tmp = mkdtempSync(path.join(tmpdir(), 'gap-check-bench-'));
const hasCorpus = existsSync(CORPUS) && existsSync(CRIMINAL_CODE);
const loadBefore = (await import('node:os')).loadavg()[0];

/**
 * `a ms vs b ms = r×`, wall time first and CPU time after it when known. The ratio judged is CPU time when
 * `byCpu` and it is known: for long single-threaded runs it does not depend on what else the machine is doing.
 * Cold starts are judged on wall time: start-up latency is what users wait for, and GNU time reports CPU time
 * in 10 ms steps, too coarse for a process that lives 100 ms.
 */
function compare(a, b, { unit = 'ms', byCpu = true } = {}) {
  const scale = unit === 's' ? 1000 : 1;
  const digits = unit === 's' ? 1 : 0;
  const wall = `${fmt(a.median / scale, digits)} ${unit} vs ${fmt(b.median / scale, digits)} ${unit} = ${fmt(a.median / b.median)}×`;
  const cpu = a.cpu !== null && b.cpu !== null ? `; CPU ${fmt(a.cpu / scale, digits)} vs ${fmt(b.cpu / scale, digits)} = ${fmt(a.cpu / b.cpu)}×` : '';
  const ratio = byCpu && a.cpu !== null && b.cpu !== null ? a.cpu / b.cpu : a.median / b.median;
  return { text: `wall ${wall}${cpu}`, ratio };
}

try {
  // (c) cold start — first, while nothing else of ours is running.
  const runsC = RUNS * 3;
  if (ONLY.has('c')) {
    console.log(`(c) cold start (${runsC} runs each, interleaved)`);
    const small = path.join(tmp, 'statute-20k.md');
    writeFileSync(small, generateStatute(20 * 1024, 7));
    const [nodeRun, versionRun, smallRun] = await interleaved(
      [
        { label: 'node', argv: ['-e', ''] },
        { label: 'version', argv: [BIN, '--version'], expectCodes: [0] },
        { label: 'check20k', argv: [BIN, small, '--quiet'], expectCodes: [0, 1] },
      ],
      runsC,
    );
    const v = compare(versionRun, nodeRun, { byCpu: false });
    row("`gap-check --version` vs `node -e ''`", v.text, '≤ 1.5×', v.ratio <= 1.5);
    const c20 = compare(smallRun, nodeRun, { byCpu: false });
    row("check of a 20 KB statute vs `node -e ''`", c20.text, '≤ 3×', c20.ratio <= 3);
  }

  // (a) one large statute
  if (hasCorpus && ONLY.has('a')) {
    const size = statSync(CRIMINAL_CODE).size;
    console.log(`(a) Criminal Code, ${fmt(mb(size), 1)} MB (${RUNS} runs each, in separate processes, after a warm-up run)`);
    const bare = await childTime('remark', CRIMINAL_CODE, RUNS);
    const full = await childTime('check', CRIMINAL_CODE, RUNS);
    const a = compare(full, bare);
    row('check of C-46 (2.5 MB) vs bare remark-parse', a.text, '≤ 2×', a.ratio <= 2);
    const stages = await childTime('stages', CRIMINAL_CODE, Math.max(2, Math.floor(RUNS / 2)));
    notes.push(
      `C-46 by stage (median wall ms): read ${fmt(stages.read, 0)}, parse ${fmt(stages.parse, 0)}, structure ${fmt(stages.structure, 0)}, evaluate ${fmt(stages.evaluate, 0)}; bare remark-parse ${fmt(bare.median, 0)}.`,
    );
  } else if (!hasCorpus) {
    console.log(`(a), (b) skipped: ${path.relative(root, CORPUS)} not found`);
    notes.push('(a) and (b) were skipped: ../shared/corpus was not found.');
  }

  // (b) the whole corpus as one legal system
  if (hasCorpus && ONLY.has('b')) {
    const all = readdirSync(CORPUS).filter((f) => /\.(md|markdown|txt)$/i.test(f)).sort();
    const files = quick ? all.slice(0, 150) : all;
    const bytes = files.reduce((n, f) => n + statSync(path.join(CORPUS, f)).size, 0);
    // Whole directory when all files are used (as users run it); a list of files for --quick.
    const inputs = quick ? files.map((f) => path.join(CORPUS, f)) : [CORPUS];
    const runsB = quick ? 2 : 3;
    console.log(`(b) ${files.length} acts, ${fmt(mb(bytes), 1)} MB, one legal system (${runsB} runs per thread count, interleaved)`);
    const base = [BIN, 'check', ...inputs, '--format', 'json', '--quiet'];
    // The machine's own ceiling for this work: two separate processes, one thread each, each checking half of
    // the acts (largest first, dealt alternately, so that the halves are about equal), started together. They
    // share nothing, so no parallel scheme inside gap-check can beat their speed-up over one process.
    const bySize = [...files].sort((x, y) => statSync(path.join(CORPUS, y)).size - statSync(path.join(CORPUS, x)).size || (x < y ? -1 : 1));
    const half = (h) => [BIN, 'check', ...bySize.filter((_, i) => i % 2 === h).map((f) => path.join(CORPUS, f)), '--format', 'json', '--quiet', '--threads', '1'];
    const [t1, t2, pair] = await interleaved(
      [
        { label: 't1', argv: [...base, '--threads', '1'], expectCodes: [0, 1] },
        { label: 't2', argv: [...base, '--threads', '2'], expectCodes: [0, 1] },
        { label: 'pair', pair: [half(0), half(1)], expectCodes: [0, 1] },
      ],
      runsB,
    );
    const cpuNote = (r) => (r.cpu !== null ? `, CPU ${fmt(r.cpu / 1000, 1)} s` : '');
    row(`${files.length} acts (${fmt(mb(bytes), 1)} MB), --threads 1`, `${fmt(t1.median / 1000, 1)} s, ${fmt(mb(bytes) / (t1.median / 1000), 2)} MB/s${cpuNote(t1)}`);
    row(`${files.length} acts, --threads 2`, `${fmt(t2.median / 1000, 1)} s, ${fmt(mb(bytes) / (t2.median / 1000), 2)} MB/s${cpuNote(t2)}`);
    // A speed-up is about waiting, so it is judged on wall time.
    row('speed-up of --threads 2 over --threads 1 (wall)', `${fmt(t1.median / t2.median)}×`, '≥ 1.7× on 2 cores', t1.median / t2.median >= 1.7);
    // What one thread already uses: V8 compiles and collects garbage on helper threads, so a one-thread run keeps
    // more than one core busy. Splitting the work does not shrink it (each worker thread compiles the same code
    // again), so on two cores no thread count can be faster than 2 / (cores busy) times the one-thread run.
    if (t1.cpu !== null) {
      const busy = t1.cpu / t1.median;
      row('ceiling of that speed-up: cores kept busy by --threads 1 (CPU / wall)', `${fmt(busy)} cores → at most ${fmt(2 / busy)}× on 2 cores`);
    }
    row(
      'reference: two processes with --threads 1, half of the acts each, at the same time',
      `${fmt(pair.median / 1000, 1)} s${pair.cpu !== null ? ` (CPU ${fmt(pair.cpu / 1000, 1)} s)` : ''}: ${fmt(t1.median / pair.median)}× over one process`,
    );
    if (t1.maxRssKb > 0) {
      row('peak RSS (whole process, workers included)', `${fmt(t1.maxRssKb / 1024, 0)} MB (1 thread), ${fmt(t2.maxRssKb / 1024, 0)} MB (2 threads)`, '< 1 GB', Math.max(t1.maxRssKb, t2.maxRssKb) < 1024 * 1024);
    } else notes.push('Peak RSS not measured: /usr/bin/time (GNU time) is not installed.');
  }

  // (d) scaling with generated statutes
  if (ONLY.has('d')) {
    const sizes = quick ? [2, 10] : [10, 50];
    const runsD = quick ? 2 : 3;
    console.log(`(d) scaling: generated ${sizes.join(' and ')} MB statutes (${runsD} runs each)`);
    const perMb = [];
    let bigHeapPerMb = null;
    for (const size of sizes) {
      const file = path.join(tmp, `generated-${size}mb.md`);
      writeFileSync(file, generateStatute(size * 1024 * 1024, size));
      const actual = mb(statSync(file).size);
      const [r] = await interleaved([{ label: `${size}mb`, argv: [BIN, file, '--format', 'json', '--quiet'], expectCodes: [0, 1] }], runsD);
      const cost = r.cpu ?? r.median;
      perMb.push(cost / actual);
      row(
        `generated ${size} MB statute`,
        `wall ${fmt(r.median / 1000, 1)} s (${fmt(r.median / actual / 1000, 2)} s/MB)${r.cpu !== null ? `; CPU ${fmt(r.cpu / 1000, 1)} s (${fmt(r.cpu / actual / 1000, 2)} s/MB)` : ''}${r.maxRssKb ? `; peak RSS ${fmt(r.maxRssKb / 1024, 0)} MB` : ''}`,
      );
      if (size === sizes[1] && totalmem() >= 16 * 1024 ** 3) {
        // The same file with a larger V8 heap: if time per MB is flat again, the growth above is garbage
        // collection near the default heap limit, not a quadratic algorithm.
        const [big] = await interleaved([{ label: 'bigheap', argv: ['--max-old-space-size=12288', BIN, file, '--format', 'json', '--quiet'], expectCodes: [0, 1] }], 1);
        bigHeapPerMb = (big.cpu ?? big.median) / actual;
        row(`generated ${size} MB statute, node --max-old-space-size=12288 (1 run)`, `wall ${fmt(big.median / 1000, 1)} s${big.cpu !== null ? `; CPU ${fmt(big.cpu / 1000, 1)} s (${fmt(big.cpu / actual / 1000, 2)} s/MB)` : ''}; peak RSS ${fmt(big.maxRssKb / 1024, 0)} MB`);
      }
      rmSync(file);
    }
    const growth = perMb[1] / perMb[0];
    row(`time per MB, ${sizes[1]} MB vs ${sizes[0]} MB${GNU_TIME ? ' (CPU)' : ''}`, `${fmt(growth)}×`, '≈ 1× (linear; ≤ 1.25×)', growth <= 1.25);
    if (bigHeapPerMb !== null) row(`time per MB, ${sizes[1]} MB with a 12 GB heap vs ${sizes[0]} MB`, `${fmt(bigHeapPerMb / perMb[0])}×`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------
// Summary and BENCHMARKS.md

const loadAfter = (await import('node:os')).loadavg()[0];
const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${fmt(totalmem() / 1024 ** 3, 1)} GB memory, Node ${process.version}, ${process.platform}`;
const date = new Date().toISOString().slice(0, 10);
const table = [
  `Run: ${date}${quick ? ' (--quick)' : ''}, ${RUNS} runs per cold-start/C-46 figure. Machine: ${machine}. Load average (1 min) ${fmt(loadBefore, 1)} before, ${fmt(loadAfter, 1)} after.`,
  '',
  '| benchmark | result | target | |',
  '| --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
  ...notes.map((n) => `- ${n}`),
].join('\n');
console.log(`\n${table}`);

if (write) {
  const file = path.join(root, 'BENCHMARKS.md');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const old = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
  const i = old.indexOf(start);
  const j = old.indexOf(end);
  if (i < 0 || j < i) {
    console.error('bench: BENCHMARKS.md has no bench markers; not written');
    process.exitCode = 2;
  } else {
    writeFileSync(file, `${old.slice(0, i + start.length)}\n${table}\n${old.slice(j)}`);
    console.log('\nWrote the table into BENCHMARKS.md');
  }
}
