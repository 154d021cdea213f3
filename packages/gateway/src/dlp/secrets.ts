/**
 * Private keys and API tokens through core's secret rules (`@rampart/core/secrets`), shared with the scanner rather
 * than copied, so a rule added there protects responses here too.
 */
import { findSecrets } from '@rampart/core/secrets';
import type { Detector, DlpMatch } from './detectors.js';

export const SECRETS_DETECTOR: Detector = {
  name: 'secrets',
  find(text: string, out: DlpMatch[]) {
    for (const s of findSecrets(text)) out.push({ detector: `secret:${s.ruleId}`, start: s.start, end: s.end });
  },
};
