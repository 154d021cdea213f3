/**
 * Runs correlation rules over rule matches as they arrive. State is one window per (correlation, group-by values), kept
 * in insertion-ordered maps with a bound on groups (least recently used dropped) and on events per group, and expired by
 * time. A group that fires starts over, so one burst gives one alert. Correlations can reference correlations (the
 * specification's chained example): an alert is fed on to the correlations that name it.
 */
import { getField } from '@rampart/core/event';
import type { RuleMatch, SigmaRule } from '../sigma/types.js';
import type { Alert, CorrelationRule } from './types.js';
import { conditionHolds, figureOf, GroupWindow, type WindowEntry } from './window.js';

export interface CorrelatorOptions {
  /** Groups kept per correlation rule (default 10,000); the least recently seen go first. */
  maxKeys?: number;
  /** Events kept per group (default 10,000). */
  maxEventsPerKey?: number;
  /** Event ids kept on an alert (default 100). */
  maxEventIds?: number;
  /** Reads an event's id (default: `event.id`, `id`, then Windows `EventRecordID`). */
  eventId?: (event: Record<string, unknown>) => string | undefined;
  /** The clock `expire()` uses when called without a time. */
  now?: () => number;
}

export interface Correlator {
  observe(match: RuleMatch, event: Record<string, unknown>, timestampMs: number): Alert[];
  /** Drops windows whose events are all older than their timespan. */
  expire(nowMs?: number): void;
  /** Whether a rule is only an input to correlations (`generate: false`), so it should not alert on its own. */
  suppresses(rule: SigmaRule): boolean;
  /** Number of live groups, over all correlations. */
  size(): number;
}

function defaultEventId(event: Record<string, unknown>): string | undefined {
  const v = getField(event, 'event.id') ?? event.id ?? event.EventRecordID;
  return v === undefined || v === null ? undefined : String(v);
}

export function createCorrelator(
  correlations: readonly CorrelationRule[],
  options: CorrelatorOptions = {},
): Correlator {
  const maxKeys = options.maxKeys ?? 10_000;
  const maxEvents = options.maxEventsPerKey ?? 10_000;
  const maxIds = options.maxEventIds ?? 100;
  const eventId = options.eventId ?? defaultEventId;
  const now = options.now ?? Date.now;
  const byRef = new Map<string, CorrelationRule[]>();
  for (const c of correlations) {
    for (const ref of c.rules) byRef.set(ref, [...(byRef.get(ref) ?? []), c]);
  }
  const state = new Map<CorrelationRule, Map<string, GroupWindow>>(correlations.map((c) => [c, new Map()]));
  const suppressed = new Set<string>();
  for (const c of correlations) if (!c.generate) for (const r of c.rules) suppressed.add(r);

  const refsOf = (rule: { id: string; name?: string }): Set<CorrelationRule> => {
    const out = new Set<CorrelationRule>(byRef.get(rule.id) ?? []);
    if (rule.name !== undefined) for (const c of byRef.get(rule.name) ?? []) out.add(c);
    return out;
  };

  const feed = (
    source: { id: string; name?: string },
    event: Record<string, unknown>,
    t: number,
    ids: readonly string[],
    depth: number,
  ): Alert[] => {
    const alerts: Alert[] = [];
    for (const c of refsOf(source)) {
      const ruleIndex = c.rules.findIndex((r) => r === source.id || r === source.name);
      const ref = c.rules[ruleIndex] as string;
      const fieldFor = (f: string) => c.aliases[f]?.[ref] ?? f;
      const group: Record<string, string> = {};
      for (const g of c.groupBy) group[g] = stringOf(getField(event, fieldFor(g)));
      const key = JSON.stringify(c.groupBy.map((g) => group[g]));
      const groups = state.get(c) as Map<string, GroupWindow>;
      let w = groups.get(key);
      if (w === undefined) {
        w = new GroupWindow();
        if (groups.size >= maxKeys) groups.delete(groups.keys().next().value as string);
      } else groups.delete(key);
      groups.set(key, w);
      const valueField = c.condition?.field;
      const entry: WindowEntry = {
        t,
        ruleIndex,
        ids,
        value: valueField === undefined ? undefined : optionalString(getField(event, fieldFor(valueField))),
      };
      w.add(entry, maxEvents);
      w.prune(t - c.timespanMs);
      const figure = figureOf(c, w, entry);
      if (figure === undefined || !conditionHolds(c, figure)) continue;
      const first = w.entries[0]?.t ?? t;
      const eventIds = [...new Set(w.entries.flatMap((x) => x.ids))].slice(-maxIds);
      const alert: Alert = { rule: c, kind: 'correlation', firstMs: first, lastMs: t, group, eventIds, value: figure };
      groups.delete(key);
      alerts.push(alert);
      if (depth < 8) alerts.push(...feed(c, group, t, eventIds, depth + 1));
    }
    return alerts;
  };

  return {
    observe(match, event, timestampMs) {
      const id = eventId(event);
      return feed(match.rule, event, timestampMs, id === undefined ? [] : [id], 0);
    },
    expire(nowMs = now()) {
      for (const [c, groups] of state) {
        for (const [key, w] of groups) {
          w.prune(nowMs - c.timespanMs);
          if (w.entries.length === 0) groups.delete(key);
        }
      }
    },
    suppresses(rule) {
      return suppressed.has(rule.id) || (rule.name !== undefined && suppressed.has(rule.name));
    },
    size() {
      let n = 0;
      for (const g of state.values()) n += g.size;
      return n;
    },
  };
}

function stringOf(v: unknown): string {
  return optionalString(v) ?? '';
}

function optionalString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
