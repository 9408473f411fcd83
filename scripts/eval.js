#!/usr/bin/env node
// Accuracy run: checks every statute under fixtures/statutes/ against its expected.json and prints the
// agreement per file, a confusion table of expected/actual status, and the count of false "met" — the
// error that matters most. Exit 1 when any verdict disagrees, so CI can use it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRulePack } from '../dist/rules/index.js';
import { checkFiles } from '../dist/check.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'fixtures', 'statutes');
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const pack = await loadRulePack();
const STATUSES = ['met', 'partial', 'missing'];
const confusion = Object.fromEntries(STATUSES.map((e) => [e, Object.fromEntries(STATUSES.map((a) => [a, 0]))]));
const perMeasure = new Map();
let total = 0, agree = 0, falseMet = 0;
const lines = [];
for (const c of (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  const files = (await readdir(path.join(dir, c))).filter((f) => /^statute\./.test(f));
  if (files.length === 0) continue;
  const expected = JSON.parse(await readFile(path.join(dir, c, 'expected.json'), 'utf8')).measures;
  const result = await checkFiles(files.map((f) => path.join(dir, c, f)), { pack });
  let ok = 0, n = 0;
  const wrong = [];
  for (const m of result.measures) {
    const exp = expected[m.id]?.status;
    if (!exp) continue;
    n++;
    confusion[exp][m.status]++;
    const pm = perMeasure.get(m.id) ?? { n: 0, ok: 0 };
    pm.n++;
    if (exp === m.status) { ok++; pm.ok++; } else {
      wrong.push(`    [${c}] ${m.id}: expected ${exp}, got ${m.status}${m.evidence[0] ? ` (${m.evidence[0].citation}: ${m.evidence[0].excerpt.slice(0, 90)})` : ''}${m.reason ? ` — ${m.reason}` : ''}`);
      if (m.status === 'met') falseMet++;
    }
    perMeasure.set(m.id, pm);
  }
  total += n; agree += ok;
  lines.push(`${c.padEnd(34)} ${String(ok).padStart(2)}/${n}  ${((100 * ok) / Math.max(1, n)).toFixed(0).padStart(3)}%`);
  if (verbose) lines.push(...wrong);
}
console.log('Agreement per statute:');
for (const l of lines) console.log(`  ${l}`);
console.log('\nConfusion (rows expected, columns actual):');
console.log(`  ${''.padEnd(10)}${STATUSES.map((s) => s.padStart(9)).join('')}`);
for (const e of STATUSES) console.log(`  ${e.padEnd(10)}${STATUSES.map((a) => String(confusion[e][a]).padStart(9)).join('')}`);
console.log('\nMeasures below full agreement:');
for (const [id, pm] of [...perMeasure].sort()) if (pm.ok < pm.n) console.log(`  ${id.padEnd(32)} ${pm.ok}/${pm.n}`);
console.log(`\nOverall agreement: ${agree}/${total} (${((100 * agree) / Math.max(1, total)).toFixed(1)}%)`);
console.log(`False "met": ${falseMet}`);
process.exitCode = agree === total ? 0 : 1;
