/**
 * Alert de-duplication: the same rule on the same group (or the same key fields) alerts once per window. Bounded: the
 * oldest keys are dropped first.
 */
import type { Alert } from './types.js';

export interface AlertDeduper {
  /** True the first time a key is seen within the window; false for repeats. */
  admit(alert: Alert, extraKey?: string): boolean;
  size(): number;
}

export function createAlertDeduper(options: { windowMs: number; maxKeys?: number }): AlertDeduper {
  const maxKeys = options.maxKeys ?? 50_000;
  const seen = new Map<string, number>();
  return {
    admit(alert, extraKey = '') {
      const key = `${alert.rule.id}\u0000${JSON.stringify(alert.group)}\u0000${extraKey}`;
      const at = seen.get(key);
      if (at !== undefined && alert.lastMs - at < options.windowMs) return false;
      seen.delete(key);
      if (seen.size >= maxKeys) seen.delete(seen.keys().next().value as string);
      seen.set(key, alert.lastMs);
      return true;
    },
    size: () => seen.size,
  };
}
