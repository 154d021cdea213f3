/** `@rampart/waf`: a native TypeScript SecLang engine that runs the OWASP Core Rule Set v4. */
export { loadWaf, loadWafSync, type Waf, type WafOptions } from './load-waf.js';
export type { WafMatch, WafRequest, WafResponse, WafTransactionResult, WafVerdict } from './engine/types.js';
export type { Evaluation } from './engine/waf.js';
export type { RuleLoadError } from './seclang/load.js';
export { parseRawRequest } from './http/raw-request.js';
export { runFtw, type FtwOptions, type FtwStageResult, type FtwSummary } from './ftw/run.js';
export { DEFAULT_RULES } from './defaults/rules.js';
export { readOverrides as readFtwOverrides, type FtwOverride } from './ftw/overrides.js';
