export { scanConfig, parseCheckGroups } from './scan-config.js';
export { CHECK_GROUPS, type CheckGroup, type ConfigScanOptions, type ConfigScanResult } from './types.js';
