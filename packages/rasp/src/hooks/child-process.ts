/**
 * child_process: `exec`/`execSync` always run a shell; `spawn`, `spawnSync`, `execFile`, `execFileSync` do when
 * `shell` is set, or when the program is itself a shell given `-c`. Without a shell, arguments are not parsed, so
 * user input in them cannot add commands and is not checked.
 */
import childProcess from 'node:child_process';
import { checkShell } from './checks.js';
import { wrapMethod } from './wrap.js';

const SHELLS = /(^|\/)(ba|da|z|k|fi)?sh$|(^|\/)(cmd|powershell|pwsh)(\.exe)?$/i;

function optionsArg(args: readonly unknown[]): { shell?: unknown } | undefined {
  for (let i = 1; i < args.length && i < 3; i++) {
    const a = args[i];
    if (a !== null && typeof a === 'object' && !Array.isArray(a)) return a as { shell?: unknown };
  }
  return undefined;
}

/** The command line a shell will parse for this call, or undefined when no shell parses it. */
function shellCommand(args: readonly unknown[]): string | undefined {
  const file = args[0];
  if (typeof file !== 'string') return undefined;
  const argv = Array.isArray(args[1]) ? (args[1] as unknown[]).map(String) : [];
  const shell = optionsArg(args)?.shell;
  if (shell !== undefined && shell !== false) return [file, ...argv].join(' ');
  if (SHELLS.test(file)) {
    const c = argv.findIndex((a) => a === '-c' || a === '/c' || a === '-Command');
    if (c !== -1 && argv[c + 1] !== undefined) return argv[c + 1];
  }
  return undefined;
}

export function hookChildProcess(): void {
  for (const name of ['exec', 'execSync']) {
    wrapMethod(
      childProcess,
      name,
      (original) =>
        function raspExec(this: unknown, ...args: unknown[]) {
          if (typeof args[0] === 'string') checkShell(`child_process.${name}`, args[0]);
          return original.apply(this, args);
        },
    );
  }
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync']) {
    wrapMethod(
      childProcess,
      name,
      (original) =>
        function raspSpawn(this: unknown, ...args: unknown[]) {
          const command = shellCommand(args);
          if (command !== undefined) checkShell(`child_process.${name}`, command);
          return original.apply(this, args);
        },
    );
  }
}
