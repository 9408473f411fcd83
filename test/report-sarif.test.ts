// The SARIF report: valid against the official SARIF 2.1.0 schema (schema/sarif-schema-2.1.0.json), with what
// GitHub code scanning needs (rules with help URIs, ruleId, level, message, a physical location with a region).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type * as Sarif from 'sarif';
import { formatReport } from '../dist/report/index.js';
import { MAIN_FILE, sampleResult } from './helpers/sample-result.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule;

// The OASIS schema is written in draft-04, which Ajv 8 does not load. Its only draft-04-specific keyword is the
// root `id`; every other keyword it uses means the same in draft-07, so it is compiled as draft-07 with `$id`.
const official = JSON.parse(readFileSync(new URL('../schema/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const { $schema: _draft04, id, ...body } = official;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile({ $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...body });

async function sarif(result = sampleResult()): Promise<Sarif.Log> {
  const text = await formatReport(result, 'sarif', { color: false });
  return JSON.parse(text) as Sarif.Log;
}

function byRule(log: Sarif.Log, ruleId: string): Sarif.Result {
  const found = log.runs[0]!.results!.find((r) => r.ruleId === ruleId);
  if (!found) throw new Error(`no result for ${ruleId}`);
  return found;
}

describe('sarif report', () => {
  it('is valid against the SARIF 2.1.0 schema', async () => {
    const log = await sarif();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it('the schema check can fail (a bad level and a line 0 region are rejected)', async () => {
    const log = await sarif();
    const result = log.runs[0]!.results![0]!;
    (result as { level: string }).level = 'fatal';
    result.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(validate(log)).toBe(false);
  });

  it('describes every measure as a rule with help and the rule help URI', async () => {
    const log = await sarif();
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('gap-check');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules).toHaveLength(11);
    const rule = driver.rules!.find((r) => r.id === 'poa-53-distribution')!;
    expect(rule.helpUri).toBe('https://example.org/gap-check/rules/poa-53-distribution.md');
    expect(rule.shortDescription?.text).toBe('Distribution of child sexual abuse material is an offence');
    expect(rule.fullDescription?.text).toContain('POA 53');
    expect(rule.help?.text).toContain('POA 53');
    expect(rule.help?.markdown).toContain('(https://example.org/gap-check/rules/poa-53-distribution.md)');
    expect(rule.name).toBe('Poa53Distribution');
    // A rule without a help URI in the result has none in SARIF either (no invented links).
    expect(driver.rules!.find((r) => r.id === 'local-registration')!.helpUri).toBeUndefined();
  });

  it('has one result per partial or missing measure: warning for partial, error for missing', async () => {
    const log = await sarif();
    const results = log.runs[0]!.results!;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['def-abuse-material', 'warning'],
      ['poa-24-legal-aid', 'error'],
      ['poa-25-penalties', 'warning'],
      ['poa-53-distribution', 'error'],
      ['ga-60-extraterritorial', 'warning'],
    ]);
    for (const r of results) {
      expect(log.runs[0]!.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
    }
  });

  it('places a partial measure on its evidence provision', async () => {
    const result = byRule(await sarif(), 'ga-60-extraterritorial');
    const location = result.locations![0]!.physicalLocation!;
    // A comma, colon and spaces in the file name are percent-encoded; the slashes stay.
    expect(location.artifactLocation!.uri).toBe('acts/Penal%20Code%2C%202019%3A%20consolidated.md');
    expect(location.region).toEqual({ startLine: 40, endLine: 43 });
    expect(result.message.text).toContain('requires double criminality');
    expect(result.message.text).toContain('To add: Remove the double-criminality condition');
  });

  it('anchors a missing measure at line 1 of the first file and says so', async () => {
    const result = byRule(await sarif(), 'poa-53-distribution');
    const location = result.locations![0]!.physicalLocation!;
    expect(location.artifactLocation!.uri).toBe(MAIN_FILE);
    expect(location.region).toEqual({ startLine: 1, endLine: 1 });
    expect(result.message.text).toMatch(/No provision .* was found, so this finding is anchored at the start of the document/);
    expect(result.message.text).toContain('No provision makes distributing');
  });

  it('uses forward slashes and relative paths, and file: URIs for absolute paths', async () => {
    const result = sampleResult();
    result.files = [{ path: '.\\acts\\windows act.md', sha256: 'b'.repeat(64) }];
    result.measures = result.measures.filter((m) => m.status === 'missing');
    const log = await sarif(result);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('acts/windows%20act.md');

    result.files = [{ path: '/srv/laws/act.md', sha256: 'b'.repeat(64) }];
    const absolute = await sarif(result);
    expect(validate(absolute), JSON.stringify(validate.errors)).toBe(true);
    expect(absolute.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('file:///srv/laws/act.md');
  });

  it('gives the same fingerprint for the same measure and file wherever the provision moves', async () => {
    const a = byRule(await sarif(), 'poa-25-penalties');
    const moved = sampleResult();
    const penalties = moved.measures.find((m) => m.id === 'poa-25-penalties')!;
    penalties.evidence[0]!.startLine += 30;
    penalties.evidence[0]!.endLine += 30;
    const b = byRule(await sarif(moved), 'poa-25-penalties');
    expect(b.partialFingerprints).toEqual(a.partialFingerprints);
    expect(b.locations![0]!.physicalLocation!.region!.startLine).toBe(125);
  });

  it('is valid with no results and with no files', async () => {
    const clean = sampleResult();
    clean.measures = clean.measures.filter((m) => m.status === 'met');
    clean.diagnostics = [];
    const log = await sarif(clean);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]!.results).toEqual([]);

    const nothingRead = sampleResult();
    nothingRead.files = [];
    const noFiles = await sarif(nothingRead);
    expect(validate(noFiles), JSON.stringify(validate.errors)).toBe(true);
    // A missing measure with no file to anchor to still reports, without a location.
    expect(byRule(noFiles, 'poa-53-distribution').locations).toBeUndefined();
  });

  it('is byte-stable', async () => {
    const a = await formatReport(sampleResult(), 'sarif', { color: false });
    expect(await formatReport(sampleResult(), 'sarif', { color: false })).toBe(a);
  });
});
