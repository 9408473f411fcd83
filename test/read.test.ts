// The read stage: encodings, line ends, front matter and every way a file can be unusable, with bytes built here.
import { createHash } from 'node:crypto';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GapCheckError } from '../dist/errors.js';
import { DEFAULT_MAX_BYTES, expandInputs, formatBytes, readSource, sourceFromBytes, sourceFromString } from '../dist/read/index.js';
import { fsError } from '../dist/read/read.js';
import { makeTempDir, removeTempDir } from './helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('gap-check-read-');
});
afterAll(async () => {
  await removeTempDir(dir);
});

let counter = 0;
async function fileWith(bytes: Uint8Array | string, name = `f${++counter}.md`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function readError(path: string, options?: { maxBytes?: number }): Promise<GapCheckError> {
  try {
    await readSource(path, options);
  } catch (error) {
    expect(error).toBeInstanceOf(GapCheckError);
    const e = error as GapCheckError;
    expect(e.format()).not.toContain('\n');
    expect(e.file).toBe(path);
    return e;
  }
  throw new Error(`expected reading ${path} to fail`);
}

const STATUTE = 'Section 1\nA person who sells a child commits an offence.\n§ 2 Straße, naïve, “quoted”\n';

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

describe('encodings', () => {
  it('reads UTF-8 without a BOM, hashing the raw bytes', async () => {
    const bytes = Buffer.from(STATUTE, 'utf8');
    const source = await readSource(await fileWith(bytes));
    expect(source.text).toBe(STATUTE);
    expect(source.encoding).toBe('utf-8');
    expect(source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(source.warnings).toEqual([]);
  });

  it('reads UTF-8 with a BOM and drops the BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(STATUTE, 'utf8')]);
    const source = await readSource(await fileWith(bytes));
    expect(source.text).toBe(STATUTE);
    expect(source.encoding).toBe('utf-8-bom');
    expect(source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('reads UTF-16 LE and BE with a BOM', async () => {
    const le = await readSource(await fileWith(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(STATUTE, 'utf16le')])));
    expect(le.text).toBe(STATUTE);
    expect(le.encoding).toBe('utf-16le');
    expect(le.warnings).toEqual([]);
    const be = await readSource(await fileWith(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(STATUTE)])));
    expect(be.text).toBe(STATUTE);
    expect(be.encoding).toBe('utf-16be');
  });

  it('detects UTF-16 without a BOM from its NUL pattern and warns instead of calling it binary', async () => {
    const le = await readSource(await fileWith(Buffer.from(STATUTE, 'utf16le')));
    expect(le.text).toBe(STATUTE);
    expect(le.encoding).toBe('utf-16le');
    expect(le.warnings.map((w) => w.code)).toEqual(['encoding-utf16-no-bom']);
    const be = await readSource(await fileWith(utf16be(STATUTE)));
    expect(be.text).toBe(STATUTE);
    expect(be.encoding).toBe('utf-16be');
    expect(be.warnings.map((w) => w.code)).toEqual(['encoding-utf16-no-bom']);
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8, naming the first bad line', async () => {
    // Line 3 holds the first non-ASCII byte: 0x93/0x94 are curly quotes, 0xA7 is §, 0xE9 is é in Windows-1252.
    const bytes = Buffer.from([
      ...Buffer.from('Section 1\nPlain line\nThe '),
      0x93, ...Buffer.from('child'), 0x94, 0x20, 0xa7, 0x20, 0x35, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a,
    ]);
    const source = await readSource(await fileWith(bytes));
    expect(source.encoding).toBe('windows-1252');
    expect(source.text).toBe('Section 1\nPlain line\nThe “child” § 5 café\n');
    expect(source.warnings).toHaveLength(1);
    expect(source.warnings[0]).toMatchObject({ severity: 'warning', code: 'encoding-fallback', line: 3 });
  });

  it('keeps the UTF-8 of a mostly UTF-8 file and reads only the stray bytes as Windows-1252', async () => {
    const bytes = Buffer.concat([Buffer.from('Café, naïve, § 3 — déjà vu\nIt'), Buffer.from([0x92]), Buffer.from('s fine\n')]);
    const source = await readSource(await fileWith(bytes));
    expect(source.text).toBe('Café, naïve, § 3 — déjà vu\nIt’s fine\n');
    expect(source.encoding).toBe('utf-8+windows-1252');
    expect(source.warnings[0]).toMatchObject({ code: 'encoding-fallback', line: 2 });
  });

  it('refuses UTF-32 with a one-line explanation', async () => {
    const e = await readError(await fileWith(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])));
    expect(e.code).toBe('unsupported-encoding');
    expect(e.message).toMatch(/UTF-32/);
  });
});

