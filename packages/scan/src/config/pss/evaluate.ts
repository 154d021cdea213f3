/** A pod template at a PSS level and policy version: allowed iff no applicable check objects, as admission decides. */
import { RampartError } from '@rampart/core';
import { applicableChecks, LATEST_MINOR } from './registry.js';
import type { PodInput, PssLevel, PssViolation } from './types.js';

export interface PssResult {
  allowed: boolean;
  violations: PssViolation[];
}

export function evaluatePss(pod: PodInput, level: PssLevel, version: string | number = 'latest'): PssResult {
  const minor = typeof version === 'number' ? version : parsePssVersion(version);
  const violations = applicableChecks(level, minor).flatMap((c) => c.evaluate(pod));
  return { allowed: violations.length === 0, violations };
}

/** `v1.N`, `1.N` or `latest` → N (versions newer than the newest variant evaluate as that one). */
export function parsePssVersion(version: string): number {
  if (version === 'latest') return LATEST_MINOR;
  const m = /^v?1\.(\d{1,3})$/.exec(version.trim());
  if (m === null) {
    throw new RampartError('USAGE', `--pss-version must be v1.N or latest, not "${version}"`, {
      field: '--pss-version',
    });
  }
  return Math.min(Number(m[1]), LATEST_MINOR);
}

export function parsePssLevel(level: string): PssLevel {
  if (level === 'baseline' || level === 'restricted') return level;
  throw new RampartError('USAGE', `--pss must be baseline or restricted, not "${level}"`, { field: '--pss' });
}
