// Stage 1: read a statute's bytes and turn them into normalised text (decoding, line ends, front matter).
// Everything a user can get wrong about a file (missing, binary, empty, too large) becomes a GapCheckError here,
// so that later stages only ever see text.
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GapCheckError } from '../errors.js';
import type { Diagnostic, SourceText } from '../types.js';
import { describeBinary } from './sniff.js';
import { parseFrontMatter } from './front-matter.js';

/** Default refusal threshold: far above any real statute, low enough that a stray disk image is refused fast. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface ReadOptions {
  /** Refuse files larger than this many bytes (default 64 MiB). */
  maxBytes?: number;
  /** Directory relative paths are resolved against (default: the process's). `SourceText.path` keeps `path`. */
  cwd?: string;
}

/** Read a file and return its normalised text; throws GapCheckError (code, message, file) on any problem. */
export async function readSource(path: string, options: ReadOptions = {}): Promise<SourceText> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new GapCheckError('invalid-option', `maxBytes must be a positive whole number of bytes, got ${String(maxBytes)}`);
  }
  const fsPath = options.cwd ? resolve(options.cwd, path) : path;

  let info;
  try {
    info = await stat(fsPath);
  } catch (error) {
    throw fsError(error, path);
  }
  if (info.isDirectory()) {
    throw new GapCheckError('is-directory', 'is a directory, not a file', { file: path });
  }
  if (!info.isFile()) {
    // FIFOs and devices could block forever or never end; statutes are regular files.
    throw new GapCheckError('not-a-file', 'is not a regular file', { file: path });
  }
  if (info.size > maxBytes) {
    throw tooLarge(path, info.size, maxBytes);
  }

  let bytes: Buffer;
  try {
    const handle = await open(fsPath, 'r');
    try {
      // Read at most maxBytes + 1 so that a file growing after stat() cannot make us read without bound.
      const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === buffer.length) break;
      }
      if (filled > maxBytes) throw tooLarge(path, filled, maxBytes);
      bytes = buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof GapCheckError) throw error;
    throw fsError(error, path);
  }
  return sourceFromBytes(bytes, path);
}

/**
 * Decode raw bytes (as read from `path`) into a SourceText. Exposed for callers that already hold the bytes
 * (stdin, archives, tests); throws GapCheckError for empty or binary content.
 */
export function sourceFromBytes(bytes: Uint8Array, path: string): SourceText {
  if (bytes.length === 0) {
    throw new GapCheckError('empty-file', 'file is empty', { file: path });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = decode(bytes, path);
  let text = decoded.text;
  const warnings = decoded.warnings;

  if (text.includes('\0')) {
    // Stray NULs after the first few kilobytes (padding from a broken conversion) are dropped rather than
    // refusing an otherwise readable statute; lines are unaffected.
    const line = lineOfOffset(text, text.indexOf('\0'));
    text = text.replace(/\0/g, '');
    warnings.push({ severity: 'warning', code: 'nul-bytes', message: 'contains NUL characters; they were removed', file: path, line });
  }

  if (/^\s*$/.test(text)) {
    throw new GapCheckError('empty-file', 'file contains only whitespace', { file: path });
  }
  const source = finish(text, path, decoded.encoding, sha256, warnings);
  if (source.frontMatterEndLine > 0 && /^\s*$/.test(bodyAfterLine(source.text, source.frontMatterEndLine))) {
    throw new GapCheckError('empty-file', 'file contains front matter but no statute text', { file: path });
  }
  return source;
}

/**
 * Wrap a string (an example, a test, a library caller's text) as a SourceText. Never throws: an empty string is
 * the caller's choice here, so it only earns an `empty-text` warning.
 */
export function sourceFromString(text: string, path = '<input>'): SourceText {
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  const warnings: Diagnostic[] = [];
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('\0')) body = body.replace(/\0/g, '');
  if (/^\s*$/.test(body)) {
    warnings.push({ severity: 'warning', code: 'empty-text', message: 'the text is empty', file: path });
  }
  return finish(body, path, 'utf-8', sha256, warnings);
}

// ---------------------------------------------------------------------------------------------------------

function finish(text: string, path: string, encoding: string, sha256: string, warnings: Diagnostic[]): SourceText {
  // CRLF and lone CR (old Mac exports) both end one line, so line N of the file stays line N here.
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const fm = parseFrontMatter(normalised, path);
  return {
    path,
    text: normalised,
    encoding,
    sha256,
    frontMatter: fm.data,
    frontMatterEndLine: fm.endLine,
    warnings: [...warnings, ...fm.warnings],
  };
}

