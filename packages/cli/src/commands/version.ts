import { readFileSync } from 'node:fs';
import type { CommandModule } from '../command.js';

/** Version of the CLI package, read from its package.json (one source of truth). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export const versionCommand: CommandModule = {
  register(program, run) {
    program
      .command('version')
      .description('print the version of rampart and its runtime')
      .action(() =>
        run((ctx) => {
          const info = {
            version: cliVersion(),
            node: process.versions.node,
            platform: `${process.platform}/${process.arch}`,
          };
          if (ctx.format === 'json') ctx.emit(JSON.stringify(info));
          else ctx.emit(`rampart ${info.version} (node ${info.node}, ${info.platform})`);
          return 0;
        }),
      );
  },
};
