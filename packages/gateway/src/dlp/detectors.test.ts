import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CARD_DETECTOR,
  type DlpMatch,
  EMAIL_DETECTOR,
  IBAN_DETECTOR,
  ibanValid,
  luhnValid,
  PHONE_DETECTOR,
  SSN_DETECTOR,
} from './detectors.js';
import { redact } from './scanner.js';

const find = (d: { find(t: string, o: DlpMatch[]): void }, text: string) => {
  const out: DlpMatch[] = [];
  d.find(text, out);
  return out.map((m) => text.slice(m.start, m.end));
};

test('cards: Luhn-valid numbers with or without separators; look-alikes are not cards', () => {
  assert.deepEqual(find(CARD_DETECTOR, 'pan 4111 1111 1111 1111 and 5500-0000-0000-0004, 378282246310005'), [
    '4111 1111 1111 1111',
    '5500-0000-0000-0004',
    '378282246310005',
  ]);
  assert.deepEqual(find(CARD_DETECTOR, 'order 4111111111111112, phone 1234567890123, id 12345678'), []);
});

test('IBAN: mod 97 decides', () => {
  assert.equal(ibanValid('DE89 3704 0044 0532 0130 00'), true);
  assert.equal(ibanValid('GB82WEST12345698765432'), true);
  assert.equal(ibanValid('GB82WEST12345698765433'), false);
  assert.deepEqual(find(IBAN_DETECTOR, 'pay to GB82WEST12345698765432 or GB00WEST12345698765432'), [
    'GB82WEST12345698765432',
  ]);
});

test('SSN: area, group and serial rules exclude impossible numbers', () => {
  assert.deepEqual(find(SSN_DETECTOR, 'ssn 123-45-6789; 000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000'), [
    '123-45-6789',
  ]);
});

test('e-mail and phone', () => {
  assert.deepEqual(find(EMAIL_DETECTOR, 'write to jane.doe+x@example.co.uk now'), ['jane.doe+x@example.co.uk']);
  assert.deepEqual(find(PHONE_DETECTOR, 'call +1 415-555-0132 or (030) 123 4567'), [
    '+1 415-555-0132',
    '(030) 123 4567',
  ]);
});

test('redaction replaces each match and keeps the rest', () => {
  const text = 'a 4111111111111111 b 123-45-6789 c';
  const m: DlpMatch[] = [];
  CARD_DETECTOR.find(text, m);
  SSN_DETECTOR.find(text, m);
  assert.equal(redact(text, m), 'a [REDACTED:card] b [REDACTED:ssn] c');
});

test('property: Luhn accepts exactly one check digit per prefix (seeded random prefixes)', () => {
  let seed = 99;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed;
  };
  for (let i = 0; i < 500; i++) {
    const len = 12 + (rnd() % 7);
    let prefix = '';
    for (let j = 0; j < len; j++) prefix += String(rnd() % 10);
    const valid = [...'0123456789'].filter((d) => luhnValid(prefix + d));
    assert.equal(valid.length, 1, prefix);
  }
});

test('property: detectors never throw and matches stay inside the text (seeded random text)', () => {
  let seed = 5;
  const rnd = (n: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const parts = ['4111', ' ', '-', '1111', 'GB82', 'WEST', '@', 'a.b', '123-45-6789', '+1', '(', ')', '\n', 'é', '0'];
  for (let i = 0; i < 300; i++) {
    const text = Array.from({ length: rnd(30) }, () => parts[rnd(parts.length)]).join('');
    for (const d of [CARD_DETECTOR, IBAN_DETECTOR, SSN_DETECTOR, EMAIL_DETECTOR, PHONE_DETECTOR]) {
      const out: DlpMatch[] = [];
      d.find(text, out);
      for (const m of out) assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
    }
  }
});
