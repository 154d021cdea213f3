/** The JSON Schema of Finding (draft 2020-12), the model every scanner emits. */
import { FINDING_KINDS } from '../finding.js';
import { SEVERITIES } from '../severity.js';

const str = { type: 'string' } as const;
const line = { type: 'integer', minimum: 1 } as const;

export const FINDING_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://rampart.dev/schemas/finding.json',
  title: 'Rampart Finding',
  type: 'object',
  required: ['id', 'kind', 'severity', 'target', 'title', 'references', 'ruleId'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1 },
    kind: { enum: [...FINDING_KINDS] },
    severity: { enum: [...SEVERITIES] },
    target: { type: 'string', minLength: 1 },
    location: {
      type: 'object',
      additionalProperties: false,
      properties: { path: str, line, endLine: line, column: line, layer: str, commit: str },
    },
    package: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: { purl: { type: 'string', pattern: '^pkg:' }, name: str, version: str, ecosystem: str },
    },
    title: { type: 'string', minLength: 1 },
    description: str,
    references: { type: 'array', items: str },
    fix: {
      type: 'object',
      required: ['versions'],
      additionalProperties: false,
      properties: { versions: { type: 'array', items: str }, advice: str },
    },
    ruleId: { type: 'string', minLength: 1 },
    aliases: { type: 'array', items: str },
    confidence: {
      type: 'object',
      required: ['level'],
      additionalProperties: false,
      properties: { level: { enum: ['high', 'low'] }, reason: str },
    },
    cvss: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'vector', 'score'],
        properties: { version: str, vector: str, score: { type: 'number', minimum: 0, maximum: 10 } },
      },
    },
    data: { type: 'object' },
  },
} as const;