describe('line ends', () => {
  it('turns CRLF into LF keeping line numbers', async () => {
    const source = await readSource(await fileWith('Part I\r\n\r\nSection 1\r\nText\r\n'));
    expect(source.text).toBe('Part I\n\nSection 1\nText\n');
    expect(source.text.split('\n')[2]).toBe('Section 1');
  });

  it('turns lone CR (old Mac files) and mixed line ends into LF, one line each', async () => {
    const source = await readSource(await fileWith('one\rtwo\r\n\rfour\nfive'));
    expect(source.text).toBe('one\ntwo\n\nfour\nfive');
    expect(source.text.split('\n')).toEqual(['one', 'two', '', 'four', 'five']);
  });

  it('line N of the input is line N of the text, whatever the line ends (property)', () => {
    const lineArb = fc.stringMatching(/^[a-z0-9 ().§]{0,20}$/);
    const endArb = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(fc.array(fc.tuple(lineArb, endArb), { minLength: 1, maxLength: 30 }), (parts) => {
        // An empty line ended by LF right after a CR end is just a CRLF: one line end, not two.
        fc.pre(!parts.some(([, end], i) => end === '\r' && parts[i + 1]?.[0] === '' && parts[i + 1]?.[1] !== '\r'));
        const raw = parts.map(([line, end]) => line + end).join('');
        const source = sourceFromString(raw);
        expect(source.text).toBe(parts.map(([line]) => `${line}\n`).join(''));
      }),
    );
  });

  it('reports the line of the first invalid byte counting CRLF as one line end', async () => {
    const bytes = Buffer.concat([Buffer.from('a\r\nb\r\nc '), Buffer.from([0xe9]), Buffer.from('\r\n')]);
    const source = await readSource(await fileWith(bytes));
    expect(source.warnings[0]).toMatchObject({ code: 'encoding-fallback', line: 3 });
  });
});

