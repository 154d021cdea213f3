/** `rampart scan secrets PATH`: hard-coded secrets in files and folders, or in git history with --git. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExitCode, RampartError } from '@rampart/core';
import { findingsTable, loadSecretsConfig, scanSecretsGitHistory, scanSecretsPath, toSarif } from '@rampart/scan';
import { type CommandModule, parentCommand } from '../command.js';
import { SCANNERS } from './scan.js';
import { exitCodeFor } from './scan-config.js';
import { cliVersion } from './version.js';

interface ScanSecretsOptions {
  git?: boolean;
  config?: string;
  maxFileSize?: string;
  exitCode?: string;
}

// `rampart scan fs|rootfs DIR --scanners secret`: the same scan over the target folder, merged into the JSON result.
SCANNERS.set('secret', async (inv, ctx, run) => {
  if (inv.targetType === 'image') {
    const reason = 'image layers are not scanned for secrets yet; scan an unpacked rootfs instead';
    if (run.explicit) ctx.warn(`--scanners secret: ${reason}`);
    return { json: { secrets: { skipped: reason } } };
  }
  const result = await scanSecretsPath(inv.target);
  return { json: { secrets: result }, findings: result.findings, partial: result.partial };
});

export const scanSecretsCommand: CommandModule = {
  register(program, run) {
    parentCommand(program, 'scan', 'scan artifacts for vulnerabilities, misconfigurations and secrets')
      .command('secrets')
      .description('find hard-coded secrets (keys, tokens, passwords) in files, folders or git history')
      .argument('<path>', 'a file or folder (with --git: a git work tree or repository)')
      .option('--git', 'scan every commit of every branch (each finding names the commit and its author date)')
      .option('--config <file>', 'YAML config with allowlist.paths, regexes, stopwords and rules')
      .option('--max-file-size <bytes>', 'scan at most this many bytes of a file')
      .option('--exit-code <code>', 'exit with this code when there are findings (default 0)')
      .action((path: string, opts: ScanSecretsOptions) =>
        run(async (ctx) => {
          const format = ctx.formatOr(['table', 'json', 'sarif'], 'json');
          const allowlist = opts.config === undefined ? undefined : (await loadSecretsConfig(opts.config)).allowlist;
          const maxFileBytes = opts.maxFileSize === undefined ? undefined : Number(opts.maxFileSize);
          if (maxFileBytes !== undefined && (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0)) {
            throw new RampartError('USAGE', `--max-file-size must be a positive integer, not "${opts.maxFileSize}"`, {
              field: '--max-file-size',
            });
          }
          const options = { ...(allowlist ? { allowlist } : {}), ...(maxFileBytes ? { maxFileBytes } : {}) };
          const result =
            opts.git === true ? await scanSecretsGitHistory(path, options) : await scanSecretsPath(path, options);
          for (const s of result.skipped)
            if (s.reason === 'unreadable' || s.reason === 'capped')
              ctx.warn(`${s.path}: ${s.reason}${s.detail ? ` (${s.detail})` : ''}`);
          if (result.partial) ctx.warn('the result is partial: some files could not be read');
          if (format === 'json') {
            ctx.emit(JSON.stringify(result, null, 2));
          } else if (format === 'sarif') {
            const rootUri = `${pathToFileURL(resolve(path)).href}/`;
            ctx.emit(
              JSON.stringify(
                toSarif(result.findings, { name: 'rampart', version: cliVersion() }, { rootUri }),
                null,
                2,
              ),
            );
          } else {
            ctx.emit(findingsTable(result.findings));
          }
          return result.partial ? ExitCode.USAGE : exitCodeFor(opts.exitCode, result.findings.length);
        }),
      );
  },
};
