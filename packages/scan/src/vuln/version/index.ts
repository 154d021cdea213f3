/** Version ordering per ecosystem: one scheme per file, picked by OSV ecosystem name. */
export { type VersionScheme, InvalidVersionError, compareVersions } from './scheme.js';
export { schemeFor, baseEcosystem, SUPPORTED_ECOSYSTEMS } from './registry.js';
export { isValidApk } from './apk.js';
