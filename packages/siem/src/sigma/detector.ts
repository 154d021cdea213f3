/**
 * The compiled rule set. Rules are indexed twice so that an event meets only rules that can match it: by logsource
 * (when the caller knows the event's source) and by a literal every match needs: an exact value (`eventName`, `verb`)
 * or a needle its field must contain (`\\whoami.exe`), see rule-index.ts. An event costs a few hash lookups, one
 * automaton pass per indexed field, and the tests of the rules whose literal it carries.
 */
import { ALL_VALUES } from './compiled.js';
import { compileRule } from './compile-rule.js';
import { EventView } from './event-view.js';
import { resolvePipeline } from './loader.js';
import type { Pipeline } from './pipeline.js';
import { buildIndex, type Entry, type Index, type Variant } from './rule-index.js';
import type { Logsource, RuleMatch, SigmaRule } from './types.js';

export interface DetectorOptions {
  /** The pipeline the rules were loaded with (`LoadResult.pipeline`), a built-in name or a file. Default: none. */
  pipeline?: string | Pipeline;
}

export interface Detector {
  readonly rules: readonly SigmaRule[];
  /** The rules that match the event. With a logsource, only rules whose logsource does not conflict with it are tried. */
  match(event: Record<string, unknown>, logsource?: Logsource): RuleMatch[];
  /** How the rules are indexed: key fields and the number of rules with no literal key. */
  stats(): { rules: number; inapplicable: number; variants: number; keyFields: string[]; unindexed: number };
}

const LOGSOURCE_KEYS = ['product', 'category', 'service'] as const;
const MAX_LOGSOURCE_INDEXES = 256;

export function compileDetector(rules: readonly SigmaRule[], options: DetectorOptions = {}): Detector {
  const pipeline = resolvePipeline(options.pipeline);
  const variants: Variant[] = [];
  let inapplicable = 0;
  for (const rule of rules) {
    const match: RuleMatch = { rule };
    const compiled = compileRule(rule, pipeline).variants;
    if (compiled.length === 0) inapplicable++;
    for (const v of compiled) variants.push({ match, test: v.test, keys: v.keys, anyOf: v.anyOf });
  }
  const all = buildIndex(variants);
  let calls = 0;
  // The event being matched, read by `attempt` (one closure for the detector, not one per event).
  let current: { view: EventView; out: RuleMatch[]; stamp: number } | undefined;
  const attempt = (e: Entry): void => {
    const c = current as { view: EventView; out: RuleMatch[]; stamp: number };
    if (e.stamp === c.stamp) return;
    e.stamp = c.stamp;
    if (e.test(c.view)) add(c.out, e.match);
  };
  const bySource = new Map<string, Index>();

  // Callers pass the same logsource object for every event of a source: remember it without building a key string.
  const byObject = new WeakMap<Logsource, Index>();
  const indexFor = (ls: Logsource): Index => {
    const known = byObject.get(ls);
    if (known !== undefined) return known;
    const sig = `${ls.product ?? ''}|${ls.category ?? ''}|${ls.service ?? ''}`.toLowerCase();
    let idx = bySource.get(sig);
    if (idx === undefined) {
      idx = buildIndex(variants.filter((v) => logsourceFits(v.match.rule.logsource, ls)));
      if (bySource.size >= MAX_LOGSOURCE_INDEXES) bySource.delete(bySource.keys().next().value as string);
      bySource.set(sig, idx);
    }
    byObject.set(ls, idx);
    return idx;
  };

  return {
    rules,
    match(event, logsource) {
      const idx = logsource === undefined ? all : indexFor(logsource);
      const view = new EventView(event);
      const out: RuleMatch[] = [];
      current = { view, out, stamp: ++calls };
      for (const [field, byValue] of idx.exact) {
        for (const value of view.lowers(field)) {
          const entries = byValue.get(value);
          if (entries !== undefined) for (const e of entries) attempt(e);
        }
      }
      for (const [field, automaton] of idx.substrings) {
        for (const value of field === ALL_VALUES ? view.allLowers() : view.lowers(field))
          automaton.scan(value, attempt);
      }
      for (const e of idx.unkeyed) attempt(e);
      return out;
    },
    stats() {
      return {
        rules: rules.length,
        inapplicable,
        variants: variants.length,
        keyFields: [
          ...all.exact.map(([f]) => f),
          ...all.substrings.map(([f]) => (f === ALL_VALUES ? '(keywords)' : `${f} (substring)`)),
        ],
        unindexed: all.unkeyed.length,
      };
    },
  };
}

function add(out: RuleMatch[], m: RuleMatch): void {
  for (const x of out) if (x === m) return;
  out.push(m);
}

/**
 * A rule fits an event's logsource when no key both name differs (case-insensitive), the rule's product (if it names
 * one) is the event's, and some key the rule names is confirmed by the event: a `category: webserver` rule does not run
 * on CloudTrail events. Category and service exclude only when both sides name them, as SigmaHQ names them unevenly
 * (`category: application` on some kubernetes audit rules, not on others). A rule with no logsource fits everything.
 */
function logsourceFits(rule: Logsource, event: Logsource): boolean {
  let named = false;
  let confirmed = false;
  for (const k of LOGSOURCE_KEYS) {
    const want = rule[k];
    if (want === undefined) continue;
    named = true;
    const have = event[k];
    if (have === undefined) {
      if (k === 'product') return false;
    } else if (want.toLowerCase() !== have.toLowerCase()) {
      return false;
    } else {
      confirmed = true;
    }
  }
  return !named || confirmed;
}
