/** better-sqlite3: statements are compiled by `Database.prototype.prepare`; `exec` runs SQL text directly. */
import { SQLITE } from '../vulnerabilities/sql/dialect.js';
import { checkSql } from './checks.js';
import type { PackageHook } from './package-hooks.js';
import { wrapMethod } from './wrap.js';

export const betterSqlite3Hook: PackageHook = {
  name: 'better-sqlite3',
  patch(exports) {
    const proto = typeof exports === 'function' ? (exports.prototype as object) : undefined;
    for (const method of ['prepare', 'exec']) {
      wrapMethod(
        proto,
        method,
        (original) =>
          function raspBetterSqlite3(this: unknown, sql: unknown, ...rest: unknown[]) {
            checkSql(`better-sqlite3.${method}`, sql, SQLITE);
            return original.call(this, sql, ...rest);
          },
      );
    }
    return undefined;
  },
};
