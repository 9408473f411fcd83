// Bad input end to end (the built CLI, spawned as users run it), for the cases test/cli.test.ts and
// test/read.test.ts do not already cover: office documents, archives and images; text in other encodings; text
// with no structure; unreadable files inside a batch written with --output; symlink loops next to real
// statutes; and Ctrl-C. Every case checks the exit code, one stderr line per problem, no stack trace, and that
// the inputs are byte-for-byte what they were (gap-check never modifies what it reads).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, expectOneLineError, makeTempDir, removeTempDir, runCli, type CliRun } from './helpers/cli.js';

// One of our own fixtures: a statute with enough structure that every measure has something to judge.
const LAW = await readFile(join(ROOT, 'fixtures/statutes/strong-comprehensive-act/statute.md'), 'utf8');

let dir: string;
const cli = (args: string[], timeoutMs?: number) => runCli(args, { cwd: dir, timeoutMs });

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(join(dir, file))).digest('hex');
}

/** Run gap-check and check that none of `inputs` changed, whatever happened. */
async function unchanged(inputs: string[], run: () => Promise<CliRun>): Promise<CliRun> {
  const before = await Promise.all(inputs.map(sha256));
  const result = await run();
  expect(await Promise.all(inputs.map(sha256)), `inputs modified by gap-check`).toEqual(before);
  return result;
}

function stderrLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line !== '');
}

function noStackTrace(run: CliRun): void {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/internal error/);
}

// ---------------------------------------------------------------------------------------------------------
// Minimal but genuine containers, built here so that no binary file has to live in the repository.

/** A ZIP archive with stored (or deflated) members, as Word and LibreOffice write them. */
function zip(members: Record<string, string>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(members)) {
    const data = deflateRawSync(Buffer.from(content));
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(content.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    local.push(header, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(content.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + data.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(members).length, 8);
  end.writeUInt16LE(Object.keys(members).length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, centralBytes, end]);
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('0000000d4944415478da63f8ffff3f0005fe02fea7d6a4b40000000049454e44ae426082', 'hex'),
]);

/** Windows-1252 bytes for text in that repertoire (the fixture's only non-ASCII character is an em dash). */
function windows1252(text: string): Buffer {
  const special: Record<string, number> = { '—': 0x97, '–': 0x96, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '€': 0x80, '…': 0x85 };
  return Buffer.from(
    Array.from(text, (c) => {
      const code = c.codePointAt(0)!;
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      if (special[c] !== undefined) return special[c];
      throw new Error(`test setup: ${c} is not in Windows-1252`);
    }),
  );
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

/** A statute with `sections` sections (about 360 bytes each): big enough to take seconds to check. */
function bigStatute(sections: number): string {
  const out = ['# Registers (Robustness Test) Act', ''];
  for (let s = 1; s <= sections; s++) {
    if (s % 50 === 1) out.push(`## Part ${Math.ceil(s / 50)} General matters`, '');
    out.push(
      `### ${s}. Duties of the registrar number ${s}`,
      '',
      `(1) The registrar shall keep a register of every application made under section ${Math.max(1, s - 1)} and shall publish it.`,
      '',
      `(2) A person who fails to comply with subsection (1) commits an offence and is liable to a fine not exceeding ${s} units.`,
      '',
      '(3) In this section, "register" means the register kept under subsection (1);',
      '',
    );
  }
  return out.join('\n');
}

beforeAll(async () => {
  dir = await makeTempDir('gap-check-robustness-');
  await writeFile(join(dir, 'law.md'), LAW);
  await writeFile(join(dir, 'law-copy.md'), LAW);
  await writeFile(join(dir, 'act.docx'), zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }));
  // A Word document saved under a Markdown name: the content decides, not the extension.
  await writeFile(join(dir, 'act-docx.md'), zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }));
  await writeFile(join(dir, 'bundle.md'), zip({ 'statute.md': LAW }));
  await writeFile(join(dir, 'page.png'), PNG);
  await writeFile(join(dir, 'page-png.txt'), PNG);
  // NUL padding after the first 8000 bytes (a broken conversion), as opposed to NULs at the start (binary).
  await writeFile(join(dir, 'padded.md'), Buffer.concat([Buffer.from(LAW), Buffer.alloc(64), Buffer.from('\n')]));
  await writeFile(join(dir, 'cp1252.md'), windows1252(LAW));
  await writeFile(join(dir, 'utf16le.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LAW, 'utf16le')]));
  await writeFile(join(dir, 'utf16be.md'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(LAW)]));
  await writeFile(
    join(dir, 'letter.txt'),
    'Dear colleague,\n\nthank you for the minutes of the last meeting. It rained all week and the garden is wet.\n\nWith best wishes\n',
  );
  await mkdir(join(dir, 'reports'));
  // A directory with a real statute, a PDF saved as .md and a loop back to itself.
  await mkdir(join(dir, 'acts', 'nested'), { recursive: true });
  await writeFile(join(dir, 'acts', 'a-law.md'), LAW);
  await writeFile(join(dir, 'acts', 'b-scan.md'), Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'));
  await symlink('..', join(dir, 'acts', 'nested', 'loop'));
  await writeFile(join(dir, 'locked.md'), LAW);
  await chmod(join(dir, 'locked.md'), 0o000);
}, 60_000);