describe('front matter', () => {
  it('parses title, jurisdiction, date, citation and keeps other keys', async () => {
    const text = '---\ntitle: Child Protection Act\njurisdiction: Freedonia\ndate: 2004-05-01\ncitation: Act No. 7 of 2004\nstatus: in force\n---\n# Part I\n';
    const source = await readSource(await fileWith(text));
    expect(source.frontMatter).toEqual({
      title: 'Child Protection Act',
      jurisdiction: 'Freedonia',
      date: '2004-05-01',
      citation: 'Act No. 7 of 2004',
      status: 'in force',
    });
    expect(source.frontMatterEndLine).toBe(7);
    expect(source.text).toBe(text); // the block stays in the text so that line numbers hold
    expect(source.warnings).toEqual([]);
  });

  it('accepts `...` as the closing delimiter and turns scalar values into strings', () => {
    const source = sourceFromString('---\ntitle: 1984\ncitation: 12\n...\nSection 1\n');
    expect(source.frontMatter).toEqual({ title: '1984', citation: '12' });
    expect(source.frontMatterEndLine).toBe(4);
  });

  it('finds front matter after CRLF normalisation and a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\r\ntitle: T\r\n---\r\nBody\r\n')]);
    const source = await readSource(await fileWith(bytes));
    expect(source.frontMatter).toEqual({ title: 'T' });
    expect(source.frontMatterEndLine).toBe(3);
  });

  it('warns about malformed YAML, with its line, and reads the block as text', async () => {
    const source = await readSource(await fileWith('---\ntitle: Act\nbad: [unclosed\nother: x: y\n---\nSection 1\n'));
    expect(source.frontMatter).toEqual({});
    expect(source.frontMatterEndLine).toBe(0);
    expect(source.warnings).toHaveLength(1);
    expect(source.warnings[0]).toMatchObject({ severity: 'warning', code: 'front-matter-invalid' });
    expect(source.warnings[0].line).toBeGreaterThanOrEqual(3);
    expect(source.warnings[0].message).not.toContain('\n');
  });

  it('warns when front matter is never closed', () => {
    const source = sourceFromString('---\ntitle: Act\nSection 1\n');
    expect(source.frontMatterEndLine).toBe(0);
    expect(source.warnings.map((w) => w.code)).toEqual(['front-matter-unclosed']);
  });

  it('treats thematic breaks around prose as text, not front matter', () => {
    const source = sourceFromString('---\nSome introductory prose.\n---\nSection 1\n');
    expect(source.frontMatterEndLine).toBe(0);
    expect(source.frontMatter).toEqual({});
    expect(source.warnings).toEqual([]);
  });

  it('drops a known key that is a list or mapping, with a warning at its line', () => {
    const source = sourceFromString('---\ntitle: Act\ndate:\n  - 2001\n  - 2004\n---\nSection 1\n');
    expect(source.frontMatter).toEqual({ title: 'Act' });
    expect(source.warnings[0]).toMatchObject({ code: 'front-matter-invalid', line: 3 });
  });

  it('refuses an alias bomb without hanging', () => {
    const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    bomb.push('---', 'Section 1');
    const source = sourceFromString(bomb.join('\n'));
    expect(source.frontMatter).toEqual({});
    expect(source.warnings.map((w) => w.code)).toEqual(['front-matter-invalid']);
  });
});

