/**
 * `rampart scan image|fs|rootfs TARGET`: the inventory of a target, then the scanners chosen with `--scanners`.
 * The seam: `SCANNERS` maps a scanner name to a function over the inventory; vulnerability, config and secret scanners
 * plug in there (issue 5, 6) without changing how targets are read. Today only `inventory` is registered.
 */
import type { Command } from 'commander';
import { ExitCode, type Finding, RampartError } from '@rampart/core';
import {
  type DbInfo,
  findingsTable,
  type Inventory,
  inventoryTable,
  scanFs,
  scanImage,
  scanRootfs,
  toCycloneDx,
  toCycloneDxVulnerabilities,
  toSarif,
  toSpdx,
  toTable,
} from '@rampart/scan';
import { type CommandModule, parentCommand } from '../command.js';
import type { CliContext } from '../context.js';
import { addGateOptions, emitGateNotes, exitCodeFlag, type GateFlags, gateFindings } from './scan-gate.js';
import { cliVersion } from './version.js';

/**
 * What a scanner adds to a scan: `json` is merged into the JSON result (each scanner under its own key), `findings` go
 * through the gate into the table, SARIF and CycloneDX outputs, `partial` says some input could not be read.
 */
export interface ScannerOutput {
  json: Record<string, unknown>;
  findings?: Finding[];
  partial?: boolean;
  /** Set by the vulnerability scanner: the DB used, for the report header. */
  db?: DbInfo;
}

export interface ScannerRun {
  /** The scanner was named in --scanners (not only defaulted): a scanner that cannot run then warns. */
  explicit: boolean;
  /** --db FILE, for the vulnerability scanner. */
  db?: string;
}

/** A scanner run over a finished inventory. */
export type InventoryScanner = (inv: Inventory, ctx: CliContext, run: ScannerRun) => Promise<ScannerOutput>;

export const SCANNERS = new Map<string, InventoryScanner>([['inventory', async () => ({ json: {} })]]);
/** As Trivy: vulnerabilities and secrets unless --scanners says otherwise. */
export const DEFAULT_SCANNERS = 'vuln,secret';

export interface TargetOptions {
  input?: string;
  platform?: string;
  insecure?: boolean;
  cacheDir?: string;
  timeout?: string;
  skipDirs?: string;
}

export async function inventoryOf(kind: string, target: string | undefined, o: TargetOptions): Promise<Inventory> {
  if (kind === 'image') {
    if ((target === undefined || target === '') && o.input === undefined) {
      throw new RampartError('USAGE', 'scan image needs REF, oci:DIR[:TAG], or --input FILE.tar');
    }
    return scanImage(target ?? '', {
      ...(o.input !== undefined ? { input: o.input } : {}),
      ...(o.platform !== undefined ? { platform: o.platform } : {}),
      ...(o.cacheDir !== undefined ? { cacheDir: o.cacheDir } : {}),
      ...(o.timeout !== undefined ? { timeoutMs: Number(o.timeout) * 1000 } : {}),
      insecure: o.insecure === true,
    });
  }
  if (target === undefined) throw new RampartError('USAGE', `scan ${kind} needs a DIR`);
  const skipDirs = o.skipDirs
    ?.split(',')
    .map((d) => d.trim().replace(/^\.?\/+|\/+$/g, ''))
    .filter((d) => d !== '');
  const opts = skipDirs !== undefined ? { skipDirs } : {};
  return kind === 'fs' ? scanFs(target, opts) : scanRootfs(target, opts);
}

export function addTargetOptions(cmd: Command, kind: string): Command {
  if (kind !== 'image')
    return cmd.option('--skip-dirs <list>', 'comma-separated folders (relative to DIR) not to walk');
  return cmd
    .option('--input <file>', 'a `docker save` archive instead of a registry reference')
    .option('--platform <os/arch>', 'platform of a multi-platform image', 'linux/amd64')
    .option('--insecure', 'plain HTTP to the registry (local registries)')
    .option('--cache-dir <dir>', 'cache of scanned layers, by digest')
    .option('--timeout <seconds>', 'registry request time-out', '30');
}

/** Prints the inventory in the chosen format; a partial result (some file unreadable) exits 2 after printing. */
export function emitInventory(
  ctx: CliContext,
  inv: Inventory,
  format: string,
  extra: Record<string, unknown> = {},
): number {
  const tool = { name: 'rampart', version: cliVersion() };
  if (format === 'json') ctx.emit(JSON.stringify({ ...inv, ...extra }, null, 2));
  else if (format === 'cyclonedx') ctx.emit(toCycloneDx(inv, tool));
  else if (format === 'spdx') ctx.emit(toSpdx(inv, tool));
  else ctx.emit(inventoryTable([inv]));
  return inv.partial ? warnPartial(ctx, inv) : ExitCode.OK;
}