afterAll(async () => {
  await chmod(join(dir, 'locked.md'), 0o644).catch(() => undefined);
  await removeTempDir(dir);
});

interface Report {
  files: Array<{ path: string; sha256: string }>;
  measures: Array<{ id: string; status: string; evidence: Array<{ file: string }> }>;
  diagnostics: Array<{ severity: string; code: string; file?: string }>;
}

/** Verdicts and evidence, without the file name, for comparing the same statute read from different files. */
function verdicts(report: Report): unknown {
  return report.measures.map((m) => ({ ...m, evidence: m.evidence.map((e) => ({ ...e, file: '' })) }));
}

describe.concurrent('binary files: exit 2, one line saying what the file looks like and to convert it', () => {
  const cases: Array<[string, RegExp]> = [
    ['act.docx', /^gap-check: act\.docx: looks like a Word document \(DOCX\), not text; convert it to plain text or Markdown first/],
    ['act-docx.md', /^gap-check: act-docx\.md: looks like a Word document \(DOCX\), not text; convert it/],
    ['bundle.md', /^gap-check: bundle\.md: looks like a ZIP archive .*extract the statute and convert it to plain text or Markdown/],
    ['page.png', /^gap-check: page\.png: looks like a PNG image, not text; a scanned page must go through OCR and be saved as plain text or Markdown/],
    ['page-png.txt', /^gap-check: page-png\.txt: looks like a PNG image/],
  ];
  for (const [file, message] of cases) {
    it(`${file} (check and outline)`, async () => {
      expectOneLineError(await unchanged([file], () => cli([file])), message);
      expectOneLineError(await unchanged([file], () => cli(['outline', file])), message);
    });
  }

  it('a few stray NUL bytes after text are dropped with a warning, not a refusal', async () => {
    const run = await unchanged(['padded.md'], () => cli(['outline', 'padded.md']));
    expect(run.code).toBe(0);
    const line = LAW.split('\n').length;
    expect(stderrLines(run)).toEqual([`gap-check: padded.md:${line}: warning: contains NUL characters; they were removed`]);
  });
});

describe.concurrent('other encodings are read, with the same verdicts as UTF-8', () => {
  let reference: Report;
  let referenceCode: number | null;
  beforeAll(async () => {
    const run = await cli(['law.md', '--format', 'json']);
    expect(run.stderr).toBe('');
    reference = JSON.parse(run.stdout) as Report;
    referenceCode = run.code;
  });

  it('invalid UTF-8 (Windows-1252) falls back with one warning naming the first bad line', async () => {
    const run = await unchanged(['cp1252.md'], () => cli(['cp1252.md', '--format', 'json']));
    noStackTrace(run);
    const firstDash = LAW.slice(0, LAW.indexOf('—')).split('\n').length;
    expect(stderrLines(run)).toEqual([
      `gap-check: cp1252.md:${firstDash}: warning: is not valid UTF-8 (first invalid byte on line ${firstDash}); read as Windows-1252`,
    ]);
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code).toBe(referenceCode);
    expect(verdicts(report)).toEqual(verdicts(reference));
    expect(report.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'encoding-fallback', file: 'cp1252.md' })]);
  });

  for (const file of ['utf16le.md', 'utf16be.md']) {
    it(`${file} with a byte-order mark reads silently`, async () => {
      const run = await unchanged([file], () => cli([file, '--format', 'json']));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(referenceCode);
      const report = JSON.parse(run.stdout) as Report;
      expect(verdicts(report)).toEqual(verdicts(reference));
      // The hash is of the bytes on disk, not of the decoded text.
      expect(report.files).toEqual([{ path: file, sha256: await sha256(file) }]);
    });
  }
});

