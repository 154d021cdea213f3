/**
 * mariadb (Connector/Node.js 3): its CommonJS build is one bundle whose classes are not exported, so the hook wraps the
 * factories and patches the prototype of the first connection and pool they return; every later one shares it. ES module
 * apps reach the same build through the resolve hook (esm-resolve.ts).
 */
import { MYSQL } from '../vulnerabilities/sql/dialect.js';
import { checkSql } from './checks.js';
import { sqlText } from './mysql2.js';
import type { PackageHook } from './package-hooks.js';
import { type AnyFunction, wrapMethod } from './wrap.js';

const SQL_METHODS = ['query', 'execute', 'queryStream', 'prepare', 'batch'];

function patchInstance(instance: unknown): void {
  if (instance === null || typeof instance !== 'object') return;
  const proto = Object.getPrototypeOf(instance) as object | null;
  if (proto === null || proto === Object.prototype) return;
  for (const method of SQL_METHODS) {
    wrapMethod(
      proto,
      method,
      (original) =>
        function raspMariadb(this: unknown, sql: unknown, ...rest: unknown[]) {
          checkSql(`mariadb.${method}`, sqlText(sql), MYSQL);
          return original.call(this, sql, ...rest);
        },
    );
  }
  // Pools hand out connections of the connection class: patch it on the first one.
  wrapMethod(
    proto,
    'getConnection',
    (original) =>
      function raspMariadbGetConnection(this: unknown, ...args: unknown[]) {
        const p = original.apply(this, args) as Promise<unknown>;
        return p.then((conn) => {
          patchInstance(conn);
          return conn;
        });
      },
  );
}

export const mariadbHook: PackageHook = {
  name: 'mariadb',
  patch(exports) {
    if (exports === null || typeof exports !== 'object') return undefined;
    // The bundle's exports are non-configurable getters: hand out a copy whose factories are wrapped.
    const facade: Record<string, unknown> = { ...(exports as Record<string, unknown>) };
    facade.default = facade;
    wrapMethod(
      facade,
      'createConnection',
      (original: AnyFunction) =>
        function raspCreateConnection(this: unknown, ...args: unknown[]) {
          return (original.apply(this, args) as Promise<unknown>).then((conn) => {
            patchInstance(conn);
            return conn;
          });
        },
    );
    wrapMethod(
      facade,
      'createPool',
      (original: AnyFunction) =>
        function raspCreatePool(this: unknown, ...args: unknown[]) {
          const pool = original.apply(this, args);
          patchInstance(pool);
          return pool;
        },
    );
    return facade;
  },
};
