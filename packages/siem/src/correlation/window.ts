/**
 * The state of one correlation group: the contributing events still inside the timespan, oldest first, bounded. Each
 * correlation type reads its figure off these entries (count, distinct values, sum, average, percentile, rule order).
 */
import type { ConditionOp, CorrelationCondition, CorrelationRule } from './types.js';

export interface WindowEntry {
  t: number;
  /** Index of the referenced rule (in CorrelationRule.rules) that produced it. */
  ruleIndex: number;
  /** Ids of the events behind it (one event, or the events of a chained correlation's alert). */
  ids: readonly string[];
  /** The condition field's value, for value_* types. */
  value: string | undefined;
}

export class GroupWindow {
  entries: WindowEntry[] = [];
  lastSeen = 0;

  add(entry: WindowEntry, maxEntries: number): void {
    // Events arrive nearly in time order; keep the array sorted so pruning and ordered checks stay simple.
    let i = this.entries.length;
    while (i > 0 && (this.entries[i - 1] as WindowEntry).t > entry.t) i--;
    this.entries.splice(i, 0, entry);
    if (this.entries.length > maxEntries) this.entries.splice(0, this.entries.length - maxEntries);
    this.lastSeen = Math.max(this.lastSeen, entry.t);
  }

  prune(oldestKept: number): void {
    let n = 0;
    while (n < this.entries.length && (this.entries[n] as WindowEntry).t < oldestKept) n++;
    if (n > 0) this.entries.splice(0, n);
  }
}

/** The figure a correlation compares, or undefined when the type has nothing to compare yet. */
export function figureOf(rule: CorrelationRule, w: GroupWindow, current: WindowEntry): number | undefined {
  const e = w.entries;
  switch (rule.type) {
    case 'event_count':
      return e.length;
    case 'value_count':
      return new Set(e.filter((x) => x.value !== undefined).map((x) => x.value)).size;
    case 'value_sum':
    case 'value_avg': {
      let sum = 0;
      let n = 0;
      for (const x of e) {
        const v = Number(x.value);
        if (x.value !== undefined && x.value.trim() !== '' && Number.isFinite(v)) {
          sum += v;
          n++;
        }
      }
      if (n === 0) return undefined;
      return rule.type === 'value_sum' ? sum : sum / n;
    }
    case 'value_percentile': {
      // The share (in percent) of the group's events that carry the current event's value: `lte: 1` finds rare values.
      if (current.value === undefined || e.length === 0) return undefined;
      return (100 * e.filter((x) => x.value === current.value).length) / e.length;
    }
    case 'temporal':
      return new Set(e.map((x) => x.ruleIndex)).size;
    case 'temporal_ordered': {
      let next = 0;
      for (const x of e) if (x.ruleIndex === next && ++next === rule.rules.length) break;
      return next;
    }
  }
}

export function conditionHolds(rule: CorrelationRule, figure: number): boolean {
  const cond: CorrelationCondition | undefined = rule.condition;
  if (rule.type === 'temporal' || rule.type === 'temporal_ordered') {
    // Without a condition every referenced rule must occur (in order, for temporal_ordered).
    if (cond === undefined || cond.comparisons.length === 0 || rule.type === 'temporal_ordered')
      return figure >= rule.rules.length;
  }
  return (cond?.comparisons ?? []).every((c) => compare(c.op, figure, c.value));
}

function compare(op: ConditionOp, a: number, b: number): boolean {
  switch (op) {
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'eq':
      return a === b;
    case 'neq':
      return a !== b;
  }
}
