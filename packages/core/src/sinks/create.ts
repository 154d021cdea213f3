/**
 * Sinks from configuration (the `events:` section of gateway/siem configs). The NATS sink is loaded on demand so this
 * module, like the rest of `@rampart/core/sinks`, pulls in no dependency unless NATS is configured.
 */
import { RampartError } from '../errors.js';
import { FileSink, type FileSinkOptions } from './file.js';
import { HttpSink, type HttpSinkOptions } from './http.js';
import { MultiSink } from './multi.js';
import { StdoutSink } from './stdout.js';
import type { EventSink } from './types.js';

export type SinkConfig =
  | { type: 'stdout' }
  | ({ type: 'file' } & FileSinkOptions)
  | ({ type: 'http' } & HttpSinkOptions)
  | ({ type: 'nats' } & import('./nats.js').NatsSinkOptions);

/** JSON Schema of one sink entry, for capability config schemas to embed. */
export const SINK_CONFIG_SCHEMA = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: ['stdout', 'file', 'http', 'nats'] },
    path: { type: 'string' },
    maxBytes: { type: 'integer', minimum: 1024 },
    maxFiles: { type: 'integer', minimum: 0 },
    url: { type: 'string', format: 'uri' },
    token: { type: 'string' },
    batchSize: { type: 'integer', minimum: 1 },
    flushIntervalMs: { type: 'integer', minimum: 1 },
    maxBuffer: { type: 'integer', minimum: 1 },
    gzip: { type: 'boolean' },
    servers: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    subjectPrefix: { type: 'string' },
    stream: { type: 'string' },
  },
  allOf: [
    { if: { properties: { type: { const: 'file' } } }, then: { required: ['path'] } },
    { if: { properties: { type: { const: 'http' } } }, then: { required: ['url'] } },
    { if: { properties: { type: { const: 'nats' } } }, then: { required: ['servers'] } },
  ],
} as const;

export async function createSink(config: SinkConfig | readonly SinkConfig[]): Promise<EventSink> {
  if (Array.isArray(config)) {
    const sinks = await Promise.all(config.map((c) => createSink(c)));
    return sinks.length === 1 ? (sinks[0] as EventSink) : new MultiSink(sinks);
  }
  const c = config as SinkConfig;
  switch (c.type) {
    case 'stdout':
      return new StdoutSink();
    case 'file':
      return new FileSink(c);
    case 'http':
      return new HttpSink(c);
    case 'nats': {
      const { NatsSink } = await import('./nats.js');
      return new NatsSink(c);
    }
    default:
      throw new RampartError(
        'CONFIG_INVALID',
        `unknown event sink type ${JSON.stringify((c as { type: unknown }).type)}`,
        {
          field: 'type',
        },
      );
  }
}
