/**
 * Files compiled rule variants under the key that lets the fewest events through: a rare exact value (hash lookup), a
 * long needle (one Aho-Corasick pass per field), one good key per branch of an OR, or else nothing (tried on every event).
 */
import { ALL_VALUES, type Key, type KeyHints, type Test } from './compiled.js';
import { type FieldSlot, fieldSlot } from './field-slot.js';
import { SubstringIndex } from './substring-index.js';
import type { RuleMatch } from './types.js';

export interface Entry {
  match: RuleMatch;
  test: Test;
  /** The match() call that last tried it: a rule hit through several needles is tried once. */
  stamp: number;
}

/** Rules keyed by an exact (lower-cased) value of one field. */
export interface ExactKeys {
  field: string;
  slot: FieldSlot;
  byValue: Map<string, Entry[]>;
}

/** Rules keyed by a needle of one field (`slot` undefined: keywords, a needle of any value of the event). */
export interface NeedleKeys {
  field: string;
  slot: FieldSlot | undefined;
  automaton: SubstringIndex<Entry>;
}

export interface Index {
  exact: ExactKeys[];
  substrings: NeedleKeys[];
  unkeyed: Entry[];
}

export interface Variant {
  match: RuleMatch;
  test: Test;
  keys: KeyHints;
  anyOf: readonly KeyHints[] | undefined;
}

// An exact key shared by more variants than this (Windows `EventID: 1`) is a poor filter: a needle of at least
// MIN_GOOD_NEEDLE characters is preferred to it.
const CROWDED_BUCKET = 16;
const MIN_GOOD_NEEDLE = 4;

export function buildIndex(variants: readonly Variant[]): Index {
  const bucket = new Map<string, number>();
  const popularity = new Map<string, number>();
  const count = (keys: KeyHints) => {
    for (const [f, key] of keys) {
      popularity.set(f, (popularity.get(f) ?? 0) + 1);
      if (key.exact)
        for (const value of key.values) bucket.set(`${f}\u0000${value}`, (bucket.get(`${f}\u0000${value}`) ?? 0) + 1);
    }
  };
  for (const v of variants) {
    count(v.keys);
    for (const branch of v.anyOf ?? []) count(branch);
  }
  const exact = new Map<string, Map<string, Entry[]>>();
  const needles = new Map<string, [string, Entry][]>();
  const unkeyed: Entry[] = [];
  const file = (choice: Choice, entry: Entry) => {
    if (choice.key.exact) {
      let byValue = exact.get(choice.field);
      if (byValue === undefined) {
        byValue = new Map();
        exact.set(choice.field, byValue);
      }
      for (const value of choice.key.values) byValue.set(value, [...(byValue.get(value) ?? []), entry]);
    } else {
      let list = needles.get(choice.field);
      if (list === undefined) {
        list = [];
        needles.set(choice.field, list);
      }
      for (const value of choice.key.values) list.push([value, entry]);
    }
  };
  for (const v of variants) {
    const entry: Entry = { match: v.match, test: v.test, stamp: 0 };
    const choice = chooseKey(v.keys, bucket, popularity);
    if (choice?.good !== true && v.anyOf !== undefined) {
      // Filed under a good key of every branch, the variant is tried only when one of its branches can hold.
      const branches = v.anyOf.map((b) => chooseKey(b, bucket, popularity));
      if (branches.every((b) => b?.good === true)) {
        for (const b of branches) file(b as Choice, entry);
        continue;
      }
    }
    if (choice === undefined) unkeyed.push(entry);
    else file(choice, entry);
  }
  return {
    exact: [...exact.entries()].map(([field, byValue]) => ({ field, slot: fieldSlot(field), byValue })),
    substrings: [...needles.entries()].map(([field, list]) => ({
      field,
      slot: field === ALL_VALUES ? undefined : fieldSlot(field),
      automaton: new SubstringIndex(list),
    })),
    unkeyed,
  };
}

interface Choice {
  field: string;
  key: Key;
  /** A rare exact value or a long needle (not a crowded `EventID: 1`, not a two-letter needle). */
  good: boolean;
}

function shortest(values: ReadonlySet<string>): number {
  let n = Number.POSITIVE_INFINITY;
  for (const v of values) n = Math.min(n, v.length);
  return n;
}

/** Picks the key that lets the fewest events through: a rare exact value, else a long needle, else any exact value. */
function chooseKey(
  keys: KeyHints,
  bucket: ReadonlyMap<string, number>,
  popularity: ReadonlyMap<string, number>,
): Choice | undefined {
  let bestExact: { field: string; key: Key; crowd: number } | undefined;
  let bestNeedle: { field: string; key: Key; len: number } | undefined;
  for (const [field, key] of keys) {
    if (key.values.size === 0) continue;
    if (key.exact) {
      let crowd = 0;
      for (const v of key.values) crowd = Math.max(crowd, bucket.get(`${field}\u0000${v}`) ?? 0);
      // Among uncrowded keys the most popular field wins: fewer distinct fields to read per event.
      const pop = popularity.get(field) ?? 0;
      const better =
        bestExact === undefined ||
        (crowd <= CROWDED_BUCKET && bestExact.crowd > CROWDED_BUCKET) ||
        (crowd <= CROWDED_BUCKET && pop > (popularity.get(bestExact.field) ?? 0)) ||
        (crowd > CROWDED_BUCKET && crowd < bestExact.crowd);
      if (better) bestExact = { field, key, crowd };
    } else {
      const len = shortest(key.values);
      if (len > 0 && (bestNeedle === undefined || len > bestNeedle.len)) bestNeedle = { field, key, len };
    }
  }
  if (bestExact !== undefined && bestExact.crowd <= CROWDED_BUCKET) return { ...bestExact, good: true };
  if (bestNeedle !== undefined && bestNeedle.len >= MIN_GOOD_NEEDLE) return { ...bestNeedle, good: true };
  if (bestExact !== undefined) return { ...bestExact, good: false };
  return bestNeedle === undefined ? undefined : { ...bestNeedle, good: false };
}
