/**
 * `@rampart/scan`: the public surface of the scanner. Each part (inventory, vulnerabilities, config, secrets, report)
 * lives in its own folder with its own index, re-exported here.
 */
export * from './report/index.js';
export * from './vuln/index.js';
export * from './db/index.js';
export * from './inventory/index.js';
export * from './sbom/index.js';
export * from './secrets/index.js';
export * from './config/index.js';
