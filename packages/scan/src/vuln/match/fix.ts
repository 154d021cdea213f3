/**
 * Fix advice. Per finding: the fixed versions of the ranges that contain the installed version, nearest first. Per
 * package: the smallest known fixed version that clears every one of its findings at once (checked by re-evaluating
 * each matched advisory at that version), or none when no single known version does.
 */
import type { OsvAffected } from '../osv/types.js';
import type { VersionScheme } from '../version/scheme.js';
import { evaluateAffected } from './affected.js';

/** Sorts version strings ascending in the scheme; unparsable ones go last, in their given order. */
export function sortVersions(versions: Iterable<string>, scheme: VersionScheme): string[] {
  const parsed: Array<{ text: string; value: unknown }> = [];
  const bad: string[] = [];
  for (const text of new Set(versions)) {
    try {
      parsed.push({ text, value: scheme.parse(text) });
    } catch {
      bad.push(text);
    }
  }
  parsed.sort((a, b) => scheme.compareParsed(a.value, b.value));
  return [...parsed.map((p) => p.text), ...bad];
}

export function smallestClearingUpgrade(
  installed: string,
  entries: readonly OsvAffected[],
  candidates: Iterable<string>,
  scheme: VersionScheme,
): string | undefined {
  let current: unknown;
  try {
    current = scheme.parse(installed);
  } catch {
    return undefined;
  }
  for (const candidate of sortVersions(candidates, scheme)) {
    let value: unknown;
    try {
      value = scheme.parse(candidate);
    } catch {
      continue;
    }
    if (scheme.compareParsed(value, current) <= 0) continue;
    if (entries.every((e) => !evaluateAffected(e, candidate, scheme).affected)) return candidate;
  }
  return undefined;
}
