/**
 * Compiles a rule against a pipeline: one test per logsource variant (its channel/EventID conditions AND the rule's
 * detection AND the filters that apply to it), each with the literal keys the detector indexes it by.
 */
import { and, compileDetection } from './compile-detection.js';
import type { Compiled } from './compiled.js';
import { compileFieldItem, type ItemContext } from './field-item.js';
import { logsourceVariants, type Pipeline } from './pipeline.js';
import type { SigmaRule } from './types.js';

export interface CompiledRule {
  rule: SigmaRule;
  variants: Compiled[];
}

const cache = new WeakMap<Pipeline, WeakMap<SigmaRule, CompiledRule>>();

export function compileRule(rule: SigmaRule, pipeline: Pipeline, onUnresolved?: (name: string) => void): CompiledRule {
  let perPipeline = cache.get(pipeline);
  if (perPipeline === undefined) {
    perPipeline = new WeakMap();
    cache.set(pipeline, perPipeline);
  }
  const hit = perPipeline.get(rule);
  if (hit !== undefined) return hit;
  const placeholders = new Map(
    Object.entries(pipeline.placeholders).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]),
  );
  const variants = logsourceVariants(pipeline, rule.logsource).map((variant) => {
    const mapField = (f: string): readonly string[] => {
      const m = variant.fieldmappings[f];
      return m === undefined ? [f] : Array.isArray(m) ? m : [m];
    };
    const ctx: ItemContext = { placeholders, mapField, ...(onUnresolved ? { onUnresolved } : {}) };
    const raw: ItemContext = { placeholders, mapField: (f) => [f] };
    const parts: Compiled[] = Object.entries(variant.conditions).map(([field, value]) =>
      compileFieldItem(field, value, raw),
    );
    parts.push(compileDetection(rule.detection, rule.conditions, ctx));
    for (const f of rule.filters) {
      try {
        parts.push(compileDetection(f.detection, f.conditions, ctx));
      } catch (e) {
        throw new Error(`filter ${f.file}: ${(e as Error).message}`);
      }
    }
    return and(parts);
  });
  if (variants.length === 0) {
    // The rule is for a product the pipeline excludes: it never matches, but it must still be a rule the engine can run.
    compileDetection(rule.detection, rule.conditions, { placeholders, mapField: (f) => [f] });
  }
  const compiled = { rule, variants };
  perPipeline.set(rule, compiled);
  return compiled;
}
