/** Reads a correlation document into a CorrelationRule, with a reason for everything the engine cannot run. */
import { type ConditionOp, CORRELATION_TYPES, type CorrelationRule, type CorrelationType } from './types.js';

const OPS: readonly ConditionOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];
const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseTimespan(text: unknown): number {
  const m = /^\s*(\d+)\s*([smhdwMy])\s*$/.exec(String(text));
  if (m === null) throw new Error(`timespan ${JSON.stringify(text)} is not a number and a unit (s, m, h, d, w)`);
  const unit = m[2] as string;
  const ms = unit === 'M' ? 30 * 86_400_000 : unit === 'y' ? 365 * 86_400_000 : (UNITS[unit] as number);
  return Number(m[1]) * ms;
}

export function parseCorrelation(doc: Record<string, unknown>, file: string, index: number): CorrelationRule {
  const c = doc.correlation as Record<string, unknown>;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new Error('correlation: expected a mapping');
  const type = c.type as CorrelationType;
  if (!CORRELATION_TYPES.includes(type))
    throw new Error(`correlation.type ${JSON.stringify(c.type)} is not one of ${CORRELATION_TYPES.join(', ')}`);
  const rules = c.rules;
  if (!Array.isArray(rules) || rules.length === 0 || !rules.every((r) => typeof r === 'string')) {
    throw new Error('correlation.rules: expected a list of rule ids or names');
  }
  if (typeof doc.title !== 'string') throw new Error('title: required');
  const groupBy = c['group-by'] === undefined ? [] : c['group-by'];
  if (!Array.isArray(groupBy) || !groupBy.every((g) => typeof g === 'string'))
    throw new Error('correlation.group-by: expected a list of fields');
  const timespanMs = parseTimespan(c.timespan);
  let condition: CorrelationRule['condition'];
  if (c.condition !== undefined) {
    const cond = c.condition as Record<string, unknown>;
    if (cond === null || typeof cond !== 'object') throw new Error('correlation.condition: expected a mapping');
    const comparisons: { op: ConditionOp; value: number }[] = [];
    for (const [k, v] of Object.entries(cond)) {
      if (k === 'field') continue;
      if (!OPS.includes(k as ConditionOp))
        throw new Error(`correlation.condition.${k}: not one of ${OPS.join(', ')}, field`);
      if (typeof v !== 'number') throw new Error(`correlation.condition.${k}: expected a number`);
      comparisons.push({ op: k as ConditionOp, value: v });
    }
    const field = Array.isArray(cond.field) ? cond.field[0] : cond.field;
    condition = { comparisons, ...(typeof field === 'string' ? { field } : {}) };
  }
  if (
    type !== 'temporal' &&
    type !== 'temporal_ordered' &&
    (condition === undefined || condition.comparisons.length === 0)
  ) {
    throw new Error(`correlation.condition: ${type} needs a condition (gt, gte, lt, lte, eq or neq)`);
  }
  if (type.startsWith('value_') && condition?.field === undefined)
    throw new Error(`correlation.condition.field: ${type} needs a field`);
  const aliases: Record<string, Record<string, string>> = {};
  if (c.aliases !== undefined && c.aliases !== null) {
    for (const [alias, map] of Object.entries(c.aliases as Record<string, unknown>)) {
      if (map === null || typeof map !== 'object')
        throw new Error(`correlation.aliases.${alias}: expected rule → field`);
      aliases[alias] = Object.fromEntries(
        Object.entries(map as Record<string, unknown>).map(([r, f]) => [r, String(f)]),
      );
    }
  }
  const name = typeof doc.name === 'string' ? doc.name : undefined;
  return {
    id: typeof doc.id === 'string' ? doc.id : (name ?? `${file}#${index}`),
    ...(name !== undefined ? { name } : {}),
    title: doc.title,
    ...(typeof doc.description === 'string' ? { description: doc.description } : {}),
    ...(typeof doc.level === 'string' ? { level: doc.level } : {}),
    ...(typeof doc.author === 'string' ? { author: doc.author } : {}),
    tags: Array.isArray(doc.tags) ? doc.tags.map(String) : [],
    type,
    rules: rules as string[],
    groupBy: groupBy as string[],
    timespanMs,
    condition,
    aliases,
    generate: c.generate === true || doc.generate === true,
    file,
    raw: doc,
  };
}
