/**
 * CVSS vectors (v2, v3.0, v3.1, v4.0) to base scores with a maintained calculator (ae-cvss-calculator, by metaeffekt),
 * never by hand. An unreadable or incomplete vector yields undefined, not a guess.
 */
import type { FindingCvss } from '@rampart/core';
import cvssCalculator from 'ae-cvss-calculator';

// A CommonJS bundle: its classes arrive on the default export under NodeNext.
const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

interface Calculator {
  isBaseFullyDefined(): boolean;
  calculateScores(): { base?: number; overall: number };
}

function calculatorFor(vector: string): { version: string; calc: () => Calculator } | undefined {
  if (vector.startsWith('CVSS:4.0/')) return { version: '4.0', calc: () => new Cvss4P0(vector) };
  if (vector.startsWith('CVSS:3.1/')) return { version: '3.1', calc: () => new Cvss3P1(vector) };
  if (vector.startsWith('CVSS:3.0/')) return { version: '3.0', calc: () => new Cvss3P0(vector) };
  if (/^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\//.test(vector)) {
    return { version: '2.0', calc: () => new Cvss2(vector.replace(/^\(|\)$/g, '')) };
  }
  return undefined;
}

export function scoreCvss(vector: string): FindingCvss | undefined {
  const v = vector.trim();
  const found = calculatorFor(v);
  if (found === undefined) return undefined;
  try {
    const calc = found.calc();
    if (!calc.isBaseFullyDefined()) return undefined;
    const scores = calc.calculateScores();
    const score = scores.base ?? scores.overall;
    if (typeof score !== 'number' || !Number.isFinite(score)) return undefined;
    return { version: found.version, vector: v, score };
  } catch {
    return undefined;
  }
}
