/**
 * Validators for SecurityEvent and Finding, compiled once with ajv. Each problem comes back as a sentence that names the
 * field path and what was expected, so a producer (or an ingest endpoint) can say exactly what is wrong.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SecurityEvent } from '../event/types.js';
import type { Finding } from '../finding.js';
import { FINDING_SCHEMA } from './finding-schema.js';
import { SECURITY_EVENT_SCHEMA } from './event-schema.js';

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

export interface ValidationResult<T> {
  ok: boolean;
  value?: T;
  errors: string[];
}

let compiled: { event: ValidateFunction; finding: ValidateFunction } | undefined;

function validators(): { event: ValidateFunction; finding: ValidateFunction } {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    compiled = { event: ajv.compile(SECURITY_EVENT_SCHEMA), finding: ajv.compile(FINDING_SCHEMA) };
  }
  return compiled;
}

/** `/http/response/status_code` → `http.response.status_code`; array indexes become `[n]`. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === '' ? part : `${acc}.${part}`), '');
}

export function describeAjvError(e: ErrorObject): string {
  const base = pointerToPath(e.instancePath);
  const at = (field: string) => (base === '' ? field : `${base}.${field}`);
  switch (e.keyword) {
    case 'required':
      return `${at(String(e.params.missingProperty))}: missing (required)`;
    case 'additionalProperties':
      return `${at(String(e.params.additionalProperty))}: unknown field`;
    case 'enum':
      return `${base || '(root)'}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${base || '(root)'}: expected ${String(e.params.type)}`;
    default:
      return `${base || '(root)'}: ${e.message ?? e.keyword}`;
  }
}

function run<T>(fn: ValidateFunction, value: unknown): ValidationResult<T> {
  if (fn(value)) return { ok: true, value: value as T, errors: [] };
  // anyOf failures repeat themselves per branch: keep each sentence once.
  const errors = [...new Set((fn.errors ?? []).filter((e) => e.keyword !== 'anyOf').map(describeAjvError))];
  return { ok: false, errors };
}

export function validateSecurityEvent(value: unknown): ValidationResult<SecurityEvent> {
  return run<SecurityEvent>(validators().event, value);
}

export function validateFinding(value: unknown): ValidationResult<Finding> {
  return run<Finding>(validators().finding, value);
}
