/**
 * mysql2: `query` and `execute` of the connection class (pools and the promise API call these). The query text is
 * checked before mysql2 splices `?` values into it: values it escapes itself are parameters, not injections.
 */
import { MYSQL } from '../vulnerabilities/sql/dialect.js';
import { checkSql } from './checks.js';
import { type PackageHook, prototypeOf } from './package-hooks.js';
import { wrapMethod } from './wrap.js';

export const mysql2Hook: PackageHook = {
  name: 'mysql2',
  patch(exports) {
    const proto = prototypeOf(exports, 'Connection');
    for (const method of ['query', 'execute']) {
      wrapMethod(
        proto,
        method,
        (original) =>
          function raspMysql2(this: unknown, sql: unknown, ...rest: unknown[]) {
            checkSql(`mysql2.${method}`, sqlText(sql), MYSQL);
            return original.call(this, sql, ...rest);
          },
      );
    }
    return undefined;
  },
};

export function sqlText(sql: unknown): unknown {
  if (typeof sql === 'string') return sql;
  if (sql !== null && typeof sql === 'object') return (sql as { sql?: unknown }).sql;
  return undefined;
}
