// `.gap-check.yaml`: discovery from the working directory upward, and strict validation. Every problem names the
// file, the line and the key, because a config error silently ignored would change verdicts without anyone knowing.
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Node, Pair } from 'yaml';
import { GapCheckError } from '../errors.js';
import type { FailOn, MeasureOverride, ReportFormat } from '../types.js';
import { didYouMean } from './nearest.js';
import { parseSize } from './size.js';

export const CONFIG_FILE_NAME = '.gap-check.yaml';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'github', 'markdown', 'html'];
export const FAIL_ON_LEVELS: readonly FailOn[] = ['missing', 'partial', 'never'];
export const OVERRIDE_STATUSES: ReadonlyArray<MeasureOverride['status']> = ['satisfied-elsewhere', 'not-applicable'];

/** Top-level keys, in the order `gap-check init` documents them. */
export const CONFIG_KEYS = [
  'measures',
  'penaltyThresholdYears',
  'only',
  'skip',
  'rules',
  'replaceRules',
  'failOn',
  'format',
  'maxBytes',
  'definitionsFrom',
] as const;
const MEASURE_KEYS = ['status', 'justification', 'citation'] as const;

// `yaml` costs a cold start ≈ 40 ms to load, and most runs have no config file: it is loaded (synchronously, so
// that parseConfig stays synchronous) the first time a config is parsed. `yaml` is CommonJS, so this is the same
// module instance an `import` would give.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  return (yamlModule ??= require('yaml') as typeof import('yaml'));
}
const isMap = ((node: unknown) => yaml().isMap(node)) as typeof import('yaml').isMap;
const isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof import('yaml').isScalar;
const isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof import('yaml').isSeq;

/** A measure id as written in the config, with its place, so that an unknown id can be reported there. */
export interface ConfigIdRef {
  id: string;
  key: 'measures' | 'only' | 'skip';
  line: number;
}

export interface GapCheckConfig {
  /** The config file as shown in messages (relative to the working directory when below it). */
  file: string;
  /** Absolute directory of the config file; `rules` entries are resolved against it. */
  dir: string;
  measures: Record<string, MeasureOverride>;
  penaltyThresholdYears?: number;
  only?: string[];
  skip?: string[];
  /** Absolute rule-pack directories. */
  rules?: string[];
  replaceRules?: boolean;
  failOn?: FailOn;
  format?: ReportFormat;
  maxBytes?: number;
  /**
   * Documents that apply other documents' definitions: file paths or globs, relative to the config file
   * (`children-act.md: [penal-code.md]`). Without an entry, definitions stay within their own document.
   */
  definitionsFrom?: Array<{ documents: string; from: string[]; line: number }>;
  /** Every measure id the file mentions, with its line. */
  ids: ConfigIdRef[];
  /** Line of each `rules` entry, parallel to `rules`. */
  ruleLines: number[];
}

export interface LoadConfigOptions {
  cwd: string;
  /** `--config FILE`: use this file, no discovery; it must exist. */
  file?: string;
}

/** The nearest `.gap-check.yaml` in `cwd` or a parent directory, as an absolute path, or null. */
export async function findConfigFile(cwd: string): Promise<string | null> {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // absent or unreadable here: keep looking upward
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Find (or take) the config file, read and validate it. Null when there is none and none was asked for. */
export async function loadConfig(options: LoadConfigOptions): Promise<GapCheckConfig | null> {
  const absolute = options.file !== undefined ? resolve(options.cwd, options.file) : await findConfigFile(options.cwd);
  if (absolute === null) return null;
  const display = options.file ?? displayPath(options.cwd, absolute);

  let text: string;
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) throw new GapCheckError('config-invalid', 'is a directory, not a config file', { file: display });
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof GapCheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'config file not found' : code === 'EACCES' || code === 'EPERM' ? 'permission denied (no read access)' : `cannot read config file: ${(error as Error).message}`;
    throw new GapCheckError(code === 'ENOENT' ? 'config-not-found' : 'config-unreadable', message, { file: display });
  }
  const config = parseConfig(text, display, dirname(absolute));
  // Rule directories are checked here, where the config's line can still be named.
  for (let i = 0; i < (config.rules ?? []).length; i++) {
    const dir = config.rules![i];
    let ok = false;
    try {
      ok = (await stat(dir)).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new GapCheckError('config-invalid', `rules: ${displayPath(config.dir, dir)} is not a directory (paths are relative to the config file)`, {
        file: display,
        line: config.ruleLines[i],
      });
    }
  }
  return config;
}

function displayPath(cwd: string, absolute: string): string {
  const rel = relative(resolve(cwd), absolute);
  return rel === '' ? '.' : rel.startsWith('..') && rel.split(/[\\/]/).length > 4 ? absolute : rel;
}

