/** Vulnerability matching: version orders per ecosystem, OSV range evaluation, severity, fix advice. */
export {
  matchInventory,
  matchInventoryWithStats,
  type MatchOptions,
  type MatchResult,
  type MatchStats,
} from './match/matcher.js';
export { evaluateAffected, type AffectedVerdict } from './match/affected.js';
export { advisorySeverity, type AdvisorySeverity } from './severity/severity.js';
export { scoreCvss } from './severity/cvss.js';
export { normalizePackageName } from './osv/package-name.js';
export type { OsvRecord, OsvAffected, OsvRange, OsvEvent } from './osv/types.js';
export { osvRecordProblem } from './osv/validate.js';
export * from './version/index.js';
export { readSbomFile, parseSbom, type SbomInventory } from './sbom-input/read-sbom.js';
export { packageFromPurl } from './sbom-input/purl-package.js';
