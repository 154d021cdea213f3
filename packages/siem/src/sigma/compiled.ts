/** What compiling a piece of a detection yields: the test, and what it tells the index about the events it can match. */
import type { EventView } from './event-view.js';

export type Test = (view: EventView) => boolean;

/**
 * A necessary literal: the piece can match only events whose field (lower-cased) equals one of `values` (exact) or
 * contains one of them (not exact: from contains/startswith/endswith and wildcard patterns).
 */
export interface Key {
  values: ReadonlySet<string>;
  exact: boolean;
}

/** Keys by field. Any one entry suffices to index the piece; no entry means it cannot be indexed. */
export type KeyHints = ReadonlyMap<string, Key>;

export interface Compiled {
  test: Test;
  keys: KeyHints;
  /**
   * Disjunctive keys: the piece matches only when one of these branches' keys holds (`sel_img or sel_cli` on
   * different fields). The index may file the piece under one key of every branch.
   */
  anyOf?: readonly KeyHints[];
  /** A rough price of running `test` (1 = one cached field read and a set lookup): AND/OR try cheap parts first. */
  cost?: number;
}

export function costOf(c: Compiled): number {
  return c.cost ?? 1;
}

export const NO_KEYS: KeyHints = new Map();

/** The pseudo-field of keyword (field-less) searches: every value of the event. */
export const ALL_VALUES = '\u0000all-values';

/** AND: every key of every part is necessary; a field known twice keeps the stronger (exact, or intersected) key. */
export function andKeys(all: readonly KeyHints[]): KeyHints {
  const out = new Map<string, Key>();
  for (const keys of all) {
    for (const [field, key] of keys) {
      const prev = out.get(field);
      if (prev === undefined || (key.exact && !prev.exact)) out.set(field, key);
      else if (key.exact && prev.exact)
        out.set(field, { values: new Set([...key.values].filter((v) => prev.values.has(v))), exact: true });
    }
  }
  return out;
}

/** OR: a field is necessary only when every branch constrains it; its values are the union. */
export function orKeys(all: readonly KeyHints[]): KeyHints {
  const [first, ...rest] = all;
  if (first === undefined) return NO_KEYS;
  const out = new Map<string, Key>();
  for (const [field, key] of first) {
    const union = new Set(key.values);
    let exact = key.exact;
    let everywhere = true;
    for (const keys of rest) {
      const k = keys.get(field);
      if (k === undefined) {
        everywhere = false;
        break;
      }
      exact &&= k.exact;
      for (const x of k.values) union.add(x);
    }
    if (everywhere) out.set(field, { values: union, exact });
  }
  return out;
}
