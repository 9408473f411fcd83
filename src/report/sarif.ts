// SARIF 2.1.0 for GitHub code scanning (after markdownlint-cli2's formatter-sarif): every measure is a rule in
// tool.driver.rules with its help URI; every partial or missing measure is a result with a region. A missing
// measure has no provision to point at, so it is anchored at line 1 of the first file and the message says so.

import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { CheckResult, MeasureResult } from '../types.js';
import {
  evidenceLabel,
  findingPlace,
  mdEscape,
  MISSING_ANCHOR_NOTE,
  oneLine,
  reasonAndSuggestion,
  sentence,
  slashPath,
  statusLabel,
  summaryLine,
  type FormatOptions,
} from './common.js';

/** The schema the output follows (the OASIS standard with errata 01; a copy is in schema/). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Tool information may carry a home page; CheckResult's type does not require one. */
type ToolInfo = CheckResult['tool'] & { informationUri?: string };

/**
 * A file path as a SARIF URI: a relative reference with forward slashes for relative paths (what GitHub matches
 * against the repository), a `file:` URI for absolute ones. Each segment is percent-encoded, so spaces, `#`, `?`
 * or `%` in file names stay part of the path.
 */
export function artifactUri(path: string): string {
  const p = slashPath(path);
  const encode = (segments: string[]): string => segments.map((s) => encodeURIComponent(s)).join('/');
  const drive = /^([A-Za-z]):\/(.*)$/.exec(p);
  if (drive) return `file:///${drive[1]}:/${encode(drive[2]!.split('/'))}`;
  if (p.startsWith('/')) return `file://${encode(p.split('/'))}`;
  return encode(p.split('/'));
}

/** `poa-53-possession` → `Poa53Possession`: SARIF wants rule names to be identifier-like. */
function ruleName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return name || id;
}

function sourceText(m: MeasureResult): string {
  const parts = [m.instrument, m.paragraph ? `paragraph ${m.paragraph}` : ''].filter(Boolean).join(', ');
  return parts ? `${m.source} (${parts})` : m.source;
}

function rule(m: MeasureResult): Sarif.ReportingDescriptor {
  const title = oneLine(m.title);
  const source = oneLine(sourceText(m));
  const helpText = [`${sentence(title)} Source: ${sentence(source)}`];
  const helpMarkdown = [`**${mdEscape(title)}**`, '', `Source: ${mdEscape(source)}.`];
  if (m.suggestion) {
    helpText.push(`What a statute needs: ${sentence(m.suggestion)}`);
    helpMarkdown.push('', `What a statute needs: ${mdEscape(sentence(m.suggestion))}`);
  }
  if (m.helpUri) {
    helpText.push(`Documentation: ${m.helpUri}`);
    // Characters that would end a Markdown link destination are percent-encoded.
    const target = m.helpUri.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    helpMarkdown.push('', `[Rule documentation](${target})`);
  }
  const descriptor: Sarif.ReportingDescriptor = {
    id: m.id,
    name: ruleName(m.id),
    shortDescription: { text: title },
    fullDescription: { text: `${sentence(title)} Source: ${sentence(source)}` },
    help: { text: helpText.join(' '), markdown: helpMarkdown.join('\n') },
  };
  if (m.helpUri) descriptor.helpUri = m.helpUri;
  descriptor.properties = { tags: ['legislation', m.group, m.source], instrument: m.instrument, paragraph: m.paragraph };
  return descriptor;
}

/** Stable identity of a finding across runs: the measure and the file, not the line (which moves on amendment). */
function fingerprint(ruleId: string, file: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${slashPath(file)}`).digest('hex');
}

function result(checked: CheckResult, m: MeasureResult, ruleIndex: number): Sarif.Result {
  const place = findingPlace(checked, m);
  let text = reasonAndSuggestion(m) || `${oneLine(m.title)}: ${statusLabel(m.status)}.`;
  if (place?.anchored) text += ` ${MISSING_ANCHOR_NOTE}`;
  else if (place?.evidence) text += ` Evidence: ${evidenceLabel(place.evidence, { withFile: false })}.`;
  const out: Sarif.Result = {
    ruleId: m.id,
    ruleIndex,
    level: m.status === 'missing' ? 'error' : 'warning',
    kind: 'fail',
    message: { text },
  };
  if (place) {
    out.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(place.file) },
          region: { startLine: place.startLine, endLine: place.endLine },
        },
      },
    ];
    out.partialFingerprints = { 'gapCheckMeasureFile/v1': fingerprint(m.id, place.file) };
  }
  // Further provisions the evaluator relied on, so a reviewer can jump to them too.
  const related = m.status === 'missing' ? [] : m.evidence.slice(1);
  if (related.length > 0) {
    out.relatedLocations = related.map((e, i) => {
      const startLine = Math.max(1, Math.floor(e.startLine));
      return {
        id: i + 1,
        message: { text: oneLine(e.citation) || `line ${startLine}` },
        physicalLocation: {
          artifactLocation: { uri: artifactUri(e.file) },
          region: { startLine, endLine: Math.max(startLine, Math.floor(e.endLine)) },
        },
      };
    });
  }
  out.properties = { status: m.status, source: m.source };
  return out;
}

function notification(d: CheckResult['diagnostics'][number]): Sarif.Notification {
  const n: Sarif.Notification = {
    descriptor: { id: d.code },
    level: d.severity === 'info' ? 'note' : d.severity,
    message: { text: d.message },
  };
  if (d.file) {
    const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: { uri: artifactUri(d.file) } };
    if (d.line && d.line >= 1) physicalLocation.region = { startLine: Math.floor(d.line) };
    n.locations = [{ physicalLocation }];
  }
  return n;
}

export function toSarif(checked: CheckResult): Sarif.Log {
  const tool = checked.tool as ToolInfo;
  const driver: Sarif.ToolComponent = { name: tool.name, version: tool.version };
  if (/^\d+\.\d+\.\d+/.test(tool.version)) driver.semanticVersion = tool.version;
  if (tool.informationUri) driver.informationUri = tool.informationUri;
  driver.rules = checked.measures.map(rule);

  const results: Sarif.Result[] = [];
  checked.measures.forEach((m, index) => {
    if (m.status === 'partial' || m.status === 'missing') results.push(result(checked, m, index));
  });

  const run: Sarif.Run = {
    tool: { driver },
    artifacts: checked.files.map((f) => ({
      location: { uri: artifactUri(f.path) },
      ...(/^[0-9a-f]{64}$/.test(f.sha256) ? { hashes: { 'sha-256': f.sha256 } } : {}),
    })),
    invocations: [
      {
        executionSuccessful: true,
        ...(checked.diagnostics.length > 0 ? { toolExecutionNotifications: checked.diagnostics.map(notification) } : {}),
      },
    ],
    results,
    properties: {
      summary: summaryLine(checked),
      rulePack: { name: checked.rulePack.name, version: checked.rulePack.version },
      ...(checked.title ? { title: checked.title } : {}),
      ...(checked.jurisdiction ? { jurisdiction: checked.jurisdiction } : {}),
    },
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function formatSarif(checked: CheckResult, _opts: FormatOptions): string {
  return `${JSON.stringify(toSarif(checked), null, 2)}\n`;
}
