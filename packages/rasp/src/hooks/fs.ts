/**
 * fs and fs/promises: the functions that take a path (one or two). The wrapper costs one AsyncLocalStorage read when
 * no request is being handled (module loading, start-up), which is when most fs calls happen.
 */
import fs from 'node:fs';
import { checkPath } from './checks.js';
import { wrapMethod } from './wrap.js';

const ONE_PATH = [
  'access',
  'appendFile',
  'chmod',
  'chown',
  'createReadStream',
  'createWriteStream',
  'exists',
  'lchown',
  'lstat',
  'lutimes',
  'mkdir',
  'mkdtemp',
  'open',
  'opendir',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'truncate',
  'unlink',
  'utimes',
  'watch',
  'watchFile',
  'writeFile',
];
const TWO_PATHS = ['copyFile', 'cp', 'link', 'rename', 'symlink'];

function hookObject(target: object, prefix: string, names: readonly string[], paths: 1 | 2): void {
  for (const name of names) {
    wrapMethod(
      target,
      name,
      (original) =>
        function raspFs(this: unknown, ...args: unknown[]) {
          checkPath(`${prefix}.${name}`, args[0]);
          if (paths === 2) checkPath(`${prefix}.${name}`, args[1]);
          return original.apply(this, args);
        },
    );
  }
}

export function hookFs(): void {
  const sync = (names: readonly string[]) => names.map((n) => `${n}Sync`);
  const callbackOnly = new Set(['createReadStream', 'createWriteStream', 'watch', 'watchFile']);
  hookObject(fs, 'fs', ONE_PATH, 1);
  hookObject(fs, 'fs', sync(ONE_PATH.filter((n) => !callbackOnly.has(n))), 1);
  hookObject(fs, 'fs', TWO_PATHS, 2);
  hookObject(fs, 'fs', sync(TWO_PATHS), 2);
  hookObject(
    fs.promises,
    'fs.promises',
    ONE_PATH.filter((n) => !callbackOnly.has(n) && n !== 'exists'),
    1,
  );
  hookObject(fs.promises, 'fs.promises', TWO_PATHS, 2);
}
