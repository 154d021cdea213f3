/**
 * Aho-Corasick over the literal needles of many rules: one pass over a field's value finds every needle it contains, so
 * a rule is tried only when its necessary literal occurs. Built once into a dense automaton (one table lookup per
 * character) over a compressed alphabet: only characters that occur in some needle get a column, every other character
 * sends the automaton back to its start.
 */
export class SubstringIndex<T> {
  private readonly ascii = new Uint8Array(128);
  private readonly wide = new Map<number, number>();
  private readonly width: number;
  private readonly delta: Int32Array;
  /** Items whose needle ends at a state, including those reached through failure links. */
  private readonly out: T[][];

  constructor(entries: Iterable<[needle: string, item: T]>) {
    const list = [...entries];
    let classes = 1;
    for (const [needle] of list) {
      for (let i = 0; i < needle.length; i++) {
        const c = needle.charCodeAt(i);
        if (c < 128) {
          if (this.ascii[c] === 0) this.ascii[c] = classes++;
        } else if (!this.wide.has(c)) this.wide.set(c, classes++);
      }
    }
    this.width = classes;
    // Trie first (state 0 is the root), then failure links in breadth-first order, then the dense table.
    const next: Map<number, number>[] = [new Map()];
    const out: T[][] = [[]];
    for (const [needle, item] of list) {
      let s = 0;
      for (let i = 0; i < needle.length; i++) {
        const a = this.classOf(needle.charCodeAt(i));
        let t = next[s]?.get(a);
        if (t === undefined) {
          t = next.length;
          next.push(new Map());
          out.push([]);
          next[s]?.set(a, t);
        }
        s = t;
      }
      out[s]?.push(item);
    }
    const w = this.width;
    const delta = new Int32Array(next.length * w);
    const fail = new Int32Array(next.length);
    const queue: number[] = [];
    for (const [a, t] of next[0] ?? []) {
      delta[a] = t;
      queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi] as number;
      const f = fail[s] as number;
      const inherited = out[f] as T[];
      if (inherited.length > 0) out[s] = [...(out[s] as T[]), ...inherited];
      for (let a = 0; a < w; a++) delta[s * w + a] = delta[f * w + a] as number;
      for (const [a, t] of next[s] ?? []) {
        fail[t] = delta[f * w + a] as number;
        delta[s * w + a] = t;
        queue.push(t);
      }
    }
    // Scanning wants no multiply and no output-list check per character: each entry holds the target state's row
    // offset (state * width), bitwise-negated when some needle ends at that state.
    for (let i = 0; i < delta.length; i++) {
      const t = delta[i] as number;
      delta[i] = (out[t] as T[]).length > 0 ? ~(t * w) : t * w;
    }
    this.delta = delta;
    this.out = out;
  }

  private classOf(c: number): number {
    return c < 128 ? (this.ascii[c] as number) : (this.wide.get(c) ?? 0);
  }

  /** True when any needle occurs in `text` (stops at the first). */
  occursIn(text: string): boolean {
    const { delta, ascii } = this;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const next = delta[row + (c < 128 ? (ascii[c] as number) : (this.wide.get(c) ?? 0))] as number;
      if (next < 0) return true;
      row = next;
    }
    return false;
  }

  /** Calls `hit` for every item whose needle occurs in `text` (an item may be reported more than once). */
  scan(text: string, hit: (item: T) => void): void {
    const { delta, ascii, width } = this;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = delta[row + (c < 128 ? (ascii[c] as number) : (this.wide.get(c) ?? 0))] as number;
      if (next < 0) {
        next = ~next;
        const items = this.out[next / width] as T[];
        for (let k = 0; k < items.length; k++) hit(items[k] as T);
      }
      row = next;
    }
  }
}
