/** The Sigma detection engine: load rules, compile them once into an indexed detector, match events. */
export type { Logsource, LoadError, RuleMatch, SigmaFilter, SigmaLevel, SigmaRule } from './types.js';
export { loadSigmaRules, type LoadOptions, type LoadResult } from './loader.js';
export { compileDetector, type Detector, type DetectorOptions } from './detector.js';
export {
  builtinPipelineNames,
  loadPipeline,
  parsePipeline,
  EMPTY_PIPELINE,
  type LogsourceMapping,
  type Pipeline,
} from './pipeline.js';
export { parseCondition, type ConditionNode } from './condition.js';
