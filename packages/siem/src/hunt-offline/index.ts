/** Offline hunting over NDJSON log files (`rampart hunt --sigma RULES --input FILE`). */
export { hunt, type HuntOptions, type HuntResult, type HuntSummary } from './hunt.js';
export { readNdjson, type NdjsonEvent } from './read-ndjson.js';
export { eventTimeMs } from './event-time.js';
