/**
 * One event as the matcher sees it: field reads with getField semantics (nested or flat-dotted), and the string forms
 * of each field computed once per event however many rules read it. Arrays match when any element does.
 *
 * The detector keeps one view and `reset`s it per event: caches are arrays indexed by field slot and stamped with the
 * event's generation, and a field with one value reuses its slot's one-element array, so matching an event allocates
 * almost nothing. A value array handed out is valid until the next `reset`.
 */
import { type FieldSlot, fieldSlot, slotCount } from './field-slot.js';

const EMPTY: readonly string[] = [];

type FieldRef = string | FieldSlot;

export class EventView {
  event: Record<string, unknown>;
  private gen = 1;
  // Per-slot caches, grown together (and filled, so V8 keeps them as fast arrays rather than sparse dictionaries).
  private capacity = 0;
  private strGen = new Int32Array(0);
  private lowGen = new Int32Array(0);
  private strVal: (readonly string[])[] = [];
  private lowVal: (readonly string[])[] = [];
  private strBox: (string[] | undefined)[] = [];
  private lowBox: (string[] | undefined)[] = [];
  /** The value each `lowBox` holds the lower-case form of. */
  private lowFrom: (string | undefined)[] = [];
  private everything: string[] | undefined;
  private everythingGen = 0;
  // The previous event's raw strings by position in the walk: events of one shape repeat many of them.
  private readonly lastRaw: string[] = [];
  private readonly lastLow: string[] = [];

  constructor(event: Record<string, unknown>) {
    this.event = event;
  }

  /** Points the view at the next event; every cached form of the previous one is dropped. */
  reset(event: Record<string, unknown>): void {
    this.event = event;
    this.gen++;
  }

  get(field: FieldRef): unknown {
    return (typeof field === 'string' ? fieldSlot(field) : field).read(this.event);
  }

  /** The field's scalar values as strings (numbers and booleans as written); empty when absent or an object. */
  strings(field: FieldRef): readonly string[] {
    const slot = typeof field === 'string' ? fieldSlot(field) : field;
    const id = slot.id;
    if (id >= this.capacity) this.grow();
    if (this.strGen[id] === this.gen) return this.strVal[id] as readonly string[];
    let box = this.strBox[id];
    if (box === undefined) {
      box = [''];
      this.strBox[id] = box;
    }
    const s = toStrings(slot.read(this.event), box);
    this.strGen[id] = this.gen;
    this.strVal[id] = s;
    return s;
  }

  /** `strings` lower-cased: Sigma compares strings case-insensitively unless `cased` says otherwise. */
  lowers(field: FieldRef): readonly string[] {
    const slot = typeof field === 'string' ? fieldSlot(field) : field;
    const id = slot.id;
    if (id >= this.capacity) this.grow();
    if (this.lowGen[id] === this.gen) return this.lowVal[id] as readonly string[];
    let s: readonly string[];
    const v = slot.read(this.event);
    if (typeof v === 'string') {
      let box = this.lowBox[id];
      if (box === undefined) {
        box = [''];
        this.lowBox[id] = box;
        this.lowFrom[id] = undefined;
      }
      // Logs repeat values (event names, methods, agents): the same value as this field's last one is not lowered again.
      if (this.lowFrom[id] !== v) {
        box[0] = v.toLowerCase();
        this.lowFrom[id] = v;
      }
      s = box;
    } else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
      let box = this.lowBox[id];
      if (box === undefined) {
        box = [''];
        this.lowBox[id] = box;
      }
      box[0] = String(v).toLowerCase();
      this.lowFrom[id] = undefined;
      s = box;
    } else {
      const strings = toStrings(v, undefined);
      s = strings.length === 0 ? EMPTY : strings.map((x) => x.toLowerCase());
    }
    this.lowGen[id] = this.gen;
    this.lowVal[id] = s;
    return s;
  }

  /** Every scalar value of the event, lower-cased: what keyword (field-less) searches look through. */
  allLowers(): readonly string[] {
    if (this.everythingGen !== this.gen || this.everything === undefined) {
      const out = this.everything ?? [];
      out.length = 0;
      this.collect(this.event, out);
      this.everything = out;
      this.everythingGen = this.gen;
    }
    return this.everything;
  }

  private grow(): void {
    const n = Math.max(slotCount(), this.capacity * 2, 64);
    const widen = <T>(a: T[], fill: T): T[] => {
      const b = new Array<T>(n).fill(fill);
      for (let i = 0; i < a.length; i++) b[i] = a[i] as T;
      return b;
    };
    const strGen = new Int32Array(n);
    strGen.set(this.strGen);
    this.strGen = strGen;
    const lowGen = new Int32Array(n);
    lowGen.set(this.lowGen);
    this.lowGen = lowGen;
    this.strVal = widen(this.strVal, EMPTY);
    this.lowVal = widen(this.lowVal, EMPTY);
    this.strBox = widen(this.strBox, undefined);
    this.lowBox = widen(this.lowBox, undefined);
    this.lowFrom = widen(this.lowFrom, undefined);
    this.capacity = n;
  }

  private collect(v: unknown, out: string[]): void {
    if (typeof v === 'string') {
      const at = out.length;
      if (this.lastRaw[at] === v) out.push(this.lastLow[at] as string);
      else {
        const low = v.toLowerCase();
        this.lastRaw[at] = v;
        this.lastLow[at] = low;
        out.push(low);
      }
    } else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else if (Array.isArray(v)) for (const x of v) this.collect(x, out);
    else if (v !== null && typeof v === 'object') {
      const rec = v as Record<string, unknown>;
      // for-in without Object.values' array; own properties only, as Object.values reads them.
      for (const k in rec) if (Object.hasOwn(rec, k)) this.collect(rec[k], out);
    }
  }
}

/** The string forms of a value; a single one is written into `box` when given (the caller's reusable array). */
function toStrings(v: unknown, box: string[] | undefined): readonly string[] {
  let one: string;
  if (typeof v === 'string') one = v;
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') one = String(v);
  else if (Array.isArray(v)) {
    const out: string[] = [];
    for (const x of v)
      if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out.push(String(x));
    return out;
  } else return EMPTY;
  if (box === undefined) return [one];
  box[0] = one;
  return box;
}
