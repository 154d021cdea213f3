/** Sigma correlation rules over rule matches, and alerts as SecurityEvents. */
export type { Alert, CorrelationRule, CorrelationType, CorrelationCondition, ConditionOp } from './types.js';
export { CORRELATION_TYPES } from './types.js';
export { parseTimespan } from './parse-correlation.js';
export { createCorrelator, type Correlator, type CorrelatorOptions } from './correlator.js';
export { attackTechniques, ruleAlert, severityOfLevel, toAlertEvent } from './alert.js';
export { createAlertDeduper, type AlertDeduper } from './dedupe.js';
