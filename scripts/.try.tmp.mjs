import fs from 'fs'; import YAML from '/work/main/node_modules/yaml/dist/index.js';
import { parseSource } from '/work/main/dist/parse/index.js';
import { buildStructure } from '/work/main/dist/structure/index.js';
import { formatOutline } from '/work/main/dist/report/outline.js';
export function src(path) {
  let text = fs.readFileSync(path, 'utf8').replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  let fm = {}, end = 0;
  if (text.startsWith('---\n')) { const lines = text.split('\n'); for (let i=1;i<lines.length;i++){ if (lines[i]==='---'||lines[i]==='...'){ end=i+1; try{fm=YAML.parse(lines.slice(1,i).join('\n'))??{}}catch{} break;} } }
  return { path, text, encoding: 'utf-8', sha256: '', frontMatter: fm, frontMatterEndLine: end, warnings: [] };
}
const path = process.argv[2];
const t0 = performance.now();
const doc = buildStructure(parseSource(src(path)));
const t1 = performance.now();
if (process.argv[3] === 'json') console.log(formatOutline(doc, 'json'));
else if (process.argv[3] === 'defs') { for (const d of doc.definitions) console.log(d.line, JSON.stringify(d.term), d.mode, d.scope.kind, d.scope.nodeId ?? '', doc.nodes[d.nodeId].citation, '|', d.text.slice(0,80)); }
else if (process.argv[3] === 'refs') { for (const r of doc.crossReferences) console.log(r.line, doc.nodes[r.fromNodeId].citation, '|', r.text, '->', r.targetNodeId === null ? null : doc.nodes[r.targetNodeId].citation); }
else process.stdout.write(formatOutline(doc, 'text'));
console.error(`${(t1-t0).toFixed(0)} ms, ${doc.nodes.length} nodes, ${doc.definitions.length} defs, ${doc.crossReferences.length} refs, warnings ${JSON.stringify(doc.warnings.map(w=>w.code))}`);
