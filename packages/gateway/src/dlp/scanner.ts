/** Runs a route's detectors over a body and redacts what they found. */
import type { DlpConfig } from '../config/types.js';
import {
  CARD_DETECTOR,
  type Detector,
  type DlpMatch,
  EMAIL_DETECTOR,
  IBAN_DETECTOR,
  PHONE_DETECTOR,
  SSN_DETECTOR,
} from './detectors.js';
import { loadFindSecrets, secretsDetector } from './secrets.js';

const BUILT_IN: Record<string, Detector> = {
  card: CARD_DETECTOR,
  iban: IBAN_DETECTOR,
  ssn: SSN_DETECTOR,
  email: EMAIL_DETECTOR,
  phone: PHONE_DETECTOR,
};

export interface DlpScanner {
  config: DlpConfig;
  /** Detectors configured but not available (core's secret rules missing). */
  unavailable: string[];
  scan(text: string): DlpMatch[];
}

export async function createDlpScanner(config: DlpConfig): Promise<DlpScanner> {
  const detectors: Detector[] = [];
  const unavailable: string[] = [];
  for (const name of config.detectors) {
    if (name === 'secrets') {
      const find = await loadFindSecrets();
      if (find === undefined) unavailable.push('secrets');
      else detectors.push(secretsDetector(find));
      continue;
    }
    detectors.push(BUILT_IN[name] as Detector);
  }
  return {
    config,
    unavailable,
    scan(text) {
      const out: DlpMatch[] = [];
      for (const d of detectors) d.find(text, out);
      return out;
    },
  };
}

/** Replaces each match by `[REDACTED:<detector>]`; overlapping matches are merged into the first. */
export function redact(text: string, matches: readonly DlpMatch[]): string {
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const m of sorted) {
    if (m.start < pos) continue;
    out += `${text.slice(pos, m.start)}[REDACTED:${m.detector}]`;
    pos = m.end;
  }
  return out + text.slice(pos);
}
