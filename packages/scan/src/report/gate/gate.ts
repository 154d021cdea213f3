/**
 * The CI gate over any Finding[] (as Trivy users know it): keep only the chosen severities, drop unfixed
 * vulnerabilities on request, suppress by ignore file and VEX (with the reason kept), and tell whether what remains
 * should fail the build. Expired ignore entries do not suppress, and the result says so.
 */
import { type Finding, RampartError, SEVERITIES, type Severity } from '@rampart/core';
import { type IgnoreEntry, isActive, pathPatternMatches, purlPatternMatches } from './ignore-file.js';
import { productCovers, type VexStatement } from './vex.js';

export interface GateOptions {
  /** Severities to report (default: all). */
  severities?: readonly Severity[];
  ignoreUnfixed?: boolean;
  ignore?: readonly IgnoreEntry[];
  vex?: readonly VexStatement[];
  /** `YYYY-MM-DD` (UTC) to judge expiry against; default today. */
  today?: string;
}

export interface Suppressed {
  finding: Finding;
  reason: string;
}

export interface GateResult {
  findings: Finding[];
  suppressed: Suppressed[];
  /** Human notes: expired ignore entries, and entries that matched nothing. */
  notes: string[];
}

/** Parses `--severity CRITICAL,HIGH`. */
export function parseSeverityList(value: string): Severity[] {
  const out: Severity[] = [];
  for (const raw of value.split(',')) {
    const s = raw.trim().toUpperCase();
    if (s === '') continue;
    if (!(SEVERITIES as readonly string[]).includes(s)) {
      throw new RampartError('USAGE', `unknown severity "${raw.trim()}" (use ${SEVERITIES.join(', ')})`, {
        field: '--severity',
      });
    }
    out.push(s as Severity);
  }
  return out;
}

function idsOf(f: Finding): string[] {
  return f.ruleId === f.id ? [f.id, ...(f.aliases ?? [])] : [f.id, f.ruleId, ...(f.aliases ?? [])];
}

/** An entry names a purl pattern (`pkg:`), one of the finding's IDs, or a path pattern over its location. */
function entryMatches(e: IgnoreEntry, f: Finding): boolean {
  if (e.pattern.startsWith('pkg:'))
    return f.package?.purl !== undefined && purlPatternMatches(e.pattern, f.package.purl);
  if (idsOf(f).includes(e.pattern)) return true;
  return f.location?.path !== undefined && pathPatternMatches(e.pattern, f.location.path);
}

export function applyGate(input: readonly Finding[], options: GateOptions): GateResult {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const severities =
    options.severities !== undefined && options.severities.length > 0 ? new Set(options.severities) : undefined;
  const notes: string[] = [];
  const active: IgnoreEntry[] = [];
  for (const e of options.ignore ?? []) {
    if (isActive(e, today)) active.push(e);
    else notes.push(`${e.file}:${e.line}: ${e.pattern} expired on ${e.expires}; it no longer suppresses anything`);
  }
  const result: GateResult = { findings: [], suppressed: [], notes };
  for (const f of input) {
    if (severities !== undefined && !severities.has(f.severity)) continue;
    if (options.ignoreUnfixed === true && f.kind === 'vulnerability' && (f.fix?.versions.length ?? 0) === 0) continue;
    const entry = active.find((e) => entryMatches(e, f));
    if (entry !== undefined) {
      const why = entry.reason !== undefined ? `: ${entry.reason}` : '';
      result.suppressed.push({ finding: f, reason: `ignored by ${entry.file}:${entry.line}${why}` });
      continue;
    }
    const vex = (options.vex ?? []).find(
      (s) =>
        idsOf(f).includes(s.vulnerability) &&
        (s.products.length === 0 ||
          (f.package?.purl !== undefined && s.products.some((p) => productCovers(p, f.package!.purl!)))),
    );
    if (vex !== undefined) {
      const why = vex.justification !== undefined ? ` (${vex.justification})` : '';
      result.suppressed.push({ finding: f, reason: `not_affected per VEX ${vex.source}${why}` });
      continue;
    }
    result.findings.push(f);
  }
  return result;
}

/** `--exit-code N`: N when any finding passed the gate, else 0. */
export function gateExitCode(result: GateResult, exitCode: number | undefined): number {
  return exitCode !== undefined && exitCode !== 0 && result.findings.length > 0 ? exitCode : 0;
}
