/** Report writers for any Finding[] (SARIF 2.1.0, JSON, table, CycloneDX 1.6 VDR) and the CI gate. */
export { toSarif, SARIF_SCHEMA_URI, type SarifLog, type SarifOptions } from './sarif.js';
export { toJsonReport, type JsonReportInput } from './json.js';
export { toTable, type TableOptions } from './table.js';
export { toCycloneDxVulnerabilities, type CycloneDxOptions } from './cyclonedx.js';
export type { ToolInfo, ReportContext } from './tool-info.js';
export {
  applyGate,
  gateExitCode,
  parseSeverityList,
  type GateOptions,
  type GateResult,
  type Suppressed,
} from './gate/gate.js';
export { readIgnoreFile, parseIgnoreFile, type IgnoreEntry } from './gate/ignore-file.js';
export { readVexFile, parseVex, type VexStatement } from './gate/vex.js';
