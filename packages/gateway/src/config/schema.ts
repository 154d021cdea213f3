/**
 * JSON Schema (draft 2020-12) of `gateway.yaml`. Validated by core's config loader (ajv, `useDefaults`), so every default
 * lives here and nowhere else; `additionalProperties: false` everywhere turns a typo into an error with its field.
 */

import { SINK_CONFIG_SCHEMA } from '@rampart/core/sinks';

const str = { type: 'string', minLength: 1 } as const;
// A pattern, not `format`: the config loader runs ajv without the formats plugin.
const rfc3339 = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})$',
} as const;
const strList = { type: 'array', items: str } as const;
const ms = (d: number) => ({ type: 'integer', minimum: 0, default: d }) as const;
const count = (d: number) => ({ type: 'integer', minimum: 1, default: d }) as const;

const listener = {
  type: 'object',
  additionalProperties: false,
  required: ['port'],
  properties: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    tls: {
      type: 'object',
      additionalProperties: false,
      required: ['cert', 'key'],
      properties: {
        cert: str,
        key: str,
        clientCa: str,
        minVersion: { enum: ['TLSv1.2', 'TLSv1.3'], default: 'TLSv1.2' },
      },
    },
  },
} as const;

const healthCheck = {
  type: 'object',
  additionalProperties: false,
  properties: {
    path: { type: 'string', pattern: '^/', default: '/healthz' },
    intervalMs: { type: 'integer', minimum: 100, default: 5000 },
    timeoutMs: ms(1000),
    unhealthyThreshold: count(2),
    healthyThreshold: count(2),
  },
} as const;

const upstream = {
  type: 'object',
  additionalProperties: false,
  required: ['targets'],
  properties: {
    targets: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^https?://[^/]+/?$' } },
    balance: { enum: ['round-robin', 'least-requests'], default: 'round-robin' },
    connections: count(128),
    connectTimeoutMs: ms(5000),
    requestTimeoutMs: ms(30000),
    idleTimeoutMs: ms(60000),
    retries: { type: 'integer', minimum: 0, maximum: 5, default: 1 },
    tls: {
      type: 'object',
      additionalProperties: false,
      properties: { ca: str, serverName: str, insecureSkipVerify: { type: 'boolean', default: false } },
    },
    healthCheck,
    passive: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: { consecutiveFailures: count(5), ejectMs: ms(30000) },
    },
  },
} as const;

const staticKey = {
  type: 'object',
  additionalProperties: false,
  required: ['alg'],
  properties: {
    kid: str,
    file: str,
    jwk: { type: 'object' },
    alg: str,
    notBefore: rfc3339,
    notAfter: rfc3339,
  },
  oneOf: [{ required: ['file'] }, { required: ['jwk'] }],
} as const;

const jwtAuth = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { const: 'jwt' },
    issuer: str,
    audience: { anyOf: [str, strList] },
    jwksUrl: { type: 'string', pattern: '^https?://' },
    discovery: { type: 'boolean', default: false },
    keys: { type: 'array', items: staticKey },
    algorithms: {
      type: 'array',
      minItems: 1,
      items: {
        enum: [
          'RS256',
          'RS384',
          'RS512',
          'PS256',
          'PS384',
          'PS512',
          'ES256',
          'ES384',
          'ES512',
          'EdDSA',
          'HS256',
          'HS384',
          'HS512',
        ],
      },
      default: ['RS256', 'ES256'],
    },
    clockSkewSec: { type: 'integer', minimum: 0, maximum: 300, default: 30 },
    header: { type: 'string', default: 'authorization' },
    jwksCooldownMs: ms(30000),
    jwksCacheMs: ms(600000),
    scopeClaim: { type: 'string', default: 'scope' },
    rolesClaim: { type: 'string', default: 'roles' },
  },
} as const;

const apiKeyAuth = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'keys'],
  properties: {
    type: { const: 'apiKey' },
    header: { type: 'string', default: 'x-api-key' },
    keys: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'hash', 'identity'],
        properties: {
          id: str,
          hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
          identity: str,
          scopes: { ...strList, default: [] },
          roles: { ...strList, default: [] },
          notAfter: rfc3339,
        },
      },
    },
  },
} as const;

const mtlsAuth = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: { type: { const: 'mtls' }, trustDomain: { type: 'string', pattern: '^spiffe://[^/]+$' } },
} as const;

const scalar = { type: ['string', 'number', 'boolean'] } as const;

