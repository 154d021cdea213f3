/**
 * `rampart scan sbom FILE`: matches an existing CycloneDX or SPDX JSON SBOM against the vulnerability DB, without
 * rescanning, and reports as Trivy users know it (table, JSON, SARIF, CycloneDX) behind the CI gate flags. The gate
 * flags and the report step are exported for the other scan commands.
 */
import type { Command } from 'commander';
import { type Finding, RampartError } from '@rampart/core';
import {
  applyGate,
  type DbInfo,
  gateExitCode,
  type GateResult,
  matchInventoryWithStats,
  openVulnDb,
  parseSeverityList,
  readIgnoreFile,
  readSbomFile,
  readVexFile,
  toCycloneDxVulnerabilities,
  toJsonReport,
  toSarif,
  toTable,
} from '@rampart/scan';
import { existsSync } from 'node:fs';
import { type CommandModule, parentCommand } from '../command.js';
import type { CliContext } from '../context.js';
import { dbPathOf } from './db.js';
import { SCANNERS } from './scan.js';
import { cliVersion } from './version.js';

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

/** Prints the gated findings in the chosen format and returns the exit code the gate asks for. */
export function emitVulnerabilityReport(
  ctx: CliContext,
  gated: GateResult,
  flags: GateFlags,
  db: DbInfo,
  extra: Record<string, unknown> = {},
  components?: ReadonlyArray<{ purl: string; name: string; version?: string }>,
): number {
  const tool = { name: 'rampart', version: cliVersion(), informationUri: 'https://github.com/rampart' };
  const context = { db: { path: db.path, updatedAt: db.updatedAt, dataModified: db.dataModified, source: db.source } };
  const format = ctx.formatOr(['table', 'json', 'sarif', 'cyclonedx'], 'json');
  for (const note of gated.notes) ctx.warn(note);
  if (format === 'json') {
    ctx.emit(
      JSON.stringify(
        toJsonReport(
          { findings: gated.findings, suppressed: gated.suppressed, notes: gated.notes, extra },
          tool,
          context,
        ),
        null,
        2,
      ),
    );
  } else if (format === 'sarif') {
    ctx.emit(JSON.stringify(toSarif(gated.findings, tool), null, 2));
  } else if (format === 'cyclonedx') {
    ctx.emit(
      JSON.stringify(toCycloneDxVulnerabilities(gated.findings, tool, {}, components ? { components } : {}), null, 2),
    );
  } else {
    ctx.emit(toTable(gated.findings, context, { color: ctx.color }));
  }
  ctx.info(
    `vulnerability DB: ${db.path} (updated ${db.updatedAt || 'unknown'}, data as of ${db.dataModified || 'unknown'})`,
  );
  if (gated.suppressed.length > 0) ctx.info(`${gated.suppressed.length} finding(s) suppressed by ignore file or VEX`);
  return gateExitCode(gated, exitCodeFlag(flags));
}

/**
 * The `vuln` scanner for `scan image|fs|rootfs --scanners ...,vuln` (the seam scan.ts offers): matches the inventory
 * against the DB (`$RAMPART_DB` or the cache dir) and adds `vulnerabilities`, `vulnerabilityDb` and `matchStats` to the
 * JSON result. Without a DB it warns and adds the reason instead of failing the inventory.
 */
SCANNERS.set('vuln', async (inv, ctx) => {
  const path = dbPathOf({}, ctx);
  if (!existsSync(path)) {
    const reason = `no vulnerability DB at ${path}: run "rampart db import PATH" or "rampart db update"`;
    ctx.warn(`vulnerability matching skipped: ${reason}`);
    return { vulnerabilityScan: { skipped: reason } };
  }
  const db = openVulnDb(path);
  try {
    const { findings, stats } = matchInventoryWithStats(inv, db);
    ctx.info(`vulnerability DB: ${db.info.path} (updated ${db.info.updatedAt}, data as of ${db.info.dataModified})`);
    return {
      vulnerabilities: findings.map((f) => ({ ...f, aliases: f.aliases ?? [] })),
      vulnerabilityDb: db.info,
      matchStats: stats,
    };
  } finally {
    db.close();
  }
});

export const scanSbomCommand: CommandModule = {
  register(program, run) {
    const scan = parentCommand(
      program,
      'scan',
      'scan images and folders: inventory (SBOM), vulnerabilities, config, secrets',
    );
    const cmd = scan
      .command('sbom <file>')
      .description('match an existing CycloneDX or SPDX JSON SBOM against the vulnerability DB (no rescan)')
      .option('--db <file>', 'vulnerability DB (default: $XDG_CACHE_HOME/rampart/db.sqlite)');
    addGateOptions(cmd).action((file: string, o: GateFlags & { db?: string }) =>
      run((ctx) => {
        exitCodeFlag(o);
        const sbom = readSbomFile(file);
        const db = openVulnDb(dbPathOf(o, ctx));
        try {
          const { findings, stats } = matchInventoryWithStats(sbom.inventory, db);
          if (sbom.unmatched > 0) {
            ctx.warn(`${sbom.unmatched} SBOM component(s) cannot be matched: ${sbom.reasons.join('; ')}`);
          }
          for (const [why, n] of Object.entries(stats.unmatchable)) ctx.warn(`${n} package(s) not matched: ${why}`);
          const gated = gateFindings(findings, o);
          const components = sbom.inventory.packages.map((p) => ({ purl: p.purl, name: p.name, version: p.version }));
          return emitVulnerabilityReport(
            ctx,
            gated,
            o,
            db.info,
            { sbom: { file, format: sbom.format }, stats },
            components,
          );
        } finally {
          db.close();
        }
      }),
    );
  },
};
