/**
 * `@rampart/core/testing`: helpers for tests only. The large public corpora live in ../shared/data beside the repository;
 * a clone elsewhere has none, and the tests that need them say clearly that they were skipped.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder with the root package.json of the workspace). */
export function repoRoot(): string {
  const fromEnv = process.env.RAMPART_REPO_ROOT;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  // packages/core/dist/testing/index.js → four levels up.
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
}

/** `../shared/data` next to the repository (overridable with RAMPART_SHARED_DATA). */
export function sharedDataRoot(): string {
  const fromEnv = process.env.RAMPART_SHARED_DATA;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return resolve(repoRoot(), '..', 'shared', 'data');
}

export interface SharedData {
  path: string;
  /** `false` when present, else the reason to pass to `test(..., { skip })`. */
  skip: string | false;
}

/** A folder or file of ../shared/data; when absent, `skip` says so, for node:test's `skip` option. */
export function sharedData(relativePath: string): SharedData {
  const path = join(sharedDataRoot(), relativePath);
  return existsSync(path)
    ? { path, skip: false }
    : {
        path,
        skip: `SKIPPED: shared corpus ${relativePath} is absent (expected at ${path}); clone next to shared/ to run`,
      };
}

/**
 * A seeded PRNG (mulberry32) for property and fuzz tests: inputs are random in shape and identical on every run, so a
 * failure replays exactly. Returns numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
