// Loading a rule pack: `pack.yml` (name, version), `concepts/*.yml` (vocabulary) and one YAML file per
// measure anywhere else in the folder. Everything is validated before anything runs; every problem is a
// GapCheckError naming the file, the line and what was expected (with the nearest valid name if any).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode, type Document } from 'yaml';
import { GapCheckError } from '../errors.js';
import type { ConceptDef, MeasureGroup, Rule, RuleExample, RulePack, Status } from '../types.js';
import { KINDS, dependenciesOf } from '../evaluate/kinds/index.js';
import type { ParamSpec } from '../evaluate/kinds/common.js';
import { ENGINE_CONCEPTS } from '../evaluate/analysis.js';
import { phraseProblem } from '../evaluate/concepts.js';
import { nearest } from '../config/nearest.js';
import { DEFAULT_RULES_DIR } from './snapshot.js';

export { DEFAULT_RULES_DIR };

const RULE_KEYS = ['id', 'instrument', 'paragraphs', 'source', 'group', 'title', 'requirement', 'met', 'partial', 'suggestion', 'kind', 'params', 'examples'] as const;
const REQUIRED_RULE_KEYS = ['id', 'instrument', 'paragraphs', 'source', 'group', 'title', 'requirement', 'met', 'suggestion', 'kind', 'params', 'examples'];
const GROUPS: MeasureGroup[] = ['definitions', 'poa-24-31', 'poa-53-55', 'ga-58-60', 'other'];
const STATUSES: Status[] = ['met', 'partial', 'missing'];

interface YamlFile {
  file: string;
  doc: Document;
  lines: LineCounter;
}

async function readYaml(file: string): Promise<YamlFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new GapCheckError('rule-pack', `cannot read rule file: ${(e as Error).message}`, { file });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    throw new GapCheckError('rule-pack', `malformed YAML: ${err.message.split('\n')[0]}`, { file, line: lines.linePos(err.pos[0]).line });
  }
  return { file, doc, lines };
}

function lineOf(y: YamlFile, node: YamlNode | null | undefined): number | undefined {
  const r = node?.range;
  return r ? y.lines.linePos(r[0]).line : undefined;
}

function fail(y: YamlFile, node: YamlNode | null | undefined, message: string): never {
  throw new GapCheckError('rule-pack', message, { file: y.file, line: lineOf(y, node) ?? 1 });
}

/** The pairs of a mapping node, refusing anything that is not a mapping. */
function entries(y: YamlFile, node: YamlNode | null | undefined, what: string): Array<{ key: string; keyNode: YamlNode; value: YamlNode | null }> {
  if (!isMap(node)) fail(y, node, `${what} must be a mapping`);
  return node.items.map((p) => {
    const keyNode = p.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    return { key, keyNode, value: (p.value as YamlNode | null) ?? null };
  });
}

function checkKeys(y: YamlFile, node: YamlNode | null | undefined, what: string, allowed: readonly string[], required: readonly string[] = []): Map<string, YamlNode | null> {
  const out = new Map<string, YamlNode | null>();
  for (const { key, keyNode, value } of entries(y, node, what)) {
    if (!allowed.includes(key)) {
      const near = nearest(key, allowed);
      fail(y, keyNode, `unknown key "${key}" in ${what}${near ? ` (did you mean "${near}"?)` : ''}; valid keys: ${allowed.join(', ')}`);
    }
    if (out.has(key)) fail(y, keyNode, `duplicate key "${key}" in ${what}`);
    out.set(key, value);
  }
  for (const k of required) if (!out.has(k)) fail(y, node, `missing required key "${k}" in ${what}`);
  return out;
}

function scalarString(y: YamlFile, node: YamlNode | null | undefined, what: string): string {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') fail(y, node, `${what} must be a non-empty string`);
  return node.value;
}

