// `--baseline report.json`: read a report written earlier by `gap-check check --format json` (one legal system)
// or `--per-file --format json`, and check that it is one before trusting any of its verdicts. Loaded only when
// --baseline is given (it brings in Ajv).
import { readFile, stat } from 'node:fs/promises';
import { GapCheckError } from '../errors.js';
import type { Disposition, Evidence } from '../types.js';

export interface BaselineMeasure {
  id: string;
  status: Disposition;
  evidence: Evidence[];
}

export type Baseline =
  | { kind: 'report'; measures: BaselineMeasure[] }
  /** Per-file baseline: measures by file path (forward slashes, no leading `./`). */
  | { kind: 'per-file'; files: Map<string, BaselineMeasure[]> };

interface ReportLike {
  files: Array<{ path: string }>;
  measures: Array<{ id: string; status: Disposition; evidence: Array<Evidence & { element: string | null }> }>;
}

const HOW = 'make one with gap-check check --format json --output FILE';

/** `./acts\\a.md` → `acts/a.md`, so that a baseline written on another OS or with `./` still matches. */
export function baselineKey(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

function measuresOf(report: ReportLike): BaselineMeasure[] {
  return report.measures.map((m) => ({
    id: m.id,
    status: m.status,
    evidence: m.evidence.map((e) => ({ ...e, element: e.element ?? undefined })),
  }));
}

async function loadValidators() {
  const [ajvModule, reportSchema, perFileSchema] = await Promise.all([
    import('ajv/dist/2020.js'),
    readFile(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
    readFile(new URL('../../schema/report-per-file.schema.json', import.meta.url), 'utf8'),
  ]);
  // Ajv is CommonJS; depending on the loader the class is the default export or its `default`.
  type AjvClass = typeof import('ajv/dist/2020.js').default;
  const first = (ajvModule as unknown as { default: unknown }).default;
  const Ajv2020 = ((first as { default?: unknown }).default ?? first) as AjvClass;
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  ajv.addSchema(JSON.parse(reportSchema));
  ajv.addSchema(JSON.parse(perFileSchema));
  return { report: ajv.getSchema('urn:gap-check:schema:report')!, perFile: ajv.getSchema('urn:gap-check:schema:report-per-file')! };
}

/** Parse and validate baseline text; `display` names the file in errors. */
export async function parseBaseline(text: string, display: string): Promise<Baseline> {
  const fail = (message: string): never => {
    throw new GapCheckError('baseline-invalid', `--baseline: ${message}`, { file: display });
  };
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    fail(`not JSON (${(error as Error).message.split('\n')[0]}); ${HOW}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail(`not a gap-check JSON report; ${HOW}`);
  const obj = data as Record<string, unknown>;
  if (typeof obj.$schema === 'string' && /sarif/i.test(obj.$schema)) fail(`this is a SARIF log, not a gap-check JSON report; ${HOW}`);
  if (Array.isArray(obj.changes) && typeof obj.old === 'object') fail(`this is a gap-check diff, not a report; ${HOW}`);

  const validators = await loadValidators();
  if (obj.perFile === true) {
    if (!validators.perFile(data)) fail(`not a valid gap-check per-file JSON report (${firstError(validators.perFile.errors)}); ${HOW}`);
    const files = new Map<string, BaselineMeasure[]>();
    for (const report of (data as { reports: ReportLike[] }).reports) {
      for (const f of report.files) files.set(baselineKey(f.path), measuresOf(report));
    }
    return { kind: 'per-file', files };
  }
  if (!validators.report(data)) fail(`not a valid gap-check JSON report (${firstError(validators.report.errors)}); ${HOW}`);
  return { kind: 'report', measures: measuresOf(data as ReportLike) };
}

function firstError(errors: Array<{ instancePath: string; message?: string }> | null | undefined): string {
  const e = errors?.[0];
  if (!e) return 'unknown shape';
  return `${e.instancePath || 'top level'}: ${e.message ?? 'invalid'}`;
}

/** Read a baseline file (relative paths against `cwd` already resolved by the caller). */
export async function readBaseline(absolute: string, display: string): Promise<Baseline> {
  let text: string;
  try {
    if ((await stat(absolute)).isDirectory()) throw new GapCheckError('baseline-invalid', '--baseline: is a directory, not a JSON report', { file: display });
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof GapCheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message.split('\n')[0];
    throw new GapCheckError('baseline-unreadable', `--baseline: ${why}`, { file: display });
  }
  return parseBaseline(text, display);
}