/**
 * Validate config text. `file` is used in messages; `dir` (absolute) resolves `rules` entries.
 * Pure apart from path resolution: nothing on disk is looked at.
 */
export function parseConfig(text: string, file: string, dir: string): GapCheckConfig {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const fail = (line: number | undefined, message: string): never => {
    throw new GapCheckError('config-invalid', message, { file, line });
  };
  const lineOf = (node: Node | null | undefined, fallback = 1): number => {
    const offset = node?.range?.[0];
    return offset === undefined ? fallback : lineCounter.linePos(offset).line;
  };

  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    fail(error.linePos?.[0]?.line, `invalid YAML: ${message}`);
  }

  const config: GapCheckConfig = { file, dir, measures: {}, ids: [], ruleLines: [] };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return config;
  if (!isMap(root)) fail(lineOf(root), `the config must be a mapping of settings (${CONFIG_KEYS.join(', ')}), not ${describe(root)}`);

  for (const pair of (root as { items: Pair[] }).items) {
    const key = keyName(pair, fail, lineOf);
    const keyLine = lineOf(pair.key as Node);
    const value = pair.value as Node | null;
    const valueLine = lineOf(value, keyLine);
    const expect = (what: string): never => fail(valueLine, `${key}: expected ${what}, got ${describe(value)}`);

    switch (key) {
      case 'measures':
        readMeasures(value, config, fail, lineOf, keyLine);
        break;
      case 'penaltyThresholdYears': {
        const n = scalarValue(value);
        if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) expect('a number of years greater than 0');
        config.penaltyThresholdYears = n as number;
        break;
      }
      case 'only':
      case 'skip': {
        const items = stringList(value, () => expect('a list of measure ids, e.g. [def-child-age, poa-25-sale]'), fail, lineOf, key);
        config[key] = items.map((item) => item.value);
        for (const item of items) config.ids.push({ id: item.value, key, line: item.line });
        break;
      }
      case 'rules': {
        const items = stringList(value, () => expect('a list of directories, e.g. [./our-rules]'), fail, lineOf, key);
        config.rules = items.map((item) => (isAbsolute(item.value) ? item.value : resolve(dir, item.value)));
        config.ruleLines = items.map((item) => item.line);
        break;
      }
      case 'replaceRules': {
        const b = scalarValue(value);
        if (typeof b !== 'boolean') expect('true or false');
        config.replaceRules = b as boolean;
        break;
      }
      case 'failOn': {
        const s = scalarValue(value);
        if (typeof s !== 'string' || !(FAIL_ON_LEVELS as readonly string[]).includes(s)) {
          expect(`one of ${FAIL_ON_LEVELS.join(', ')}${typeof s === 'string' ? didYouMean(s, FAIL_ON_LEVELS) : ''}`);
        }
        config.failOn = s as FailOn;
        break;
      }
      case 'format': {
        const s = scalarValue(value);
        if (typeof s !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(s)) {
          expect(`one of ${REPORT_FORMATS.join(', ')}${typeof s === 'string' ? didYouMean(s, REPORT_FORMATS) : ''}`);
        }
        config.format = s as ReportFormat;
        break;
      }
      case 'maxBytes': {
        const raw = scalarValue(value);
        const n = typeof raw === 'number' || typeof raw === 'string' ? parseSize(raw) : null;
        if (n === null) expect('a size in bytes, e.g. 67108864 or 64MiB');
        config.maxBytes = n as number;
        break;
      }
      case 'definitionsFrom': {
        if (!isMap(value)) expect('a mapping of documents to the documents whose definitions they apply, e.g. { children-act.md: [penal-code.md] }');
        config.definitionsFrom = (value as { items: Pair[] }).items.map((item) => {
          const documents = keyName(item, fail, lineOf);
          const line = lineOf(item.key as Node);
          const from = stringList(item.value as Node | null, () => fail(lineOf(item.value as Node | null, line), `definitionsFrom.${documents}: expected a list of files or globs, e.g. [penal-code.md]`), fail, lineOf, `definitionsFrom.${documents}`);
          return { documents, from: from.map((f) => f.value), line };
        });
        break;
      }
      default:
        fail(keyLine, `unknown key "${key}"${didYouMean(key, CONFIG_KEYS)}; valid keys are ${CONFIG_KEYS.join(', ')}`);
    }
  }
  return config;
}

type Fail = (line: number | undefined, message: string) => never;
type LineOf = (node: Node | null | undefined, fallback?: number) => number;

