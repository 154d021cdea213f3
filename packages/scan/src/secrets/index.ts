/** Hard-coded secrets in files, folders and git history (the rules themselves live in `@rampart/core/secrets`). */
export { scanSecretsPath, DEFAULT_MAX_FILE_BYTES } from './scan-path.js';
export { scanSecretsGitHistory } from './git-history.js';
export type { SecretAllowlist, SecretScanOptions, SecretScanResult, SkippedFile } from './types.js';
export { loadSecretsConfig, SECRETS_CONFIG_SCHEMA, type SecretsConfig } from './config.js';
