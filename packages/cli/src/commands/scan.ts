/**
 * `rampart scan image|fs|rootfs TARGET`: the inventory of a target, then the scanners chosen with `--scanners`.
 * The seam: `SCANNERS` maps a scanner name to a function over the inventory; vulnerability, config and secret scanners
 * plug in there (issue 5, 6) without changing how targets are read. Today only `inventory` is registered.
 */
import type { Command } from 'commander';
import { ExitCode, RampartError } from '@rampart/core';
import { type Inventory, inventoryTable, scanFs, scanImage, scanRootfs, toCycloneDx, toSpdx } from '@rampart/scan';
import { type CommandModule, parentCommand } from '../command.js';
import type { CliContext } from '../context.js';
import { cliVersion } from './version.js';

/** A scanner run over a finished inventory; returns text sections or data to merge into the JSON result. */
export type InventoryScanner = (inv: Inventory, ctx: CliContext) => Promise<Record<string, unknown>>;

export const SCANNERS = new Map<string, InventoryScanner>([['inventory', async () => ({})]]);
const DEFAULT_SCANNERS = 'inventory';

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
  if (inv.partial) {
    for (const e of inv.errors)
      ctx.warn(`${e.file ?? inv.target}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
    ctx.warn(`${inv.target}: partial result (${inv.errors.length} file(s) could not be read)`);
    return ExitCode.USAGE;
  }
  return ExitCode.OK;
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
        .option('--scanners <list>', `comma-separated scanners (${[...SCANNERS.keys()].join(', ')})`, DEFAULT_SCANNERS);
      addTargetOptions(cmd, kind).action((target: string | undefined, o: TargetOptions & { scanners: string }) =>
        run(async (ctx) => {
          const format = ctx.formatOr(['table', 'json', 'cyclonedx', 'spdx'], 'json');
          const names = o.scanners
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
          const inv = await inventoryOf(kind, target, o);
          const extra: Record<string, unknown> = {};
          for (const n of names) Object.assign(extra, await (SCANNERS.get(n) as InventoryScanner)(inv, ctx));
          return emitInventory(ctx, inv, format, extra);
        }),
      );
    }
  },
};
