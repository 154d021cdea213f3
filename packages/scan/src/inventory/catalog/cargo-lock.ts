/** Rust `Cargo.lock`: `[[package]]` tables with `dependencies = ["name", "name version", ...]` edges. */
import { parse as parseToml } from 'smol-toml';
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage, baseName } from './cataloger.js';

export function parseCargoLock(text: string, path: string): FoundPackage[] {
  let doc: { package?: { name?: string; version?: string; dependencies?: string[] }[] };
  try {
    doc = parseToml(text) as typeof doc;
  } catch (e) {
    throw new CatalogError(`not valid TOML: ${(e as Error).message.split('\n')[0]}`, (e as { line?: number }).line);
  }
  const out: FoundPackage[] = [];
  for (const p of doc.package ?? []) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    const f: FoundPackage = {
      name: p.name,
      version: p.version,
      ecosystem: 'crates.io',
      purl: { type: 'cargo' },
      location: { path },
      licenses: [],
      foundBy: 'cargo-lock',
    };
    const deps = (p.dependencies ?? []).map((d) => {
      const [n, v] = d.split(' ');
      return v === undefined ? (n as string) : `${n}@${v}`;
    });
    if (deps.length > 0) f.dependsOnNames = deps;
    out.push(f);
  }
  return out;
}

export const cargoLockCataloger: Cataloger = {
  name: 'cargo-lock',
  modes: ['fs', 'rootfs'],
  wants: (path) => baseName(path) === 'Cargo.lock',
  parse(content, file): CatalogResult {
    return { packages: parseCargoLock(content.toString('utf8'), file.path) };
  },
};
