/**
 * Ruby: `Gemfile.lock` (the `specs:` of GEM sections; `DEPENDENCIES` marks direct gems) and installed gemspecs
 * (`specifications/*.gemspec`, the Ruby source rubygems writes: `s.name = "x".freeze`, `s.version = "1.0"`).
 */
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage, baseName } from './cataloger.js';

function gem(name: string, version: string, path: string, line: number | undefined, licenses: string[], by: string) {
  const p: FoundPackage = {
    name,
    version,
    ecosystem: 'RubyGems',
    purl: { type: 'gem' },
    location: line === undefined ? { path } : { path, line },
    licenses,
    foundBy: by,
  };
  return p;
}

export function parseGemfileLock(text: string, path: string): FoundPackage[] {
  const out: FoundPackage[] = [];
  const direct = new Set<string>();
  let section = '';
  let inSpecs = false;
  let current: FoundPackage | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line === '') return;
    if (!line.startsWith(' ')) {
      section = line.trim();
      inSpecs = false;
      return;
    }
    if (section === 'DEPENDENCIES') {
      const m = /^ {2}([^\s!(]+)/.exec(line);
      if (m !== null) direct.add(m[1] as string);
      return;
    }
    if (section !== 'GEM' && section !== 'GIT' && section !== 'PATH') return;
    if (line.trim() === 'specs:') {
      inSpecs = true;
      return;
    }
    if (!inSpecs) return;
    const spec = /^ {4}(\S+) \(([^)]+)\)$/.exec(line);
    if (spec !== null) {
      // `nokogiri (1.15.4-x86_64-linux)`: the platform suffix is not part of the version.
      const version = (spec[2] as string).replace(/-(x86|arm|aarch|java|universal|x64|mingw|mswin)[\w-]*$/, '');
      current = gem(spec[1] as string, version, path, i + 1, [], 'gemfile-lock');
      out.push(current);
      return;
    }
    const dep = /^ {6}(\S+)/.exec(line);
    if (dep !== null && current !== undefined)
      current.dependsOnNames = [...(current.dependsOnNames ?? []), dep[1] as string];
    else if (!/^ {2,}\S/.test(line))
      throw new CatalogError(`unexpected line ${JSON.stringify(line.slice(0, 60))}`, i + 1);
  });
  if (direct.size > 0) for (const p of out) p.direct = direct.has(p.name);
  return out;
}

const STR = `["']([^"']+)["'](?:\\.freeze)?`;

export function parseGemspec(text: string, path: string): FoundPackage[] {
  const name = new RegExp(`\\.name\\s*=\\s*${STR}`).exec(text)?.[1];
  const version =
    new RegExp(`\\.version\\s*=\\s*${STR}`).exec(text)?.[1] ??
    /\.version\s*=\s*Gem::Version\.new\(\s*["']([^"']+)["']/.exec(text)?.[1];
  if (name === undefined || version === undefined) throw new CatalogError('gemspec without a literal name and version');
  const lic = /\.licenses?\s*=\s*\[?([^\]\n]*)\]?/.exec(text)?.[1] ?? '';
  const licenses = [...lic.matchAll(/["']([^"']+)["']/g)].map((m) => m[1] as string);
  return [gem(name, version, path, undefined, licenses, 'gemspec')];
}

export const gemfileLockCataloger: Cataloger = {
  name: 'gemfile-lock',
  modes: ['fs'],
  wants: (path) => baseName(path) === 'Gemfile.lock' || baseName(path) === 'gems.locked',
  parse: (content, file): CatalogResult => ({ packages: parseGemfileLock(content.toString('utf8'), file.path) }),
};

export const gemspecCataloger: Cataloger = {
  name: 'gemspec',
  modes: ['rootfs'],
  wants: (path) => /(?:^|\/)specifications\/[^/]+\.gemspec$/.test(path),
  parse: (content, file): CatalogResult => ({ packages: parseGemspec(content.toString('utf8'), file.path) }),
};
