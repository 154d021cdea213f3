/** mongodb driver: the Collection methods whose filter (or pipeline) the server evaluates. */
import { checkNoSql } from './checks.js';
import { type PackageHook, prototypeOf } from './package-hooks.js';
import { wrapMethod } from './wrap.js';

const FILTER_FIRST = [
  'find',
  'findOne',
  'countDocuments',
  'count',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'aggregate',
];

export const mongodbHook: PackageHook = {
  name: 'mongodb',
  patch(exports) {
    const proto = prototypeOf(exports, 'Collection');
    for (const method of FILTER_FIRST) {
      wrapMethod(
        proto,
        method,
        (original) =>
          function raspMongo(this: unknown, filter: unknown, ...rest: unknown[]) {
            checkNoSql(`mongodb.${method}`, filter);
            return original.call(this, filter, ...rest);
          },
      );
    }
    wrapMethod(
      proto,
      'distinct',
      (original) =>
        function raspMongoDistinct(this: unknown, key: unknown, filter: unknown, ...rest: unknown[]) {
          checkNoSql('mongodb.distinct', filter);
          return original.call(this, key, filter, ...rest);
        },
    );
    return undefined;
  },
};
