/** sqlite3 (node-sqlite3): the Database methods that take SQL text as their first argument. */
import { SQLITE } from '../vulnerabilities/sql/dialect.js';
import { checkSql } from './checks.js';
import { type PackageHook, prototypeOf } from './package-hooks.js';
import { wrapMethod } from './wrap.js';

export const sqlite3Hook: PackageHook = {
  name: 'sqlite3',
  patch(exports) {
    const proto = prototypeOf(exports, 'Database');
    for (const method of ['run', 'get', 'all', 'each', 'map', 'exec', 'prepare']) {
      wrapMethod(
        proto,
        method,
        (original) =>
          function raspSqlite3(this: unknown, sql: unknown, ...rest: unknown[]) {
            checkSql(`sqlite3.${method}`, sql, SQLITE);
            return original.call(this, sql, ...rest);
          },
      );
    }
    return undefined;
  },
};
