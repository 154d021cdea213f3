/**
 * DLP detectors: each a regex prefilter plus a checksum or structure check, so that a long digit string is a card only
 * if Luhn says so and an IBAN only if mod 97 says so. Secrets (private keys, API tokens) are core's secret rules,
 * shared with the scanner (see secrets.ts).
 */

export interface DlpMatch {
  detector: string;
  start: number;
  end: number;
}

export interface Detector {
  name: string;
  find(text: string, out: DlpMatch[]): void;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

export function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, '').toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const c = ch.charCodeAt(0);
    const v = c >= 65 ? String(c - 55) : ch;
    for (const digit of v) rem = (rem * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

function regexDetector(name: string, re: RegExp, accept: (m: string) => boolean): Detector {
  return {
    name,
    find(text, out) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (accept(m[0])) out.push({ detector: name, start: m.index, end: m.index + m[0].length });
      }
    },
  };
}

const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
const SSN = /(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])/g;
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}/g;
const PHONE = /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){1,3}(?![\w-])/g;

export const CARD_DETECTOR = regexDetector('card', CARD, (m) => {
  const digits = m.replace(/[ -]/g, '');
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
});
export const IBAN_DETECTOR = regexDetector('iban', IBAN, ibanValid);
export const SSN_DETECTOR = regexDetector('ssn', SSN, () => true);
export const EMAIL_DETECTOR = regexDetector('email', EMAIL, () => true);
// Digits alone are ids and amounts far more often than phone numbers: a phone needs a `+`, parentheses or separators.
export const PHONE_DETECTOR = regexDetector('phone', PHONE, (m) => {
  const digits = m.replace(/\D/g, '').length;
  return digits >= 9 && digits <= 15 && /[ .()+-]/.test(m);
});
