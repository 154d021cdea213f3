/**
 * Aho-Corasick over bytes, case-insensitive for ASCII (ModSecurity's @pm folds case). Built once per rule; a search walks
 * the input once whatever the number of phrases. Transitions are dense Int32Array rows of 256 entries (a DFA).
 */
export class AhoCorasick {
  private readonly next: Int32Array;
  /** For each state, the index of the longest phrase ending there (via output links), or -1. */
  private readonly output: Int32Array;
  readonly phrases: readonly string[];

  constructor(phrases: readonly string[]) {
    this.phrases = phrases;
    const goto: Map<number, number>[] = [new Map()];
    const out: number[] = [-1];
    for (let p = 0; p < phrases.length; p++) {
      const phrase = phrases[p] as string;
      let s = 0;
      for (let i = 0; i < phrase.length; i++) {
        const c = fold(phrase.charCodeAt(i) & 0xff);
        let t = goto[s]?.get(c);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          out.push(-1);
          goto[s]?.set(c, t);
        }
        s = t;
      }
      if (out[s] === -1) out[s] = p;
    }
    const states = goto.length;
    const next = new Int32Array(states * 256);
    const fail = new Int32Array(states);
    const output = Int32Array.from(out);
    const queue: number[] = [];
    for (const [c, t] of goto[0] as Map<number, number>) {
      next[c] = t;
      if (c >= 97 && c <= 122) next[c - 32] = t;
      queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      if (output[s] === -1) output[s] = output[fail[s] as number] as number;
      // Row of s = row of its failure state, overridden by its own children (a dense DFA row copy).
      next.copyWithin(s * 256, (fail[s] as number) * 256, (fail[s] as number) * 256 + 256);
      for (const [c, t] of goto[s] as Map<number, number>) {
        fail[t] = next[(fail[s] as number) * 256 + c] as number;
        next[s * 256 + c] = t;
        if (c >= 97 && c <= 122) next[s * 256 + c - 32] = t;
        queue.push(t);
      }
    }
    this.next = next;
    this.output = output;
  }

  /** The first phrase found (by end position), with where it ends; undefined when none occurs. */
  search(input: string): { phrase: number; end: number } | undefined {
    const next = this.next;
    const output = this.output;
    let s = 0;
    for (let i = 0; i < input.length; i++) {
      s = next[s * 256 + (input.charCodeAt(i) & 0xff)] as number;
      const o = output[s] as number;
      if (o !== -1) return { phrase: o, end: i + 1 };
    }
    return undefined;
  }
}

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}
