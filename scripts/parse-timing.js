#!/usr/bin/env node
// Times parseSource + buildStructure on one statute against bare remark-parse on the same text, in the same
// process, and prints the ratio (speed is judged by ratios in one run, not by absolute times).
// Usage: node scripts/parse-timing.js [file] [runs]   (default: the Criminal Code in ../shared/corpus, 3 runs)
// Needs `npm run build` first.
import { readFileSync, existsSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseSource } from '../dist/parse/index.js';
import { buildStructure } from '../dist/structure/index.js';

const file = process.argv[2] || new URL('../../shared/corpus/ca-federal-acts-en/C-46-criminal-code.md', import.meta.url).pathname;
const runs = Number(process.argv[3] ?? 3);
if (!existsSync(file)) {
  console.error(`parse-timing: ${file}: not found (the corpus is read from ../shared/corpus)`);
  process.exit(2);
}
const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
// Front matter as the read stage reports it: the block between the first two `---` lines.
let frontMatterEndLine = 0;
if (text.startsWith('---\n')) {
  const end = text.indexOf('\n---\n', 3);
  if (end >= 0) frontMatterEndLine = text.slice(0, end + 4).split('\n').length;
}
const source = { path: file, text, encoding: 'utf-8', sha256: '', frontMatter: {}, frontMatterEndLine, warnings: [] };

const time = (fn) => {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, value];
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Warm up both paths once so that JIT compilation is not charged to either.
unified().use(remarkParse).parse(text);
buildStructure(parseSource(source));

const bare = [];
const parse = [];
const structure = [];
let doc;
for (let r = 0; r < runs; r++) {
  bare.push(time(() => unified().use(remarkParse).parse(text))[0]);
  const [tp, parsed] = time(() => parseSource(source));
  parse.push(tp);
  const [ts, d] = time(() => buildStructure(parsed));
  structure.push(ts);
  doc = d;
}
const b = median(bare);
const p = median(parse);
const s = median(structure);
console.log(`file: ${file} (${(text.length / 1e6).toFixed(2)} M characters, ${runs} runs, medians)`);
console.log(`bare remark-parse:              ${b.toFixed(0)} ms`);
console.log(`parseSource (remark + lines):   ${p.toFixed(0)} ms`);
console.log(`buildStructure:                 ${s.toFixed(0)} ms  (${doc.nodes.length} nodes, ${doc.definitions.length} definitions, ${doc.crossReferences.length} cross-references)`);
console.log(`parse + structure:              ${(p + s).toFixed(0)} ms = ${((p + s) / b).toFixed(2)} x bare remark-parse`);
