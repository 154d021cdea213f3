/** `rampart scan config PATH`: Kubernetes manifests and Dockerfiles through the misconfiguration checks. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExitCode, RampartError } from '@rampart/core';
import {
  CHECK_GROUPS,
  findingsTable,
  parseCheckGroups,
  parsePssLevel,
  reachabilityTable,
  scanConfig,
  toSarif,
} from '@rampart/scan';
import { Option } from 'commander';
import { type CommandModule, parentCommand } from '../command.js';
import { SCANNERS } from './scan.js';
import { cliVersion } from './version.js';

interface ScanConfigOptions {
  checks?: string;
  pss: string;
  pssVersion: string;
  policy?: string[];
  exitCode?: string;
}

// `rampart scan fs|rootfs DIR --scanners config`: manifests and Dockerfiles under the target, merged into the JSON result.
SCANNERS.set('config', async (inv, ctx, run) => {
  if (inv.targetType === 'image') {
    const reason = 'image layers are not scanned for misconfigurations yet; scan an unpacked rootfs instead';
    if (run.explicit) ctx.warn(`--scanners config: ${reason}`);
    return { json: { misconfigurations: { skipped: reason } } };
  }
  const r = await scanConfig(inv.target);
  return {
    json: { misconfigurations: { ...r, errors: r.errors.map((e) => e.toJSON()) } },
    findings: r.findings,
    partial: r.partial,
  };
});

export const scanConfigCommand: CommandModule = {
  register(program, run) {
    parentCommand(program, 'scan', 'scan artifacts for vulnerabilities, misconfigurations and secrets')
      .command('config')
      .description(
        'check Kubernetes manifests and Dockerfiles (PSS, hardening, RBAC, network policies, custom CEL policies)',
      )
      .argument('<path>', 'a file, a folder, or - for stdin (helm template ... | rampart scan config -)')
      .option('--checks <groups>', `check groups, comma-separated (${CHECK_GROUPS.join(', ')}); default all`)
      .addOption(
        new Option('--pss <level>', 'Pod Security Standards level')
          .choices(['baseline', 'restricted'])
          .default('restricted'),
      )
      .option('--pss-version <version>', 'policy version v1.N or latest', 'latest')
      .option('--policy <file...>', 'CEL policy files (custom checks)')
      .option('--exit-code <code>', 'exit with this code when there are findings (default 0)')
      .action((path: string, opts: ScanConfigOptions) =>
        run(async (ctx) => {
          const format = ctx.formatOr(['table', 'json', 'sarif'], 'json');
          const result = await scanConfig(path, {
            ...(opts.checks !== undefined ? { checks: parseCheckGroups(opts.checks) } : {}),
            pssLevel: parsePssLevel(opts.pss),
            pssVersion: opts.pssVersion,
            ...(opts.policy !== undefined ? { policyFiles: opts.policy } : {}),
            stdin: readStdin,
          });
          for (const e of result.errors) ctx.warn(e.format());
          if (result.partial) ctx.warn(`the result is partial: ${result.errors.length} input(s) could not be scanned`);
          const unknown = Object.entries(result.summary.unknownKinds);
          if (unknown.length > 0)
            ctx.info(`skipped kinds no check knows: ${unknown.map(([k, n]) => `${k} (${n})`).join(', ')}`);
          if (format === 'json') {
            ctx.emit(JSON.stringify({ ...result, errors: result.errors.map((e) => e.toJSON()) }, null, 2));
          } else if (format === 'sarif') {
            const rootUri = path === '-' ? undefined : `${pathToFileURL(resolve(path)).href}/`;
            ctx.emit(
              JSON.stringify(
                toSarif(result.findings, { name: 'rampart', version: cliVersion() }, rootUri ? { rootUri } : {}),
                null,
                2,
              ),
            );
          } else {
            const np = result.networkPolicy;
            ctx.emit(
              np === undefined
                ? findingsTable(result.findings)
                : `${findingsTable(result.findings)}\n\n${reachabilityTable(np)}`,
            );
          }
          // As the other scan commands: a partial result is printed, then reported as an input error.
          return result.partial ? ExitCode.USAGE : exitCodeFor(opts.exitCode, result.findings.length);
        }),
      );
  },
};

export function exitCodeFor(option: string | undefined, findings: number): number {
  if (option === undefined || findings === 0) return ExitCode.OK;
  const code = Number(option);
  if (!Number.isInteger(code) || code < 0 || code > 255) {
    throw new RampartError('USAGE', `--exit-code must be an integer 0-255, not "${option}"`, { field: '--exit-code' });
  }
  return code;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
