/**
 * `pnpm-lock.yaml`, lockfile versions 5 (`/name/1.0.0_peer`), 6 (`/name@1.0.0(peer)`) and 9 (`name@1.0.0(peer)`, with
 * `snapshots`). Dev-only packages (v5/v6 mark them `dev: true`) are left out, as npm-lock does.
 */
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage, baseName } from './cataloger.js';
import { npmPackage } from './npm-common.js';

interface PnpmEntry {
  name?: string;
  version?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** A packages key → name and version, or undefined for keys that are not registry packages (links, tarballs). */
export function parsePnpmKey(key: string, lockVersion: number): { name: string; version: string } | undefined {
  let k = key.startsWith('/') ? key.slice(1) : key;
  k = k.replace(/\(.*$/, ''); // v6+/v9 peer suffix
  if (lockVersion < 6) {
    k = k.replace(/_.*$/, '');
    const i = k.lastIndexOf('/');
    if (i <= 0) return undefined;
    return { name: k.slice(0, i), version: k.slice(i + 1) };
  }
  const at = k.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { name: k.slice(0, at), version: k.slice(at + 1) };
}

export async function parsePnpmLock(text: string, path: string): Promise<FoundPackage[]> {
  const { parse } = await import('yaml'); // loaded when a pnpm lockfile is found
  let doc: {
    lockfileVersion?: string | number;
    packages?: Record<string, PnpmEntry>;
    snapshots?: Record<string, PnpmEntry>;
  };
  try {
    doc = parse(text) ?? {};
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new CatalogError(`not valid YAML: ${(e as Error).message.split('\n')[0]}`, line);
  }
  if (typeof doc !== 'object') throw new CatalogError('not a pnpm lockfile object');
  const lockVersion = Number.parseFloat(String(doc.lockfileVersion ?? '5'));
  if (Number.isNaN(lockVersion)) throw new CatalogError(`unknown lockfileVersion ${String(doc.lockfileVersion)}`);
  const found: FoundPackage[] = [];
  const seen = new Set<string>();
  for (const [key, e] of Object.entries(doc.packages ?? {})) {
    if (e?.dev === true) continue;
    const id = parsePnpmKey(key, lockVersion);
    if (id === undefined || !/^\d/.test(id.version)) continue;
    const version = e?.version !== undefined && /^\d/.test(e.version) ? e.version : id.version;
    const name = e?.name ?? id.name;
    if (seen.has(`${name}@${version}`)) continue;
    seen.add(`${name}@${version}`);
    const p = npmPackage(name, version, { path }, [], 'pnpm-lock');
    // v9 keeps the edges in `snapshots`, v5/v6 on the package itself; dependency values are versions (with peers).
    const edges = lockVersion >= 9 ? doc.snapshots?.[key] : e;
    const deps = Object.entries({ ...edges?.dependencies, ...edges?.optionalDependencies });
    if (deps.length > 0) p.dependsOnNames = deps.map(([n, v]) => `${n}@${String(v).replace(/[(_].*$/, '')}`);
    found.push(p);
  }
  return found;
}

export const pnpmLockCataloger: Cataloger = {
  name: 'pnpm-lock',
  modes: ['fs'],
  wants: (path) => baseName(path) === 'pnpm-lock.yaml' && !path.includes('node_modules/'),
  async parse(content, file): Promise<CatalogResult> {
    return { packages: await parsePnpmLock(content.toString('utf8'), file.path) };
  },
};
