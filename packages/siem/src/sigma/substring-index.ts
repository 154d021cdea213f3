/**
 * Aho-Corasick over the literal needles of many rules: one pass over a field's value finds every needle it contains, so
 * a rule is tried only when its necessary literal occurs. Built once per detector; the scan allocates nothing but the
 * list of hits.
 */
export class SubstringIndex<T> {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Items whose needle ends at a state, including those reached through failure links. */
  private readonly out: T[][] = [[]];

  constructor(entries: Iterable<[needle: string, item: T]>) {
    for (const [needle, item] of entries) {
      let s = 0;
      for (let i = 0; i < needle.length; i++) {
        const c = needle.charCodeAt(i);
        let t = this.next[s]?.get(c);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[s]?.set(c, t);
        }
        s = t;
      }
      this.out[s]?.push(item);
    }
    this.link();
  }

  private link(): void {
    const queue: number[] = [];
    for (const t of this.next[0]?.values() ?? []) queue.push(t);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi] as number;
      for (const [c, t] of this.next[s] ?? []) {
        queue.push(t);
        let f = this.fail[s] as number;
        while (f !== 0 && !this.next[f]?.has(c)) f = this.fail[f] as number;
        const g = this.next[f]?.get(c);
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        const inherited = this.out[this.fail[t] as number] ?? [];
        if (inherited.length > 0) this.out[t] = [...(this.out[t] ?? []), ...inherited];
      }
    }
  }

  /** True when any needle occurs in `text` (stops at the first). */
  occursIn(text: string): boolean {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let t = this.next[s]?.get(c);
      while (t === undefined && s !== 0) {
        s = this.fail[s] as number;
        t = this.next[s]?.get(c);
      }
      s = t ?? 0;
      if ((this.out[s] as T[]).length > 0) return true;
    }
    return false;
  }

  /** Calls `hit` for every item whose needle occurs in `text` (an item may be reported more than once). */
  scan(text: string, hit: (item: T) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let t = this.next[s]?.get(c);
      while (t === undefined && s !== 0) {
        s = this.fail[s] as number;
        t = this.next[s]?.get(c);
      }
      s = t ?? 0;
      const items = this.out[s] as T[];
      for (let k = 0; k < items.length; k++) hit(items[k] as T);
    }
  }
}
