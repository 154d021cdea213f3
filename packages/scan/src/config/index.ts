/**
 * Misconfiguration scanning (`rampart scan config`): Kubernetes manifests (Pod Security Standards, hardening, RBAC,
 * NetworkPolicy coverage, CEL policies) and Dockerfiles.
 */
export {
  scanConfig,
  parseCheckGroups,
  CHECK_GROUPS,
  type CheckGroup,
  type ConfigScanOptions,
  type ConfigScanResult,
} from './scan/index.js';
export { evaluatePss, parsePssLevel, parsePssVersion, type PssResult } from './pss/evaluate.js';
export { PSS_CHECKS } from './pss/registry.js';
export type { PssLevel, PssViolation, PodInput } from './pss/types.js';
export { parseManifests, type Manifest, type ParsedManifests } from './k8s/manifest.js';
export { podTemplate, type PodTemplate } from './k8s/workload.js';
export { K8S_CHECKS } from './checks/index.js';
export { RBAC_CHECKS } from './rbac/checks.js';
export { findingsTable } from './output/table.js';
export { reachabilityTable, type NetworkPolicyReport } from './netpol/index.js';
export { DOCKERFILE_CHECKS, parseDockerfile, scanDockerfile } from './dockerfile/index.js';
