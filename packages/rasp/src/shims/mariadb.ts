/**
 * What `import ... from 'mariadb'` resolves to under the agent (see hooks/esm-resolve.ts): the package's CommonJS
 * build, required from the importing module's location so that the CommonJS hook (hooks/mariadb.ts) applies, with the
 * named exports of the package's ES module build.
 */
import { createRequire } from 'node:module';

const parent = new URL(import.meta.url).searchParams.get('parent') ?? import.meta.url;
// biome-ignore lint/suspicious/noExplicitAny: re-exports an untyped package.
const mariadb: any = createRequire(parent)('mariadb');

export default mariadb;
export const {
  SqlError,
  TypeNumbers,
  Types,
  createConnection,
  createPool,
  createPoolCluster,
  defaultOptions,
  importFile,
  version,
} = mariadb;
