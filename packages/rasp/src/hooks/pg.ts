/**
 * node-postgres (`pg`): every query goes through `Client.prototype.query`. `Pool.prototype.query` is hooked as well so
 * that the check runs in the app's own call (its stack frame is in the event), not in the pool's connect callback.
 */
import { POSTGRES } from '../vulnerabilities/sql/dialect.js';
import { checkSql } from './checks.js';
import { type PackageHook, prototypeOf } from './package-hooks.js';
import { wrapMethod } from './wrap.js';

export const pgHook: PackageHook = {
  name: 'pg',
  patch(exports) {
    for (const cls of ['Client', 'Pool']) {
      wrapMethod(
        prototypeOf(exports, cls),
        'query',
        (original) =>
          function raspPgQuery(this: unknown, config: unknown, ...rest: unknown[]) {
            checkSql('pg.query', queryText(config), POSTGRES);
            return original.call(this, config, ...rest);
          },
      );
    }
    return undefined;
  },
};

function queryText(config: unknown): unknown {
  if (typeof config === 'string') return config;
  if (config !== null && typeof config === 'object') return (config as { text?: unknown }).text;
  return undefined;
}