describe.concurrent('text with no recognisable structure', () => {
  it('is one provision with a warning, and still gets a report (check)', async () => {
    const run = await unchanged(['letter.txt'], () => cli(['letter.txt', '--format', 'json']));
    noStackTrace(run);
    expect([0, 1]).toContain(run.code);
    expect(stderrLines(run)).toEqual([
      'gap-check: letter.txt: warning: no Parts, sections or articles were recognised; the document is read as one block of text',
    ]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files.map((f) => f.path)).toEqual(['letter.txt']);
    expect(report.measures.length).toBeGreaterThan(0);
  });

  it('outline shows a single node spanning the file', async () => {
    const run = await unchanged(['letter.txt'], () => cli(['outline', 'letter.txt', '--format', 'json']));
    expect(run.code).toBe(0);
    expect(stderrLines(run)).toHaveLength(1);
    const outline = JSON.parse(run.stdout) as { outline: { kind: string; children: unknown[]; startLine: number; endLine: number } };
    expect(outline.outline).toMatchObject({ kind: 'document', children: [], startLine: 1, endLine: 5 });
  });
});

describe.concurrent('batches: a broken file is reported and the others are still checked', () => {
  it('with --output: one line per bad input, the report is still written, exit 2', async () => {
    const inputs = ['law.md', 'act.docx', 'page.png', 'cp1252.md'];
    const run = await unchanged(inputs, () => cli([...inputs, 'missing.md', '--format', 'json', '--output', 'reports/batch.json']));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    noStackTrace(run);
    const lines = stderrLines(run);
    expect(lines.filter((l) => !l.includes('warning:'))).toEqual([
      'gap-check: missing.md: no such file or directory',
      expect.stringMatching(/^gap-check: act\.docx: looks like a Word document/),
      expect.stringMatching(/^gap-check: page\.png: looks like a PNG image/),
    ]);
    // The fallback warning goes to stderr too, since the report itself went to a file.
    expect(lines.filter((l) => l.includes('warning:'))).toEqual([expect.stringMatching(/^gap-check: cp1252\.md:\d+: warning: is not valid UTF-8/)]);
    const report = JSON.parse(await readFile(join(dir, 'reports', 'batch.json'), 'utf8')) as Report;
    expect(report.files.map((f) => f.path).sort()).toEqual(['cp1252.md', 'law.md']);
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file).sort()).toEqual(['act.docx', 'page.png']);
    expect((await readdir(join(dir, 'reports'))).filter((f) => f.startsWith('.gap-check-tmp-'))).toEqual([]);
  });

  it('a directory holding a statute, a PDF and a symlink loop: the statute is checked, the PDF reported, the loop skipped', async () => {
    const run = await unchanged(['acts/a-law.md', 'acts/b-scan.md'], () => cli(['acts', '--format', 'json'], 60_000));
    expect(run.code).toBe(2);
    noStackTrace(run);
    const lines = stderrLines(run);
    expect(lines.filter((l) => !l.includes('warning:'))).toEqual([expect.stringMatching(/^gap-check: acts\/b-scan\.md: looks like a PDF document/)]);
    expect(lines.filter((l) => l.includes('warning:'))).toEqual([expect.stringMatching(/^gap-check: acts\/nested\/loop: warning: .*loop/)]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files.map((f) => f.path)).toEqual(['acts/a-law.md']);
  });
});

