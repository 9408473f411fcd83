// Stage 3: structure. Classified lines → the provision tree (divisions, cross-headings, provisions,
// subdivisions), definitions with their scope, and cross-references, with citations a lawyer would write.

import type { Diagnostic, ParsedDocument, StatuteDocument } from '../types.js';
import { buildTree, LineRole } from './builder.js';
import { computeCitations, computeRanges } from './citations.js';
import { findCrossReferences } from './crossrefs.js';
import { findDefinitions, termsByLine } from './definitions.js';
import { Resolver } from './resolve.js';

export { nodeText, subtreeText, ancestors, provisionOf, chapeauOf, textWithChapeau, headingPath, definitionsInScope } from './tree.js';
export { checkStructure } from './invariants.js';

export function buildStructure(parsed: ParsedDocument): StatuteDocument {
  const { source, lines } = parsed;
  const built = buildTree(parsed);
  const warnings: Diagnostic[] = [];
  const fmTitle = frontMatterString(source.frontMatter, 'title');
  const title = fmTitle ?? built.title;
  const jurisdiction = frontMatterString(source.frontMatter, 'jurisdiction');

  if (!built.structured) {
    // Nothing recognisable as a Part, section or article: one root holding every line, and say so.
    const root = built.nodes[0];
    root.children = [];
    root.lines = [];
    for (const l of lines) {
      if (l.kind === 'blank') continue;
      root.lines.push({ line: l.line, text: l.text });
      built.shift[l.line] = 0;
      if (built.role[l.line] === LineRole.Heading) built.role[l.line] = LineRole.Text;
    }
    built.nodes.length = 1;
    built.info.length = 1;
    warnings.push({
      severity: 'warning',
      code: 'no-structure',
      message: 'no Parts, sections or articles were recognised; the document is read as one block of text',
      file: source.path,
    });
  }

  const nodes = built.nodes;
  computeRanges(nodes, lines.length);
  const resolver = new Resolver(nodes);
  const definitions = findDefinitions(built, lines, resolver);
  const terms = termsByLine(definitions);
  computeCitations(nodes, built.info, title ?? baseName(source.path), (line) => terms.get(line) ?? null);
  nodes[0].heading = title;
  const crossReferences = findCrossReferences(built, resolver);

  return {
    source,
    format: parsed.format,
    title,
    jurisdiction,
    nodes,
    definitions,
    crossReferences,
    warnings,
    notes: editorialLines(built.role),
  };
}

function editorialLines(role: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < role.length; i++) if (role[i] === LineRole.Annotation) out.push(i);
  return out;
}

function frontMatterString(fm: Record<string, unknown>, key: string): string | null {
  for (const k of Object.keys(fm)) {
    if (k.toLowerCase() === key) {
      const v = fm[k];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
      if (typeof v === 'number') return String(v);
    }
  }
  return null;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path || 'document';
}
