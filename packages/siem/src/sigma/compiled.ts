/** What compiling a piece of a detection yields: the test, and what it tells the index about the events it can match. */
import type { EventView } from './event-view.js';

export type Test = (view: EventView) => boolean;

/**
 * Necessary literal values: `field → values` such that the piece can match only events whose field (lower-cased) is one
 * of them. Any one entry suffices to index the piece; no entry means the piece cannot be indexed.
 */
export type KeyHints = ReadonlyMap<string, ReadonlySet<string>>;

export interface Compiled {
  test: Test;
  keys: KeyHints;
}

export const NO_KEYS: KeyHints = new Map();

/** AND: every key of every part is necessary; a field known twice keeps the intersection. */
export function andKeys(all: readonly KeyHints[]): KeyHints {
  const out = new Map<string, ReadonlySet<string>>();
  for (const keys of all) {
    for (const [field, values] of keys) {
      const prev = out.get(field);
      out.set(field, prev === undefined ? values : new Set([...values].filter((v) => prev.has(v))));
    }
  }
  return out;
}

/** OR: a field is necessary only when every branch constrains it; its values are the union. */
export function orKeys(all: readonly KeyHints[]): KeyHints {
  const [first, ...rest] = all;
  if (first === undefined) return NO_KEYS;
  const out = new Map<string, ReadonlySet<string>>();
  for (const [field, values] of first) {
    const union = new Set(values);
    let everywhere = true;
    for (const keys of rest) {
      const v = keys.get(field);
      if (v === undefined) {
        everywhere = false;
        break;
      }
      for (const x of v) union.add(x);
    }
    if (everywhere) out.set(field, union);
  }
  return out;
}