describe.concurrent('permissions', () => {
  // root reads everything, so the refusal can only be seen as an ordinary user (read.test.ts maps the error).
  it.skipIf(process.getuid?.() === 0)('a file without read permission: exit 2, one line', async () => {
    expectOneLineError(await cli(['locked.md']), /^gap-check: locked\.md: permission denied \(no read access\)$/);
    expectOneLineError(await cli(['outline', 'locked.md']), /^gap-check: locked\.md: permission denied/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Ctrl-C

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the first SIGINT to the process's exit. */
  afterSignalMs: number;
}

/** Start gap-check, send SIGINT after `delayMs` (then again after `secondMs` when given), wait for the exit. */
function interrupt(args: string[], delayMs: number, secondMs?: number): Promise<Interrupted> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sentAt = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const first = setTimeout(() => {
      sentAt = Date.now();
      child.kill('SIGINT');
    }, delayMs);
    const second = secondMs === undefined ? undefined : setTimeout(() => child.kill('SIGINT'), delayMs + secondMs);
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gap-check ${args.join(' ')} was still running 120 s after SIGINT`));
    }, delayMs + 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const timer of [first, second, guard]) clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, afterSignalMs: sentAt === 0 ? -1 : Date.now() - sentAt });
    });
  });
}

describe('SIGINT', () => {
  // Several megabytes: checking them takes tens of seconds, so the signal lands while gap-check is working.
  beforeAll(async () => {
    await mkdir(join(dir, 'big'));
    const text = bigStatute(4000);
    for (let i = 1; i <= 6; i++) await writeFile(join(dir, 'big', `act-${i}.md`), text);
    await writeFile(join(dir, 'big-single.md'), bigStatute(12_000));
  }, 60_000);

  const bigInputs = () => [...Array.from({ length: 6 }, (_, i) => `big/act-${i + 1}.md`), 'big-single.md'];

  async function expectCleanInterrupt(run: Interrupted, output: string): Promise<void> {
    expect(run.afterSignalMs, 'the run ended before the signal was sent; make the input bigger').toBeGreaterThanOrEqual(0);
    expect(run.signal).toBeNull();
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toBe('gap-check: interrupted\n');
    expect(run.stdout).toBe('');
    const left = await readdir(join(dir, 'reports'));
    expect(left).not.toContain(output);
    expect(left.filter((f) => f.startsWith('.gap-check-tmp-'))).toEqual([]);
  }

  it('during a batch: exit 130, `gap-check: interrupted`, no report file, inputs untouched', async () => {
    const before = await Promise.all(bigInputs().map(sha256));
    const run = await interrupt(['big', '--format', 'json', '--output', 'reports/interrupted-batch.json'], 1500);
    await expectCleanInterrupt(run, 'interrupted-batch.json');
    // Stopped between or inside files, not after checking all of them.
    expect(run.afterSignalMs).toBeLessThan(20_000);
    expect(await Promise.all(bigInputs().map(sha256))).toEqual(before);
  }, 180_000);

  it('while one large file is being parsed: the parse is abandoned at once', async () => {
    const run = await interrupt(['big-single.md', '--format', 'json', '--output', 'reports/interrupted-single.json'], 1500);
    await expectCleanInterrupt(run, 'interrupted-single.json');
    expect(run.afterSignalMs).toBeLessThan(20_000);
  }, 180_000);

  it('two SIGINTs in quick succession (the second forces the exit): still 130, one line, no report', async () => {
    const run = await interrupt(['big', 'big-single.md', '--output', 'reports/interrupted-twice.txt'], 1500, 100);
    await expectCleanInterrupt(run, 'interrupted-twice.txt');
    expect(run.afterSignalMs).toBeLessThan(20_000);
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------------------
// The corpus sweep (scripts/sweep.js), on a corpus made here: it must tell a refusal from a crash, catch a
// hang with its time limit, and skip cleanly without a corpus.

function sweep(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'sweep.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe.concurrent('npm run sweep', () => {
  it('skips cleanly when there is no corpus', async () => {
    const run = await sweep(['--corpus', join(dir, 'no-such-corpus')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^sweep: no corpus at .*no-such-corpus; skipped$/m);
  });

  it('counts a refused file as an error, not a crash (exit 0), and checks the files together too', async () => {
    const corpus = join(dir, 'corpus-ok');
    await mkdir(corpus);
    await writeFile(join(corpus, 'act.md'), LAW);
    await writeFile(join(corpus, 'scan.md'), Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
    await writeFile(join(corpus, 'README.md'), '# About this corpus\n'); // documentation, not a statute
    const run = await sweep(['--corpus', corpus, '--concurrency', '1']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('files: 2 ');
    expect(run.stdout).toMatch(/1 checked, 1 refused with an error, 0 crashes/);
    expect(run.stdout).toMatch(/^error: scan\.md: binary-file: looks like a PDF document/m);
    expect(run.stdout).toMatch(/^all together: .* exit 2, 1 files in the report/m);
    expect(run.stdout).toMatch(/^sweep: no crashes$/m);
  }, 120_000);

  it('reports a file over the time limit as a crash (a hang) and exits 1', async () => {
    const corpus = join(dir, 'corpus-slow');
    await mkdir(corpus);
    await writeFile(join(corpus, 'act.md'), LAW);
    // Six megabytes of Markdown take tens of seconds to check: far over a three-second limit, which the small
    // statute meets easily even in a cold worker.
    await writeFile(join(corpus, 'slow.md'), bigStatute(16_000));
    const run = await sweep(['--corpus', corpus, '--timeout', '3', '--no-together']);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^CRASH: slow\.md: no result after 3 s \(hang\?\)$/m);
    expect(run.stdout).toMatch(/1 checked, 0 refused with an error, 1 crashes/);
  }, 120_000);
});
