/**
 * `rampart scan sbom FILE`: matches an existing CycloneDX or SPDX JSON SBOM against the vulnerability DB, without
 * rescanning, and reports as Trivy users know it (table, JSON, SARIF, CycloneDX) behind the CI gate flags
 * (scan-gate.ts). It also registers the `vuln` scanner of `scan image|fs|rootfs`.
 */
import {
  type DbInfo,
  type GateResult,
  gateExitCode,
  matchInventoryWithStats,
  openVulnDb,
  readSbomFile,
  toCycloneDxVulnerabilities,
  toJsonReport,
  toSarif,
  toTable,
} from '@rampart/scan';
import { existsSync } from 'node:fs';
import { type CommandModule, parentCommand } from '../command.js';
import type { CliContext } from '../context.js';
import { dbPathOf } from './db.js';
import { addGateOptions, emitGateNotes, exitCodeFlag, type GateFlags, gateFindings } from './scan-gate.js';
import { SCANNERS } from './scan.js';
import { cliVersion } from './version.js';

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
  emitGateNotes(ctx, gated);
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
  return gateExitCode(gated, exitCodeFlag(flags));
}

/**
 * The `vuln` scanner for `scan image|fs|rootfs --scanners ...,vuln` (the seam scan.ts offers): matches the inventory
 * against the DB (`$RAMPART_DB` or the cache dir) and adds `vulnerabilities`, `vulnerabilityDb` and `matchStats` to the
 * JSON result. Without a DB it warns and adds the reason instead of failing the inventory.
 */
SCANNERS.set('vuln', async (inv, ctx, run) => {
  const path = dbPathOf(run.db !== undefined ? { db: run.db } : {}, ctx);
  if (!existsSync(path)) {
    const reason = `no vulnerability DB at ${path}: run "rampart db import PATH" or "rampart db update"`;
    // Explicitly asked for, or with --db: the user expects matching, so say so loudly; by default, a note.
    if (run.explicit || run.db !== undefined) ctx.warn(`vulnerability matching skipped: ${reason}`);
    else ctx.info(`vulnerability matching skipped: ${reason}`);
    return { json: { vulnerabilityScan: { skipped: reason } } };
  }
  const db = openVulnDb(path);
  try {
    const { findings, stats } = matchInventoryWithStats(inv, db);
    ctx.info(`vulnerability DB: ${db.info.path} (updated ${db.info.updatedAt}, data as of ${db.info.dataModified})`);
    return {
      json: {
        vulnerabilities: findings.map((f) => ({ ...f, aliases: f.aliases ?? [] })),
        vulnerabilityDb: db.info,
        matchStats: stats,
      },
      findings,
      db: db.info,
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
