/**
 * One event as the matcher sees it: field reads with getField semantics (nested or flat-dotted), and the string forms
 * of each field computed once per event however many rules read it. Arrays match when any element does.
 */
import { getField } from '@rampart/core/event';

const EMPTY: readonly string[] = [];

export class EventView {
  readonly event: Record<string, unknown>;
  // Created on first use: these maps are the matcher's only per-event allocations. Absent fields (most of the fields
  // the index asks about) cost one getField and one map entry.
  private str: Map<string, readonly string[]> | undefined;
  private low: Map<string, readonly string[]> | undefined;
  private everything: readonly string[] | undefined;

  constructor(event: Record<string, unknown>) {
    this.event = event;
  }

  get(field: string): unknown {
    return getField(this.event, field);
  }

  /** The field's scalar values as strings (numbers and booleans as written); empty when absent or an object. */
  strings(field: string): readonly string[] {
    if (this.str === undefined) this.str = new Map();
    let s = this.str.get(field);
    if (s === undefined) {
      s = toStrings(getField(this.event, field));
      this.str.set(field, s);
    }
    return s;
  }

  /** `strings` lower-cased: Sigma compares strings case-insensitively unless `cased` says otherwise. */
  lowers(field: string): readonly string[] {
    if (this.low === undefined) this.low = new Map();
    let s = this.low.get(field);
    if (s === undefined) {
      const strings = this.str?.get(field) ?? toStrings(getField(this.event, field));
      s =
        strings.length === 0
          ? EMPTY
          : strings.length === 1
            ? [(strings[0] as string).toLowerCase()]
            : strings.map((x) => x.toLowerCase());
      this.low.set(field, s);
    }
    return s;
  }

  /** Every scalar value of the event, lower-cased: what keyword (field-less) searches look through. */
  allLowers(): readonly string[] {
    if (this.everything === undefined) {
      const out: string[] = [];
      collect(this.event, out);
      this.everything = out;
    }
    return this.everything;
  }
}

function toStrings(v: unknown): readonly string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return [String(v)];
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const x of v)
      if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out.push(String(x));
    return out;
  }
  return EMPTY;
}

function collect(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v.toLowerCase());
  else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) collect(x, out);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) collect(x, out);
}