interface Decoded {
  text: string;
  encoding: string;
  warnings: Diagnostic[];
}

/** How many leading bytes are sniffed for binary signatures and NUL patterns (git uses the same 8000). */
const SAMPLE = 8000;

function decode(bytes: Uint8Array, path: string): Decoded {
  const warnings: Diagnostic[] = [];
  const b0 = bytes[0], b1 = bytes[1], b2 = bytes[2], b3 = bytes[3];

  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    throw new GapCheckError('unsupported-encoding', 'is UTF-32 text, which is not supported; save it as UTF-8 first', { file: path });
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const body = bytes.subarray(3);
    const strict = tryDecode('utf-8', body);
    if (strict !== null) return { text: strict, encoding: 'utf-8-bom', warnings };
    return utf8Fallback(body, path, warnings);
  }
  if (b0 === 0xff && b1 === 0xfe) return utf16(bytes.subarray(2), 'utf-16le', path, warnings);
  if (b0 === 0xfe && b1 === 0xff) return utf16(bytes.subarray(2), 'utf-16be', path, warnings);

  const sample = bytes.subarray(0, SAMPLE);
  const looksLike = describeBinary(bytes);
  if (looksLike) {
    throw new GapCheckError('binary-file', `looks like ${looksLike.what}, not text; ${looksLike.advice}`, { file: path });
  }
  if (sample.includes(0)) {
    const guess = guessUtf16(sample);
    if (guess && bytes.length % 2 === 0) {
      const text = tryDecode(guess, bytes);
      if (text !== null && !text.includes('\0')) {
        warnings.push({
          severity: 'warning',
          code: 'encoding-utf16-no-bom',
          message: `has no byte-order mark but looks like ${guess === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'}; read as such`,
          file: path,
        });
        return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: guess, warnings };
      }
    }
    throw new GapCheckError(
      'binary-file',
      'contains NUL bytes, so it looks like a binary file, not text; convert it to plain text or Markdown first',
      { file: path },
    );
  }

  const strict = tryDecode('utf-8', bytes);
  const result = strict !== null ? { text: strict, encoding: 'utf-8', warnings } : utf8Fallback(bytes, path, warnings);
  const share = controlShare(result.text);
  if (share > 0.1) {
    throw new GapCheckError(
      'binary-file',
      `looks like binary data (${Math.round(share * 100)}% control characters), not text; convert it to plain text or Markdown first`,
      { file: path },
    );
  }
  return result;
}

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: the BOM has already been consumed by the caller where there was one; a second one is content.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function utf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be', path: string, warnings: Diagnostic[]): Decoded {
  const strict = body.length % 2 === 0 ? tryDecode(encoding, body) : null;
  if (strict !== null) return { text: strict, encoding, warnings };
  warnings.push({
    severity: 'warning',
    code: 'encoding-invalid',
    message: `is not valid ${encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} throughout; unreadable characters were replaced with U+FFFD`,
    file: path,
  });
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(body), encoding, warnings };
}

/**
 * UTF-16 without a BOM: ASCII-range text leaves every other byte zero. Decide LE/BE from which half of the
 * byte pairs holds the zeros; anything less lopsided is left to the binary check.
 */
const MIN_GUESS_UNITS = 8;
function guessUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  // A handful of bytes is too few for proportions to mean anything (`x\0\1\2` would pass as "xȁ"): below
  // MIN_GUESS_UNITS code units, only text whose every unit is ASCII (one half all zeros) is taken for UTF-16.
  const strict = pairs < MIN_GUESS_UNITS;
  if (strict ? oddZeros === pairs && evenZeros === 0 : oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.05) return 'utf-16le';
  if (strict ? evenZeros === pairs && oddZeros === 0 : evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.05) return 'utf-16be';
  return null;
}

// Node's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80-0x9F become C1 controls), so the part of
// Windows-1252 that differs from Latin-1 is spelled out here (WHATWG Encoding Standard, index-windows-1252).
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function cp1252CodeUnit(byte: number): number {
  return byte >= 0x80 && byte <= 0x9f ? CP1252_80_9F[byte - 0x80] : byte;
}

/** Decode Windows-1252: Latin-1 natively, then the 0x80-0x9F range where the two differ. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_80_9F[c.charCodeAt(0) - 0x80]));
}

function windows1252(byte: number): string {
  return String.fromCharCode(cp1252CodeUnit(byte));
}

/**
 * Bytes that are not valid UTF-8. A file that is mostly UTF-8 with a few stray bytes (a paste from an old word
 * processor) keeps its UTF-8 and only the stray bytes are read as Windows-1252; a file with no (or fewer) valid
 * multi-byte sequences than invalid bytes is a Windows-1252 file and is decoded as one.
 */
