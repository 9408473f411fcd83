// YAML front matter (`---` ... `---` at the very top), as Jekyll, Hugo and Pandoc write it. Statute collections
// use it for title, jurisdiction, date and citation. Bad front matter is the user's metadata, not their statute,
// so it earns a warning and is otherwise ignored.
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, FrontMatter } from '../types.js';

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

function warn(file: string, line: number, code: string, message: string): Diagnostic {
  return { severity: 'warning', code, message, file, line };
}
