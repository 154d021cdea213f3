/** node-postgres (`pg`): every query goes through `Client.prototype.query` (Pool.query included). */
import { POSTGRES } from '../vulnerabilities/sql/dialect.js';
import { checkSql } from './checks.js';
import { type PackageHook, prototypeOf } from './package-hooks.js';
import { wrapMethod } from './wrap.js';

export const pgHook: PackageHook = {
  name: 'pg',
  patch(exports) {
    wrapMethod(prototypeOf(exports, 'Client'), 'query', (original) =>
      function raspPgQuery(this: unknown, config: unknown, ...rest: unknown[]) {
        checkSql('pg.query', queryText(config), POSTGRES);
        return original.call(this, config, ...rest);
      },
    );
  },
};

function queryText(config: unknown): unknown {
  if (typeof config === 'string') return config;
  if (config !== null && typeof config === 'object') return (config as { text?: unknown }).text;
  return undefined;
}
