/** One text through the rules and the allowlist: the step shared by files, git blobs and image layers. */
import type { Finding, FindingLocation } from '@rampart/core';
import { findSecrets, SECRET_RULES, type SecretRule } from '@rampart/core/secrets';
import type { CompiledAllowlist } from './allow.js';
import { secretFinding } from './to-finding.js';

export function scanText(
  text: string,
  rules: readonly SecretRule[] | undefined,
  allow: CompiledAllowlist,
  target: string,
  location: FindingLocation,
): Finding[] {
  const ruleSet = rules ?? SECRET_RULES;
  const out: Finding[] = [];
  for (const m of findSecrets(text, { rules: ruleSet })) {
    if (allow.matchAllowed(m, text)) continue;
    out.push(secretFinding(m, ruleSet.find((r) => r.id === m.ruleId), target, location));
  }
  return out;
}
