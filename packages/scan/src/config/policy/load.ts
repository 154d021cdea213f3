/**
 * Custom checks without code (`--policy FILE`): CEL expressions over each Kubernetes object, in the shape of a
 * ValidatingAdmissionPolicy validation (`validation` must hold; `object` is the manifest). The file is validated by
 * core's config loader, and every expression is compiled once; a broken one is an error naming the file, the line,
 * the policy and the expression.
 */
import { parseSeverity, RampartError, type Severity } from '@rampart/core';
import { loadConfigFile } from '@rampart/core';
import { celEnv, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { LineCounter, parseDocument } from 'yaml';
import { readFileSync } from 'node:fs';

export const POLICY_FILE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['policies'],
  properties: {
    policies: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'validation'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
          title: { type: 'string', minLength: 1 },
          severity: { type: 'string', enum: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'], default: 'MEDIUM' },
          kinds: { type: 'array', items: { type: 'string' }, default: [] },
          match: { type: 'string' },
          validation: { type: 'string', minLength: 1 },
          message: { type: 'string' },
          description: { type: 'string', default: '' },
          fix: { type: 'string', default: '' },
          references: { type: 'array', items: { type: 'string' }, default: [] },
        },
      },
    },
  },
} as const;

interface PolicyEntry {
  id: string;
  title: string;
  severity: string;
  kinds: string[];
  match?: string;
  validation: string;
  message?: string;
  description: string;
  fix: string;
  references: string[];
}

export type Program = (bindings: { object: unknown }) => unknown;

export interface CompiledPolicy {
  id: string;
  title: string;
  severity: Severity;
  kinds: ReadonlySet<string>;
  match: Program | undefined;
  validation: Program;
  message: string | undefined;
  description: string;
  fix: string;
  references: string[];
  file: string;
}

const ENV = celEnv({ funcs: strings });

export async function loadPolicies(file: string): Promise<CompiledPolicy[]> {
  const { value } = await loadConfigFile<{ policies: PolicyEntry[] }>(file, POLICY_FILE_SCHEMA);
  const lines = expressionLines(file);
  return value.policies.map((p, i) => ({
    id: p.id,
    title: p.title,
    severity: parseSeverity(p.severity),
    kinds: new Set(p.kinds),
    match:
      p.match === undefined ? undefined : compile(p.match, file, lines.get(`${i}.match`), p.id, `policies[${i}].match`),
    validation: compile(p.validation, file, lines.get(`${i}.validation`), p.id, `policies[${i}].validation`),
    message: p.message,
    description: p.description,
    fix: p.fix,
    references: p.references,
    file,
  }));
}

function compile(expr: string, file: string, line: number | undefined, id: string, field: string): Program {
  try {
    return plan(ENV, parse(expr)) as unknown as Program;
  } catch (e) {
    throw new RampartError(
      'CONFIG_INVALID',
      `policy ${id}: cannot compile CEL expression \`${expr}\`: ${(e as Error).message}`,
      {
        file,
        ...(line !== undefined ? { line } : {}),
        field,
      },
    );
  }
}

/** Lines of each policy's `match` and `validation` values, for error messages (the loader validated the shape). */
function expressionLines(file: string): Map<string, number> {
  const out = new Map<string, number>();
  const lc = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc });
  const policies = doc.get('policies', true) as
    | { items?: { get(k: string, keep: true): { range?: number[] } | undefined }[] }
    | undefined;
  policies?.items?.forEach((item, i) => {
    for (const key of ['match', 'validation']) {
      const node = item.get?.(key, true);
      if (node?.range?.[0] !== undefined) out.set(`${i}.${key}`, lc.linePos(node.range[0]).line);
    }
  });
  return out;
}
