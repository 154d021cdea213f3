/**
 * `rampart siem` configuration: YAML or JSON validated by this schema (core's loader: file:line:column errors, `${env:}`
 * secrets). Every key has an embedded default, so `rampart siem` with no file runs a working single-node SIEM: HTTP
 * ingest and API on 127.0.0.1:8514, a DuckDB file in the working folder, 30 days of retention.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { loadConfigFile, parseConfigText } from '@rampart/core';

export interface SiemConfig {
  store: {
    path: string;
    retention: { maxAgeDays: number; maxEvents?: number; maxBytes?: number };
    retentionIntervalSeconds: number;
  };
  http: { enabled: boolean; listen: string; port: number; tokens: string[]; maxBodyBytes: number };
  queue: { maxEvents: number; batchSize: number };
  syslog: {
    udp: { enabled: boolean; listen: string; port: number };
    tcp: { enabled: boolean; listen: string; port: number };
  };
  files: { path: string; format: 'ndjson' | 'access' | 'syslog' }[];
  positionsFile?: string;
  filePollMs: number;
  nats: {
    enabled: boolean;
    servers: string[];
    stream: string;
    subjects: string[];
    durable: string;
    createStream: boolean;
  };
  sigma: { rules: string[]; pipeline?: string; dedupeWindowSeconds: number };
  alerts: { stdout: boolean; webhooks: { url: string; secret?: string; maxAttempts?: number }[] };
  incidents: { autoGroup: boolean };
}

const listen = { type: 'string', minLength: 1, default: '127.0.0.1' };
const port = (d: number) => ({ type: 'integer', minimum: 0, maximum: 65535, default: d });
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  default: {},
  properties,
  required,
});

export const SIEM_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  ...obj({
    store: obj({
      path: { type: 'string', minLength: 1, default: 'rampart-siem.duckdb' },
      retention: obj({
        maxAgeDays: { type: 'number', exclusiveMinimum: 0, default: 30 },
        maxEvents: { type: 'integer', minimum: 1 },
        maxBytes: { type: 'integer', minimum: 1 },
      }),
      retentionIntervalSeconds: { type: 'integer', minimum: 1, default: 300 },
    }),
    http: obj({
      enabled: { type: 'boolean', default: true },
      listen,
      port: port(8514),
      tokens: { type: 'array', items: { type: 'string', minLength: 16 }, default: [] },
      maxBodyBytes: { type: 'integer', minimum: 1024, default: 16 * 1024 * 1024 },
    }),
    queue: obj({
      maxEvents: { type: 'integer', minimum: 1, default: 100_000 },
      batchSize: { type: 'integer', minimum: 1, default: 10_000 },
    }),
    syslog: obj({
      udp: obj({ enabled: { type: 'boolean', default: false }, listen, port: port(5514) }),
      tcp: obj({ enabled: { type: 'boolean', default: false }, listen, port: port(5514) }),
    }),
    files: {
      type: 'array',
      default: [],
      items: obj(
        { path: { type: 'string', minLength: 1 }, format: { enum: ['ndjson', 'access', 'syslog'], default: 'ndjson' } },
        ['path'],
      ),
    },
    positionsFile: { type: 'string', minLength: 1 },
    filePollMs: { type: 'integer', minimum: 10, default: 500 },
    nats: obj({
      enabled: { type: 'boolean', default: false },
      servers: { type: 'array', items: { type: 'string' }, default: ['nats://127.0.0.1:4222'] },
      stream: { type: 'string', minLength: 1, default: 'RAMPART_EVENTS' },
      subjects: { type: 'array', items: { type: 'string' }, minItems: 1, default: ['rampart.events.>'] },
      durable: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', default: 'rampart-siem' },
      createStream: { type: 'boolean', default: true },
    }),
    sigma: obj({
      rules: { type: 'array', items: { type: 'string' }, default: [] },
      pipeline: { type: 'string' },
      dedupeWindowSeconds: { type: 'integer', minimum: 0, default: 300 },
    }),
    alerts: obj({
      stdout: { type: 'boolean', default: false },
      webhooks: {
        type: 'array',
        default: [],
        items: obj(
          {
            url: { type: 'string', pattern: '^https?://' },
            secret: { type: 'string', minLength: 16 },
            maxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
          },
          ['url'],
        ),
      },
    }),
    incidents: obj({ autoGroup: { type: 'boolean', default: true } }),
  }),
};

export interface LoadedSiemConfig {
  config: SiemConfig;
  secrets: ReadonlySet<string>;
}

/** The config file, or the embedded defaults when there is none. Paths in a file are relative to its folder. */
export async function loadSiemConfig(file?: string): Promise<LoadedSiemConfig> {
  if (file === undefined) {
    const loaded = parseConfigText<SiemConfig>('{}', '<defaults>', SIEM_CONFIG_SCHEMA);
    return { config: loaded.value, secrets: loaded.secrets };
  }
  const loaded = await loadConfigFile<SiemConfig>(file, SIEM_CONFIG_SCHEMA);
  return { config: resolvePaths(loaded.value, dirname(resolve(file))), secrets: loaded.secrets };
}

function resolvePaths(c: SiemConfig, base: string): SiemConfig {
  const at = (p: string) => (p === ':memory:' || isAbsolute(p) ? p : resolve(base, p));
  return {
    ...c,
    store: { ...c.store, path: at(c.store.path) },
    files: c.files.map((f) => ({ ...f, path: at(f.path) })),
    ...(c.positionsFile === undefined ? {} : { positionsFile: at(c.positionsFile) }),
    sigma: {
      ...c.sigma,
      rules: c.sigma.rules.map(at),
      ...(c.sigma.pipeline?.includes('/') ? { pipeline: at(c.sigma.pipeline) } : {}),
    },
  };
}

export function parseSiemConfig(text: string, source = '<text>'): SiemConfig {
  return parseConfigText<SiemConfig>(text, source, SIEM_CONFIG_SCHEMA).value;
}
