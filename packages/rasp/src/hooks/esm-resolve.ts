/**
 * A module.register resolve hook (runs on Node's loader thread). An ES module importing a hooked dual package
 * (`import mariadb from 'mariadb'`) would get the package's ESM build, which never passes through Module._load; it is
 * given a small ES module shim instead, which `require`s the package from the importer's location (so the CommonJS
 * hook applies) and re-exports it. CommonJS-only packages (pg, mysql2, sqlite, mongodb, undici) need nothing here:
 * Node 20 loads them through Module._load for ES importers too.
 */
const SHIMS: Record<string, string> = { mariadb: '../shims/mariadb.js' };

interface ResolveContext {
  conditions: string[];
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string | null }>;

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve) {
  const shim = SHIMS[specifier];
  if (shim !== undefined && context.conditions.includes('import') && context.parentURL !== undefined) {
    const url = new URL(shim, import.meta.url);
    url.searchParams.set('parent', context.parentURL);
    return { url: url.href, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
