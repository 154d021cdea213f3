/** Sigma correlation rules (Sigma specification v2.1, sigma-correlation-rules) as the engine runs them. */
import type { SigmaRule } from '../sigma/types.js';

export const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

export type ConditionOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

export interface CorrelationCondition {
  /** Every comparison must hold (`gte: 10` and `lt: 20` is a range). */
  comparisons: { op: ConditionOp; value: number }[];
  /** The field that value_* types count, sum, average or rank. */
  field?: string;
}

export interface CorrelationRule {
  id: string;
  name?: string;
  title: string;
  description?: string;
  level?: string;
  author?: string;
  tags: string[];
  type: CorrelationType;
  /** Ids or names of the rules (or correlations) it correlates. */
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  condition: CorrelationCondition | undefined;
  /** alias → (rule id or name → field of that rule's events). */
  aliases: Record<string, Record<string, string>>;
  /** Whether the referenced rules also alert on their own (`generate`, default false). */
  generate: boolean;
  file: string;
  raw: Record<string, unknown>;
}

/** A correlation or a single rule fired. */
export interface Alert {
  /** The rule that fired: a Sigma rule, or a correlation rule. */
  rule: SigmaRule | CorrelationRule;
  kind: 'rule' | 'correlation';
  /** RFC 3339 UTC of the first and last event that contributed. */
  firstMs: number;
  lastMs: number;
  /** Group-by field → value of the group that fired. */
  group: Record<string, string>;
  /** Ids of the events that made up the alert (bounded). */
  eventIds: string[];
  /** The number the condition was met with (count, distinct values, sum, average or percentile). */
  value?: number;
}
