/**
 * PHP `composer.lock` (`packages`; `packages-dev` is dev-only) and .NET `packages.lock.json` (NuGet lock) and
 * `*.deps.json` (what a published app loads; only `type: package` libraries, not the project itself).
 */
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage, baseName } from './cataloger.js';

function json<T>(text: string): T {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as T;
  } catch (e) {
    throw new CatalogError(`not valid JSON: ${(e as Error).message}`);
  }
}

export function parseComposerLock(text: string, path: string): FoundPackage[] {
  const doc = json<{ packages?: { name?: string; version?: string; license?: string[]; require?: object }[] }>(text);
  if (!Array.isArray(doc.packages ?? [])) throw new CatalogError('`packages` is not an array');
  return (doc.packages ?? [])
    .filter((p) => typeof p.name === 'string' && typeof p.version === 'string')
    .map((p) => {
      const [vendor, name] = (p.name as string).split('/');
      const f: FoundPackage = {
        name: p.name as string,
        version: (p.version as string).replace(/^v(?=\d)/, ''),
        ecosystem: 'Packagist',
        purl: name === undefined ? { type: 'composer' } : { type: 'composer', namespace: vendor as string, name },
        location: { path },
        licenses: Array.isArray(p.license) ? p.license : [],
        foundBy: 'composer-lock',
      };
      const deps = Object.keys(p.require ?? {}).filter((d) => d.includes('/'));
      if (deps.length > 0) f.dependsOnNames = deps;
      return f;
    });
}

function nuget(name: string, version: string, path: string, by: string, direct?: boolean): FoundPackage {
  const f: FoundPackage = {
    name,
    version,
    ecosystem: 'NuGet',
    purl: { type: 'nuget' },
    location: { path },
    licenses: [],
    foundBy: by,
  };
  if (direct !== undefined) f.direct = direct;
  return f;
}

export function parseNugetLock(text: string, path: string): FoundPackage[] {
  const doc = json<{ dependencies?: Record<string, Record<string, { type?: string; resolved?: string }>> }>(text);
  const seen = new Map<string, FoundPackage>();
  for (const deps of Object.values(doc.dependencies ?? {})) {
    for (const [name, d] of Object.entries(deps ?? {})) {
      if (d.type === 'Project' || d.resolved === undefined) continue;
      const key = `${name}@${d.resolved}`;
      if (!seen.has(key)) seen.set(key, nuget(name, d.resolved, path, 'nuget-lock', d.type === 'Direct'));
    }
  }
  return [...seen.values()];
}

export function parseDepsJson(text: string, path: string): FoundPackage[] {
  const doc = json<{ libraries?: Record<string, { type?: string }> }>(text);
  const out: FoundPackage[] = [];
  for (const [key, lib] of Object.entries(doc.libraries ?? {})) {
    if (lib.type !== 'package') continue;
    const i = key.lastIndexOf('/');
    if (i > 0) out.push(nuget(key.slice(0, i), key.slice(i + 1), path, 'dotnet-deps'));
  }
  return out;
}

export const composerLockCataloger: Cataloger = {
  name: 'composer-lock',
  modes: ['fs', 'rootfs'],
  wants: (path) => baseName(path) === 'composer.lock',
  parse: (content, file): CatalogResult => ({ packages: parseComposerLock(content.toString('utf8'), file.path) }),
};

export const dotnetCataloger: Cataloger = {
  name: 'dotnet',
  modes: ['fs', 'rootfs'],
  wants: (path) => baseName(path) === 'packages.lock.json' || path.endsWith('.deps.json'),
  parse(content, file): CatalogResult {
    const text = content.toString('utf8');
    return {
      packages: file.path.endsWith('.deps.json') ? parseDepsJson(text, file.path) : parseNugetLock(text, file.path),
    };
  },
};
