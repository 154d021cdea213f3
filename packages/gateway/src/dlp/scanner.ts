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
import { SECRETS_DETECTOR } from './secrets.js';

const DETECTORS: Record<string, Detector> = {
  secrets: SECRETS_DETECTOR,
  card: CARD_DETECTOR,
  iban: IBAN_DETECTOR,
  ssn: SSN_DETECTOR,
  email: EMAIL_DETECTOR,
  phone: PHONE_DETECTOR,
};

export interface DlpScanner {
  config: DlpConfig;
  scan(text: string): DlpMatch[];
}

export function createDlpScanner(config: DlpConfig): DlpScanner {
  const detectors = config.detectors.map((name) => DETECTORS[name] as Detector);
  return {
    config,
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
