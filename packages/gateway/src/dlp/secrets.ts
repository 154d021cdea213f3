/**
 * Private keys and API tokens through core's secret rules (`@rampart/core/secrets`, shared with the scanner). Loaded
 * lazily by name so the gateway still builds and runs where that module is not present yet; then `secrets` is
 * reported as unavailable at start instead of silently matching nothing.
 */
import type { Detector, DlpMatch } from './detectors.js';

interface SecretMatchLike {
  ruleId: string;
  start: number;
  end: number;
}
type FindSecrets = (text: string) => SecretMatchLike[];

let cached: Promise<FindSecrets | undefined> | undefined;

export function loadFindSecrets(): Promise<FindSecrets | undefined> {
  const specifier = '@rampart/core/secrets';
  cached ??= import(specifier).then(
    (m: { findSecrets?: FindSecrets }) => (typeof m.findSecrets === 'function' ? m.findSecrets : undefined),
    () => undefined,
  );
  return cached;
}

export function secretsDetector(findSecrets: FindSecrets): Detector {
  return {
    name: 'secrets',
    find(text: string, out: DlpMatch[]) {
      for (const s of findSecrets(text)) out.push({ detector: `secret:${s.ruleId}`, start: s.start, end: s.end });
    },
  };
}
