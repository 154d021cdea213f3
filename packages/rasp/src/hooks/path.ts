/**
 * node:path `join`, `resolve` and `normalize`: apps build file paths with them, and they remove the `../` segments that
 * show the traversal, so the path that reaches fs no longer contains the user input. The arguments are checked as one
 * path, before normalisation, against the same detector as fs.
 */
import path from 'node:path';
import { currentContext } from '../context/request-context.js';
import { checkPath } from './checks.js';
import { wrapMethod } from './wrap.js';

export function hookPath(): void {
  for (const name of ['join', 'resolve', 'normalize']) {
    wrapMethod(
      path,
      name,
      (original) =>
        function raspPath(this: unknown, ...args: unknown[]) {
          if (currentContext() !== undefined && args.length > 0) {
            let raw = '';
            for (const a of args) if (typeof a === 'string') raw = raw === '' || a.startsWith('/') ? a : `${raw}/${a}`;
            checkPath(`path.${name}`, raw);
          }
          return original.apply(this, args);
        },
    );
  }
}
