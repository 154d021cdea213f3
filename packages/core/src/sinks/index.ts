/**
 * `@rampart/core/sinks`: EventSink and the stdout, file and HTTP sinks. Zero dependencies (node: builtins only), so the
 * RASP agent can ship its events with them. The NATS sink is `@rampart/core/sinks/nats`.
 */
export type { EventSink, SinkErrorHandler, SinkStats } from './types.js';
export { backoffDelay, emptyStats } from './types.js';
export { BoundedQueue } from './queue.js';
export { StdoutSink } from './stdout.js';
export { FileSink, type FileSinkOptions } from './file.js';
export { HttpSink, parseRetryAfter, type HttpSinkOptions } from './http.js';
export { MultiSink } from './multi.js';
export { createSink, SINK_CONFIG_SCHEMA, type SinkConfig } from './create.js';
