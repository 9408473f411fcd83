// The corpus sweep shared by test/corpus-N.test.ts: every statute in ../shared/corpus (except the few checked
// in detail by corpus-facts.test.ts) parses without an exception and keeps the tree invariants. One file per
// shard, so that vitest runs the shards in parallel; files are dealt to shards by size.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../dist/parse/index.js';
import { buildStructure, checkStructure } from '../../dist/structure/index.js';
import { sourceOf } from './source.js';

export const SHARDS = 4;
const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
/** Checked in detail (and swept) by corpus-facts.test.ts. */
const DETAILED = new Set(['ca-federal-acts-en/C-46-criminal-code.md', 'ca-code-criminel-fr.md', 'de-stgb.md', 'us-18-usc-selected.md', 'ph-ra-10175.md']);

function statutes(dir: string): Array<{ path: string; size: number }> {
  const out: Array<{ path: string; size: number }> = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...statutes(p));
    else if (e.name.endsWith('.md') && !DETAILED.has(relative(CORPUS, p))) out.push({ path: p, size: statSync(p).size });
  }
  return out;
}

/** Largest first to the lightest shard: deterministic and balanced by bytes, which is what parsing costs. */
function shardFiles(SHARD: number): string[] {
  const files = statutes(CORPUS).sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
  const load = new Array(SHARDS).fill(0);
  const mine: string[] = [];
  for (const f of files) {
    let k = 0;
    for (let j = 1; j < SHARDS; j++) if (load[j] < load[k]) k = j;
    load[k] += f.size;
    if (k === SHARD - 1) mine.push(f.path);
  }
  return mine.sort();
}

/** Define the tests of one shard (1-based). */
export function corpusShard(SHARD: number): void {
  const present = existsSync(CORPUS);
  describe.skipIf(!present)(`corpus shard ${SHARD}/${SHARDS}`, () => {
  const files = present ? shardFiles(SHARD) : [];

  it('has its share of the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => [relative(CORPUS, f), f]))('%s', (_name, file) => {
    const parsed = parseSource(sourceOf(readFileSync(file, 'utf8'), file));
    const doc = buildStructure(parsed);
    expect(checkStructure(doc, parsed)).toEqual([]);
  });
});
}
