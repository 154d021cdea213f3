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

function apply(agent: Agent, hook: PackageHook, root: string, mainFile: string): void {
  if (patchedRoots.has(root)) return;
  patchedRoots.add(root);
  try {
    const req = createRequire(mainFile);
    const exports = req(mainFile);
    hook.patch(exports, (relative) => req(join(root, relative)));
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
    const name = typeof request === 'string' ? packageName(request) : undefined;
    if (name === undefined) return exports;
    const hook = byName.get(name);
    if (hook === undefined) return exports;
    try {
      const file = M._resolveFilename(request, parent);
      const root = packageRoot(file, name);
      if (root !== undefined && !patchedRoots.has(root)) {
        apply(agent, hook, root, request === name ? file : M._resolveFilename(name, parent));
      }
    } catch (e) {
      agent.reporter.internal(`hook ${name}`, e);
    }
    return exports;
  };
  // Packages already loaded (protect() called after some imports): patch them from the cache.
  for (const file of Object.keys(M._cache)) {
    for (const hook of hooks) {
      const root = packageRoot(file, hook.name);
      if (root === undefined || patchedRoots.has(root)) continue;
      try {
        const main = createRequire(join(root, 'package.json')).resolve(hook.name);
        if (dirname(main).startsWith(root)) apply(agent, hook, root, main);
      } catch {
        // Not resolvable from its own folder (an exports map without `require`): left to the load hook.
      }
    }
  }
}
