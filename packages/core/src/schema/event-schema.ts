/** The JSON Schema of SecurityEvent (draft 2020-12). One schema: the SIEM validates ingested Rampart events with it. */
import { EVENT_CATEGORIES, EVENT_KINDS, EVENT_OUTCOMES, EVENT_TYPES } from '../event/types.js';

const str = { type: 'string' } as const;
const strList = { type: 'array', items: { type: 'string' } } as const;
const port = { type: 'integer', minimum: 0, maximum: 65535 } as const;
const ip = { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] } as const;
const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties }) as const;

export const SECURITY_EVENT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://rampart.dev/schemas/security-event.json',
  title: 'Rampart SecurityEvent',
  type: 'object',
  required: ['@timestamp', 'event'],
  properties: {
    '@timestamp': { type: 'string', format: 'date-time', pattern: 'Z$' },
    event: {
      type: 'object',
      required: ['id', 'kind', 'module'],
      properties: {
        id: { type: 'string', minLength: 1 },
        kind: { enum: [...EVENT_KINDS] },
        category: { type: 'array', items: { enum: [...EVENT_CATEGORIES] } },
        type: { type: 'array', items: { enum: [...EVENT_TYPES] } },
        action: str,
        outcome: { enum: [...EVENT_OUTCOMES] },
        severity: { type: 'integer', minimum: 0, maximum: 100 },
        module: { type: 'string', minLength: 1 },
        dataset: str,
        reason: str,
        original: str,
        ingested: { type: 'string', format: 'date-time' },
        duration: { type: 'number', minimum: 0 },
      },
    },
    message: str,
    tags: strList,
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    service: obj({ name: str, version: str, environment: str }),
    source: obj({ ip, port, address: str }),
    destination: obj({ ip, port, address: str, domain: str }),
    client: obj({ ip, port, address: str }),
    user: obj({ name: str, id: str, roles: strList, domain: str }),
    user_agent: obj({ original: str }),
    url: obj({ original: str, path: str, query: str, domain: str, scheme: str, port }),
    http: obj({
      request: obj({ id: str, method: str, body: obj({ bytes: { type: 'integer', minimum: 0 } }), referrer: str }),
      response: obj({
        status_code: { type: 'integer', minimum: 100, maximum: 599 },
        body: obj({ bytes: { type: 'integer', minimum: 0 } }),
      }),
      version: str,
    }),
    rule: obj({ id: str, name: str, description: str, ruleset: str, category: str, version: str, reference: str }),
    threat: obj({
      framework: str,
      technique: obj({ id: strList, name: strList }),
      tactic: obj({ id: strList, name: strList }),
    }),
    trace: obj({ id: str }),
    span: obj({ id: str }),
    host: obj({ name: str, hostname: str, ip: strList }),
    error: obj({ message: str, code: str, type: str }),
    rampart: { type: 'object' },
  },
} as const;
