/**
 * Matches an inventory against the vulnerability DB: one finding per package and issue (aliases collapsed), with
 * severity, CVSS, fixed versions, the package's smallest clearing upgrade, and low confidence where a version could not
 * be read. Withdrawn advisories never match. Statistics say what could not be matched and why.
 */
import { compareFindings, type Finding } from '@rampart/core';
import type { VulnDb } from '../../db/open.js';
import type { Inventory, Package } from '../../inventory/types.js';
import { normalizePackageName } from '../osv/package-name.js';
import type { OsvAffected, OsvRecord } from '../osv/types.js';
import { schemeFor } from '../version/registry.js';
import type { VersionScheme } from '../version/scheme.js';
import { evaluateAffected } from './affected.js';
import { collapseAliases } from './collapse.js';
import { queryFor } from './ecosystem.js';
import { smallestClearingUpgrade } from './fix.js';
import { type Hit, toFinding } from './to-finding.js';

export interface MatchStats {
  packages: number;
  /** Packages with at least one finding. */
  vulnerablePackages: number;
  findings: number;
  lowConfidence: number;
  /** Packages whose ecosystem Rampart cannot order versions for, per ecosystem. */
  unsupportedEcosystems: Record<string, number>;
  /** Distro packages not matched, with the reason (e.g. unknown OS release). */
  unmatchable: Record<string, number>;
  withdrawnSkipped: number;
  gitRangesSkipped: number;
}

export interface MatchResult {
  findings: Finding[];
  stats: MatchStats;
}

export interface MatchOptions {
  /** Overrides the inventory's target name in findings. */
  target?: string;
}

export function matchInventory(inventory: Inventory, db: VulnDb, options: MatchOptions = {}): Finding[] {
  return matchInventoryWithStats(inventory, db, options).findings;
}

export function matchInventoryWithStats(inventory: Inventory, db: VulnDb, options: MatchOptions = {}): MatchResult {
  const stats: MatchStats = {
    packages: inventory.packages.length,
    vulnerablePackages: 0,
    findings: 0,
    lowConfidence: 0,
    unsupportedEcosystems: {},
    unmatchable: {},
    withdrawnSkipped: 0,
    gitRangesSkipped: 0,
  };
  const target = options.target ?? inventory.target;
  const findings: Finding[] = [];
  for (const pkg of inventory.packages) {
    const found = matchPackage(pkg, inventory, db, stats, target);
    if (found.length > 0) stats.vulnerablePackages++;
    for (const f of found) findings.push(f);
  }
  findings.sort(compareFindings);
  stats.findings = findings.length;
  stats.lowConfidence = findings.filter((f) => f.confidence?.level === 'low').length;
  return { findings, stats };
}

function matchPackage(pkg: Package, inventory: Inventory, db: VulnDb, stats: MatchStats, target: string): Finding[] {
  const scheme = schemeFor(pkg.ecosystem);
  if (scheme === undefined) {
    stats.unsupportedEcosystems[pkg.ecosystem] = (stats.unsupportedEcosystems[pkg.ecosystem] ?? 0) + 1;
    return [];
  }
  const query = queryFor(pkg, inventory.os);
  if (query.problem !== undefined) {
    stats.unmatchable[query.problem] = (stats.unmatchable[query.problem] ?? 0) + 1;
    return [];
  }
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const row of db.lookup(query.base, query.name)) {
    if (!query.accepts(row.ecosystem)) continue;
    const record = db.advisory(row.id);
    if (record === undefined) continue;
    if (record.withdrawn !== undefined && record.withdrawn !== '') {
      if (!seen.has(row.id)) stats.withdrawnSkipped++;
      seen.add(row.id);
      continue;
    }
    seen.add(row.id);
    const hit = evaluateEntries(record, row.entries(), query, scheme, stats);
    if (hit === undefined) continue;
    // One advisory may name the package in several rows (`Ubuntu:20.04` and `Ubuntu:20.04:LTS`): merge them.
    const earlier = hits.find((h) => h.record.id === row.id);
    if (earlier === undefined) hits.push(hit);
    else {
      earlier.entries.push(...hit.entries);
      earlier.fixed.push(...hit.fixed);
      earlier.doubt ??= hit.doubt;
    }
  }
  if (hits.length === 0) return [];
  const allEntries = hits.flatMap((h) => h.entries);
  const upgrade = smallestClearingUpgrade(
    query.version,
    allEntries,
    hits.flatMap((h) => h.fixed),
    scheme,
  );
  const groups = collapseAliases(hits, (h) => ({ id: h.record.id, aliases: h.record.aliases ?? [] }));
  return groups.map((g) => toFinding(g.primary, g.aliases, g.members, pkg, query.version, scheme, upgrade, target));
}

function evaluateEntries(
  record: OsvRecord,
  entries: readonly OsvAffected[],
  query: ReturnType<typeof queryFor>,
  scheme: VersionScheme,
  stats: MatchStats,
): Hit | undefined {
  let hit: Hit | undefined;
  for (const entry of entries) {
    const p = entry.package;
    if (p === undefined || !query.accepts(p.ecosystem) || normalizePackageName(p.ecosystem, p.name) !== query.name) {
      continue;
    }
    const verdict = evaluateAffected(entry, query.version, scheme);
    stats.gitRangesSkipped += verdict.skippedRanges;
    if (!verdict.affected) continue;
    hit ??= { record, entries: [], fixed: [] };
    hit.entries.push(entry);
    hit.fixed.push(...verdict.fixed);
    if (verdict.doubt !== undefined) hit.doubt ??= verdict.doubt;
  }
  return hit;
}
