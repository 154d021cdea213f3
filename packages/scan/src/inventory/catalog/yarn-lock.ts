/**
 * `yarn.lock`, classic (v1) and berry (v2+), both read by `@yarnpkg/parsers` (berry's own parser of both syntaxes). An entry
 * key lists the descriptors it satisfies (`a@^1.0.0, a@^1.1.0`); the workspace itself and links are not packages.
 */
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage, baseName } from './cataloger.js';
import { npmPackage } from './npm-common.js';

interface YarnEntry {
  version?: string;
  resolution?: string;
  linkType?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** `@scope/a@npm:^1.0.0` → `@scope/a`; `a@^1` → `a` (the scope's `@` is not the separator). */
export function descriptorName(descriptor: string): string {
  const d = descriptor.trim().replace(/^"|"$/g, '');
  const at = d.indexOf('@', 1);
  return at < 0 ? d : d.slice(0, at);
}

function descriptorRange(descriptor: string): string {
  const d = descriptor.trim().replace(/^"|"$/g, '');
  const at = d.indexOf('@', 1);
  return at < 0 ? '' : d.slice(at + 1);
}

export async function parseYarnLock(text: string, path: string): Promise<FoundPackage[]> {
  const { parseSyml } = await import('@yarnpkg/parsers'); // loaded when a yarn.lock is found
  let doc: Record<string, unknown>;
  try {
    doc = parseSyml(text) as Record<string, unknown>;
  } catch (e) {
    const m = /line (\d+)/i.exec((e as Error).message);
    throw new CatalogError(`not a valid yarn.lock: ${(e as Error).message}`, m ? Number(m[1]) : undefined);
  }
  const found: FoundPackage[] = [];
  // descriptor (`a@^1.0.0`) → `name@version`, to turn the dependency ranges of each entry into edges.
  const resolved = new Map<string, string>();
  const entries: [FoundPackage, YarnEntry][] = [];
  const ids = new Set<string>();
  for (const [key, value] of Object.entries(doc)) {
    if (key === '__metadata' || typeof value !== 'object' || value === null) continue;
    const e = value as YarnEntry;
    const descriptors = key.split(',');
    const first = descriptors[0] as string;
    const range = descriptorRange(first);
    if (e.version === undefined || e.linkType === 'soft' || /^(workspace|link|portal|file):/.test(range)) continue;
    if (e.resolution !== undefined && /@(workspace|link|portal):/.test(e.resolution)) continue;
    const name = descriptorName(first);
    const id = `${name}@${e.version}`;
    for (const d of descriptors) resolved.set(d.trim().replace(/^"|"$/g, ''), id);
    // parseSyml splits `a@^1, a@^1.1:` into one key per descriptor: one package per name and version.
    if (ids.has(id)) continue;
    ids.add(id);
    const p = npmPackage(name, e.version, { path }, [], 'yarn-lock');
    found.push(p);
    entries.push([p, e]);
  }
  for (const [p, e] of entries) {
    const deps = Object.entries({ ...e.dependencies, ...e.optionalDependencies });
    const names = deps
      .map(([n, r]) => resolved.get(`${n}@${r}`) ?? resolved.get(`${n}@npm:${r}`))
      .filter((x): x is string => x !== undefined);
    if (names.length > 0) p.dependsOnNames = names;
  }
  return found;
}

export const yarnLockCataloger: Cataloger = {
  name: 'yarn-lock',
  modes: ['fs'],
  wants: (path) => baseName(path) === 'yarn.lock' && !path.includes('node_modules/'),
  async parse(content, file): Promise<CatalogResult> {
    return { packages: await parseYarnLock(content.toString('utf8'), file.path) };
  },
};
