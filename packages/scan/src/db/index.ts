/** The local vulnerability DB: OSV import (all or nothing), update from OSV's exports, status, and the read side. */
export { importOsv, type ImportOptions, type ImportResult } from './import.js';
export { openVulnDb, type VulnDb, type DbInfo } from './open.js';
export { dbStatus, type DbStatus } from './status.js';
export { defaultDbPath } from './paths.js';
export { updateDb, DEFAULT_ECOSYSTEMS, OSV_EXPORT_BASE, type UpdateOptions, type UpdateResult } from './update.js';
