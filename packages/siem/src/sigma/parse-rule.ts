/** Reads one YAML document into a SigmaRule or a SigmaFilter, with a reason when it is not a usable rule. */
import type { Logsource, SigmaFilter, SigmaRule } from './types.js';

function logsourceOf(v: unknown): Logsource {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error('logsource: expected a mapping');
  const r = v as Record<string, unknown>;
  const out: Logsource = {};
  for (const k of ['product', 'category', 'service'] as const)
    if (r[k] !== undefined && r[k] !== null) out[k] = String(r[k]);
  return out;
}

function detectionOf(v: unknown, where: string): { detection: Record<string, unknown>; conditions: string[] } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${where}: expected a mapping`);
  const { condition, ...detection } = v as Record<string, unknown>;
  const conditions = Array.isArray(condition) ? condition : [condition];
  if (conditions.length === 0 || !conditions.every((c) => typeof c === 'string' && c.trim() !== '')) {
    throw new Error(`${where}.condition: expected a condition string`);
  }
  if (Object.keys(detection).length === 0) throw new Error(`${where}: defines no search identifier`);
  return { detection, conditions: conditions as string[] };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

export function parseRule(doc: Record<string, unknown>, file: string, index: number): SigmaRule {
  if (typeof doc.title !== 'string' || doc.title === '') throw new Error('title: required');
  const { detection, conditions } = detectionOf(doc.detection, 'detection');
  const name = typeof doc.name === 'string' ? doc.name : undefined;
  const rule: SigmaRule = {
    id: typeof doc.id === 'string' ? doc.id : (name ?? `${file}#${index}`),
    title: doc.title,
    tags: strings(doc.tags),
    references: strings(doc.references),
    falsepositives: strings(doc.falsepositives),
    logsource: logsourceOf(doc.logsource),
    detection,
    conditions,
    filters: [],
    file,
    raw: doc,
  };
  if (name !== undefined) rule.name = name;
  for (const k of ['description', 'status', 'level', 'author'] as const) {
    if (typeof doc[k] === 'string') rule[k] = doc[k] as string;
  }
  return rule;
}

export function parseFilter(doc: Record<string, unknown>, file: string): SigmaFilter {
  const f = doc.filter;
  if (f === null || typeof f !== 'object' || Array.isArray(f)) throw new Error('filter: expected a mapping');
  const { rules, ...rest } = f as Record<string, unknown>;
  const { detection, conditions } = detectionOf(rest, 'filter');
  return {
    ...(typeof doc.id === 'string' ? { id: doc.id } : {}),
    title: typeof doc.title === 'string' ? doc.title : file,
    rules: strings(rules),
    logsource: logsourceOf(doc.logsource),
    detection,
    conditions,
    file,
  };
}
