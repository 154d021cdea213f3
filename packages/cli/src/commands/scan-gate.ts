/**
 * The CI gate flags every scan command shares, as Trivy users know them: `--severity`, `--exit-code`,
 * `--ignore-unfixed`, `--ignorefile` (default `.rampartignore`), `--vex`.
 */
import type { Command } from 'commander';
import { type Finding, RampartError } from '@rampart/core';
import { applyGate, type GateResult, parseSeverityList, readIgnoreFile, readVexFile } from '@rampart/scan';
import { existsSync } from 'node:fs';
import type { CliContext } from '../context.js';

export interface GateFlags {
  severity?: string;
  exitCode?: string;
  ignoreUnfixed?: boolean;
  ignorefile?: string;
  vex?: string[];
}

/** Adds `--severity`, `--exit-code`, `--ignore-unfixed`, `--ignorefile`, `--vex` to a command. */
export function addGateOptions(cmd: Command): Command {
  return cmd
    .option('--severity <list>', 'severities to report, comma-separated (CRITICAL,HIGH,MEDIUM,LOW,UNKNOWN)')
    .option('--exit-code <n>', 'exit with this code when findings remain after the gate', '0')
    .option('--ignore-unfixed', 'leave out vulnerabilities that have no fixed version')
    .option(
      '--ignorefile <file>',
      'IDs or purl patterns to ignore, with optional exp:YYYY-MM-DD (default .rampartignore)',
    )
    .option(
      '--vex <file>',
      'OpenVEX or CycloneDX VEX document (repeatable); not_affected statements suppress findings',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    );
}

/** Applies the gate flags; a missing default `.rampartignore` is fine, a missing named one is an error. */
export function gateFindings(findings: readonly Finding[], flags: GateFlags): GateResult {
  const ignorefile = flags.ignorefile ?? (existsSync('.rampartignore') ? '.rampartignore' : undefined);
  return applyGate(findings, {
    ...(flags.severity !== undefined ? { severities: parseSeverityList(flags.severity) } : {}),
    ignoreUnfixed: flags.ignoreUnfixed === true,
    ...(ignorefile !== undefined ? { ignore: readIgnoreFile(ignorefile) } : {}),
    ...(flags.vex !== undefined ? { vex: flags.vex.flatMap((f) => readVexFile(f)) } : {}),
  });
}

export function exitCodeFlag(flags: GateFlags): number {
  const n = Number(flags.exitCode ?? '0');
  if (!Number.isInteger(n) || n < 0 || n > 255) {
    throw new RampartError('USAGE', `--exit-code must be an integer 0-255, not "${flags.exitCode}"`, {
      field: '--exit-code',
    });
  }
  return n;
}

/** Ignore-file notes (expired entries, entries that matched nothing) on stderr. */
export function emitGateNotes(ctx: CliContext, gated: GateResult): void {
  for (const note of gated.notes) ctx.warn(note);
  if (gated.suppressed.length > 0) ctx.info(`${gated.suppressed.length} finding(s) suppressed by ignore file or VEX`);
}
