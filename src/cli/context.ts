// What every command receives from main(): the streams, the working directory and environment. Commands write
// only through these, so that tests can run main() in-process and the bin stays a one-liner.
import { GapCheckError } from '../errors.js';
import type { Diagnostic } from '../types.js';

/** The part of a writable stream the CLI uses (process.stdout, or a collector in tests). */
export interface CliStream {
  write(chunk: string): unknown;
  /** True for a terminal; colour and progress bars are only used on terminals. */
  isTTY?: boolean;
}

export interface MainOptions {
  argv: string[];
  stdout: CliStream;
  stderr: CliStream;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Aborts a run between stages (the bin connects SIGINT to it); main then returns 130. */
  signal?: AbortSignal;
  /**
   * Told, before statutes are read, how many bytes of them a command is about to read (the bin uses it to
   * choose how V8 compiles: see src/launch.ts).
   */
  onWorkload?: (bytes: number) => void;
}

export interface Context {
  stdout: CliStream;
  stderr: CliStream;
  cwd: string;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  onWorkload?: (bytes: number) => void;
}

/** Exit codes, as documented in the README and `gap-check --help`. */
export const EXIT_OK = 0;
export const EXIT_GAPS = 1;
export const EXIT_ERROR = 2;
export const EXIT_INTERRUPTED = 130;

/** Thrown (and caught by main) when the run was aborted; carries no message of its own. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

export function checkAborted(ctx: Context): void {
  if (ctx.signal?.aborted) throw new Interrupted();
}

/** `gap-check: <file>:<line>: <message>` — the one-line form of every error. */
export function errorLine(error: GapCheckError): string {
  return `gap-check: ${oneLine(error.format())}\n`;
}

/** A diagnostic as one stderr line; warnings and notes say so, errors are bare (`gap-check: file: what`). */
export function diagnosticLine(d: Diagnostic): string {
  const where = d.file ? (d.line ? `${d.file}:${d.line}: ` : `${d.file}: `) : '';
  const label = d.severity === 'error' ? '' : `${d.severity}: `;
  return `gap-check: ${oneLine(`${where}${label}${d.message}`)}\n`;
}

/** Messages can carry user text (file names, YAML values); keep them on one line whatever is in them. */
export function oneLine(text: string): string {
  // (?<!\s): a match can only start where a run of whitespace starts; without it the search restarts at every
  // character of a run without a line break and scans to its end (quadratic on a long run of spaces).
  return text.replace(/(?<!\s)\s*[\r\n]+\s*/g, ' ').trim();
}

/** Colour is on only for a terminal, without NO_COLOR (any non-empty value) and without --no-color. */
export function colorEnabled(ctx: Context, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  const noColor = ctx.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return ctx.stdout.isTTY === true;
}
