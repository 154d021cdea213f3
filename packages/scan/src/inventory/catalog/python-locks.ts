/**
 * Python project files: pinned `requirements*.txt` (`name==version` only: a range is not an inventory), `poetry.lock`,
 * `Pipfile.lock` (the `default` section; `develop` is dev-only) and `uv.lock`.
 */
import { parse as parseToml } from 'smol-toml';
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage, baseName } from './cataloger.js';
import { pythonPackage } from './python-common.js';

const PINNED = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*(?:;.*)?$/;

export function parseRequirements(text: string, path: string): FoundPackage[] {
  const out: FoundPackage[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw
      .replace(/(^|\s)#.*$/, '')
      .replace(/\s+--hash=\S+/g, '')
      .replace(/\\$/, '')
      .trim();
    if (line === '' || line.startsWith('-')) return;
    const m = PINNED.exec(line);
    if (m !== null)
      out.push(pythonPackage(m[1] as string, m[2] as string, { path, line: i + 1 }, [], 'python-requirements'));
  });
  return out;
}

function toml(text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const line = (e as { line?: number }).line;
    throw new CatalogError(`not valid TOML: ${(e as Error).message.split('\n')[0]}`, line);
  }
}

interface TomlPackage {
  name?: string;
  version?: string;
  category?: string;
  source?: { virtual?: string; editable?: string };
  dependencies?: unknown;
}

/** poetry.lock and uv.lock share `[[package]] name/version`; uv marks the project itself with a virtual/editable source. */
export function parseTomlLock(text: string, path: string, foundBy: string): FoundPackage[] {
  const doc = toml(text);
  const pkgs = (doc.package ?? []) as TomlPackage[];
  if (!Array.isArray(pkgs)) throw new CatalogError('`package` is not an array of tables');
  const out: FoundPackage[] = [];
  for (const p of pkgs) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    if (p.source?.virtual !== undefined || p.source?.editable !== undefined) continue;
    if (p.category === 'dev') continue;
    const f = pythonPackage(p.name, p.version, { path }, [], foundBy);
    const deps = p.dependencies;
    const names = Array.isArray(deps)
      ? deps.map((d) => (d as { name?: string }).name).filter((n): n is string => typeof n === 'string')
      : typeof deps === 'object' && deps !== null
        ? Object.keys(deps)
        : [];
    if (names.length > 0) f.dependsOnNames = names.map((n) => n.replace(/[-_.]+/g, '-').toLowerCase());
    out.push(f);
  }
  return out;
}

export function parsePipfileLock(text: string, path: string): FoundPackage[] {
  let doc: { default?: Record<string, { version?: string }> };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CatalogError(`not valid JSON: ${(e as Error).message}`);
  }
  return Object.entries(doc.default ?? {})
    .filter(([, v]) => typeof v?.version === 'string')
    .map(([n, v]) => pythonPackage(n, (v.version as string).replace(/^==/, ''), { path }, [], 'pipfile-lock'));
}

export const pythonLockCataloger: Cataloger = {
  name: 'python-lock',
  modes: ['fs'],
  wants: (path) => {
    const b = baseName(path);
    return (
      b === 'poetry.lock' ||
      b === 'Pipfile.lock' ||
      b === 'uv.lock' ||
      (b.startsWith('requirements') && b.endsWith('.txt'))
    );
  },
  parse(content, file): CatalogResult {
    const text = content.toString('utf8');
    const b = baseName(file.path);
    if (b === 'Pipfile.lock') return { packages: parsePipfileLock(text, file.path) };
    if (b === 'poetry.lock') return { packages: parseTomlLock(text, file.path, 'poetry-lock') };
    if (b === 'uv.lock') return { packages: parseTomlLock(text, file.path, 'uv-lock') };
    return { packages: parseRequirements(text, file.path) };
  },
};