/** The gated findings of a scan, in the chosen format, and the exit code: partial → 2, else the gate's. */
async function emitScan(
  ctx: CliContext,
  inv: Inventory,
  format: string,
  outputs: ScannerOutput[],
  flags: GateFlags,
): Promise<number> {
  const all = outputs.flatMap((o) => o.findings ?? []);
  const gated = gateFindings(all, flags);
  emitGateNotes(ctx, gated);
  const db = outputs.find((o) => o.db !== undefined)?.db;
  const tool = { name: 'rampart', version: cliVersion() };
  const partial = inv.partial || outputs.some((o) => o.partial === true);
  if (format === 'json') {
    const extra = Object.assign({}, ...outputs.map((o) => o.json)) as Record<string, unknown>;
    ctx.emit(
      JSON.stringify({ ...inv, ...extra, findings: gated.findings, suppressed: gated.suppressed.length }, null, 2),
    );
  } else if (format === 'sarif') {
    ctx.emit(JSON.stringify(toSarif(gated.findings, tool), null, 2));
  } else if (format === 'cyclonedx' && db !== undefined) {
    // With vulnerability matching, the SBOM carries a `vulnerabilities` section (CycloneDX 1.6 VEX-style).
    const components = inv.packages.map((p) => ({ purl: p.purl, name: p.name, version: p.version }));
    const vulns = gated.findings.filter((f) => f.kind === 'vulnerability');
    ctx.emit(JSON.stringify(toCycloneDxVulnerabilities(vulns, tool, {}, { components }), null, 2));
  } else if (format === 'cyclonedx' || format === 'spdx') {
    return emitInventory(ctx, inv, format);
  } else {
    const vulns = gated.findings.filter((f) => f.kind === 'vulnerability');
    const others = gated.findings.filter((f) => f.kind !== 'vulnerability');
    const sections = [inventoryTable([inv])];
    if (outputs.some((o) => o.db !== undefined) || vulns.length > 0) {
      sections.push(toTable(vulns, db === undefined ? {} : { db }, { color: ctx.color }));
    }
    if (others.length > 0) sections.push(findingsTable(others));
    ctx.emit(sections.join('\n\n'));
  }
  if (inv.partial) return warnPartial(ctx, inv);
  if (partial) {
    ctx.warn(`${inv.target}: partial result (a scanner could not read some files; see its section of the JSON output)`);
    return ExitCode.USAGE;
  }
  return gated.findings.length > 0 ? exitCodeFlag(flags) : ExitCode.OK;
}

/** Names every file the inventory could not read; a partial result exits 2 after the result was printed. */
function warnPartial(ctx: CliContext, inv: Inventory): number {
  for (const e of inv.errors)
    ctx.warn(`${e.file ?? inv.target}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
  ctx.warn(`${inv.target}: partial result (${inv.errors.length} file(s) could not be read)`);
  return ExitCode.USAGE;
}

function scannerNames(list: string): string[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const n of names) {
    if (!SCANNERS.has(n)) {
      throw new RampartError('USAGE', `unknown scanner "${n}"; available: ${[...SCANNERS.keys()].join(', ')}`, {
        field: '--scanners',
      });
    }
  }
  return names;
}

export const scanCommand: CommandModule = {
  register(program, run) {
    const scan = parentCommand(
      program,
      'scan',
      'scan images and folders: inventory (SBOM), vulnerabilities, config, secrets',
    );
    const kinds: [string, string, string][] = [
      ['image', '[ref]', 'an image: registry REF, oci:DIR[:TAG], or --input FILE.tar (docker save)'],
      ['fs', '<dir>', 'a source tree: lockfiles and manifests'],
      ['rootfs', '<dir>', 'an unpacked filesystem: installed packages'],
    ];
    for (const [kind, arg, description] of kinds) {
      const cmd = scan
        .command(`${kind} ${arg}`)
        .description(description)
        .option(
          '--scanners <list>',
          `comma-separated scanners: inventory, vuln, secret, config (default ${DEFAULT_SCANNERS})`,
        )
        .option('--db <file>', 'vulnerability DB (default: $RAMPART_DB or $XDG_CACHE_HOME/rampart/db.sqlite)');
      addGateOptions(addTargetOptions(cmd, kind)).action(
        (target: string | undefined, o: TargetOptions & GateFlags & { scanners?: string; db?: string }) =>
          run(async (ctx) => {
            const format = ctx.formatOr(['table', 'json', 'sarif', 'cyclonedx', 'spdx'], 'json');
            const explicit = o.scanners !== undefined;
            const names = scannerNames(o.scanners ?? DEFAULT_SCANNERS);
            const inv = await inventoryOf(kind, target, o);
            const outputs: ScannerOutput[] = [];
            for (const n of names) {
              const scanner = SCANNERS.get(n) as InventoryScanner;
              outputs.push(await scanner(inv, ctx, { explicit, ...(o.db !== undefined ? { db: o.db } : {}) }));
            }
            return emitScan(ctx, inv, format, outputs, o);
          }),
      );
    }
  },
};
