/**
 * A keyed collection of a transaction (ARGS, REQUEST_HEADERS, TX, ...): entries in arrival order, looked up by key
 * case-insensitively (as ModSecurity does), counted with `&`, filtered by `/regex/` keys.
 */
export interface Entry {
  key: string;
  value: string;
  /** `COLLECTION:key`, what MATCHED_VAR_NAME reports (built once, not per rule). */
  name: string;
}

export class Collection {
  readonly entries: Entry[] = [];
  private index: Map<string, Entry[]> | undefined;

  constructor(readonly prefix = '') {}

  add(key: string, value: string): void {
    const e = { key, value, name: `${this.prefix}:${key}` };
    this.entries.push(e);
    if (this.index !== undefined) push(this.index, key.toLowerCase(), e);
  }

  /** Entries whose key equals `lowerKey` (already lowercased). */
  get(lowerKey: string): readonly Entry[] {
    // Small collections (most request headers sets) are scanned; an index is built only for large ones.
    if (this.index === undefined && this.entries.length <= 12) {
      let out: Entry[] | undefined;
      for (const e of this.entries) {
        if (e.key.length !== lowerKey.length || e.key.toLowerCase() !== lowerKey) continue;
        if (out === undefined) out = [e];
        else out.push(e);
      }
      return out ?? EMPTY;
    }
    if (this.index === undefined) {
      this.index = new Map();
      for (const e of this.entries) push(this.index, e.key.toLowerCase(), e);
    }
    return this.index.get(lowerKey) ?? EMPTY;
  }

  get size(): number {
    return this.entries.length;
  }
}

const EMPTY: readonly Entry[] = [];

function push(m: Map<string, Entry[]>, k: string, e: Entry): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [e]);
  else list.push(e);
}

/** TX, IP, GLOBAL...: one value per (lowercased) key, mutable by setvar. */
export class VariableStore {
  readonly values = new Map<string, string>();

  get(lowerKey: string): string | undefined {
    return this.values.get(lowerKey);
  }

  set(lowerKey: string, value: string): void {
    this.values.set(lowerKey, value);
  }

  delete(lowerKey: string): void {
    this.values.delete(lowerKey);
  }
}
