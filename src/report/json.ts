// The JSON report, described by schema/report.schema.json. Objects are built field by field so the key order is
// fixed by this file, not by how the result was assembled; optional fields are always present (null when
// absent) so that scripts can rely on the shape.

import type { CheckResult, Diagnostic, Evidence, MeasureResult } from '../types.js';
import type { FormatOptions } from './common.js';

function evidenceJson(e: Evidence) {
  return {
    file: e.file,
    citation: e.citation,
    headingPath: e.headingPath,
    startLine: e.startLine,
    endLine: e.endLine,
    excerpt: e.excerpt,
    element: e.element ?? null,
  };
}

function measureJson(m: MeasureResult) {
  return {
    id: m.id,
    instrument: m.instrument,
    paragraph: m.paragraph,
    source: m.source,
    group: m.group,
    title: m.title,
    status: m.status,
    reason: m.reason ?? null,
    suggestion: m.suggestion ?? null,
    justification: m.justification ?? null,
    elsewhere: m.elsewhere ?? null,
    helpUri: m.helpUri ?? null,
    evidence: m.evidence.map(evidenceJson),
  };
}

function diagnosticJson(d: Diagnostic) {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    file: d.file ?? null,
    line: d.line ?? null,
  };
}

/** The report as a plain object in output key order (exported for callers that want the object itself). */
export function toReportJson(result: CheckResult) {
  return {
    schemaVersion: result.schemaVersion,
    tool: { name: result.tool.name, version: result.tool.version },
    rulePack: { name: result.rulePack.name, version: result.rulePack.version },
    files: result.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
    title: result.title ?? null,
    jurisdiction: result.jurisdiction ?? null,
    summary: {
      met: result.summary.met,
      partial: result.summary.partial,
      missing: result.summary.missing,
      satisfiedElsewhere: result.summary.satisfiedElsewhere,
      notApplicable: result.summary.notApplicable,
    },
    measures: result.measures.map(measureJson),
    diagnostics: result.diagnostics.map(diagnosticJson),
  };
}

export function formatJson(result: CheckResult, _opts: FormatOptions): string {
  return `${JSON.stringify(toReportJson(result), null, 2)}\n`;
}
