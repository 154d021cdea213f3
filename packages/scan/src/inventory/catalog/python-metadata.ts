/**
 * Installed Python distributions: `*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, `EGG-INFO/PKG-INFO`, and the single-file
 * `*.egg-info` Debian installs. Core metadata is an RFC 822 header block; the body after the first blank line is prose.
 */
import { type Cataloger, CatalogError, type CatalogResult } from './cataloger.js';
import { pythonPackage } from './python-common.js';

function wants(path: string): boolean {
  return (
    path.endsWith('.dist-info/METADATA') ||
    path.endsWith('.egg-info/PKG-INFO') ||
    path.endsWith('EGG-INFO/PKG-INFO') ||
    path.endsWith('.egg-info')
  );
}

export function parseCoreMetadata(text: string): { name?: string; version?: string; licenses: string[] } {
  const fields = new Map<string, string[]>();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') break;
    if ((line[0] === ' ' || line[0] === '\t') && last !== undefined) continue; // folded description lines
    const colon = line.indexOf(':');
    if (colon < 1) throw new CatalogError(`expected "Field: value", got ${JSON.stringify(line.slice(0, 60))}`);
    last = line.slice(0, colon);
    const list = fields.get(last) ?? [];
    list.push(line.slice(colon + 1).trim());
    fields.set(last, list);
  }
  const licenses: string[] = [];
  const expr = fields.get('License-Expression')?.[0];
  const license = fields.get('License')?.[0];
  if (expr !== undefined && expr !== '') licenses.push(expr);
  else if (license !== undefined && license !== '' && license !== 'UNKNOWN' && !license.includes('\n')) {
    licenses.push(license);
  } else {
    for (const c of fields.get('Classifier') ?? []) {
      if (c.startsWith('License :: ')) licenses.push(c.split(' :: ').at(-1) as string);
    }
  }
  return { name: fields.get('Name')?.[0], version: fields.get('Version')?.[0], licenses };
}

export const pythonMetadataCataloger: Cataloger = {
  name: 'python-metadata',
  modes: ['rootfs'],
  wants,
  parse(content, file): CatalogResult {
    const m = parseCoreMetadata(content.toString('utf8'));
    if (m.name === undefined || m.version === undefined) {
      throw new CatalogError('core metadata without Name or Version');
    }
    return { packages: [pythonPackage(m.name, m.version, { path: file.path }, m.licenses, 'python-metadata')] };
  },
};
