/**
 * A rule set compiled once: the keyword automaton, and each rule's regex re-flagged with `d` (match indices, so the
 * secret's own offsets are known). Compiled sets are cached per rules array, so callers pass the same array cheaply.
 */
import { ENCODED_KEYWORDS, MANIFEST_KEYWORDS } from './encoded-pass.js';
import { KeywordIndex } from './keyword-index.js';
import type { SecretRule } from './types.js';

export interface CompiledRule {
  rule: SecretRule;
  pattern: RegExp;
  span: number | undefined;
}

export interface CompiledRules {
  rules: CompiledRule[];
  /**
   * One automaton for the rules' keywords and the encoded-secret markers: index `rules.length` holds the base64 forms
   * of token prefixes, `rules.length + 1` the Kubernetes Secret markers. One pass over the text serves both.
   */
  index: KeywordIndex;
}

const cache = new WeakMap<readonly SecretRule[], CompiledRules>();

export function compileRules(rules: readonly SecretRule[]): CompiledRules {
  const hit = cache.get(rules);
  if (hit !== undefined) return hit;
  const compiled: CompiledRules = {
    rules: rules.map((rule) => ({
      rule,
      pattern: new RegExp(
        rule.pattern.source,
        rule.pattern.flags.includes('d') ? rule.pattern.flags : `${rule.pattern.flags}d`,
      ),
      span: rule.span,
    })),
    index: new KeywordIndex([...rules.map((r) => r.keywords), ENCODED_KEYWORDS, MANIFEST_KEYWORDS]),
  };
  cache.set(rules, compiled);
  return compiled;
}