const route = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'match', 'upstream', 'auth'],
  properties: {
    name: str,
    match: {
      type: 'object',
      additionalProperties: false,
      required: ['path'],
      properties: {
        hosts: strList,
        path: { type: 'string', pattern: '^/' },
        methods: { type: 'array', items: { type: 'string', pattern: '^[A-Z]+$' } },
      },
    },
    upstream: str,
    stripPrefix: { type: 'string', pattern: '^/' },
    auth: { anyOf: [{ const: 'none' }, { type: 'array', minItems: 1, items: str }] },
    authorize: {
      type: 'object',
      additionalProperties: false,
      properties: {
        scopes: strList,
        roles: strList,
        claims: { type: 'object', additionalProperties: { anyOf: [scalar, { type: 'array', items: scalar }] } },
        rules: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'cel'],
            properties: { name: str, cel: str },
          },
        },
      },
    },
    rateLimit: {
      type: 'object',
      additionalProperties: false,
      required: ['rate'],
      properties: {
        key: { type: 'string', pattern: '^(identity|apiKey|ip|header:[A-Za-z0-9-]+)$', default: 'ip' },
        rate: { type: 'number', exclusiveMinimum: 0 },
        periodSeconds: { type: 'number', exclusiveMinimum: 0, default: 1 },
        burst: { type: 'integer', minimum: 1 },
        store: { enum: ['memory', 'redis'], default: 'memory' },
      },
    },
    openapi: {
      type: 'object',
      additionalProperties: false,
      required: ['spec'],
      properties: { spec: str, strict: { type: 'boolean', default: true } },
    },
    dlp: {
      type: 'object',
      additionalProperties: false,
      properties: {
        action: { enum: ['redact', 'block', 'log'], default: 'redact' },
        detectors: {
          type: 'array',
          items: { enum: ['card', 'iban', 'ssn', 'secrets', 'email', 'phone'] },
          default: ['card', 'iban', 'ssn', 'secrets'],
        },
        maxBytes: { type: 'integer', minimum: 1, default: 1048576 },
      },
    },
    waf: { type: 'boolean', default: true },
    websocket: { type: 'boolean', default: false },
  },
} as const;

export const GATEWAY_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://rampart.dev/schemas/gateway.json',
  title: 'Rampart gateway configuration',
  type: 'object',
  additionalProperties: false,
  required: ['listeners', 'upstreams', 'routes'],
  properties: {
    listeners: { type: 'array', minItems: 1, items: listener },
    admin: {
      type: 'object',
      additionalProperties: false,
      required: ['port'],
      properties: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'integer', minimum: 0 } },
    },
    workers: { anyOf: [{ type: 'integer', minimum: 1, maximum: 256 }, { const: 'auto' }], default: 1 },
    trustedProxies: { ...strList, default: [] },
    limits: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        maxHeaderBytes: { type: 'integer', minimum: 1024, default: 16384 },
        maxHeaders: count(100),
        maxUrlBytes: { type: 'integer', minimum: 64, default: 8192 },
        maxBodyBytes: { type: 'integer', minimum: 0, default: 10485760 },
        headersTimeoutMs: { type: 'integer', minimum: 100, default: 10000 },
        requestTimeoutMs: { type: 'integer', minimum: 100, default: 30000 },
        keepAliveTimeoutMs: ms(5000),
      },
    },
    upstreams: { type: 'object', minProperties: 1, additionalProperties: upstream },
    authenticators: {
      type: 'object',
      default: {},
      additionalProperties: {
        type: 'object',
        required: ['type'],
        properties: { type: { enum: ['jwt', 'apiKey', 'mtls'] } },
        // Pick the branch by `type` so an error names the one that applies, not three alternatives.
        if: { properties: { type: { const: 'jwt' } } },
        then: jwtAuth,
        else: { if: { properties: { type: { const: 'apiKey' } } }, then: apiKeyAuth, else: mtlsAuth },
      },
    },
    routes: { type: 'array', minItems: 1, items: route },
    redis: {
      type: 'object',
      additionalProperties: false,
      properties: {
        url: { type: 'string', pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' },
        failMode: { enum: ['open', 'closed'], default: 'open' },
        commandTimeoutMs: { type: 'integer', minimum: 1, default: 100 },
        prefix: { type: 'string', default: 'rampart:rl:' },
      },
    },
    accessLog: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: { enabled: { type: 'boolean', default: true }, path: str },
    },
    events: { anyOf: [SINK_CONFIG_SCHEMA, { type: 'array', minItems: 1, items: SINK_CONFIG_SCHEMA }] },
    waf: { type: 'object' },
    shutdownGraceMs: ms(10000),
    serviceName: { type: 'string', default: 'rampart-gateway' },
  },
} as const;