function stringList(y: YamlFile, node: YamlNode | null | undefined, what: string): string[] {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return [String(node.value)];
  if (!isSeq(node)) fail(y, node, `${what} must be a list of strings`);
  return node.items.map((it) => {
    if (!isScalar(it) || (typeof it.value !== 'string' && typeof it.value !== 'number')) fail(y, it as YamlNode, `${what} must be a list of strings`);
    return String(it.value);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Concepts

async function loadConcepts(dir: string, into: Record<string, ConceptDef>): Promise<void> {
  const cdir = path.join(dir, 'concepts');
  let files: string[] = [];
  try {
    files = (await readdir(cdir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return;
  }
  for (const f of files) {
    const y = await readYaml(path.join(cdir, f));
    const top = checkKeys(y, y.doc.contents as YamlNode, 'a concept file', ['concepts'], ['concepts']);
    for (const { key, keyNode, value } of entries(y, top.get('concepts'), '"concepts"')) {
      if (!/^[a-z][a-z0-9-]*$/.test(key)) fail(y, keyNode, `concept name "${key}" must be lower-case words joined by hyphens`);
      if (into[key]) fail(y, keyNode, `concept "${key}" is already defined in ${path.relative(process.cwd(), into[key].file) || into[key].file}`);
      const fields = checkKeys(y, value, `concept "${key}"`, ['phrases', 'not', 'doc'], ['phrases']);
      const phrases = stringList(y, fields.get('phrases'), `"phrases" of concept "${key}"`);
      const not = fields.has('not') ? stringList(y, fields.get('not'), `"not" of concept "${key}"`) : [];
      // In YAML " #" starts a comment, so an unquoted `- under #num years` loads as "under": refuse it.
      for (const list of [fields.get('phrases'), fields.get('not')]) {
        if (!isSeq(list)) continue;
        for (const it of list.items) {
          const c = isScalar(it) ? (it as { comment?: string }).comment : undefined;
          if (c && /^\s*num\b/.test(c)) fail(y, it as YamlNode, `concept "${key}": the phrase is cut at " #num", which YAML reads as a comment; put the phrase in quotes`);
        }
      }
      // Name the line of the faulty phrase itself, under `phrases:` or `not:`.
      for (const listKey of ['phrases', 'not']) {
        if (!fields.has(listKey)) continue;
        const list = fields.get(listKey);
        const items = isSeq(list) ? list.items : [list];
        for (const it of items) {
          const ph = isScalar(it) ? String(it.value) : '';
          const problem = phraseProblem(ph);
          if (problem) fail(y, it as YamlNode, `concept "${key}": ${problem}`);
        }
      }
      into[key] = { name: key, phrases, not, file: y.file };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rule parameters, checked against the kind's parameter specification

function conceptRef(y: YamlFile, node: YamlNode | null, what: string, concepts: Record<string, ConceptDef>): string | string[] {
  const names = isSeq(node) ? stringList(y, node, what) : [scalarString(y, node, what)];
  for (const n of names) {
    if (!concepts[n]) {
      const near = nearest(n, Object.keys(concepts));
      fail(y, node, `${what} refers to concept "${n}", which is not defined${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
  return isSeq(node) ? names : names[0];
}

function paramValue(y: YamlFile, node: YamlNode | null, spec: ParamSpec, what: string, concepts: Record<string, ConceptDef>): unknown {
  const groups = (n: YamlNode | null, w: string) => {
    if (!isSeq(n)) fail(y, n, `${w} must be a list of concepts (a nested list means "any of")`);
    return n.items.map((it, i) => conceptRef(y, it as YamlNode, `${w}[${i}]`, concepts));
  };
  const list = (fn: (n: YamlNode, i: number) => unknown) => {
    if (!isSeq(node)) fail(y, node, `${what} must be a list`);
    return node.items.map((it, i) => fn(it as YamlNode, i));
  };
  switch (spec.type) {
    case 'concept':
    case 'concepts':
      return conceptRef(y, node, what, concepts);
    case 'conceptGroups':
      return groups(node, what);
    case 'string':
      return scalarString(y, node, what);
    case 'number':
      if (!isScalar(node) || typeof node.value !== 'number') fail(y, node, `${what} must be a number`);
      return node.value;
    case 'boolean':
      if (!isScalar(node) || typeof node.value !== 'boolean') fail(y, node, `${what} must be true or false`);
      return node.value;
    case 'enum': {
      const v = scalarString(y, node, what);
      if (!spec.values!.includes(v)) fail(y, node, `${what} must be one of ${spec.values!.join(', ')} (got "${v}")`);
      return v;
    }
    case 'ruleIds':
      return stringList(y, node, what);
    case 'qualifiers':
      return list((n, i) => {
        const w = `${what}[${i}]`;
        const fields = checkKeys(y, n, w, ['concept', 'reason', 'unless', 'window', 'scope'], ['concept', 'reason']);
        const out: Record<string, unknown> = {};
        for (const [k, v] of fields) {
          if (k === 'concept' || k === 'unless') out[k] = conceptRef(y, v, `${w}.${k}`, concepts);
          else if (k === 'window') { if (!isScalar(v) || typeof v.value !== 'number') fail(y, v, `${w}.window must be a number of words`); out[k] = v.value; }
          else if (k === 'scope') { const s = scalarString(y, v, `${w}.scope`); if (s !== 'unit' && s !== 'division') fail(y, v, `${w}.scope must be unit or division`); out[k] = s; }
          else out[k] = scalarString(y, v, `${w}.${k}`);
        }
        return out;
      });
    case 'alternatives':
      if (isSeq(node)) return list((n, i) => paramValueOf(n, `${what}[${i}]`));
      return paramValueOf(node, what);
    case 'elements':
      return list((n, i) => {
        const fields = checkKeys(y, n, `${what}[${i}]`, ['name', 'concepts', 'essential'], ['name', 'concepts']);
        const out: Record<string, unknown> = { name: scalarString(y, fields.get('name')!, `${what}[${i}].name`), concepts: conceptRef(y, fields.get('concepts')!, `${what}[${i}].concepts`, concepts) };
        if (fields.has('essential')) {
          const v = fields.get('essential');
          if (!isScalar(v) || typeof v.value !== 'boolean') fail(y, v, `${what}[${i}].essential must be true or false`);
          out.essential = v.value ? 'yes' : 'no';
        }
        return out;
      });
    case 'proximity': {
      const fields = checkKeys(y, node, what, ['concept', 'window'], ['concept', 'window']);
      const w = fields.get('window');
      if (!isScalar(w) || typeof w.value !== 'number' || w.value < 0 || w.value > 50) fail(y, w, `${what}.window must be a number of words from 0 to 50`);
      return { concept: conceptRef(y, fields.get('concept')!, `${what}.concept`, concepts), window: w.value };
    }
    case 'reaches':
      return list((n, i) => {
        const fields = checkKeys(y, n, `${what}[${i}]`, ['concepts', 'reason', 'level'], ['concepts', 'reason', 'level']);
        const level = scalarString(y, fields.get('level')!, `${what}[${i}].level`);
        if (level !== 'partial' && level !== 'missing') fail(y, fields.get('level'), `${what}[${i}].level must be partial or missing`);
        return { concepts: conceptRef(y, fields.get('concepts')!, `${what}[${i}].concepts`, concepts), reason: scalarString(y, fields.get('reason')!, `${what}[${i}].reason`), level };
      });
  }

  // `alternatives` entries: {concepts|concept|allOf, reason}
  function paramValueOf(n: YamlNode | null, w: string): unknown {
    const fields = checkKeys(y, n, w, ['concepts', 'concept', 'allOf', 'reason'], ['reason']);
    const out: Record<string, unknown> = {};
    for (const [k, v] of fields) {
      if (k === 'concepts' || k === 'concept') out[k] = conceptRef(y, v, `${w}.${k}`, concepts);
      else if (k === 'allOf') out[k] = groups(v, `${w}.allOf`);
      else out[k] = scalarString(y, v, `${w}.${k}`);
    }
    return out;
  }
}

function loadRule(y: YamlFile, concepts: Record<string, ConceptDef>, docsBase: string, dir: string): Rule {
  const root = y.doc.contents as YamlNode;
  const top = checkKeys(y, root, 'a rule file', RULE_KEYS, REQUIRED_RULE_KEYS);
  const id = scalarString(y, top.get('id'), '"id"');
  const fileId = path.basename(y.file).replace(/\.ya?ml$/, '');
  if (id !== fileId) fail(y, top.get('id'), `rule id "${id}" must equal the file name "${fileId}"`);
  const kindName = scalarString(y, top.get('kind'), '"kind"');
  const kind = KINDS[kindName];
  if (!kind) {
    const near = nearest(kindName, Object.keys(KINDS));
    fail(y, top.get('kind'), `unknown rule kind "${kindName}"${near ? ` (did you mean "${near}"?)` : ''}; valid kinds: ${Object.keys(KINDS).join(', ')}`);
  }
  const group = scalarString(y, top.get('group'), '"group"') as MeasureGroup;
  if (!GROUPS.includes(group)) fail(y, top.get('group'), `"group" must be one of ${GROUPS.join(', ')}`);
  const params: Record<string, unknown> = {};
  const paramFields = checkKeys(y, top.get('params'), `the params of kind "${kindName}"`, Object.keys(kind.params),
    Object.entries(kind.params).filter(([, s]) => s.required).map(([k]) => k));
  for (const [k, v] of paramFields) params[k] = paramValue(y, v, kind.params[k], `params.${k}`, concepts);
  const exNode = top.get('examples');
  if (!isSeq(exNode)) fail(y, exNode, '"examples" must be a list of {name, expect, text}');
  const examples: RuleExample[] = exNode.items.map((it, i) => {
    const f = checkKeys(y, it as YamlNode, `examples[${i}]`, ['name', 'expect', 'text'], ['name', 'expect', 'text']);
    const expect = scalarString(y, f.get('expect'), `examples[${i}].expect`) as Status;
    if (!STATUSES.includes(expect)) fail(y, f.get('expect'), `examples[${i}].expect must be one of ${STATUSES.join(', ')}`);
    return { name: scalarString(y, f.get('name'), `examples[${i}].name`), expect, text: scalarString(y, f.get('text'), `examples[${i}].text`), line: lineOf(y, it as YamlNode) };
  });
  const rel = path.relative(dir, y.file).split(path.sep).join('/');
  return {
    id,
    file: y.file,
    instrument: scalarString(y, top.get('instrument'), '"instrument"'),
    paragraphs: stringList(y, top.get('paragraphs'), '"paragraphs"'),
    source: scalarString(y, top.get('source'), '"source"'),
    group,
    title: scalarString(y, top.get('title'), '"title"'),
    requirement: scalarString(y, top.get('requirement'), '"requirement"').trim(),
    met: scalarString(y, top.get('met'), '"met"').trim(),
    partial: top.has('partial') ? scalarString(y, top.get('partial'), '"partial"').trim() : null,
    suggestion: scalarString(y, top.get('suggestion'), '"suggestion"').trim(),
    kind: kindName,
    params,
    examples,
    helpUri: `${docsBase}/${rel}`,
  };
}

async function ruleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const ents = await readdir(d, { withFileTypes: true });
    for (const e of ents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== 'concepts') await walk(p); }
      else if (/\.ya?ml$/.test(e.name) && !(d === dir && /^pack\.ya?ml$/.test(e.name))) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

export interface LoadRulePackOptions {
  /** Extra rule-pack directories (`--rules DIR`, config `rules:`). */
  dirs?: string[];
  /** When true, `dirs` replace the default pack instead of extending it. */
  replace?: boolean;
  /**
   * false: the caller does not need the rules' `examples` (they are validated but come back as `[]`), which lets
   * the built-in pack alone load from its build-time snapshot (src/rules/snapshot.ts). Default true.
   */
  examples?: boolean;
}

/**
 * Load the default pack (plus extra packs) from YAML; throws GapCheckError naming file and line on any problem.
 * Callers use `loadRulePack` (src/rules/index.ts), which reads the snapshot instead when it can.
 */
export async function loadYamlRulePack(options: LoadRulePackOptions = {}): Promise<RulePack> {
  const dirs = options.replace && options.dirs?.length ? [...options.dirs] : [DEFAULT_RULES_DIR, ...(options.dirs ?? [])];
  const concepts: Record<string, ConceptDef> = {};
  const rules: Rule[] = [];
  let name = 'gap-check';
  let version = '0.0.0';
  for (const [i, raw] of dirs.entries()) {
    const dir = path.resolve(raw);
    const st = await stat(dir).catch(() => null);
    if (!st) throw new GapCheckError('rule-pack', 'rule pack directory does not exist', { file: raw });
    if (!st.isDirectory()) throw new GapCheckError('rule-pack', 'rule pack must be a directory', { file: raw });
    let docsBase = `https://github.com/gap-check/gap-check/blob/main/rules`;
    const packFile = ['pack.yml', 'pack.yaml'].map((f) => path.join(dir, f));
    for (const pf of packFile) {
      const ok = await stat(pf).catch(() => null);
      if (!ok) continue;
      const y = await readYaml(pf);
      const f = checkKeys(y, y.doc.contents as YamlNode, 'pack.yml', ['name', 'version', 'description', 'docsBaseUri'], ['name', 'version']);
      if (i === 0 || options.replace) { name = scalarString(y, f.get('name'), '"name"'); version = String((f.get('version') as { value?: unknown })?.value ?? ''); }
      if (f.has('docsBaseUri')) docsBase = scalarString(y, f.get('docsBaseUri'), '"docsBaseUri"');
    }
    await loadConcepts(dir, concepts);
    for (const file of await ruleFiles(dir)) {
      const y = await readYaml(file);
      const rule = loadRule(y, concepts, docsBase, dir);
      const dup = rules.find((r) => r.id === rule.id);
      if (dup) fail(y, (y.doc.contents as YamlNode), `duplicate rule id "${rule.id}" (also in ${dup.file})`);
      rules.push(rule);
    }
  }
  for (const c of ENGINE_CONCEPTS) {
    if (!concepts[c]) throw new GapCheckError('rule-pack', `the engine needs concept "${c}", which no concepts/*.yml file of the pack defines`, { file: dirs[0] });
  }
  for (const r of rules) {
    for (const dep of dependenciesOf(r)) {
      if (!rules.some((x) => x.id === dep)) {
        const near = nearest(dep, rules.map((x) => x.id));
        throw new GapCheckError('rule-pack', `rule "${r.id}" refers to rule "${dep}", which is not in the pack${near ? ` (did you mean "${near}"?)` : ''}`, { file: r.file });
      }
    }
  }
  // Validated above like the others; dropped so that the pack is the same whether it came from YAML or snapshot.
  if (options.examples === false) for (const r of rules) r.examples = [];
  return { name, version, rules, concepts, dirs: dirs.map((d) => path.resolve(d)) };
}
