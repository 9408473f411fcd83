// `gap-check rules` and `gap-check explain <id>`: the measure catalogue as the loaded pack states it.
import { groupTitle } from '../report/common.js';
import { GROUP_ORDER } from '../report/filters.js';
import type { MeasureGroup, Rule, RulePack } from '../types.js';
import { EXIT_OK, type Context } from './context.js';
import { findRule, loadPackFor, type PackOptions } from './pack.js';

const WIDTH = 80;

export interface RulesCliOptions extends PackOptions {
  format?: 'text' | 'json';
}

export async function runRules(opts: RulesCliOptions, ctx: Context): Promise<number> {
  const { pack } = await loadPackFor(opts, ctx);
  ctx.stdout.write(opts.format === 'json' ? rulesJson(pack) : rulesText(pack));
  return EXIT_OK;
}

export async function runExplain(id: string, opts: PackOptions, ctx: Context): Promise<number> {
  const { pack } = await loadPackFor(opts, ctx, true); // with examples: explain shows them
  ctx.stdout.write(explainText(findRule(pack, id)));
  return EXIT_OK;
}

/** Rules by report group (in report order), pack order within a group. */
function grouped(pack: RulePack): Array<{ group: MeasureGroup; rules: Rule[] }> {
  const order = [...GROUP_ORDER, ...new Set(pack.rules.map((r) => r.group).filter((g) => !GROUP_ORDER.includes(g)))];
  return order.map((group) => ({ group, rules: pack.rules.filter((r) => r.group === group) })).filter((g) => g.rules.length > 0);
}

export function rulesJson(pack: RulePack): string {
  const measures = grouped(pack).flatMap(({ rules }) =>
    rules.map((r) => ({
      id: r.id,
      instrument: r.instrument,
      paragraphs: r.paragraphs,
      source: r.source,
      group: r.group,
      title: r.title,
      requirement: r.requirement,
      helpUri: r.helpUri,
    })),
  );
  return `${JSON.stringify({ rulePack: { name: pack.name, version: pack.version }, measures }, null, 2)}\n`;
}

export function rulesText(pack: RulePack): string {
  const out: string[] = [`${pack.name} ${pack.version}: ${pack.rules.length} measure${pack.rules.length === 1 ? '' : 's'}`];
  for (const { group, rules } of grouped(pack)) {
    out.push('', groupTitle(group));
    for (const r of rules) {
      out.push(`  ${r.id}  (${r.source})  ${r.title}`);
      out.push(...wrap(r.requirement, 6));
    }
  }
  out.push('', 'Run `gap-check explain <id>` for what counts as met, partial and missing.');
  return `${out.join('\n')}\n`;
}

export function explainText(r: Rule): string {
  const out: string[] = [`${r.id}: ${r.title}`, ''];
  out.push(...wrap(`Source: ${r.source} (${r.instrument}, paragraph${r.paragraphs.length === 1 ? '' : 's'} ${r.paragraphs.join(', ')})`, 0, 2));
  out.push(`Group: ${groupTitle(r.group)}`);
  out.push(`Kind: ${r.kind}`);
  const section = (title: string, text: string | null): void => {
    if (text === null || text.trim() === '') return;
    out.push('', title, ...wrap(text, 2));
  };
  section('Requirement', r.requirement);
  section('Met when', r.met);
  section('Partial when', r.partial);
  section('When missing, add', r.suggestion);
  if (r.examples.length > 0) {
    out.push('', 'Examples');
    for (const example of r.examples) {
      out.push(`  ${example.name} (expected: ${example.expect})`);
      // (?<!\n): a search for /\n+$/ restarts at every newline of a run and scans to its end (quadratic).
      for (const line of example.text.replace(/\r\n?/g, '\n').replace(/(?<!\n)\n+$/, '').split('\n')) out.push(`    | ${line}`.trimEnd());
    }
  }
  out.push('', `Documentation: ${r.helpUri}`, `Rule file: ${r.file}`);
  return `${out.join('\n')}\n`;
}

/** Word-wrap to the terminal width used by the reports; `hang` indents continuation lines further. */
function wrap(text: string, indent: number, hang = 0): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const prefix = ' '.repeat(lines.length === 0 ? indent : indent + hang);
    if (line !== '' && prefix.length + line.length + 1 + word.length > WIDTH) {
      lines.push(prefix + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(' '.repeat(lines.length === 0 ? indent : indent + hang) + line);
  return lines;
}
