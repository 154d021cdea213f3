/** A hook for a third-party package: applied once to the package's exports when the app first loads it. */
export interface PackageHook {
  /** The package name as required (`pg`, `better-sqlite3`, `mysql2`). */
  name: string;
  /**
   * Patches the package. `exports` is what the package's main exports; `load(relative)` loads a file of the package by
   * its path inside the package (bypassing an `exports` map), for hooks on internal classes. A package whose exports
   * cannot be changed in place (non-configurable getters) returns a replacement, which every later require receives.
   */
  patch(exports: unknown, load: (relative: string) => unknown): object | undefined;
}

/** Reads a nested property path from a loaded module without trusting its shape. */
export function prototypeOf(exports: unknown, ...path: string[]): object | undefined {
  let cur: unknown = exports;
  for (const key of path) {
    if (cur === null || (typeof cur !== 'object' && typeof cur !== 'function')) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  if (typeof cur !== 'function') return undefined;
  const proto = (cur as { prototype?: unknown }).prototype;
  return proto !== null && typeof proto === 'object' ? proto : undefined;
}
