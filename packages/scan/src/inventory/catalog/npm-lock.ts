/**
 * npm `package-lock.json` (and `npm-shrinkwrap.json`): v1 (nested `dependencies`) and v2/v3 (flat `packages` keyed by
 * install path). Dev-only packages are left out (they are not shipped; Trivy does the same); links and workspaces are
 * the project itself. Edges follow Node's resolution: a dependency is the nearest `node_modules/<name>` up the path.
 */
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage, baseName } from './cataloger.js';
import { npmLicenses, npmPackage } from './npm-common.js';

interface LockEntryV2 {
  name?: string;
  version?: string;
  dev?: boolean;
  link?: boolean;
  license?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface LockEntryV1 {
  version?: string;
  dev?: boolean;
  requires?: Record<string, string>;
  dependencies?: Record<string, LockEntryV1>;
}

const NM = 'node_modules/';

function nameFromPath(path: string): string {
  const i = path.lastIndexOf(NM);
  return path.slice(i + NM.length);
}

/** Node's lookup: `a/node_modules/b` needing `c` finds `a/node_modules/b/node_modules/c`, then `a/node_modules/c`, ... */
function resolveDep(from: string, dep: string, present: ReadonlyMap<string, unknown>): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `${NM}${dep}` : `${base}/${NM}${dep}`;
    if (present.has(candidate)) return candidate;
    if (base === '') return undefined;
    const i = base.lastIndexOf(`/${NM}`);
    base = i < 0 ? '' : base.slice(0, i);
  }
}

function parseV2(packages: Record<string, LockEntryV2>, path: string): FoundPackage[] {
  const present = new Map(Object.entries(packages));
  const root = packages[''] ?? {};
  const direct = new Set(
    [root.dependencies, root.optionalDependencies, root.devDependencies, root.peerDependencies].flatMap((d) =>
      Object.keys(d ?? {}),
    ),
  );
  const found: FoundPackage[] = [];
  const byKey = new Map<string, FoundPackage>();
  for (const [key, e] of present) {
    if (key === '' || !key.includes(NM) || e.link === true || e.dev === true || e.version === undefined) continue;
    const name = e.name ?? nameFromPath(key);
    const p = npmPackage(name, e.version, { path }, npmLicenses(e), 'npm-lock');
    p.direct = key === `${NM}${name}` && direct.has(name);
    byKey.set(key, p);
    found.push(p);
  }
  // Edges by resolved install path, then by name (the finishing pass maps names to purls within this file).
  for (const [key, p] of byKey) {
    const e = present.get(key) as LockEntryV2;
    const deps = Object.keys({ ...e.dependencies, ...e.optionalDependencies });
    const names = deps
      .map((d) => resolveDep(key, d, present))
      .filter((k): k is string => k !== undefined && byKey.has(k))
      .map((k) => `${(byKey.get(k) as FoundPackage).name}@${(byKey.get(k) as FoundPackage).version}`);
    if (names.length > 0) p.dependsOnNames = names;
  }
  return found;
}

function parseV1(deps: Record<string, LockEntryV1>, path: string, depth: number, out: FoundPackage[]): void {
  for (const [name, e] of Object.entries(deps)) {
    if (e.dev !== true && e.version !== undefined && !e.version.startsWith('file:')) {
      const p = npmPackage(name, e.version, { path }, [], 'npm-lock');
      // v1 hoists transitive packages to the top level, so only nested ones are known to be transitive.
      if (depth > 0) p.direct = false;
      out.push(p);
    }
    if (e.dependencies !== undefined) parseV1(e.dependencies, path, depth + 1, out);
  }
}

export function parseNpmLock(text: string, path: string): FoundPackage[] {
  let lock: {
    lockfileVersion?: number;
    packages?: Record<string, LockEntryV2>;
    dependencies?: Record<string, LockEntryV1>;
  };
  try {
    lock = JSON.parse(text);
  } catch (e) {
    throw new CatalogError(`not valid JSON: ${(e as Error).message}`);
  }
  if (typeof lock !== 'object' || lock === null) throw new CatalogError('not a package-lock object');
  if (lock.packages !== undefined && (lock.lockfileVersion ?? 0) >= 2) return parseV2(lock.packages, path);
  const out: FoundPackage[] = [];
  if (lock.dependencies !== undefined) parseV1(lock.dependencies, path, 0, out);
  return out;
}

export const npmLockCataloger: Cataloger = {
  name: 'npm-lock',
  modes: ['fs'],
  wants: (path) => {
    const b = baseName(path);
    return (b === 'package-lock.json' || b === 'npm-shrinkwrap.json') && !path.includes(NM);
  },
  parse(content, file): CatalogResult {
    return { packages: parseNpmLock(content.toString('utf8'), file.path) };
  },
};
