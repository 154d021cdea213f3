/**
 * Is a version affected by one `affected[]` entry? The enumerated `versions` list first, then each SEMVER/ECOSYSTEM
 * range evaluated as the OSV schema describes: events sorted by version, `introduced` opens, `fixed` closes (at it),
 * `last_affected` closes after it, `limit` bounds from above. GIT ranges cannot be evaluated on a version and are
 * skipped with a reason. A range whose versions cannot be parsed yields a low-confidence answer, never silence.
 */
import type { OsvAffected, OsvEvent, OsvRange } from '../osv/types.js';
import { InvalidVersionError, type VersionScheme } from '../version/scheme.js';
import { semverScheme } from '../version/semver.js';

export interface AffectedVerdict {
  affected: boolean;
  /** `fixed` versions of the ranges that contain the version (the upgrade targets). */
  fixed: string[];
  /** Set when the answer rests on something unparsable (the version, or a range bound). */
  doubt?: string;
  /** Ranges that could not be evaluated (GIT), for the match statistics. */
  skippedRanges: number;
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

interface Bound {
  kind: Kind;
  text: string;
  value: unknown;
}

const SEMVER_FAMILY = new Set(['npm semver', 'Go semver', 'semver', 'Pub semver']);

/** SEMVER ranges use SemVer precedence; where the ecosystem's own scheme is a SemVer variant it is used instead. */
function schemeForRange(range: OsvRange, ecosystemScheme: VersionScheme): VersionScheme {
  if (range.type === 'SEMVER' && !SEMVER_FAMILY.has(ecosystemScheme.name)) return semverScheme as VersionScheme;
  return ecosystemScheme;
}

export function evaluateAffected(entry: OsvAffected, version: string, scheme: VersionScheme): AffectedVerdict {
  const verdict: AffectedVerdict = { affected: false, fixed: [], skippedRanges: 0 };
  // The enumerated list is matched exactly, as OSV defines it; the ranges below decide for every other spelling.
  if (entry.versions?.includes(version)) verdict.affected = true;
  let parseError: string | undefined;
  const parsedFor = new Map<VersionScheme, unknown>();
  const parseInstalled = (s: VersionScheme) => {
    if (!parsedFor.has(s)) parsedFor.set(s, s.parse(version));
    return parsedFor.get(s);
  };
  try {
    parseInstalled(scheme);
  } catch (e) {
    parseError = e instanceof InvalidVersionError ? e.message : String(e);
  }
  const doubt = scheme.doubt?.(version);
  for (const range of entry.ranges ?? []) {
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') {
      verdict.skippedRanges++;
      continue;
    }
    const rangeScheme = schemeForRange(range, scheme);
    let installed: unknown;
    try {
      installed = parseInstalled(rangeScheme);
    } catch (e) {
      // The version cannot be placed in the range: report it as possibly affected, with the reason.
      verdict.affected = true;
      verdict.doubt = e instanceof InvalidVersionError ? e.message : String(e);
      collectFixed(range, verdict);
      continue;
    }
    const result = inRange(range.events, installed, rangeScheme);
    if (result.doubt !== undefined) verdict.doubt ??= result.doubt;
    if (result.affected) {
      verdict.affected = true;
      if (result.fixed !== undefined) verdict.fixed.push(result.fixed);
    }
  }
  if (verdict.affected && doubt !== undefined) verdict.doubt ??= doubt;
  if (parseError !== undefined && verdict.affected) verdict.doubt ??= parseError;
  return verdict;
}

function collectFixed(range: OsvRange, verdict: AffectedVerdict): void {
  for (const e of range.events) if ('fixed' in e) verdict.fixed.push(e.fixed);
}

function eventOf(e: OsvEvent): [Kind, string] {
  const kind = Object.keys(e)[0] as Kind;
  return [kind, (e as Record<string, string>)[kind] as string];
}

/** Parsed and sorted bounds per range and scheme: advisories are shared by many packages and versions of a scan. */
const boundsCache = new WeakMap<readonly OsvEvent[], Map<VersionScheme, { bounds: Bound[]; doubt?: string }>>();

function boundsOf(events: readonly OsvEvent[], scheme: VersionScheme): { bounds: Bound[]; doubt?: string } {
  let perScheme = boundsCache.get(events);
  if (perScheme === undefined) {
    perScheme = new Map();
    boundsCache.set(events, perScheme);
  }
  let entry = perScheme.get(scheme);
  if (entry === undefined) {
    entry = parseBounds(events, scheme);
    perScheme.set(scheme, entry);
  }
  return entry;
}

function parseBounds(events: readonly OsvEvent[], scheme: VersionScheme): { bounds: Bound[]; doubt?: string } {
  const bounds: Bound[] = [];
  let doubt: string | undefined;
  for (const e of events) {
    const [kind, text] = eventOf(e);
    if (kind === 'introduced' && text === '0') {
      bounds.push({ kind, text, value: undefined });
      continue;
    }
    try {
      bounds.push({ kind, text, value: scheme.parse(text) });
    } catch (err) {
      doubt ??= `advisory range bound ${kind} "${text}" is unreadable: ${(err as Error).message}`;
    }
  }
  // `introduced: 0` is the lowest possible version; otherwise order by version, ties keeping the event order.
  bounds.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) return a.value === b.value ? 0 : a.value === undefined ? -1 : 1;
    return scheme.compareParsed(a.value, b.value);
  });
  return doubt === undefined ? { bounds } : { bounds, doubt };
}

function inRange(
  events: readonly OsvEvent[],
  installed: unknown,
  scheme: VersionScheme,
): { affected: boolean; fixed?: string; doubt?: string } {
  const { bounds, doubt } = boundsOf(events, scheme);
  const limits = bounds.filter((b) => b.kind === 'limit');
  if (limits.length > 0 && limits.every((l) => scheme.compareParsed(installed, l.value) >= 0)) {
    return doubt === undefined ? { affected: false } : { affected: false, doubt };
  }
  let affected = false;
  let fixed: string | undefined;
  for (const b of bounds) {
    const cmp = b.value === undefined ? 1 : scheme.compareParsed(installed, b.value);
    if (b.kind === 'introduced' && cmp >= 0) affected = true;
    else if (b.kind === 'fixed' && cmp >= 0) affected = false;
    else if (b.kind === 'last_affected' && cmp > 0) affected = false;
    else if (b.kind === 'fixed' && cmp < 0 && affected && fixed === undefined) fixed = b.text;
  }
  if (!affected) return doubt === undefined ? { affected } : { affected, doubt };
  const out: { affected: boolean; fixed?: string; doubt?: string } = { affected };
  if (fixed !== undefined) out.fixed = fixed;
  if (doubt !== undefined) out.doubt = doubt;
  return out;
}
