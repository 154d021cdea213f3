/**
 * Runs the Trivy anchor offline on a target and reduces both tools' outputs to one comparable set of
 * `ecosystem name@version` keys (Trivy splits Debian versions into epoch/version/release; PyPI names are normalized).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../types.js';

const TRIVY_TYPES: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  alpine: 'Alpine',
  npm: 'npm',
  yarn: 'npm',
  pnpm: 'npm',
  'node-pkg': 'npm',
  'python-pkg': 'PyPI',
  pip: 'PyPI',
  poetry: 'PyPI',
  pipenv: 'PyPI',
  gobinary: 'Go',
  gomod: 'Go',
  jar: 'Maven',
  pom: 'Maven',
  cargo: 'crates.io',
  bundler: 'RubyGems',
  gemspec: 'RubyGems',
  composer: 'Packagist',
  nuget: 'NuGet',
  'dotnet-core': 'NuGet',
};

interface TrivyResult {
  Target?: string;
  Type?: string;
  Packages?: TrivyPackage[];
}

interface TrivyPackage {
  FilePath?: string;
  Name: string;
  Version: string;
  Release?: string;
  Epoch?: number;
}

/** Trivy's package keys, each with the files it was found in (Trivy's `FilePath`, or the result target). */
export function runTrivy(bin: string, mode: 'rootfs' | 'fs' | 'image', target: string): Map<string, string[]> {
  const cache = mkdtempSync(join(tmpdir(), 'rampart-trivy-'));
  let out: string;
  try {
    out = execFileSync(
      bin,
      [
        mode,
        '--skip-db-update',
        '--skip-java-db-update',
        '--offline-scan',
        '--scanners',
        'license',
        '--list-all-pkgs',
        '-f',
        'json',
        '--cache-dir',
        cache,
        '--quiet',
        ...(mode === 'image' ? ['--input', target] : [target]),
      ],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 },
    );
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  const doc = JSON.parse(out) as { Results?: TrivyResult[] };
  const keys = new Map<string, string[]>();
  for (const r of doc.Results ?? []) {
    const eco = TRIVY_TYPES[r.Type ?? ''];
    if (eco === undefined) continue;
    for (const p of r.Packages ?? []) {
      let v = p.Release ? `${p.Version}-${p.Release}` : p.Version;
      if (p.Epoch) v = `${p.Epoch}:${v}`;
      const name = eco === 'PyPI' ? p.Name.replace(/[-_.]+/g, '-').toLowerCase() : p.Name;
      const key = `${eco} ${name}@${v}`;
      keys.set(key, [...(keys.get(key) ?? []), p.FilePath ?? r.Target ?? '']);
    }
  }
  return keys;
}

export function inventoryKeys(inv: Inventory): Set<string> {
  return new Set(inv.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}`));
}

/** `[only in Trivy, only in Rampart]`, sorted. */
export function difference(trivy: ReadonlyMap<string, unknown>, ours: ReadonlySet<string>): [string[], string[]] {
  return [[...trivy.keys()].filter((k) => !ours.has(k)).sort(), [...ours].filter((k) => !trivy.has(k)).sort()];
}
