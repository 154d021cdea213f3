/**
 * `go.mod`: since Go 1.17 it lists every module the build needs, with `// indirect` on the transitive ones. `replace`
 * directives with a version swap the module for the replacement (a local path replacement keeps the original).
 */
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage, baseName } from './cataloger.js';
import { goPackage } from './go-common.js';

interface Require {
  module: string;
  version: string;
  indirect: boolean;
  line: number;
}

export function parseGoMod(text: string, path: string): FoundPackage[] {
  const requires: Require[] = [];
  const replaces = new Map<string, { module: string; version: string }>();
  let block: 'require' | 'replace' | 'other' | undefined;
  text.split('\n').forEach((raw, i) => {
    const indirect = /\/\/\s*indirect\b/.test(raw);
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '') return;
    if (block !== undefined) {
      if (line === ')') block = undefined;
      else if (block === 'require') requires.push(requireOf(line, indirect, i + 1));
      else if (block === 'replace') addReplace(line, replaces, i + 1);
      return;
    }
    const m = /^(\w+)\s*(\()?\s*(.*)$/.exec(line);
    if (m === null) throw new CatalogError(`unexpected ${JSON.stringify(line.slice(0, 60))}`, i + 1);
    const [, verb, open, rest] = m as unknown as [string, string, string | undefined, string];
    if (open !== undefined) block = verb === 'require' ? 'require' : verb === 'replace' ? 'replace' : 'other';
    else if (verb === 'require') requires.push(requireOf(rest, indirect, i + 1));
    else if (verb === 'replace') addReplace(rest, replaces, i + 1);
  });
  if (block !== undefined) throw new CatalogError(`unclosed ${block} block at end of file`);
  return requires.map((r) => {
    const rep = replaces.get(`${r.module}@${r.version}`) ?? replaces.get(r.module);
    const p = rep !== undefined ? goPackage(rep.module, rep.version, { path, line: r.line }, 'go-mod') : undefined;
    const pkg = p ?? goPackage(r.module, r.version, { path, line: r.line }, 'go-mod');
    pkg.direct = !r.indirect;
    return pkg;
  });
}

function requireOf(spec: string, indirect: boolean, line: number): Require {
  const [module, version] = spec.split(/\s+/);
  if (module === undefined || version === undefined || !version.startsWith('v')) {
    throw new CatalogError(`require needs "module vX.Y.Z", got ${JSON.stringify(spec.slice(0, 60))}`, line);
  }
  return { module: module.replace(/^"|"$/g, ''), version, indirect, line };
}

function addReplace(spec: string, into: Map<string, { module: string; version: string }>, line: number): void {
  const [from, to] = spec.split('=>').map((s) => s.trim().split(/\s+/));
  if (from === undefined || to === undefined || from[0] === undefined || to[0] === undefined) {
    throw new CatalogError(`replace needs "old => new", got ${JSON.stringify(spec.slice(0, 60))}`, line);
  }
  if (to[1] === undefined) return; // a local directory: the source is the project's own
  into.set(from[1] !== undefined ? `${from[0]}@${from[1]}` : from[0], { module: to[0], version: to[1] });
}

export const goModCataloger: Cataloger = {
  name: 'go-mod',
  modes: ['fs'],
  wants: (path) => baseName(path) === 'go.mod' && !path.includes('vendor/'),
  parse(content, file): CatalogResult {
    return { packages: parseGoMod(content.toString('utf8'), file.path) };
  },
};
