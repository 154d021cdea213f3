/**
 * `@rampart/core/secrets`: the hard-coded secret rules and their engine, shared by the scanner (`rampart scan secrets`)
 * and the gateway's DLP. Zero dependencies.
 */
export type { SecretRule, SecretMatch, FindSecretsOptions } from './types.js';
export { SECRET_RULES } from './rules/index.js';
export { findSecrets, findSecretsInBytes } from './find.js';
export { maskSecret } from './mask.js';
export { shannonEntropy } from './entropy.js';
export { crc32, hasCrc32Base62Suffix } from './checksum.js';
export { isStandIn } from './placeholder.js';
