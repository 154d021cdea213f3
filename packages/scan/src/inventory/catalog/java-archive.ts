/**
 * Java archives (jar, war, ear, and nested jars inside them) read offline: each `META-INF/maven/<g>/<a>/pom.properties`
 * is a Maven package; an archive without one falls back to its MANIFEST.MF, then to its file name. No lookup by hash.
 */
import { type UnzipFileInfo, unzipSync } from 'fflate';
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage, baseName } from './cataloger.js';

const ARCHIVE = /\.(jar|war|ear|par|sar|jpi|hpi|lpkg)$/i;
const MAX_DEPTH = 4;

function properties(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const i = line.search(/[=:]/);
    if (i > 0) m.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return m;
}

/** MANIFEST.MF main section: `Key: value` with 1-space continuation lines. */
export function manifest(text: string): Map<string, string> {
  const m = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.replace(/\r/g, '').split('\n')) {
    if (line === '') break; // end of the main section
    if (line[0] === ' ' && last !== undefined) m.set(last, `${m.get(last) ?? ''}${line.slice(1)}`);
    else {
      const i = line.indexOf(':');
      if (i > 0) {
        last = line.slice(0, i);
        m.set(last, line.slice(i + 1).trim());
      }
    }
  }
  return m;
}

function maven(group: string, artifact: string, version: string, path: string, licenses: string[]): FoundPackage {
  return {
    name: `${group}:${artifact}`,
    version,
    ecosystem: 'Maven',
    purl: { type: 'maven', namespace: group, name: artifact },
    location: { path },
    licenses,
    foundBy: 'java-archive',
  };
}

/** `commons-io-2.11.0.jar` → commons-io 2.11.0 (the version starts at the first `-<digit>`). */
export function nameVersionFromFileName(file: string): { name: string; version: string } | undefined {
  const stem = file.replace(ARCHIVE, '');
  const m = /^(.+?)-(\d[\w.+-]*)$/.exec(stem);
  return m === null ? undefined : { name: m[1] as string, version: m[2] as string };
}

export function parseJavaArchive(bytes: Uint8Array, path: string, depth = 0): FoundPackage[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f: UnzipFileInfo) =>
        f.name.endsWith('/pom.properties') ||
        f.name === 'META-INF/MANIFEST.MF' ||
        (depth < MAX_DEPTH && ARCHIVE.test(f.name)),
    });
  } catch (e) {
    throw new CatalogError(`not a readable zip archive: ${(e as Error).message}`);
  }
  const out: FoundPackage[] = [];
  const decoder = new TextDecoder();
  const mf = files['META-INF/MANIFEST.MF'];
  const mfFields = mf === undefined ? undefined : manifest(decoder.decode(mf));
  const license = mfFields?.get('Bundle-License');
  const licenses = license !== undefined && !license.startsWith('http') ? [license] : [];
  for (const [name, data] of Object.entries(files)) {
    if (!name.startsWith('META-INF/maven/') || !name.endsWith('/pom.properties')) continue;
    const p = properties(decoder.decode(data));
    const g = p.get('groupId');
    const a = p.get('artifactId');
    const v = p.get('version');
    if (g && a && v) out.push(maven(g, a, v, path, licenses));
  }
  if (out.length === 0) {
    const fromName = nameVersionFromFileName(baseName(path));
    const title = mfFields?.get('Implementation-Title') ?? mfFields?.get('Bundle-SymbolicName')?.split(';')[0];
    const version = mfFields?.get('Implementation-Version') ?? mfFields?.get('Bundle-Version');
    const group = mfFields?.get('Implementation-Vendor-Id') ?? mfFields?.get('Bundle-SymbolicName')?.split(';')[0];
    const artifact = fromName?.name ?? title;
    const ver = fromName?.version ?? version;
    if (artifact !== undefined && ver !== undefined && group !== undefined && group !== artifact) {
      out.push(maven(group.replace(new RegExp(`\\.${artifact}$`), ''), artifact, ver, path, licenses));
    } else if (artifact !== undefined && ver !== undefined) {
      out.push(maven(artifact, artifact, ver, path, licenses));
    }
  }
  for (const [name, data] of Object.entries(files)) {
    if (!ARCHIVE.test(name)) continue;
    try {
      out.push(...parseJavaArchive(data, `${path}!/${name}`, depth + 1));
    } catch {
      // A broken nested archive does not spoil its parent; the parent's own packages stand.
    }
  }
  return out;
}

export const javaArchiveCataloger: Cataloger = {
  name: 'java-archive',
  modes: ['rootfs', 'fs'],
  wants: (path) => ARCHIVE.test(path),
  parse(content, file): CatalogResult {
    return { packages: parseJavaArchive(content, file.path) };
  },
};