function utf8Fallback(bytes: Uint8Array, path: string, warnings: Diagnostic[]): Decoded {
  const counts = scanUtf8(bytes, null);
  const line = lineOfByte(bytes, counts.firstInvalid);
  if (counts.multibyte > counts.invalid) {
    const offsets: number[] = [];
    scanUtf8(bytes, offsets);
    const parts: string[] = [];
    let start = 0;
    const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
    for (const offset of offsets) {
      if (offset > start) parts.push(utf8.decode(bytes.subarray(start, offset)));
      parts.push(windows1252(bytes[offset]));
      start = offset + 1;
    }
    if (start < bytes.length) parts.push(utf8.decode(bytes.subarray(start)));
    const text = parts.join('');
    const n = offsets.length;
    warnings.push({
      severity: 'warning',
      code: 'encoding-fallback',
      message: `${n} byte${n === 1 ? ' is' : 's are'} not valid UTF-8 (first on line ${line}); read ${n === 1 ? 'it' : 'them'} as Windows-1252`,
      file: path,
      line,
    });
    return { text, encoding: 'utf-8+windows-1252', warnings };
  }
  warnings.push({
    severity: 'warning',
    code: 'encoding-fallback',
    message: `is not valid UTF-8 (first invalid byte on line ${line}); read as Windows-1252`,
    file: path,
    line,
  });
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', warnings };
}

/**
 * One pass over the bytes: how many bytes start no valid UTF-8 sequence (their offsets go to `offsets` when
 * given) and how many valid multi-byte sequences there are.
 */
function scanUtf8(bytes: Uint8Array, offsets: number[] | null): { invalid: number; firstInvalid: number; multibyte: number } {
  let invalid = 0;
  let firstInvalid = -1;
  let multibyte = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    }
    // A sequence needs `need` continuation bytes after the lead: bytes i+1 .. i+need must exist.
    let ok = need > 0 && i + need < n;
    if (ok) {
      const second = bytes[i + 1];
      ok = second >= lo && second <= hi;
      for (let k = 2; ok && k <= need; k++) {
        const c = bytes[i + k];
        ok = c >= 0x80 && c <= 0xbf;
      }
    }
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      if (firstInvalid === -1) firstInvalid = i;
      invalid++;
      offsets?.push(i);
      i++;
    }
  }
  return { invalid, firstInvalid: Math.max(firstInvalid, 0), multibyte };
}

/** Share of C0 control characters (other than tab, line ends and form feed) in the first few thousand characters. */
function controlShare(text: string): number {
  const end = Math.min(text.length, SAMPLE);
  if (end === 0) return 0;
  let controls = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b) || c === 0x7f) controls++;
  }
  return controls / end;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  let crPending = false;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a) {
      line++;
      crPending = false;
    } else {
      if (crPending) line++;
      crPending = b === 0x0d;
    }
  }
  if (crPending) line++;
  return line;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function bodyAfterLine(text: string, line: number): string {
  let at = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', at);
    if (next === -1) return '';
    at = next + 1;
  }
  return text.slice(at);
}

function tooLarge(path: string, size: number, maxBytes: number): GapCheckError {
  return new GapCheckError(
    'file-too-large',
    `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (raise it with --max-bytes or maxBytes in .gap-check.yaml)`,
    { file: path },
  );
}

/** `64 MiB`, `1.5 KiB`, `12 bytes`: exact for round sizes so that the limit in a message matches what was set. */
export function formatBytes(n: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  let value = n;
  let unit = 'bytes';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${text} ${unit}`;
}

/** Turn a Node file-system error into a one-line GapCheckError. */
export function fsError(error: unknown, path: string): GapCheckError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new GapCheckError('file-not-found', 'no such file or directory', { file: path });
    case 'ENOTDIR':
      return new GapCheckError('file-not-found', 'no such file (a part of the path is not a directory)', { file: path });
    case 'EACCES':
    case 'EPERM':
      return new GapCheckError('permission-denied', 'permission denied (no read access)', { file: path });
    case 'EISDIR':
      return new GapCheckError('is-directory', 'is a directory, not a file', { file: path });
    case 'ELOOP':
      return new GapCheckError('symlink-loop', 'too many levels of symbolic links (a symlink loop)', { file: path });
    case 'ENAMETOOLONG':
      return new GapCheckError('file-not-found', 'file name too long', { file: path });
    default: {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return new GapCheckError('read-failed', `cannot read: ${message}`, { file: path });
    }
  }
}
