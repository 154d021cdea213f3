/** Report writers for any Finding[]: SARIF 2.1.0 (more writers join here as they land). */
export { toSarif, SARIF_SCHEMA_URI, type SarifLog, type SarifOptions } from './sarif.js';
export type { ToolInfo, ReportContext } from './tool-info.js';
