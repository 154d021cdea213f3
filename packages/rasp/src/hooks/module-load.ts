/**
 * Applies package hooks when the app loads a package: wraps `Module._load`, the one function every `require` goes
 * through, and on Node 20 also every `import` of a CommonJS package from an ES module (the ESM loader hands CJS files to
 * `Module._load`). All the hooked drivers (pg, mysql2, mariadb, sqlite, mongodb, undici) are CommonJS packages.
 * Packages loaded before `protect()` ran are found in the require cache and patched at once.
 */
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import type { Agent } from '../agent/agent.js';
import type { PackageHook } from './package-hooks.js';

type LoadFunction = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean) => unknown;

// Bound at load, before protect() wraps node:path.
const { dirname, join, sep } = path;

const patchedRoots = new Set<string>();

function packageName(request: string): string | undefined {
  const c = request.charCodeAt(0);
  if (c === 46 /* . */ || c === 47 /* / */ || request.startsWith('node:')) return undefined;
  const slash = request.indexOf('/');
  if (request.charCodeAt(0) === 64 /* @ */) {
    const second = request.indexOf('/', slash + 1);
    return second === -1 ? request : request.slice(0, second);
  }
  return slash === -1 ? request : request.slice(0, slash);
}

/** The package folder of a resolved file: everything up to `node_modules/<name>`. */
function packageRoot(file: string, name: string): string | undefined {
  const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
  const at = file.lastIndexOf(marker);
  return at === -1 ? undefined : file.slice(0, at + marker.length - 1);
}

/** Exports that replaced a package's own (see PackageHook.patch), by the package's main file. */
const replacements = new Map<string, object>();

function apply(agent: Agent, hook: PackageHook, root: string, mainFile: string): void {
  if (patchedRoots.has(root)) return;
  const cache = (Module as unknown as { _cache: Record<string, { loaded?: boolean } | undefined> })._cache;
  // Still loading (a circular require inside the package): its exports are incomplete; patch on a later load.
  if (cache[mainFile]?.loaded === false) return;
  patchedRoots.add(root);
  try {
    const req = createRequire(mainFile);
    const exports = req(mainFile);
    const replacement = hook.patch(exports, (relative) => req(join(root, relative)));
    if (replacement !== undefined) {
      replacements.set(mainFile, replacement);
      const cached = (Module as unknown as { _cache: Record<string, { exports: unknown } | undefined> })._cache[
        mainFile
      ];
      if (cached !== undefined) cached.exports = replacement; // later requires, and ES importers, get it too
    }
  } catch (e) {
    agent.reporter.internal(`hook ${hook.name}`, e);
  }
}

export function hookModuleLoad(agent: Agent, hooks: readonly PackageHook[]): void {
  const byName = new Map(hooks.map((h) => [h.name, h]));
  const M = Module as unknown as {
    _load: LoadFunction;
    _resolveFilename: (request: string, parent: unknown) => string;
    _cache: Record<string, unknown>;
  };
  const original = M._load;
  M._load = function raspLoad(this: unknown, request, parent, isMain) {
    const exports = original.call(this, request, parent, isMain);
    if (typeof request !== 'string') return exports;
    // ES modules importing a CommonJS package load it by absolute file name.
    if (request.charCodeAt(0) === 47 /* / */) return loadedByFile(agent, byName, request) ?? exports;
    const name = packageName(request);
    if (name === undefined) return exports;
    const hook = byName.get(name);
    if (hook === undefined) return exports;
    try {
      const file = M._resolveFilename(request, parent);
      const root = packageRoot(file, name);
      if (root !== undefined && !patchedRoots.has(root)) {
        apply(agent, hook, root, request === name ? file : M._resolveFilename(name, parent));
      }
      const replacement = replacements.get(file);
      if (replacement !== undefined) return replacement;
    } catch (e) {
      agent.reporter.internal(`hook ${name}`, e);
    }
    return exports;
  };
  // Packages already loaded (protect() called after some imports): patch them from the cache.
  patchCached(agent, hooks, M._cache);
}

/** The main file of the package at `root`, resolved as a `require` from inside it would. */
function mainOf(root: string, name: string): string | undefined {
  try {
    const main = createRequire(join(root, 'package.json')).resolve(name);
    return dirname(main).startsWith(root) ? main : undefined;
  } catch {
    return undefined; // not resolvable from its own folder (an exports map without `require`)
  }
}

function loadedByFile(agent: Agent, byName: ReadonlyMap<string, PackageHook>, file: string): object | undefined {
  const at = file.lastIndexOf(`${sep}node_modules${sep}`);
  if (at === -1) return undefined;
  const rest = file.slice(at + 14).split(sep);
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  const hook = name === undefined ? undefined : byName.get(name);
  if (hook === undefined || name === undefined) return undefined;
  const root = packageRoot(file, name);
  if (root === undefined) return undefined;
  if (!patchedRoots.has(root)) {
    const main = mainOf(root, name);
    if (main !== undefined) apply(agent, hook, root, main);
  }
  return replacements.get(file);
}

function patchCached(agent: Agent, hooks: readonly PackageHook[], cache: Record<string, unknown>): void {
  for (const file of Object.keys(cache)) {
    for (const hook of hooks) {
      const root = packageRoot(file, hook.name);
      if (root === undefined || patchedRoots.has(root)) continue;
      const main = mainOf(root, hook.name);
      if (main !== undefined) apply(agent, hook, root, main);
    }
  }
}
