/**
 * The prefilter: one Aho-Corasick automaton over every rule's keywords, compiled once into a dense ASCII transition table
 * (a DFA: failure links are folded in at build time), so a text is read exactly once, one table lookup per character,
 * and each rule learns where its keywords occur. Case-insensitive for ASCII; any other character resets to the root,
 * which is right because keywords are ASCII.
 */

const ALPHABET = 128;

export interface KeywordHits {
  /** For each rule index that had a keyword hit: the end offsets (exclusive) of its hits, in text order. */
  byRule: Map<number, number[]>;
}

export class KeywordIndex {
  private readonly delta: Int32Array;
  /** For each state: the rule indices whose keyword ends here (including through failure links), or undefined. */
  private readonly outputs: (readonly number[] | undefined)[];
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
    for (let s = 0; s < states; s++) {
      for (let c = 65; c <= 90; c++) delta[s * ALPHABET + c] = delta[s * ALPHABET + c + 32] as number;
    }
    this.delta = delta;
    this.outputs = out.map((o) => (o.size > 0 ? [...o] : undefined));
  }

  scan(text: string): KeywordHits {
    const byRule = new Map<number, number[]>();
    const delta = this.delta;
    const outputs = this.outputs;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      s = c < ALPHABET ? (delta[s * ALPHABET + c] as number) : 0;
      const rules = outputs[s];
      if (rules === undefined) continue;
      for (const r of rules) {
        let hits = byRule.get(r);
        if (hits === undefined) {
          hits = [];
          byRule.set(r, hits);
        }
        if (hits.length < this.maxHitsPerRule) hits.push(i + 1);
      }
    }
    return { byRule };
  }
}
