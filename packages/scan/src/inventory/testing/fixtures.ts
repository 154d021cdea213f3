/**
 * Test material for the inventory tests: small fixtures in testdata/inventory, and the big real targets built once into
 * a cache outside the repository (the debootstrap image, the npm ci tree) by the scripts beside the fixtures. Each
 * returns `skip` with the reason when it cannot be had, for node:test's `skip` option.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@rampart/core/testing';

export function fixture(rel: string): string {
  return join(repoRoot(), 'packages/scan/testdata/inventory', rel);
}

export interface Built {
  path: string;
  skip: string | false;
}

const memo = new Map<string, Built>();

/** Runs a build script of testdata/inventory once per process; its last stdout line is the cache path. */
function built(script: string, what: string): Built {
  const hit = memo.get(script);
  if (hit !== undefined) return hit;
  let result: Built;
  try {
    const out = execFileSync(fixture(script), [], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
    result = { path: out.trim().split('\n').at(-1) as string, skip: false };
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    result = { path: '', skip: `SKIPPED: cannot build ${what} (${script}): ${stderr}` };
  }
  memo.set(script, result);
  return result;
}

/** The debootstrap bookworm minbase image: `rootfs/`, `oci/` (tag bookworm), `debian.tar` (docker-archive). */
export function debianImage(): Built {
  if (process.getuid?.() !== 0 && !existsSync('/var/cache/rampart-test/debian/done')) {
    return { path: '', skip: 'SKIPPED: building the debootstrap image needs root' };
  }
  return built('build-debian-image.sh', 'the debootstrap Debian image');
}

/** The npm ci of npm-1000/ (react-scripts 5.0.1, ~1,300 packages): `node_modules/`. */
export function npmTree(): Built {
  return built('build-npm-tree.sh', 'the npm-1000 node_modules tree');
}

/** A real rpmdb.sqlite made by rpm 4.18 (`root/var/lib/rpm/rpmdb.sqlite`, two packages). */
export function rpmdb(): Built {
  return built('build-rpmdb.sh', 'the rpmdb.sqlite fixture');
}

/** The Trivy anchor binary (../shared/anchors/trivy.sh), or the reason it is unavailable. */
export function trivy(): Built {
  const script = join(repoRoot(), '..', 'shared', 'anchors', 'trivy.sh');
  if (!existsSync(script)) return { path: '', skip: `SKIPPED: Trivy anchor script absent (${script})` };
  try {
    const path = execFileSync(script, [], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    }).trim();
    return { path, skip: false };
  } catch (e) {
    return { path: '', skip: `SKIPPED: cannot install Trivy: ${(e as Error).message.split('\n')[0]}` };
  }
}
