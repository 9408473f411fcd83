// The vocabulary every stage speaks: source text, the provision tree, definitions, rules, verdicts, reports.
// Everything here is plain data (no class instances, no parent pointers) so that a parsed statute can cross
// a worker-thread boundary by structured clone and be written as JSON unchanged.

// ---------------------------------------------------------------------------------------------------------
// Diagnostics and errors

export type Severity = 'error' | 'warning' | 'info';

/** A message about an input (file, rule pack, config), with a place when there is one. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine code, e.g. `encoding-fallback`, `no-structure`, `binary-file`. */
  code: string;
  message: string;
  file?: string;
  line?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Stage 1: read (bytes -> normalised text)

export interface FrontMatter {
  title?: string;
  jurisdiction?: string;
  date?: string;
  citation?: string;
  [key: string]: unknown;
}

export interface SourceText {
  /** Path as the user gave it (or a label such as `<example>`), used in reports. */
  path: string;
  /** The text with line ends normalised to `\n` and any BOM removed. Line N of the file is line N here. */
  text: string;
  /** `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1252`. */
  encoding: string;
  /** sha256 of the raw bytes, hex. */
  sha256: string;
  /** Parsed YAML front matter, empty when there is none. */
  frontMatter: FrontMatter;
  /** Last line (1-based) of the front matter block including its closing `---`; 0 when there is none. */
  frontMatterEndLine: number;
  warnings: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------------------
// Stage 2: parse (text -> classified lines). Markdown goes through remark-parse; plain text is classified
// from the text itself. Both give the same shape so that the structure stage has one input.

export type LineKind =
  | 'blank'
  | 'frontmatter'
  | 'heading' // Markdown ATX/setext heading, or a plain-text line that looks like a heading
  | 'paragraph'
  | 'item' // a Markdown list item's first line
  | 'quote'
  | 'code'
  | 'html'
  | 'table'
  | 'rule'; // thematic break

export interface Line {
  /** 1-based line number in the original file. */
  line: number;
  /** The line's text with inline Markdown markup removed (emphasis, links, escapes, HTML tags). */
  text: string;
  kind: LineKind;
  /** Markdown heading depth 1-6. */
  headingDepth?: number;
  /** Markdown list nesting, 1 for a top-level item; also set on continuation lines of an item. */
  listDepth?: number;
  /** Character ranges of `text` that were bold/strong in the source (defined terms are often bold). */
  strong?: Array<[number, number]>;
}

export interface ParsedDocument {
  source: SourceText;
  format: 'markdown' | 'text';
  lines: Line[];
}

// ---------------------------------------------------------------------------------------------------------
// Stage 3: structure (lines -> provision tree, definitions, cross-references)

export type DivisionKind = 'book' | 'part' | 'title' | 'chapter' | 'division' | 'subdivision' | 'schedule';
export type ProvisionKind = 'section' | 'article';
export type SubdivisionKind = 'subsection' | 'paragraph' | 'subparagraph' | 'clause' | 'subclause' | 'item';
/**
 * An unnumbered heading that groups provisions without being a Part/Chapter/... (a cross-heading or group
 * heading such as `Offences Against Public Order` or `### General`). It has no number and is not cited by
 * lawyers, but it frames the provisions under it and gives readers context in heading paths.
 */
export type CrossHeadingKind = 'crossheading';
export type NodeKind = 'document' | DivisionKind | CrossHeadingKind | ProvisionKind | SubdivisionKind;

export interface ProvisionNode {
  /** Index into `StatuteDocument.nodes`; the document root is 0. */
  id: number;
  kind: NodeKind;
  /** The number as written without decoration: `II`, `12A`, `163.1`, `2252A`, `3`, `a`, `ii`, `4.1`. */
  number: string | null;
  /** Heading or marginal note, markup removed. */
  heading: string | null;
  /** How a lawyer would cite it: `Part II > s. 12(3)(a)`, `Art. 5(2)`, `§ 2252A(a)(5)(B)`. Unique per document. */
  citation: string;
  /** Citation of the provision-level part only (`s. 12(3)(a)`), without the division path. */
  shortCitation: string;
  /**
   * This node's own step in a heading path: `Part II`, `Section 12`, `Article 5`, `§ 2252A`, `(3)`, or a
   * cross-heading's text. Optional so that hand-built documents stay valid; `headingPath()` falls back.
   */
  label?: string;
  parent: number | null;
  children: number[];
  /** Depth in the tree; the root is 0. */
  depth: number;
  /** First and last line (1-based, inclusive) of the node including its descendants. */
  startLine: number;
  endLine: number;
  /** The node's own text (not its children's), one entry per source line, markers stripped. */
  lines: Array<{ line: number; text: string }>;
}

export type DefinitionScope =
  | { kind: 'document' }
  | { kind: 'node'; nodeId: number } // "In this Part", "In this section", "For the purposes of this Article"
  | { kind: 'nodes'; nodeIds: number[] }; // "For the purposes of sections 5 to 9"

export interface Definition {
  /** The term as written (`child`, `child sexual abuse material`). */
  term: string;
  /** `means` defines exhaustively; `includes` extends the ordinary meaning. */
  mode: 'means' | 'includes';
  /** Text of the definition body (may span the node's list items). */
  text: string;
  /** Node the definition is stated in. */
  nodeId: number;
  line: number;
  endLine: number;
  scope: DefinitionScope;
}

export interface CrossReference {
  /** Node in which the reference occurs. */
  fromNodeId: number;
  line: number;
  /** The words as written: `section 12`, `subsection (2)`, `Article 5`, `this Part`. */
  text: string;
  /** The node referred to, when it could be resolved inside this document. */
  targetNodeId: number | null;
}

export interface StatuteDocument {
  source: SourceText;
  format: 'markdown' | 'text';
  /** Title from front matter or the first heading, when known. */
  title: string | null;
  jurisdiction: string | null;
  nodes: ProvisionNode[];
  definitions: Definition[];
  crossReferences: CrossReference[];
  warnings: Diagnostic[];
  /**
   * Lines of editorial notes (a `<details>` historical note: "R.S., 1985, c. C-46, s. 151"), ascending. They stay
   * in their node's lines (for the outline and line ranges) but are not read as enacted text.
   */
  notes?: number[];
}

// ---------------------------------------------------------------------------------------------------------
// Rules

export type Status = 'met' | 'partial' | 'missing';
export type Disposition = Status | 'satisfied-elsewhere' | 'not-applicable';

/** Report groups, in report order. */
export type MeasureGroup = 'definitions' | 'poa-24-31' | 'poa-53-55' | 'ga-58-60' | 'other';

export interface RuleExample {
  name: string;
  expect: Status;
  /** Statute text (Markdown or plain text). */
  text: string;
  /** Line in the rule file where the example starts, for error messages. */
  line?: number;
}

export interface Rule {
  id: string;
  /** Absolute path of the rule file. */
  file: string;
  instrument: string; // e.g. `E/CN.4/RES/1992/74, annex`
  paragraphs: string[]; // e.g. ['53'] ; shown as "POA 53"
  /** Short source label shown in reports: `POA 53`, `GA 60; POA 47`. */
  source: string;
  group: MeasureGroup;
  title: string;
  requirement: string;
  met: string;
  partial: string | null;
  /** Sentence shown for a missing verdict: what a drafter needs to add. */
  suggestion: string;
  kind: string;
  params: Record<string, unknown>;
  examples: RuleExample[];
  /** Link to the rule's documentation (used by SARIF `helpUri`). */
  helpUri: string;
}

/**
 * A document-wide definition offered to other documents that apply it (config `definitionsFrom`), as the
 * evaluator read it: the concepts its text and its term express, the ages it states, and where it stands.
 */
export interface SharedDefinition {
  term: string;
  mode: Definition['mode'];
  text: string;
  concepts: string[];
  termConcepts: string[];
  /** Stems of the term's words. */
  termTokens: string[];
  ages: Array<{ age: number; start: number; end: number; text: string }>;
  evidence: Evidence;
}

/**
 * What one document contributes to a check, without the document itself: evaluation's first phase (see
 * src/evaluate/index.ts). Plain data, so that it can cross from a worker thread.
 */
export interface DocumentFindings {
  path: string;
  sha256: string;
  title: string | null;
  jurisdiction: string | null;
  /** The reader's and the structure builder's warnings about this file. */
  diagnostics: Diagnostic[];
  /** Per rule id, the rule kind's findings in this document (its `DocPart`, opaque outside src/evaluate). */
  parts: Record<string, unknown>;
  /** Its document-wide definitions, when another document of the batch applies them. */
  definitions?: SharedDefinition[];
  /** With `provisionTexts`: per citation, a fingerprint of the provision's text with its subdivisions. */
  provisions?: Record<string, string>;
}

export interface RulePack {
  name: string;
  version: string;
  rules: Rule[];
  /** Concept vocabulary, by name. */
  concepts: Record<string, ConceptDef>;
  /** Directories the pack was loaded from. */
  dirs: string[];
}

/** A concept: phrases that express it, and phrases that look like it but are not it. */
export interface ConceptDef {
  name: string;
  phrases: string[];
  /** Phrases that cancel a match when they cover it (e.g. `production of documents` for `produce`). */
  not?: string[];
  /** Optional raw regular expressions (checked for ReDoS at load time). */
  patterns?: string[];
  file: string;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation results

export interface Evidence {
  /** File the provision is in. */
  file: string;
  citation: string;
  /** Division path and provision, e.g. `Part II > Section 12 > (3)`. */
  headingPath: string;
  startLine: number;
  endLine: number;
  /** At most ~200 characters around the match. */
  excerpt: string;
  /** Which element of the measure this provision supplies (e.g. `offence`, `possession`, `age`). */
  element?: string;
}

export interface MeasureResult {
  id: string;
  instrument: string;
  paragraph: string;
  source: string;
  group: MeasureGroup;
  title: string;
  status: Disposition;
  /** For partial/missing: one plain sentence on what falls short. For met: null. */
  reason: string | null;
  /** For partial/missing: what a drafter would add. */
  suggestion: string | null;
  evidence: Evidence[];
  /** For satisfied-elsewhere / not-applicable: the user's justification and citation. */
  justification?: string;
  elsewhere?: string;
  helpUri?: string;
}

export interface Summary {
  met: number;
  partial: number;
  missing: number;
  satisfiedElsewhere: number;
  notApplicable: number;
}

export interface CheckResult {
  schemaVersion: string;
  tool: { name: string; version: string };
  rulePack: { name: string; version: string };
  files: Array<{ path: string; sha256: string }>;
  /** Title / jurisdiction when the documents state them. */
  title: string | null;
  jurisdiction: string | null;
  summary: Summary;
  measures: MeasureResult[];
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------------------
// Configuration (from `.gap-check.yaml` and command-line options)

export interface MeasureOverride {
  status: 'satisfied-elsewhere' | 'not-applicable';
  justification: string;
  /** For satisfied-elsewhere: the other law, e.g. `Children Act 2004, s. 9`. */
  citation?: string;
}

export interface CheckOptions {
  only?: string[];
  skip?: string[];
  /** Minimum maximum term of imprisonment (years) for a core offence to count as grave. Default 5. */
  penaltyThresholdYears?: number;
  overrides?: Record<string, MeasureOverride>;
  /**
   * Also return a fingerprint of every provision's text with each document's findings (`gap-check diff` asks,
   * to say whether the provision that decides a change was added, amended or removed).
   */
  provisionTexts?: boolean;
}

export type ReportFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown' | 'html';
export type FailOn = 'missing' | 'partial' | 'never';
