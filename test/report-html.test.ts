// The HTML report: one self-contained page (nothing fetched), all text escaped, status shown in colour and words.
// The render check in real Chromium runs only where Debian's chromium is installed.

import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../dist/report/index.js';
import { escapeHtml } from '../dist/report/html.js';
import { sampleResult } from './helpers/sample-result.js';

const run = promisify(execFile);
const html = () => formatReport(sampleResult(), 'html', { color: false });

describe('html report', () => {
  it('is one page with inline CSS that loads nothing from anywhere', async () => {
    const page = await html();
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<style>');
    // No attribute or CSS construct that makes a browser fetch something, and no script at all.
    expect(page).not.toMatch(/\s(src|srcset|href|poster|data|action|formaction|background)\s*=/i);
    expect(page).not.toMatch(/<(script|link|iframe|object|embed|img|video|audio|source|base|form)[\s>]/i);
    expect(page).not.toMatch(/url\(|@import/i);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it('escapes statute text, including a script tag and a terminal escape', async () => {
    const page = await html();
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).not.toContain('<script');
    expect(page).toContain('Children &amp; Young Persons (Protection) Act 2031');
    expect(page).not.toContain('\u001b');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('has the summary, a row per measure with its status class and label, and evidence with citations', async () => {
    const page = await html();
    expect(page).toContain('<p class="summary-line">11 measures: 4 met, 3 partial, 2 missing, 1 satisfied elsewhere, 1 not applicable</p>');
    const rows = [...page.matchAll(/<tr class="(met|partial|missing|elsewhere|na)" id="m-([a-z0-9-]+)">/g)].map((m) => `${m[2]}:${m[1]}`);
    expect(rows).toEqual([
      'def-abuse-material:partial', 'def-child-age:met', 'poa-24-legal-aid:missing', 'poa-25-penalties:partial',
      'poa-27-coordinating-body:elsewhere', 'poa-28-minimum-age:na', 'poa-31-technology:met',
      'poa-53-distribution:missing', 'poa-53-possession:met', 'ga-60-extraterritorial:partial', 'local-registration:met',
    ]);
    expect(page).toContain('<span class="status elsewhere">satisfied elsewhere</span>');
    expect(page).toContain('<span class="cite">s. 301</span>');
    expect(page).toContain('<blockquote>is liable on conviction to imprisonment for a term not exceeding 10 years</blockquote>');
    expect(page).toContain('<span class="label">Satisfied by</span> Children&#39;s Commissioner Act 2004, s. 9');
    expect(page).toContain('@media print');
  });

  it('is byte-stable and quiet leaves out the table', async () => {
    expect(await html()).toBe(await html());
    const quiet = await formatReport(sampleResult(), 'html', { color: false, quiet: true });
    expect(quiet).toContain('class="summary-line"');
    expect(quiet).not.toContain('<table');
  });
});

const chromium = '/usr/bin/chromium';
const script = new URL('../scripts/screenshot-html.js', import.meta.url).pathname;
function hasPlaywright(): boolean {
  try {
    createRequire(import.meta.url).resolve('playwright-core');
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!existsSync(chromium) || !hasPlaywright())('html report in headless Chromium', () => {
  it('renders to a PNG without any network request, and the check catches a page that fetches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gap-check-html-'));
    try {
      const input = join(dir, 'report.html');
      const png = join(dir, 'report.png');
      writeFileSync(input, await html());
      const ok = await run(process.execPath, [script, input, png, '--width', '900']);
      expect(ok.stdout).toContain(`wrote ${png}`);
      expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

      const leaky = join(dir, 'leaky.html');
      writeFileSync(leaky, '<!DOCTYPE html><title>x</title><img src="http://127.0.0.1:9/x.png">');
      const bad = await run(process.execPath, [script, leaky, join(dir, 'leaky.png')]).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => err,
      );
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('http://127.0.0.1:9/x.png');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
