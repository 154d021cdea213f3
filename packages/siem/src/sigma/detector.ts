/**
 * The compiled rule set. Rules are indexed twice so that an event meets only rules that can match it: by logsource
 * (when the caller knows the event's source) and by a literal field value every match needs (`EventID`, `eventName`,
 * `verb`...). Each variant is indexed by the key field most rules share, so an event costs a handful of map lookups
 * plus the few rules that have no literal key.
 */
import type { Test } from './compiled.js';
import { compileRule } from './compile-rule.js';
import { EventView } from './event-view.js';
import { resolvePipeline } from './loader.js';
import type { Pipeline } from './pipeline.js';
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
  stats(): { rules: number; variants: number; keyFields: string[]; unindexed: number };
}

interface Entry {
  match: RuleMatch;
  test: Test;
}

interface Index {
  keyed: [string, Map<string, Entry[]>][];
  unkeyed: Entry[];
}

interface Variant {
  match: RuleMatch;
  test: Test;
  keys: ReadonlyMap<string, ReadonlySet<string>>;
}

const LOGSOURCE_KEYS = ['product', 'category', 'service'] as const;
const MAX_LOGSOURCE_INDEXES = 256;

export function compileDetector(rules: readonly SigmaRule[], options: DetectorOptions = {}): Detector {
  const pipeline = resolvePipeline(options.pipeline);
  const variants: Variant[] = [];
  for (const rule of rules) {
    const match: RuleMatch = { rule };
    for (const v of compileRule(rule, pipeline).variants) variants.push({ match, test: v.test, keys: v.keys });
  }
  const all = buildIndex(variants);
  const bySource = new Map<string, Index>();

  const indexFor = (ls: Logsource): Index => {
    const sig = `${ls.product ?? ''}|${ls.category ?? ''}|${ls.service ?? ''}`.toLowerCase();
    let idx = bySource.get(sig);
    if (idx === undefined) {
      idx = buildIndex(variants.filter((v) => logsourceFits(v.match.rule.logsource, ls)));
      if (bySource.size >= MAX_LOGSOURCE_INDEXES) bySource.delete(bySource.keys().next().value as string);
      bySource.set(sig, idx);
    }
    return idx;
  };

  return {
    rules,
    match(event, logsource) {
      const idx = logsource === undefined ? all : indexFor(logsource);
      const view = new EventView(event);
      const out: RuleMatch[] = [];
      for (const [field, byValue] of idx.keyed) {
        for (const value of view.lowers(field)) {
          const entries = byValue.get(value);
          if (entries !== undefined) for (const e of entries) if (e.test(view)) add(out, e.match);
        }
      }
      for (const e of idx.unkeyed) if (e.test(view)) add(out, e.match);
      return out;
    },
    stats() {
      return {
        rules: rules.length,
        variants: variants.length,
        keyFields: all.keyed.map(([f]) => f),
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
 * A rule fits an event's logsource when no key both name differs (case-insensitive). SigmaHQ rules name keys unevenly
 * (`category: application` on some kubernetes audit rules, not on others), so a key only one side names does not exclude.
 */
function logsourceFits(rule: Logsource, event: Logsource): boolean {
  for (const k of LOGSOURCE_KEYS) {
    const want = rule[k];
    const have = event[k];
    if (want !== undefined && have !== undefined && want.toLowerCase() !== have.toLowerCase()) return false;
  }
  return true;
}

function buildIndex(variants: readonly Variant[]): Index {
  // The key field each variant is filed under is the one shared by most variants: fewer fields to read per event.
  const popularity = new Map<string, number>();
  for (const v of variants) for (const f of v.keys.keys()) popularity.set(f, (popularity.get(f) ?? 0) + 1);
  const keyed = new Map<string, Map<string, Entry[]>>();
  const unkeyed: Entry[] = [];
  for (const v of variants) {
    let best: string | undefined;
    for (const [f, values] of v.keys) {
      if (values.size === 0) continue;
      if (best === undefined || (popularity.get(f) ?? 0) > (popularity.get(best) ?? 0)) best = f;
    }
    const entry: Entry = { match: v.match, test: v.test };
    if (best === undefined) {
      unkeyed.push(entry);
      continue;
    }
    let byValue = keyed.get(best);
    if (byValue === undefined) {
      byValue = new Map();
      keyed.set(best, byValue);
    }
    for (const value of v.keys.get(best) ?? []) {
      const list = byValue.get(value);
      if (list === undefined) byValue.set(value, [entry]);
      else list.push(entry);
    }
  }
  return { keyed: [...keyed.entries()], unkeyed };
}
