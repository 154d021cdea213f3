/**
 * The prefilter: one Aho-Corasick automaton over every rule's keywords, compiled once into a dense ASCII transition table
 * (a DFA: failure links are folded in at build time), so a text is read exactly once, one table lookup per character,
 * and each rule learns where its keywords occur. Case-insensitive for ASCII; any other character resets to the root,
 * which is right because keywords are ASCII.
 */

const ALPHABET = 128; // 2^7: `state >> 7` recovers a state from its pre-multiplied form

export interface KeywordHits {
  /** For each rule index that had a keyword hit: the end offsets (exclusive) of its hits, in text order. */
  byRule: Map<number, number[]>;
}

export class KeywordIndex {
  private readonly delta: Int32Array;
  /** For each state: the rule indices whose keyword ends here (including through failure links), or undefined. */
  private readonly outputs: (readonly number[] | undefined)[];
  /** 1 for states with outputs: one byte load per character in the hot loop. */
  private readonly accepting: Uint8Array;
  private readonly maxHitsPerRule: number;

  /** `keywordsByRule[i]` are rule i's keywords. */
  constructor(keywordsByRule: readonly (readonly string[])[], maxHitsPerRule = 4096) {
    this.maxHitsPerRule = maxHitsPerRule;
    const goto: Map<number, number>[] = [new Map()];
    const out: Set<number>[] = [new Set()];
    keywordsByRule.forEach((keywords, rule) => {
      for (const keyword of keywords) {
        let s = 0;
        for (const ch of keyword.toLowerCase()) {
          const c = ch.charCodeAt(0);
          if (c >= ALPHABET) throw new Error(`secret rule keyword "${keyword}" must be ASCII`);
          let next = goto[s]?.get(c);
          if (next === undefined) {
            next = goto.length;
            goto.push(new Map());
            out.push(new Set());
            goto[s]?.set(c, next);
          }
          s = next;
        }
        out[s]?.add(rule);
      }
    });
    const states = goto.length;
    const delta = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    // Breadth-first: a state's failure target is always complete before the state itself.
    const queue: number[] = [];
    for (const [c, t] of goto[0] ?? []) {
      delta[c] = t;
      queue.push(t);
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head] as number;
      for (const r of out[fail[s] as number] ?? []) out[s]?.add(r);
      for (let c = 0; c < ALPHABET; c++) {
        const t = goto[s]?.get(c);
        if (t === undefined) {
          delta[s * ALPHABET + c] = delta[(fail[s] as number) * ALPHABET + c] as number;
        } else {
          delta[s * ALPHABET + c] = t;
          fail[t] = delta[(fail[s] as number) * ALPHABET + c] as number;
          queue.push(t);
        }
      }
    }
    // Upper-case ASCII letters behave as their lower-case forms.
    for (let st = 0; st < states; st++) {
      for (let c = 65; c <= 90; c++) delta[st * ALPHABET + c] = delta[st * ALPHABET + c + 32] as number;
    }
    // The hot loop indexes `state + char`: store next states pre-multiplied by the alphabet size.
    for (let k = 0; k < delta.length; k++) delta[k] = (delta[k] as number) * ALPHABET;
    this.delta = delta;
    this.outputs = out.map((o) => (o.size > 0 ? [...o] : undefined));
    this.accepting = new Uint8Array(states);
    out.forEach((o, st) => {
      if (o.size > 0) this.accepting[st] = 1;
    });
  }

  scan(text: string): KeywordHits {
    const byRule = new Map<number, number[]>();
    const delta = this.delta;
    const accepting = this.accepting;
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      s = c < ALPHABET ? (delta[s + c] as number) : 0;
      if (accepting[s >> 7] === 1) this.record(byRule, s >> 7, i + 1);
    }
    return { byRule };
  }

  /**
   * The same pass over raw bytes (a file as read from disk), with no decoding: most files of a tree have no keyword at
   * all and are never decoded. `ascii` says whether every byte was < 0x80, i.e. whether byte offsets are string offsets.
   */
  scanBytes(bytes: Uint8Array): KeywordHits & { ascii: boolean } {
    const byRule = new Map<number, number[]>();
    const delta = this.delta;
    const accepting = this.accepting;
    const n = bytes.length;
    let high = 0;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const c = bytes[i] as number;
      high |= c;
      s = c < ALPHABET ? (delta[s + c] as number) : 0;
      if (accepting[s >> 7] === 1) this.record(byRule, s >> 7, i + 1);
    }
    return { byRule, ascii: high < ALPHABET };
  }

  private record(byRule: Map<number, number[]>, state: number, end: number): void {
    for (const r of this.outputs[state] as readonly number[]) {
      let hits = byRule.get(r);
      if (hits === undefined) {
        hits = [];
        byRule.set(r, hits);
      }
      if (hits.length < this.maxHitsPerRule) hits.push(end);
    }
  }
}
