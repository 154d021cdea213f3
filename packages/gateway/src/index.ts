/**
 * `@rampart/gateway`: the zero-trust API gateway. Start one with `startGateway(config, options)` (the config as
 * `loadGatewayConfig` returns it), or let `rampart gateway --config FILE` do it.
 */
export { GATEWAY_CONFIG_SCHEMA } from './config/schema.js';
export type * from './config/types.js';
export { loadGatewayConfig, parseGatewayConfig, checkReferences, type LoadedGatewayConfig } from './config/load.js';
export { startGateway, type Gateway, type StartOptions } from './server/gateway.js';
export { watchConfig, type ConfigWatcher } from './server/reload.js';
export { runCluster, registerWorkerMetrics, isGatewayWorker, type ClusterOptions } from './server/cluster.js';
export { hashApiKey } from './auth/api-key.js';
export type { Identity } from './auth/identity.js';
export { MemorySink, type EventSinkLike } from './events/sink.js';
export type { WafStage, WafFactory, WafRequest, WafVerdict } from './waf/stage.js';
export { luhnValid, ibanValid } from './dlp/detectors.js';
