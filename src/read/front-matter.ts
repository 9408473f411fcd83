// YAML front matter (`---` ... `---` at the very top), as Jekyll, Hugo and Pandoc write it. Statute collections
// use it for title, jurisdiction, date and citation. Bad front matter is the user's metadata, not their statute,
// so it earns a warning and is otherwise ignored.
import { createRequire } from 'node:module';
import type { Diagnostic, FrontMatter } from '../types.js';

// `yaml` costs a cold start ≈ 40 ms to load. Most front matter is a few `title: Some Act` lines, which
// `simpleFrontMatter` reads exactly as YAML would; `yaml` is loaded (synchronously: callers are synchronous)
// only for anything else. It is CommonJS, so this is the module instance an `import` would give.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  return (yamlModule ??= require('yaml') as typeof import('yaml'));
}

export interface FrontMatterResult {
  data: FrontMatter;
  /** Last line of the block including the closing delimiter; 0 when there is no front matter. */
  endLine: number;
  warnings: Diagnostic[];
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const KNOWN = ['title', 'jurisdiction', 'date', 'citation'] as const;

/** Find and parse front matter in text whose line ends are already `\n`. */
export function parseFrontMatter(text: string, file: string): FrontMatterResult {
  const none: FrontMatterResult = { data: {}, endLine: 0, warnings: [] };
  const firstEnd = text.indexOf('\n');
  if (firstEnd === -1 || !OPEN.test(text.slice(0, firstEnd))) return none;

  // Scan line by line for the closing delimiter without splitting the whole (possibly huge) text.
  let line = 1;
  let start = firstEnd + 1;
  let closeLine = 0;
  let bodyEnd = start;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    if (CLOSE.test(text.slice(start, end))) {
      closeLine = line;
      bodyEnd = start;
      break;
    }
    if (end === text.length) break;
    start = end + 1;
  }
  if (closeLine === 0) {
    return {
      data: {},
      endLine: 0,
      warnings: [warn(file, 1, 'front-matter-unclosed', 'line 1 opens YAML front matter (`---`) but no closing `---` follows; read as statute text')],
    };
  }

  const yamlText = text.slice(firstEnd + 1, bodyEnd);
  // Only strings: the checks on the values below would change nothing.
  const simple = simpleFrontMatter(yamlText);
  if (simple !== null) return { data: simple, endLine: closeLine, warnings: [] };

  const { isMap, isScalar, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    // A Markdown file may open with a thematic break and have another one later; when what lies between is not
    // YAML it is statute text, so it is kept as text rather than hidden as metadata.
    const error = doc.errors[0];
    const at = error.linePos?.[0]?.line;
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return {
      data: {},
      endLine: 0,
      warnings: [
        warn(file, at ? at + 1 : 1, 'front-matter-invalid', `lines 1-${closeLine} look like YAML front matter but are not valid YAML (${message}); read as statute text`),
      ],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Alias bombs and the like: refuse the metadata, keep the statute.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { data: {}, endLine: closeLine, warnings: [warn(file, 2, 'front-matter-invalid', `front matter could not be read (${message}); ignored`)] };
  }
  if (value === null || value === undefined) return { data: {}, endLine: closeLine, warnings: [] };
  // `---` / a line of prose / `---` parses as a YAML string: that is a thematic break and text, not metadata.
  if (typeof value !== 'object' || Array.isArray(value)) return none;

  const keyLine = (key: string): number => {
    if (!isMap(doc.contents)) return 2;
    const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
    const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return offset === undefined ? 2 : lineCounter.linePos(offset).line + 1;
  };

  const warnings: Diagnostic[] = [];
  const data: FrontMatter = { ...(value as Record<string, unknown>) };
  for (const key of KNOWN) {
    if (!(key in data)) continue;
    const raw: unknown = data[key];
    if (raw === null || raw === undefined) {
      delete data[key];
    } else if (raw instanceof Date) {
      data[key] = Number.isNaN(raw.getTime()) ? String(raw) : raw.toISOString().slice(0, 10);
    } else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
      data[key] = String(raw);
    } else {
      delete data[key];
      warnings.push(warn(file, keyLine(key), 'front-matter-invalid', `front matter \`${key}\` should be a single value, not a list or mapping; ignored`));
    }
  }
  return { data, endLine: closeLine, warnings };
}

// One `key: value` line whose value YAML (1.2 core schema, the `yaml` package's default) reads as a string
// that can be told without the parser. The key is plain and short (YAML refuses implicit keys over 1024
// characters). The value is either
// - a plain scalar that starts with a letter (so it is no number, and no indicator such as `-`, `&`, `*`, `!`,
//   `'`, `"`, `[`, `{` or `%` opens it), holds only letters, digits, spaces and `.,;()'’/–—-` (so no `: ` or ` #`,
//   which would end it) and does not end with a space (YAML would drop it): the value is the text itself; or
// - a date, `2024-02-07`: a string too (only the YAML 1.1 schema has timestamps; 1.2 core reads no number in
//   it); or
// - a double-quoted scalar with no `"`, no `\` (escapes) and no control or non-printable character inside: the
//   value is the text between the quotes.
// Anything else goes to the YAML parser.
const SIMPLE_LINE =
  /^([A-Za-z][A-Za-z0-9_-]{0,63}): +(?:(\p{L}(?:[\p{L}\p{N} .,;()'’/–—-]*[\p{L}\p{N}.,;()'’/–—-])?|\d{4}-\d{2}-\d{2})|"([^"\\\p{Cc}\p{Cs}\u2028\u2029\ufeff\ufffe\uffff]*)")$/u;
/** The plain words YAML 1.2's core schema reads as null or a boolean rather than a string. */
const NOT_STRINGS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/**
 * Front matter made only of `key: value` lines (and empty lines), read without the YAML parser; null for
 * anything else, including a repeated key (an error in YAML) and no keys at all. Same result as `yaml`'s
 * `parseDocument(text, { uniqueKeys: true }).toJS()` whenever it is not null (see test/front-matter.test.ts).
 */
export function simpleFrontMatter(yamlText: string): Record<string, string> | null {
  const data: Record<string, string> = {};
  let keys = 0;
  for (const line of yamlText.split('\n')) {
    if (line === '') continue;
    const m = SIMPLE_LINE.exec(line);
    if (m === null || NOT_STRINGS.has(m[1]) || Object.hasOwn(data, m[1])) return null;
    const plain = m[2];
    if (plain !== undefined && NOT_STRINGS.has(plain)) return null;
    data[m[1]] = plain ?? m[3];
    keys++;
  }
  return keys > 0 ? data : null;
}

function warn(file: string, line: number, code: string, message: string): Diagnostic {
  return { severity: 'warning', code, message, file, line };
}
