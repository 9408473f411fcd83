// GitHub Actions workflow commands: a one-line summary first (GitHub shows only the first annotations of a
// step), then `::error` for each missing measure and `::warning` for each partial one, placed on the evidence
// or, for a missing measure, on line 1 of the first file.

import type { CheckResult, Diagnostic, MeasureResult } from '../types.js';
import {
  findingPlace,
  MISSING_ANCHOR_NOTE,
  oneLine,
  reasonAndSuggestion,
  slashPath,
  statusLabel,
  summaryLine,
  type FormatOptions,
} from './common.js';

/** Message text of a workflow command: `%`, CR and LF are encoded (as in @actions/core's escapeData). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, plus `:` and `,`, which would end the value (@actions/core's escapeProperty). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Properties = Array<[string, string | number | undefined]>;

/** `::name key=value,...::message`; properties without a value are left out. */
export function workflowCommand(name: string, properties: Properties, message: string): string {
  const props = properties
    .filter((p): p is [string, string | number] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

function annotation(result: CheckResult, m: MeasureResult): string {
  const place = findingPlace(result, m);
  let message = `${statusLabel(m.status)[0]!.toUpperCase()}${statusLabel(m.status).slice(1)}: ${reasonAndSuggestion(m) || oneLine(m.title)}`;
  if (place?.anchored) message += ` ${MISSING_ANCHOR_NOTE}`;
  else if (place?.evidence) message += ` Evidence: ${oneLine(place.evidence.citation)}.`;
  return workflowCommand(
    m.status === 'missing' ? 'error' : 'warning',
    [
      ['file', place ? slashPath(place.file) : undefined],
      ['line', place?.startLine],
      ['endLine', place?.endLine],
      ['title', `${m.id} (${oneLine(m.source)}): ${oneLine(m.title)}`],
    ],
    message,
  );
}

function diagnosticCommand(d: Diagnostic): string {
  const name = d.severity === 'info' ? 'notice' : d.severity;
  return workflowCommand(
    name,
    [
      ['file', d.file ? slashPath(d.file) : undefined],
      ['line', d.line],
      ['title', `gap-check: ${d.code}`],
    ],
    d.message,
  );
}

export function formatGithub(result: CheckResult, opts: FormatOptions): string {
  const lines = [workflowCommand('notice', [], `gap-check: ${summaryLine(result)}`)];
  if (!opts.quiet) {
    for (const m of result.measures) {
      if (m.status === 'missing' || m.status === 'partial') lines.push(annotation(result, m));
    }
    for (const d of result.diagnostics) lines.push(diagnosticCommand(d));
  }
  return `${lines.join('\n')}\n`;
}