function keyName(pair: Pair, fail: Fail, lineOf: LineOf): string {
  const key = pair.key as Node | null;
  if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
    return fail(lineOf(key), 'keys must be plain names');
  }
  return String(key.value);
}

function readMeasures(value: Node | null, config: GapCheckConfig, fail: Fail, lineOf: LineOf, keyLine: number): void {
  if (value === null || (isScalar(value) && value.value === null)) return;
  if (!isMap(value)) {
    fail(lineOf(value, keyLine), `measures: expected a mapping of measure ids to { status, justification, citation }, got ${describe(value)}`);
  }
  for (const pair of (value as { items: Pair[] }).items) {
    const id = keyName(pair, fail, lineOf);
    const idLine = lineOf(pair.key as Node);
    const body = pair.value as Node | null;
    if (!isMap(body)) {
      fail(lineOf(body, idLine), `measures.${id}: expected a mapping with status, justification and citation, got ${describe(body)}`);
    }
    const fields: Record<string, { value: unknown; line: number; node: Node | null }> = {};
    for (const field of (body as { items: Pair[] }).items) {
      const name = keyName(field, fail, lineOf);
      const line = lineOf(field.key as Node);
      if (!(MEASURE_KEYS as readonly string[]).includes(name)) {
        fail(line, `measures.${id}: unknown key "${name}"${didYouMean(name, MEASURE_KEYS)}; valid keys are ${MEASURE_KEYS.join(', ')}`);
      }
      const node = field.value as Node | null;
      fields[name] = { value: scalarValue(node), line: lineOf(node, line), node };
    }
    const status = fields.status;
    if (!status) fail(idLine, `measures.${id}: missing "status" (${OVERRIDE_STATUSES.join(' or ')})`);
    if (typeof status.value !== 'string' || !(OVERRIDE_STATUSES as readonly string[]).includes(status.value)) {
      const given = typeof status.value === 'string' ? status.value : undefined;
      fail(status.line, `measures.${id}.status: expected ${OVERRIDE_STATUSES.join(' or ')}, got ${describe(status.node)}${given ? didYouMean(given, OVERRIDE_STATUSES) : ''}`);
    }
    for (const name of ['justification', 'citation'] as const) {
      const f = fields[name];
      if (f && (typeof f.value !== 'string' || f.value.trim() === '')) {
        fail(f.line, `measures.${id}.${name}: expected text, got ${describe(f.node)}`);
      }
    }
    if (!fields.justification) {
      fail(idLine, `measures.${id}: missing "justification" (why the measure is ${status.value}; it is shown in the report)`);
    }
    if (status.value === 'satisfied-elsewhere' && !fields.citation) {
      fail(idLine, `measures.${id}: missing "citation" (the other law that implements the measure, e.g. "Children Act 2004, s. 9")`);
    }
    const override: MeasureOverride = {
      status: status.value as MeasureOverride['status'],
      justification: (fields.justification.value as string).trim(),
    };
    if (fields.citation) override.citation = (fields.citation.value as string).trim();
    config.measures[id] = override;
    config.ids.push({ id, key: 'measures', line: idLine });
  }
}

function stringList(
  value: Node | null,
  wrong: () => never,
  fail: Fail,
  lineOf: LineOf,
  key: string,
): Array<{ value: string; line: number }> {
  if (!isSeq(value)) return wrong();
  return value.items.map((item) => {
    const node = item as Node | null;
    const v = scalarValue(node);
    if (typeof v !== 'string' || v.trim() === '') fail(lineOf(node), `${key}: each entry must be text, got ${describe(node)}`);
    return { value: (v as string).trim(), line: lineOf(node) };
  });
}

function scalarValue(node: Node | null | undefined): unknown {
  return isScalar(node) ? node.value : node === null || node === undefined ? null : node;
}

/** How a YAML value reads in an error message: `a list`, `the number 5`, `"five"`, `nothing`. */
function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'nothing';
    if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
    if (typeof v === 'number') return `the number ${v}`;
    if (typeof v === 'boolean') return `${v}`;
  }
  return 'an unsupported value';
}

/**
 * Check every measure id the config mentions against the loaded rule pack (the config loader cannot know the
 * pack, which may itself come from the config). Throws at the first unknown id, at its line.
 */
export function checkConfigIds(config: GapCheckConfig, knownIds: readonly string[]): void {
  const known = new Set(knownIds);
  for (const ref of config.ids) {
    if (!known.has(ref.id)) {
      const hint = didYouMean(ref.id, knownIds) || '; `gap-check rules` lists the measure ids';
      throw new GapCheckError('unknown-measure', `${ref.key}: unknown measure id "${ref.id}"${hint}`, { file: config.file, line: ref.line });
    }
  }
}
