/**
 * The compiled rule set. Rules are indexed twice so that an event meets only rules that can match it: by logsource
 * (when the caller knows the event's source) and by a literal every match needs: an exact value (`eventName`, `verb`)
 * or a needle its field must contain (`\\whoami.exe`), see rule-index.ts. An event costs a few hash lookups, one
 * automaton pass per indexed field, and the tests of the rules whose literal it carries.
 */
import { compileRule } from './compile-rule.js';
import { EventView } from './event-view.js';
import { resolvePipeline } from './loader.js';
import type { Pipeline } from './pipeline.js';
import { LogsourceIndexes } from './logsource-indexes.js';
import { buildIndex, type Entry, type ExactKeys, type NeedleKeys, type Variant } from './rule-index.js';
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
  // The event being matched, read by `attempt` (one closure for the detector, not one per event). One view serves
  // every event: `reset` drops its caches without allocating new ones.
  const view = new EventView({});
  let out: RuleMatch[] = [];
  const attempt = (e: Entry): void => {
    if (e.stamp === calls) return;
    e.stamp = calls;
    if (e.test(view)) add(out, e.match);
  };
  const indexes = new LogsourceIndexes((ls) =>
    buildIndex(variants.filter((v) => logsourceFits(v.match.rule.logsource, ls))),
  );

  return {
    rules,
    match(event, logsource) {
      const idx = logsource === undefined ? all : indexes.get(logsource);
      view.reset(event);
      out = [];
      calls++;
      const { exact, substrings, unkeyed } = idx;
      for (let f = 0; f < exact.length; f++) {
        const { slot, byValue } = exact[f] as ExactKeys;
        const values = view.lowers(slot);
        for (let i = 0; i < values.length; i++) {
          const entries = byValue.get(values[i] as string);
          if (entries !== undefined) for (let k = 0; k < entries.length; k++) attempt(entries[k] as Entry);
        }
      }
      for (let f = 0; f < substrings.length; f++) {
        const { slot, automaton } = substrings[f] as NeedleKeys;
        const values = slot === undefined ? view.allLowers() : view.lowers(slot);
        for (let i = 0; i < values.length; i++) automaton.scan(values[i] as string, attempt);
      }
      for (let k = 0; k < unkeyed.length; k++) attempt(unkeyed[k] as Entry);
      return out;
    },
    stats() {
      return {
        rules: rules.length,
        inapplicable,
        variants: variants.length,
        keyFields: [
          ...all.exact.map((x) => x.field),
          ...all.substrings.map((x) => (x.slot === undefined ? '(keywords)' : `${x.field} (substring)`)),
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
