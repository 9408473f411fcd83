// The JSON report: valid against the published schema, the same bytes on every run, measures in report order.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { formatReport } from '../dist/report/index.js';
import { sampleResult, SAMPLE_ORDER } from './helpers/sample-result.js';

// ajv and ajv-formats are CommonJS; depending on the loader the class is the default export or its `default`.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule;

const schema = JSON.parse(readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(json: string): void {
  const ok = validate(JSON.parse(json));
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

const empty = () => ({
  ...sampleResult(),
  files: [],
  title: null,
  jurisdiction: null,
  summary: { met: 0, partial: 0, missing: 0, satisfiedElsewhere: 0, notApplicable: 0 },
  measures: [],
  diagnostics: [],
});

describe('json report', () => {
  it('is valid against schema/report.schema.json', async () => {
    expectValid(await formatReport(sampleResult(), 'json', { color: false }));
    expectValid(await formatReport(empty(), 'json', { color: false }));
  });

  it('is byte-stable across runs and ignores color and quiet', async () => {
    const a = await formatReport(sampleResult(), 'json', { color: false });
    const b = await formatReport(sampleResult(), 'json', { color: true, quiet: true });
    expect(b).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a).toContain('\n  "tool": {\n    "name": "gap-check"');
  });

  it('keeps the documented key order', async () => {
    const report = JSON.parse(await formatReport(sampleResult(), 'json', { color: false }));
    expect(Object.keys(report)).toEqual([
      'schemaVersion', 'tool', 'rulePack', 'files', 'title', 'jurisdiction', 'summary', 'measures', 'diagnostics',
    ]);
    expect(Object.keys(report.summary)).toEqual(['met', 'partial', 'missing', 'satisfiedElsewhere', 'notApplicable']);
    expect(Object.keys(report.measures[0])).toEqual([
      'id', 'instrument', 'paragraph', 'source', 'group', 'title', 'status', 'reason', 'suggestion', 'justification',
      'elsewhere', 'helpUri', 'evidence',
    ]);
    expect(Object.keys(report.measures[0].evidence[0])).toEqual([
      'file', 'citation', 'headingPath', 'startLine', 'endLine', 'excerpt', 'element',
    ]);
  });

  it('orders measures by group then id, whatever order they came in', async () => {
    const shuffled = sampleResult();
    shuffled.measures.reverse();
    const report = JSON.parse(await formatReport(shuffled, 'json', { color: false }));
    expect(report.measures.map((m: { id: string }) => m.id)).toEqual(SAMPLE_ORDER);
  });

  it('keeps evidence order, drops exact duplicates, and does not change its input', async () => {
    const input = sampleResult();
    const before = JSON.stringify(input);
    const report = JSON.parse(await formatReport(input, 'json', { color: false }));
    expect(JSON.stringify(input)).toBe(before);
    const possession = report.measures.find((m: { id: string }) => m.id === 'poa-53-possession');
    expect(possession.evidence.map((e: { element: string }) => e.element)).toEqual(['offence', 'penalty']);
    const technology = report.measures.find((m: { id: string }) => m.id === 'poa-31-technology');
    expect(technology.evidence).toHaveLength(1);
  });

  it('reports satisfied-elsewhere and not-applicable measures with their justification', async () => {
    const report = JSON.parse(await formatReport(sampleResult(), 'json', { color: false }));
    const elsewhere = report.measures.find((m: { id: string }) => m.id === 'poa-27-coordinating-body');
    expect(elsewhere).toMatchObject({
      status: 'satisfied-elsewhere',
      elsewhere: "Children's Commissioner Act 2004, s. 9",
      justification: 'The Commissioner coordinates agencies and NGOs.',
    });
    const na = report.measures.find((m: { id: string }) => m.id === 'poa-28-minimum-age');
    expect(na.status).toBe('not-applicable');
    expect(na.justification).toMatch(/criminal law only/);
    expect(report.summary).toEqual({ met: 4, partial: 3, missing: 2, satisfiedElsewhere: 1, notApplicable: 1 });
  });

  it('is rejected by the schema when a field is wrong (the schema is not vacuous)', async () => {
    const report = JSON.parse(await formatReport(sampleResult(), 'json', { color: false }));
    report.measures[0].status = 'mostly-met';
    expect(validate(report)).toBe(false);
    const extra = JSON.parse(await formatReport(sampleResult(), 'json', { color: false }));
    extra.measures[0].evidence[0].page = 3;
    expect(validate(extra)).toBe(false);
  });
});

describe('formatReport', () => {
  it('rejects an unknown format with a clear error', async () => {
    await expect(formatReport(sampleResult(), 'xml' as never, { color: false })).rejects.toThrow(
      /unknown report format 'xml' \(expected one of: text, json, sarif, github, markdown, html\)/,
    );
  });

  it('ends every format with exactly one newline', async () => {
    for (const format of ['text', 'json', 'sarif', 'github', 'markdown', 'html'] as const) {
      const out = await formatReport(sampleResult(), format, { color: false });
      expect(out.endsWith('\n'), format).toBe(true);
      expect(out.endsWith('\n\n'), format).toBe(false);
    }
  });
});
