/**
 * Every event field a rule reads gets a slot: a small integer (so an event's per-field caches are arrays, not maps) and
 * a reader precompiled from the dotted name. The reader gives exactly what core's `getField` gives (literal dotted key
 * first, then each split of the name, left to right) without slicing the name on every event.
 */

export type FieldReader = (obj: unknown) => unknown;

export interface FieldSlot {
  readonly name: string;
  readonly id: number;
  readonly read: FieldReader;
}

const slots = new Map<string, FieldSlot>();
const readers = new Map<string, FieldReader>();

/** The slot of a field name (one per name for the process, shared by every compiled rule). */
export function fieldSlot(name: string): FieldSlot {
  let slot = slots.get(name);
  if (slot === undefined) {
    slot = { name, id: slots.size, read: compileReader(name) };
    slots.set(name, slot);
  }
  return slot;
}

/** How many slots exist: per-event caches are sized by it. */
export function slotCount(): number {
  return slots.size;
}

/** A reader equivalent to `getField(obj, path)`, with the splits of the path computed once. */
export function compileReader(name: string): FieldReader {
  const known = readers.get(name);
  if (known !== undefined) return known;
  const path = internalized(name);
  const heads: string[] = [];
  const rests: FieldReader[] = [];
  for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) {
    heads.push(internalized(path.slice(0, dot)));
    rests.push(compileReader(path.slice(dot + 1)));
  }
  let reader: FieldReader;
  if (heads.length === 0) {
    reader = (obj) => {
      if (obj === null || typeof obj !== 'object') return undefined;
      // `path in rec ? rec[path] : undefined` in one lookup: an absent key reads undefined all the same.
      return (obj as Record<string, unknown>)[path];
    };
  } else {
    const n = heads.length;
    reader = (obj) => {
      if (obj === null || typeof obj !== 'object') return undefined;
      const rec = obj as Record<string, unknown>;
      if (path in rec) return rec[path];
      for (let i = 0; i < n; i++) {
        const next = rec[heads[i] as string];
        if (next !== undefined && next !== null && typeof next === 'object') {
          const v = (rests[i] as FieldReader)(next);
          if (v !== undefined) return v;
        }
      }
      return undefined;
    };
  }
  readers.set(path, reader);
  return reader;
}

/**
 * The same text as a V8 internalized string (an object key comes back internalized): property lookups with it compare
 * pointers, where a sliced or parsed string would be looked up in the string table on every access.
 */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0] as string;
}
