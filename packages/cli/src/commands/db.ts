/**
 * `rampart db import|update|status`: the local vulnerability DB (OSV data). Offline use is first-class: `import` takes
 * OSV's all.zip exports or a folder of records; `update` downloads the same exports where the network allows. Both
 * swap the DB atomically, so a failed run leaves the DB in use as it was.
 */
import { ExitCode } from '@rampart/core';
import { dbStatus, defaultDbPath, type ImportResult, importOsv, updateDb } from '@rampart/scan';
import { type CommandModule, parentCommand } from '../command.js';
import type { CliContext } from '../context.js';

interface DbOptions {
  db?: string;
}

/** `--db FILE`, else `$RAMPART_DB`, else the user cache dir. */
export function dbPathOf(o: DbOptions, ctx: CliContext): string {
  const env = ctx.streams.env.RAMPART_DB;
  return o.db ?? (env !== undefined && env !== '' ? env : defaultDbPath(ctx.streams.env));
}

function reportImport(ctx: CliContext, result: ImportResult, verb: string): number {
  if (ctx.format === 'json') {
    ctx.emit(JSON.stringify(result, null, 2));
  } else {
    const lines = [`${verb} ${result.imported} advisories into ${result.db} (${result.skipped} skipped)`];
    for (const [eco, n] of Object.entries(result.byEcosystem).sort()) lines.push(`  ${eco.padEnd(14)} ${n}`);
    ctx.emit(lines.join('\n'));
  }
  if (result.skipped > 0) {
    ctx.warn(`${result.skipped} malformed record(s) skipped; first reasons:`);
    for (const r of result.reasons) ctx.info(`  ${r}`);
  }
  const unsupported = Object.entries(result.unsupportedEcosystems);
  if (unsupported.length > 0) {
    ctx.info(`kept, but not matched (no version order for): ${unsupported.map(([e, n]) => `${e} (${n})`).join(', ')}`);
  }
  return ExitCode.OK;
}

export const dbCommand: CommandModule = {
  register(program, run) {
    const db = parentCommand(program, 'db', 'the local vulnerability DB (OSV data): import, update, status');
    db.command('import <paths...>')
      .description('import OSV records: all.zip exports, folders of *.json records, or single files')
      .option('--db <file>', 'DB file (default: $XDG_CACHE_HOME/rampart/db.sqlite)')
      .option('--replace', 'start from an empty DB instead of adding to the current one')
      .action((paths: string[], o: DbOptions & { replace?: boolean }) =>
        run(async (ctx) => {
          const file = dbPathOf(o, ctx);
          const result = await importOsv(paths, {
            db: file,
            replace: o.replace === true,
            ...(ctx.progress ? { onProgress: (d: number, t: number) => progressLine(ctx, `importing ${d}/${t}`) } : {}),
          });
          if (ctx.progress) ctx.streams.stderr.write('\r\u001b[K');
          return reportImport(ctx, result, 'imported');
        }),
      );
    db.command('update')
      .description("download OSV's per-ecosystem exports and swap them in atomically (needs network)")
      .option('--db <file>', 'DB file (default: $XDG_CACHE_HOME/rampart/db.sqlite)')
      .option('--ecosystem <names...>', 'ecosystems to download (default: those in the DB)')
      .option('--base-url <url>', 'mirror of the OSV export bucket', process.env.RAMPART_OSV_MIRROR)
      .option('--attempts <n>', 'download attempts per ecosystem', '3')
      .action((o: DbOptions & { ecosystem?: string[]; baseUrl?: string; attempts: string }) =>
        run(async (ctx) => {
          const result = await updateDb({
            db: dbPathOf(o, ctx),
            ...(o.ecosystem !== undefined ? { ecosystems: o.ecosystem } : {}),
            ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
            attempts: Number(o.attempts) || 3,
            onRetry: (eco, n, err) => ctx.warn(`${eco}: attempt ${n} failed (${err}); retrying`),
            ...(ctx.progress
              ? {
                  onProgress: (eco: string, got: number, total: number | undefined) =>
                    progressLine(ctx, `${eco}: ${bar(got, total)} ${(got / 1048576).toFixed(1)} MiB`),
                }
              : {}),
          });
          if (ctx.progress) ctx.streams.stderr.write('\r\u001b[K');
          return reportImport(ctx, result, 'updated');
        }),
      );
    db.command('status')
      .description('where the DB data came from, when, and counts per ecosystem')
      .option('--db <file>', 'DB file (default: $XDG_CACHE_HOME/rampart/db.sqlite)')
      .action((o: DbOptions) =>
        run((ctx) => {
          const s = dbStatus(dbPathOf(o, ctx));
          if (ctx.format === 'json') {
            ctx.emit(JSON.stringify(s, null, 2));
            return ExitCode.OK;
          }
          const lines = [
            `DB:            ${s.path}`,
            `Source:        ${s.source}`,
            `Updated:       ${s.updatedAt}`,
            `Data modified: ${s.dataModified}`,
            `Advisories:    ${s.advisories} (${s.withdrawn} withdrawn, never matched)`,
            'Ecosystems:',
            ...Object.entries(s.ecosystems).map(([e, n]) => `  ${e.padEnd(14)} ${n}`),
          ];
          if (s.lastImport !== undefined && s.lastImport.skipped > 0) {
            lines.push(`Last import skipped ${s.lastImport.skipped} record(s): ${s.lastImport.reasons.join('; ')}`);
          }
          ctx.emit(lines.join('\n'));
          return ExitCode.OK;
        }),
      );
  },
};

function progressLine(ctx: CliContext, text: string): void {
  ctx.streams.stderr.write(`\r\u001b[K${text}`);
}

function bar(got: number, total: number | undefined): string {
  if (total === undefined || total === 0) return '[' + '?'.repeat(20) + ']';
  const filled = Math.min(20, Math.round((got / total) * 20));
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}]`;
}
