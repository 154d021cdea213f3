/**
 * The detector's rule index per event logsource, built on first use. Looked up by the logsource's raw values through
 * nested maps: no key string is built or lower-cased per event (callers often pass a fresh logsource object each time).
 * Logsources that differ only in case share one index; at most MAX_INDEXES distinct ones are kept.
 */
import type { Index } from './rule-index.js';
import type { Logsource } from './types.js';

const MAX_INDEXES = 256;

type ByService = Map<string | undefined, Index>;
type ByCategory = Map<string | undefined, ByService>;

export class LogsourceIndexes {
  private readonly byRaw = new Map<string | undefined, ByCategory>();
  private rawCount = 0;
  private readonly bySignature = new Map<string, Index>();

  constructor(private readonly build: (ls: Logsource) => Index) {}

  get(ls: Logsource): Index {
    const known = this.byRaw.get(ls.product)?.get(ls.category)?.get(ls.service);
    return known ?? this.miss(ls);
  }

  private miss(ls: Logsource): Index {
    const sig = `${ls.product ?? ''}|${ls.category ?? ''}|${ls.service ?? ''}`.toLowerCase();
    let idx = this.bySignature.get(sig);
    if (idx === undefined) {
      idx = this.build(ls);
      if (this.bySignature.size >= MAX_INDEXES) this.bySignature.delete(this.bySignature.keys().next().value as string);
      this.bySignature.set(sig, idx);
    }
    if (this.rawCount >= MAX_INDEXES) {
      this.byRaw.clear();
      this.rawCount = 0;
    }
    let byCategory = this.byRaw.get(ls.product);
    if (byCategory === undefined) {
      byCategory = new Map();
      this.byRaw.set(ls.product, byCategory);
    }
    let byService = byCategory.get(ls.category);
    if (byService === undefined) {
      byService = new Map();
      byCategory.set(ls.category, byService);
    }
    byService.set(ls.service, idx);
    this.rawCount++;
    return idx;
  }
}
