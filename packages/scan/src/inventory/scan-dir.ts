/** `scanFs` (a source tree: lockfiles, manifests) and `scanRootfs` (an unpacked filesystem: installed packages). */
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { RampartError } from '@rampart/core';
import { catalogersFor } from './catalog/index.js';
import { Collector } from './collect.js';
import type { Inventory } from './types.js';
import { walkDir } from './walk/dir-walker.js';

export interface ScanDirOptions {
  /** Only these catalogers (by name); default all of the mode. */
  catalogers?: readonly string[];
  /** Files larger than this are skipped and listed (default 512 MiB). */
  maxFileSize?: number;
  /** Extra subtrees (relative paths) not to walk. */
  skipDirs?: readonly string[];
}

const DEFAULT_MAX_FILE = 512 * 1024 * 1024;
/** Virtual and device filesystems of a live root are never inventory. */
const ROOTFS_SKIP = ['proc', 'sys', 'dev', 'run'];
const FS_SKIP = ['.git'];

export async function scanFs(dir: string, opts: ScanDirOptions = {}): Promise<Inventory> {
  return scanDir(dir, 'fs', opts);
}

export async function scanRootfs(dir: string, opts: ScanDirOptions = {}): Promise<Inventory> {
  return scanDir(dir, 'rootfs', opts);
}

async function scanDir(dir: string, mode: 'fs' | 'rootfs', opts: ScanDirOptions): Promise<Inventory> {
  const root = resolve(dir);
  const st = await stat(root).catch(() => undefined);
  if (st === undefined)
    throw new RampartError('INPUT_NOT_FOUND', `${mode} target ${dir} does not exist`, { file: dir });
  if (!st.isDirectory())
    throw new RampartError('INPUT_INVALID', `${mode} target ${dir} is not a directory`, { file: dir });
  const collector = new Collector();
  const skipDirs = new Set([...(mode === 'rootfs' ? ROOTFS_SKIP : FS_SKIP), ...(opts.skipDirs ?? [])]);
  await walkDir(root, catalogersFor(mode, opts.catalogers), collector, {
    skipDirs,
    maxFileSize: opts.maxFileSize ?? DEFAULT_MAX_FILE,
    // Scanning a node_modules folder itself: its packages are still installed packages.
    ...(basename(root) === 'node_modules' ? { pathPrefix: 'node_modules/' } : {}),
  });
  return collector.finish(dir, mode);
}