describe('unusable files', () => {
  it('missing file', async () => {
    const e = await readError(join(dir, 'no-such-file.md'));
    expect(e.code).toBe('file-not-found');
    expect(e.format()).toBe(`${join(dir, 'no-such-file.md')}: no such file or directory`);
  });

  it('directory where a file is expected', async () => {
    const sub = join(dir, 'a-directory');
    await mkdir(sub);
    expect((await readError(sub)).code).toBe('is-directory');
  });

  it.skipIf(process.getuid?.() === 0)('file without read permission', async () => {
    const path = await fileWith('Section 1\n');
    await chmod(path, 0o000);
    expect((await readError(path)).code).toBe('permission-denied');
  });

  it('maps permission errors to a one-line message (also when running as root)', () => {
    const e = fsError(Object.assign(new Error('EACCES: permission denied, open x'), { code: 'EACCES' }), 'law.md');
    expect(e.code).toBe('permission-denied');
    expect(e.format()).toBe('law.md: permission denied (no read access)');
  });

  it('empty and whitespace-only files, and front matter with no text', async () => {
    expect((await readError(await fileWith(''))).message).toBe('file is empty');
    expect((await readError(await fileWith(' \n\t\r\n  \n'))).message).toBe('file contains only whitespace');
    expect((await readError(await fileWith(Buffer.from([0xef, 0xbb, 0xbf, 0x0a])))).code).toBe('empty-file');
    expect((await readError(await fileWith('---\ntitle: Act\n---\n\n'))).message).toMatch(/front matter but no statute text/);
  });

  it('NUL bytes mean binary, with advice to convert', async () => {
    const e = await readError(await fileWith(Buffer.from([0x53, 0x65, 0x63, 0x00, 0x01, 0x02, 0x00, 0xff, 0x00, 0x10, 0x41, 0x42])));
    expect(e.code).toBe('binary-file');
    expect(e.message).toMatch(/NUL bytes/);
    expect(e.message).toMatch(/convert it to plain text or Markdown first/);
  });

  it('a few bytes with a NUL are binary unless every one of them reads as ASCII UTF-16', async () => {
    // Too short for the NUL proportions to say UTF-16: read as such, `x\0\1\2` would be the text "xȁ".
    expect((await readError(await fileWith(Buffer.from([0x78, 0x00, 0x01, 0x02])))).code).toBe('binary-file');
    expect((await readError(await fileWith(Buffer.from([0x00, 0x78, 0x02, 0x01, 0x00, 0x41])))).code).toBe('binary-file');
    const short = await readSource(await fileWith(Buffer.from('Art. 1', 'utf16le')));
    expect(short.text).toBe('Art. 1');
    expect(short.warnings.map((w) => w.code)).toEqual(['encoding-utf16-no-bom']);
  });

  const signatures: Array<[string, Buffer, RegExp]> = [
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1'), /PDF document.*pdftotext/],
    ['DOCX', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.from('[Content_Types].xml....word/document.xml')]), /Word document \(DOCX\)/],
    ['ODT', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text')]), /OpenDocument/],
    ['ZIP', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('statutes/act.txt')]), /ZIP archive/],
    ['legacy DOC', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /legacy Microsoft Office/],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /PNG image.*OCR/],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), /JPEG image/],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), /GIF image/],
    ['RTF', Buffer.from('{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Section 1}'), /RTF document/],
    ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), /gzip archive/],
  ];
  for (const [name, bytes, pattern] of signatures) {
    it(`recognises ${name} and says what it looks like`, async () => {
      const e = await readError(await fileWith(bytes));
      expect(e.code).toBe('binary-file');
      expect(e.message).toMatch(/^looks like /);
      expect(e.message).toMatch(pattern);
      expect(e.message).toMatch(/plain text or Markdown|OCR/);
    });
  }

  it('control-character soup without NULs is binary too', async () => {
    const bytes = Buffer.alloc(2000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = [0x01, 0x02, 0x41, 0x1b, 0x42, 0x07][i % 6];
    expect((await readError(await fileWith(bytes))).code).toBe('binary-file');
  });

  it('refuses a file over the size limit, naming the limit', async () => {
    const path = await fileWith('Section 1. A person commits an offence.\n');
    const e = await readError(path, { maxBytes: 16 });
    expect(e.code).toBe('file-too-large');
    expect(e.message).toMatch(/over the 16 bytes limit/);
    expect(e.message).toMatch(/--max-bytes/);
    expect(formatBytes(DEFAULT_MAX_BYTES)).toBe('64 MiB');
  });

  it('rejects a nonsensical maxBytes', async () => {
    const path = await fileWith('Section 1\n');
    await expect(readSource(path, { maxBytes: -5 })).rejects.toBeInstanceOf(GapCheckError);
  });

  it('resolves relative paths against the given cwd but keeps the path as given', async () => {
    await fileWith('Section 1\n', 'relative.md');
    const source = await readSource('relative.md', { cwd: dir });
    expect(source.path).toBe('relative.md');
    expect(source.text).toBe('Section 1\n');
  });

  it('any bytes either decode or fail with a GapCheckError, never anything else (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          const source = sourceFromBytes(bytes, 'random.bin');
          expect(typeof source.text).toBe('string');
          expect(source.text).not.toMatch(/\r|\0/);
        } catch (error) {
          expect(error).toBeInstanceOf(GapCheckError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('sourceFromString', () => {
  it('normalises line ends, strips a BOM and parses front matter', () => {
    const source = sourceFromString('\ufeff---\r\ntitle: X\r\n---\r\nSection 1\r\n', 'example.md');
    expect(source).toMatchObject({ path: 'example.md', text: '---\ntitle: X\n---\nSection 1\n', encoding: 'utf-8', frontMatterEndLine: 3 });
    expect(source.frontMatter).toEqual({ title: 'X' });
    expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('defaults the path to <input> and warns, rather than throws, on empty text', () => {
    const source = sourceFromString('');
    expect(source.path).toBe('<input>');
    expect(source.warnings.map((w) => w.code)).toEqual(['empty-text']);
  });

  it('is deterministic', () => {
    expect(sourceFromString('Section 1\r\nText')).toEqual(sourceFromString('Section 1\r\nText'));
  });
});

describe('expandInputs', () => {
  let root: string;
  beforeAll(async () => {
    root = join(dir, 'inputs');
    await mkdir(join(root, 'acts', 'b', 'deeper'), { recursive: true });
    await mkdir(join(root, 'acts', '.hidden'), { recursive: true });
    await mkdir(join(root, 'acts', 'node_modules'), { recursive: true });
    await mkdir(join(root, 'empty'), { recursive: true });
    await mkdir(join(root, 'only-pdf'), { recursive: true });
    for (const file of ['acts/z.md', 'acts/a.MD', 'acts/b/c.txt', 'acts/b/deeper/d.markdown', 'acts/b/notes.pdf', 'acts/README', 'acts/.hidden/x.md', 'acts/node_modules/y.md', 'only-pdf/act.pdf', 'law[1].md', 'single.txt']) {
      await writeFile(join(root, file), 'Section 1\n');
    }
  });

  it('walks directories recursively for .md/.markdown/.txt, sorted, skipping hidden entries and node_modules', async () => {
    const { files, errors } = await expandInputs(['acts'], root);
    expect(errors).toEqual([]);
    expect(files).toEqual(['acts/a.MD', 'acts/b/c.txt', 'acts/b/deeper/d.markdown', 'acts/z.md']);
  });

  it('keeps command-line order between inputs and checks a file reached twice once', async () => {
    const { files, errors } = await expandInputs(['single.txt', 'acts/z.md', 'acts', './single.txt'], root);
    expect(errors).toEqual([]);
    expect(files).toEqual(['single.txt', 'acts/z.md', 'acts/a.MD', 'acts/b/c.txt', 'acts/b/deeper/d.markdown']);
  });

  it('takes a named file whatever its extension, and a literal name that looks like a glob', async () => {
    const { files, errors } = await expandInputs(['acts/README', 'law[1].md'], root);
    expect(errors).toEqual([]);
    expect(files).toEqual(['acts/README', 'law[1].md']);
  });

  it('expands globs, sorted, relative to cwd (absolute for an absolute pattern)', async () => {
    expect((await expandInputs(['acts/**/*.{md,txt}'], root)).files).toEqual(['acts/b/c.txt', 'acts/z.md']);
    const absolute = await expandInputs([join(root, 'acts', '*.md')], root);
    expect(absolute.files).toEqual([join(root, 'acts', 'z.md')]);
  });

  it('reports a missing path, an empty directory and a glob that matches nothing, and goes on', async () => {
    const { files, errors } = await expandInputs(['missing.md', 'empty', 'only-pdf', 'nothing/*.md', 'single.txt'], root);
    expect(files).toEqual(['single.txt']);
    expect(errors.map((e) => [e.file, e.code, e.severity])).toEqual([
      ['missing.md', 'file-not-found', 'error'],
      ['empty', 'empty-directory', 'error'],
      ['only-pdf', 'empty-directory', 'error'],
      ['nothing/*.md', 'glob-no-match', 'error'],
    ]);
    expect(errors[1].message).toBe('directory contains no .md, .markdown or .txt files');
  });

  it('does not hang on symlink loops and lists each real file once', async () => {
    const loopRoot = join(dir, 'loops');
    await mkdir(join(loopRoot, 'sub'), { recursive: true });
    await writeFile(join(loopRoot, 'sub', 'act.md'), 'Section 1\n');
    await symlink('..', join(loopRoot, 'sub', 'up'));
    await symlink('.', join(loopRoot, 'self'));
    await symlink('self-loop.md', join(loopRoot, 'self-loop.md'));
    await symlink('does-not-exist.md', join(loopRoot, 'broken.md'));
    const walked = await expandInputs(['loops'], dir);
    expect(walked.files).toEqual(['loops/sub/act.md']);
    expect(walked.errors.every((e) => e.severity === 'warning')).toBe(true);
    expect(walked.errors.map((e) => e.code).sort()).toEqual(['broken-symlink', 'symlink-loop', 'symlink-loop', 'symlink-loop']);
    const globbed = await expandInputs(['loops/**/*.md'], dir);
    expect(globbed.files).toHaveLength(1);
  });

  it('rejects an empty argument', async () => {
    const { errors } = await expandInputs([''], root);
    expect(errors.map((e) => e.code)).toEqual(['empty-argument']);
  });
});
