// Report entry point: runs the pure filters, then loads only the formatter asked for (a text run never loads
// the SARIF or HTML code, and chalk is loaded only for a text report in colour).

import { GapCheckError } from '../errors.js';
import type { CheckResult, ReportFormat } from '../types.js';
import { isReportFormat, REPORT_FORMATS, type FormatOptions, type Formatter } from './common.js';
import { prepareResult } from './filters.js';

export { REPORT_FORMATS, isReportFormat, type FormatOptions, type Formatter } from './common.js';
export { compareMeasures, GROUP_ORDER, orderMeasures, prepareResult } from './filters.js';

/** Each import names its file literally, so bundlers and readers can see every module this can load. */
async function loadFormatter(format: ReportFormat): Promise<Formatter> {
  switch (format) {
    case 'text':
      return (await import('./text.js')).formatText;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown;
    case 'html':
      return (await import('./html.js')).formatHtml;
  }
}

/**
 * The report of `result` in `format`, as a string ending in a newline. Same result and options, same bytes.
 * `color` only affects the text format; `quiet` (summary only) affects text, markdown, html and github.
 */
export async function formatReport(result: CheckResult, format: ReportFormat, opts: FormatOptions): Promise<string> {
  if (!isReportFormat(format)) {
    throw new GapCheckError('unknown-format', `unknown report format '${String(format)}' (expected one of: ${REPORT_FORMATS.join(', ')})`);
  }
  const formatter = await loadFormatter(format);
  // The formatters are synchronous; chalk (ESM only) is loaded here, and only when colour will be written.
  if (format === 'text' && opts.color) await (await import('../color.js')).loadColors();
  return formatter(prepareResult(result), { color: opts.color, quiet: opts.quiet === true });
}
