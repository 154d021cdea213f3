/**
 * mariadb (Connector/Node.js): the promise and callback APIs and pools all end in the internal connection class
 * (`lib/connection.js`), whose methods take a `{ sql, values }` command parameter.
 */
import { MYSQL } from '../vulnerabilities/sql/dialect.js';
import { checkSql } from './checks.js';
import { sqlText } from './mysql2.js';
import { type PackageHook, prototypeOf } from './package-hooks.js';
import { wrapMethod } from './wrap.js';

export const mariadbHook: PackageHook = {
  name: 'mariadb',
  patch(_exports, load) {
    const proto = prototypeOf(load('lib/connection.js'));
    for (const method of ['query', 'prepare', 'prepareExecute', 'queryStream']) {
      wrapMethod(proto, method, (original) =>
        function raspMariadb(this: unknown, cmdParam: unknown, ...rest: unknown[]) {
          checkSql(`mariadb.${method}`, sqlText(cmdParam), MYSQL);
          return original.call(this, cmdParam, ...rest);
        },
      );
    }
  },
};
