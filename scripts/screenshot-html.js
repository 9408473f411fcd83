#!/usr/bin/env node
// Renders an HTML report in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and writes
// a PNG, so a person can check that the report renders, and with --print how it prints. Every request the page
// makes is blocked and counted: the report must be self-contained, so any request makes this script fail.
//
//   node scripts/screenshot-html.js report.html [out.png] [--print] [--width 1200] [--pdf out.pdf]
//
// Exit codes: 0 screenshot written (or skipped because Chromium / playwright-core is not installed, with a
// message), 1 the page tried to fetch something, 2 bad arguments or the browser failed.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import process from 'node:process';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function usage(message) {
  process.stderr.write(`screenshot-html: ${message}\nusage: node scripts/screenshot-html.js report.html [out.png] [--print] [--width N] [--pdf out.pdf]\n`);
  process.exitCode = 2;
}

function parseArgs(argv) {
  const opts = { input: null, output: null, print: false, width: 1200, pdf: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--print') opts.print = true;
    else if (arg === '--width') opts.width = Number(argv[++i]);
    else if (arg === '--pdf') opts.pdf = argv[++i] ?? null;
    else if (arg.startsWith('--')) return { error: `unknown option ${arg}` };
    else if (opts.input === null) opts.input = arg;
    else if (opts.output === null) opts.output = arg;
    else return { error: `unexpected argument ${arg}` };
  }
  if (!opts.input) return { error: 'no HTML file given' };
  if (!Number.isInteger(opts.width) || opts.width < 200 || opts.width > 4000) return { error: '--width must be 200-4000' };
  opts.output ??= opts.input.replace(/\.html?$/i, '') + (opts.print ? '.print.png' : '.png');
  return { opts };
}

async function main() {
  const { opts, error } = parseArgs(process.argv.slice(2));
  if (error) return usage(error);

  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`screenshot-html: skipped: Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`);
    return;
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    process.stderr.write('screenshot-html: skipped: playwright-core is not installed (npm install --save-dev playwright-core)\n');
    return;
  }

  let html;
  try {
    html = await readFile(opts.input, 'utf8');
  } catch (err) {
    return usage(`cannot read ${opts.input}: ${err.message}`);
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const requests = [];
  try {
    const page = await browser.newPage({ viewport: { width: opts.width, height: 900 } });
    // setContent gives the page an about:blank origin, so every resource it asked for would be a request here.
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    if (opts.print) await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path: opts.output, fullPage: true });
    process.stdout.write(`screenshot-html: wrote ${opts.output}${opts.print ? ' (print media)' : ''}\n`);
    if (opts.pdf) {
      await page.emulateMedia({ media: 'print' });
      await writeFile(opts.pdf, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      process.stdout.write(`screenshot-html: wrote ${opts.pdf}\n`);
    }
  } finally {
    await browser.close();
  }
  if (requests.length > 0) {
    process.stderr.write(`screenshot-html: the page tried to fetch ${requests.length} resource(s):\n${requests.map((u) => `  ${u}\n`).join('')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  process.stderr.write(`screenshot-html: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
