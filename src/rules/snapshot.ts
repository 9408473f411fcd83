// The built-in rule pack as a build-time snapshot (`npm run build` → scripts/build-pack.js →
// dist/rules/default-pack.json): the pack the YAML loader produces, already validated, without the rules'
// `examples` (only tests and `gap-check explain` show them), and with the stems of its concept phrases' words.
// Parsing and validating the YAML costs a cold check ≈ 270 ms and stemming the phrases ≈ 70 ms more; reading
// this JSON costs a few. This module must stay light: it is what a cold check loads instead of `yaml`.
//
// The snapshot is used only while it describes the files on disk: it records a fingerprint of the pack's YAML
// files (names, sizes, contents) and of the code that shaped it (loader, kinds, phrase compiler, stemmer). Edit
// rules/ or that code without rebuilding and the fingerprint no longer matches, so the YAML path runs instead:
// slower, never stale. Hashing the ≈ 240 KB takes a few milliseconds.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile, rename, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConceptMatcher, phraseStems } from '../evaluate/concepts.js';
import type { ConceptDef, Rule, RulePack } from '../types.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const DEFAULT_RULES_DIR = path.resolve(HERE, '../../rules');
/** Next to the compiled loader: dist/rules/default-pack.json (a build output, like the rest of dist/). */
export const SNAPSHOT_FILE = path.join(HERE, 'default-pack.json');

/** Bumped when the layout of the file changes, so that an old snapshot is never misread. */
const FORMAT = 1;

interface Snapshot {
  format: number;
  fingerprint: string;
  name: string;
  version: string;
  /** Rules without `examples`; `file` relative to the rules directory, with `/`. */
  rules: Array<Omit<Rule, 'examples'>>;
  /** `file` relative to the rules directory, with `/`. */
  concepts: Record<string, ConceptDef>;
  /** Stem of every phrase word compared by stem (`phraseStems`): compiling the phrases then stems nothing. */
  stems: Record<string, string>;
}

/** Sorted, so that the fingerprint does not depend on the order the file system lists entries in. */
function yamlFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  const entries = readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    // Every YAML file anywhere below: a superset of what the loader reads, so no file it reads goes unhashed.
    if (e.isDirectory()) out.push(...yamlFiles(dir, r));
    else if (/\.ya?ml$/.test(e.name)) out.push(r);
  }
  return out;
}

/**
 * The modules whose code decides what the loader returns for given YAML (validation, parameter shapes, phrase
 * compilation and stemming), as files next to this one: `.js` in dist/, `.ts` when run from source.
 */
function codeFiles(): string[] {
  const ext = path.extname(fileURLToPath(import.meta.url));
  const src = path.resolve(HERE, '..');
  const kinds = path.join(src, 'evaluate', 'kinds');
  const files = [
    path.join(src, 'rules', `load${ext}`),
    path.join(src, 'rules', `snapshot${ext}`),
    path.join(src, 'evaluate', `concepts${ext}`),
    path.join(src, 'evaluate', `analysis${ext}`),
    path.join(src, 'text', `natural${ext}`),
    ...readdirSync(kinds).filter((f) => f.endsWith(ext) && !f.endsWith(`.d${ext}`)).sort().map((f) => path.join(kinds, f)),
  ];
  files.push(createRequire(import.meta.url).resolve('natural/lib/natural/stemmers/porter_stemmer.js'));
  return files;
}

/** Fingerprint of a rules directory's YAML files and of the loader's code. Throws if something cannot be read. */
export function packFingerprint(rulesDir: string): string {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT}\n`);
  for (const rel of yamlFiles(rulesDir)) {
    const bytes = readFileSync(path.join(rulesDir, rel));
    hash.update(`rule file ${rel} ${bytes.length}\n`).update(bytes);
  }
  for (const file of codeFiles()) {
    const bytes = readFileSync(file);
    hash.update(`code ${path.basename(file)} ${bytes.length}\n`).update(bytes);
  }
  return hash.digest('hex');
}

const relativeTo = (dir: string, file: string) => path.relative(dir, file).split(path.sep).join('/');

/**
 * Write the snapshot of `pack`, which must be the YAML loader's pack of `rulesDir` alone, loaded after
 * `fingerprint` was taken (so that an edit made meanwhile makes the snapshot stale rather than wrong).
 */
export async function writeSnapshot(pack: RulePack, rulesDir: string, fingerprint: string, file = SNAPSHOT_FILE): Promise<void> {
  const snapshot: Snapshot = {
    format: FORMAT,
    fingerprint,
    name: pack.name,
    version: pack.version,
    rules: pack.rules.map(({ examples: _examples, ...rule }) => ({ ...rule, file: relativeTo(rulesDir, rule.file) })),
    concepts: Object.fromEntries(Object.entries(pack.concepts).map(([k, c]) => [k, { ...c, file: relativeTo(rulesDir, c.file) }])),
    stems: phraseStems(pack.concepts),
  };
  // Written whole, then renamed: a build interrupted halfway leaves no truncated snapshot to be read.
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(snapshot));
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * The built-in pack from its snapshot, with `examples: []` on every rule; or null when there is no snapshot or
 * it does not match `rulesDir` (edited since the build, or written by another version), so that the caller
 * loads the YAML instead.
 */
export function readSnapshot(rulesDir = DEFAULT_RULES_DIR, file = SNAPSHOT_FILE): RulePack | null {
  let snapshot: Snapshot;
  let fingerprint: string;
  try {
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    if (snapshot.format !== FORMAT) return null;
    fingerprint = packFingerprint(rulesDir);
  } catch {
    return null; // no snapshot (never built, or removed), or unreadable: the YAML loader reports any real problem
  }
  if (snapshot.fingerprint !== fingerprint) return null;
  const concepts: Record<string, ConceptDef> = {};
  for (const [k, c] of Object.entries(snapshot.concepts)) concepts[k] = { ...c, file: path.resolve(rulesDir, c.file) };
  ConceptMatcher.useStems(concepts, snapshot.stems);
  return {
    name: snapshot.name,
    version: snapshot.version,
    rules: snapshot.rules.map((r) => ({ ...r, file: path.resolve(rulesDir, r.file), examples: [] })),
    concepts,
    dirs: [path.resolve(rulesDir)],
  };
}
