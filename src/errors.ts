// The one error type the library throws for problems with the user's input (files, rule packs, config).
// The CLI prints it as one line, `gap-check: <file>:<line>: <message>`, and exits 2; anything else is a bug.

export class GapCheckError extends Error {
  readonly code: string;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(code: string, message: string, place: { file?: string; line?: number } = {}) {
    super(message);
    this.name = 'GapCheckError';
    this.code = code;
    this.file = place.file;
    this.line = place.line;
  }

  /** `file:line: message`, the form every error is shown in. */
  format(): string {
    const where = this.file ? (this.line ? `${this.file}:${this.line}: ` : `${this.file}: `) : '';
    return `${where}${this.message}`;
  }
}

export function isGapCheckError(value: unknown): value is GapCheckError {
  return value instanceof GapCheckError;
}
