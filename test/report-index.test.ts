// formatReport loads only the formatter asked for: checked by recording every module a fresh Node process
// resolves while it formats one report.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as report from '../dist/report/index.js';
import { RECORD_LOADED_MODULES } from './helpers/module-probe.js';

const run = promisify(execFile);
const indexUrl = new URL('../dist/report/index.js', import.meta.url).href;

// Runs in a child process: a resolve hook (on Node's loader thread) posts every resolved URL back.
const probe = `${RECORD_LOADED_MODULES}
const { formatReport } = await import(process.env.INDEX_URL);
const empty = { met: 0, partial: 0, missing: 0, satisfiedElsewhere: 0, notApplicable: 0 };
await formatReport({ schemaVersion: '1', tool: { name: 'gap-check', version: '0' }, rulePack: { name: 'p', version: '0' },
  files: [], title: null, jurisdiction: null, summary: empty, measures: [], diagnostics: [] }, process.env.FORMAT, { color: process.env.COLOR === '1' });
await new Promise((r) => setTimeout(r, 100));
process.stdout.write(JSON.stringify([...new Set(loaded)]));
`;

async function modulesLoadedFor(format: string, color = false): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], {
    env: { ...process.env, INDEX_URL: indexUrl, FORMAT: format, COLOR: color ? '1' : '0' },
  });
  return (JSON.parse(stdout) as string[])
    .filter((u) => u.startsWith('file:'))
    .map((u) => (u.includes('/node_modules/') ? u.replace(/.*\/node_modules\/([^/]+)\/.*/, '$1') : u.replace(/.*\/dist\//, '')));
}

describe('formatReport loading', () => {
  it('loads only the JSON formatter for json (no chalk, no other formatter)', async () => {
    const loaded = await modulesLoadedFor('json');
    expect(loaded).toContain('report/json.js');
    for (const other of ['report/text.js', 'report/sarif.js', 'report/github.js', 'report/markdown.js', 'report/html.js', 'color.js', 'chalk']) {
      expect(loaded).not.toContain(other);
    }
  });

  it('loads chalk only for a text report in colour', async () => {
    const colour = await modulesLoadedFor('text', true);
    expect(colour).toEqual(expect.arrayContaining(['report/text.js', 'color.js', 'chalk']));
    for (const other of ['report/json.js', 'report/sarif.js', 'report/html.js']) expect(colour).not.toContain(other);
    // Without colour (a pipe, a file, CI, NO_COLOR) chalk is not worth its load time.
    const plain = await modulesLoadedFor('text');
    expect(plain).toContain('report/text.js');
    expect(plain).not.toContain('chalk');
  });

  it('exports a small API', () => {
    expect(Object.keys(report).sort()).toEqual(
      ['GROUP_ORDER', 'REPORT_FORMATS', 'compareMeasures', 'formatReport', 'isReportFormat', 'orderMeasures', 'prepareResult'].sort(),
    );
    expect(report.REPORT_FORMATS).toEqual(['text', 'json', 'sarif', 'github', 'markdown', 'html']);
    expect(report.isReportFormat('sarif')).toBe(true);
    expect(report.isReportFormat('xml')).toBe(false);
  });
});
