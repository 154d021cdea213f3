/**
 * One error class for every Rampart capability. The `code` is stable (scripts and tests match on it); the message is for
 * humans. Where an error is about a place in an input, it carries that place, so the CLI can print `file:line:column`.
 */

/** The process exit codes every command uses (documented in the README). */
export const ExitCode = {
  /** Success: nothing over the gate. */
  OK: 0,
  /** The command ran, and found something at or over the configured gate (e.g. `--exit-code` with findings). */
  FINDINGS: 1,
  /** Usage, configuration or input error: the user has something to fix. */
  USAGE: 2,
  /** Runtime failure: network, I/O, a bug. */
  RUNTIME: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Codes defined by core. Capabilities add their own with a prefix (`SCAN_`, `WAF_`, `SIEM_`, ...). */
export type CoreErrorCode =
  | 'USAGE'
  | 'UNKNOWN_COMMAND'
  | 'CONFIG_PARSE'
  | 'CONFIG_INVALID'
  | 'CONFIG_SUBSTITUTION'
  | 'INPUT_NOT_FOUND'
  | 'INPUT_INVALID'
  | 'SCHEMA_INVALID'
  | 'NETWORK'
  | 'IO'
  | 'TIMEOUT'
  | 'INTERNAL';

// `string & {}` keeps autocompletion for the known codes while letting capabilities add theirs.
export type ErrorCode = CoreErrorCode | (string & {});

/** Where in an input an error is. All optional: an error names what it knows. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** A field path such as `routes[2].auth.jwt.issuer`. */
  field?: string;
}

export interface RampartErrorOptions extends ErrorLocation {
  cause?: unknown;
  /** Overrides the exit code derived from the code. */
  exitCode?: ExitCode;
  /** Further errors of the same kind, reported together (e.g. every config error, not the first only). */
  details?: readonly RampartError[];
}

const USAGE_CODES: ReadonlySet<string> = new Set([
  'USAGE',
  'UNKNOWN_COMMAND',
  'CONFIG_PARSE',
  'CONFIG_INVALID',
  'CONFIG_SUBSTITUTION',
  'INPUT_NOT_FOUND',
  'INPUT_INVALID',
  'SCHEMA_INVALID',
]);

export class RampartError extends Error {
  override readonly name = 'RampartError';
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;
  readonly exitCode: ExitCode;
  readonly details: readonly RampartError[];

  constructor(code: ErrorCode, message: string, options: RampartErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.field = options.field;
    this.details = options.details ?? [];
    this.exitCode = options.exitCode ?? (USAGE_CODES.has(code) ? ExitCode.USAGE : ExitCode.RUNTIME);
  }

  /** `file:line:column` (as much as is known), or undefined when the error has no place. */
  get where(): string | undefined {
    if (this.file === undefined) return undefined;
    let s = this.file;
    if (this.line !== undefined) {
      s += `:${this.line}`;
      if (this.column !== undefined) s += `:${this.column}`;
    }
    return s;
  }

  /** One line for a terminal: `file:line:col: field: message (CODE)`. */
  format(): string {
    const parts: string[] = [];
    const where = this.where;
    if (where !== undefined) parts.push(where);
    if (this.field !== undefined && this.field !== '') parts.push(this.field);
    parts.push(this.message);
    return `${parts.join(': ')} [${this.code}]`;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.file !== undefined) out.file = this.file;
    if (this.line !== undefined) out.line = this.line;
    if (this.column !== undefined) out.column = this.column;
    if (this.field !== undefined) out.field = this.field;
    if (this.details.length > 0) out.details = this.details.map((d) => d.toJSON());
    return out;
  }
}

export function isRampartError(e: unknown): e is RampartError {
  return e instanceof RampartError;
}

/** Wraps anything thrown into a RampartError, keeping RampartErrors as they are. */
export function toRampartError(e: unknown, code: ErrorCode = 'INTERNAL'): RampartError {
  if (e instanceof RampartError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new RampartError(code, message, { cause: e });
}
