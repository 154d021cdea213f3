/** `/etc/os-release` (and `/usr/lib/os-release`): the distro ID and version used for `distro=` and advisory matching. */
import type { OsInfo } from '../types.js';
import type { Cataloger, CatalogResult } from './cataloger.js';

const PATHS = new Set(['etc/os-release', 'usr/lib/os-release']);

export function parseOsRelease(text: string): OsInfo | undefined {
  const kv = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const eq = line.indexOf('=');
    if (line === '' || line.startsWith('#') || eq < 1) continue;
    let v = line.slice(eq + 1).trim();
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0])) v = v.slice(1, -1);
    kv.set(line.slice(0, eq), v.replace(/\\(["'$`\\])/g, '$1'));
  }
  const id = kv.get('ID');
  if (id === undefined || id === '') return undefined;
  const os: OsInfo = { id, versionId: kv.get('VERSION_ID') ?? '' };
  const name = kv.get('PRETTY_NAME') ?? kv.get('NAME');
  if (name !== undefined) os.name = name;
  const codename = kv.get('VERSION_CODENAME');
  if (codename !== undefined && codename !== '') os.codename = codename;
  return os;
}

export const osReleaseCataloger: Cataloger = {
  name: 'os-release',
  modes: ['rootfs'],
  wants: (path) => PATHS.has(path),
  parse(content): CatalogResult {
    const os = parseOsRelease(content.toString('utf8'));
    return os === undefined ? { packages: [] } : { packages: [], os };
  },
};
