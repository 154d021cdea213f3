/** One text through the rules and the allowlist: the step shared by files, git blobs and image layers. */
import type { Finding, FindingLocation } from '@rampart/core';
import {
  findSecrets,
  findSecretsInBytes,
  SECRET_RULES,
  type SecretMatch,
  type SecretRule,
} from '@rampart/core/secrets';
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
  return toFindings(findSecrets(text, { rules: ruleSet }), () => text, ruleSet, allow, target, location);
}

/** A file's bytes: decoded only when the keyword pass found something (most files of a tree are never decoded). */
export function scanBytes(
  bytes: Uint8Array,
  rules: readonly SecretRule[] | undefined,
  allow: CompiledAllowlist,
  target: string,
  location: FindingLocation,
): Finding[] {
  const ruleSet = rules ?? SECRET_RULES;
  const matches = findSecretsInBytes(bytes, { rules: ruleSet });
  if (matches.length === 0) return [];
  const text = () => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return toFindings(matches, text, ruleSet, allow, target, location);
}

function toFindings(
  matches: readonly SecretMatch[],
  text: () => string,
  ruleSet: readonly SecretRule[],
  allow: CompiledAllowlist,
  target: string,
  location: FindingLocation,
): Finding[] {
  const out: Finding[] = [];
  let decoded: string | undefined;
  for (const m of matches) {
    decoded ??= text();
    if (allow.matchAllowed(m, decoded)) continue;
    out.push(
      secretFinding(
        m,
        ruleSet.find((r) => r.id === m.ruleId),
        target,
        location,
      ),
    );
  }
  return out;
}
