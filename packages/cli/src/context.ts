/**
 * What every command gets from the global flags: the output format and destination, quiet, and whether color and progress
 * may be used. Commands print through it so `--output FILE` and `--format json` behave the same everywhere.
 */
import { writeFileSync } from 'node:fs';
import { RampartError } from '@rampart/core';

export interface GlobalOptions {
  format?: string;
  output?: string;
  quiet?: boolean;
  color?: boolean;
}

export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export class CliContext {
  readonly format: string | undefined;
  readonly output: string | undefined;
  readonly quiet: boolean;
  /** Color on stderr/stdout: only with a TTY, never with --no-color or NO_COLOR. */
  readonly color: boolean;
  /** Progress bars and spinners: only when stderr is a TTY and not quiet. */
  readonly progress: boolean;
  readonly streams: Streams;

  constructor(opts: GlobalOptions, streams: Streams) {
    this.streams = streams;
    this.format = opts.format;
    this.output = opts.output;
    this.quiet = opts.quiet === true;
    const noColorEnv = streams.env.NO_COLOR !== undefined && streams.env.NO_COLOR !== '';
    this.color = opts.color !== false && !noColorEnv && streams.stderr.isTTY === true;
    this.progress = !this.quiet && streams.stderr.isTTY === true && streams.env.CI !== 'true';
  }

  /** The format to use: the flag, else table on a TTY, else the command's non-TTY default. */
  formatOr(allowed: readonly string[], fallback: string): string {
    const f = this.format ?? (this.streams.stdout.isTTY === true && this.output === undefined ? 'table' : fallback);
    if (!allowed.includes(f)) {
      throw new RampartError('USAGE', `--format ${f} is not supported here; use one of: ${allowed.join(', ')}`, {
        field: '--format',
      });
    }
    return f;
  }

  /** Writes the command's result to --output FILE, or stdout. */
  emit(text: string): void {
    const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
    if (this.output !== undefined && this.output !== '-') {
      try {
        writeFileSync(this.output, body);
      } catch (e) {
        throw new RampartError('IO', `cannot write --output ${this.output}: ${(e as Error).message}`, {
          file: this.output,
        });
      }
    } else {
      this.streams.stdout.write(body);
    }
  }

  /** A human note on stderr (suppressed by --quiet). */
  info(text: string): void {
    if (!this.quiet) this.streams.stderr.write(`${text}\n`);
  }

  warn(text: string): void {
    this.streams.stderr.write(`${this.paint('33', 'warning')}: ${text}\n`);
  }

  paint(code: string, text: string): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }
}
