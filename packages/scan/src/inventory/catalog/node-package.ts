/**
 * Installed npm packages: `node_modules/<name>/package.json` and `node_modules/@scope/<name>/package.json`. Only those
 * (not every package.json: test fixtures and `{"type":"module"}` stubs inside packages are not installed packages).
 */
import { type Cataloger, CatalogError, type CatalogResult } from './cataloger.js';
import { npmLicenses, npmPackage } from './npm-common.js';

const INSTALLED = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/package\.json$/;

export const nodePackageCataloger: Cataloger = {
  name: 'node-package',
  modes: ['rootfs'],
  wants: (path) => path.endsWith('/package.json') && INSTALLED.test(path),
  parse(content, file): CatalogResult {
    let pkg: { name?: unknown; version?: unknown; license?: unknown; licenses?: unknown };
    try {
      pkg = JSON.parse(content.toString('utf8'));
    } catch (e) {
      throw new CatalogError(`not valid JSON: ${(e as Error).message}`);
    }
    if (typeof pkg?.name !== 'string' || typeof pkg.version !== 'string' || pkg.name === '' || pkg.version === '') {
      return { packages: [] };
    }
    return { packages: [npmPackage(pkg.name, pkg.version, { path: file.path }, npmLicenses(pkg), 'node-package')] };
  },
};
