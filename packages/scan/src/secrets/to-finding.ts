/** A secret match as core's Finding: masked value, file and lines, why it matters and what to do. */
import { createFinding, type Finding, type FindingLocation } from '@rampart/core';
import { maskSecret, type SecretMatch, type SecretRule } from '@rampart/core/secrets';

const ADVICE =
  'Revoke and rotate the credential first (it may already be copied), then remove it from the file and from version ' +
  'history, and load it at run time from a secret store or the environment.';

export function secretFinding(
  match: SecretMatch,
  rule: SecretRule | undefined,
  target: string,
  location: FindingLocation,
): Finding {
  return createFinding({
    id: match.ruleId,
    kind: 'secret',
    severity: match.severity,
    target,
    location: {
      ...location,
      line: match.line,
      column: match.column,
      ...(match.endLine ? { endLine: match.endLine } : {}),
    },
    title: match.title,
    description:
      rule?.description ??
      `A ${match.title} is written in this file: anyone who can read the source, an image layer or a build log can use it.`,
    references: rule?.references ?? [],
    fix: { versions: [], advice: ADVICE },
    data: { match: maskSecret(match.secret), ...(match.encoding ? { encoding: match.encoding } : {}) },
  });
}
