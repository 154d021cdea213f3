/**
 * Walks an unpacked folder and hands each file a cataloger wants to it. Safe by construction: symlinks are never followed
 * (so no loop, and nothing outside the root is read), only regular files are opened, and a file over the size limit is
 * listed as skipped instead of read. A file that cannot be read or parsed becomes an error of the inventory; the walk goes on.
 */
import type { Dirent } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Cataloger, CatalogError, type CatalogFile } from '../catalog/cataloger.js';
import type { Collector } from '../collect.js';

export interface WalkOptions {
  /** Paths (relative, `/`-separated) whose subtree is not walked. */
  skipDirs: ReadonlySet<string>;
  /** Files larger than this are skipped (and listed). */
  maxFileSize: number;
  concurrency?: number;
  /** Prepended to every relative path (`node_modules/` when the target itself is a node_modules folder). */
  pathPrefix?: string;
}

/** At most `n` of the wrapped operations run at once (directory listings, stats, file reads). */
function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export async function walkDir(root: string, catalogers: readonly Cataloger[], collector: Collector, opts: WalkOptions) {
  // Directories are listed and files read concurrently: on a busy machine, one await per directory in series is
  // most of the wall time of a node_modules walk.
  const io = limiter(opts.concurrency ?? 16);
  const reads: Promise<void>[] = [];
  const visit = async (rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await io(() => readdir(rel === '' ? root : join(root, rel), { withFileTypes: true }));
    } catch (e) {
      collector.error({ file: rel === '' ? '.' : rel, message: `cannot list directory: ${(e as Error).message}` });
      return;
    }
    const subdirs: string[] = [];
    const files: string[] = [];
    for (const d of entries) {
      const childRel = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) {
        if (!opts.skipDirs.has(childRel)) subdirs.push(childRel);
      } else if (d.isFile()) {
        // Symlinks, sockets, devices are never opened. Size and mode unknown (-1): may any cataloger want it?
        const logical = `${opts.pathPrefix ?? ''}${childRel}`;
        if (catalogers.some((c) => c.wants(logical, -1, -1))) files.push(childRel);
      }
    }
    for (const childRel of files) {
      reads.push(
        io(async () => {
          // Size and mode bits decide some catalogers (Go binaries).
          const abs = join(root, childRel);
          const st = await stat(abs).catch(() => undefined);
          if (st === undefined) return; // vanished while walking
          const logical = `${opts.pathPrefix ?? ''}${childRel}`;
          const wanted = catalogers.filter((c) => c.wants(logical, st.size, st.mode));
          if (wanted.length > 0) await catalogFile(logical, abs, st.size, wanted, collector, opts.maxFileSize);
        }),
      );
    }
    await Promise.all(subdirs.map(visit));
  };
  await visit('');
  await Promise.all(reads);
}

async function catalogFile(
  rel: string,
  abs: string,
  size: number,
  wanted: readonly Cataloger[],
  collector: Collector,
  maxFileSize: number,
): Promise<void> {
  if (size > maxFileSize) {
    collector.skip({ file: rel, reason: `larger than the ${maxFileSize}-byte limit (${size} bytes)` });
    return;
  }
  let catalogers = wanted;
  const peekBytes = Math.max(0, ...wanted.map((c) => c.peek?.bytes ?? 0));
  try {
    if (peekBytes > 0) {
      const head = await readHead(abs, peekBytes);
      catalogers = wanted.filter((c) => c.peek === undefined || c.peek.accept(head));
      if (catalogers.length === 0) return;
    }
    const content = await readFile(abs);
    await runCatalogers(content, { path: rel, size }, catalogers, collector);
  } catch (e) {
    collector.error({ file: rel, message: `cannot read: ${(e as Error).message}` });
  }
}

async function readHead(abs: string, n: number): Promise<Buffer> {
  const fh = await open(abs, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Runs the catalogers on one file's bytes, recording packages or the error (with its line) in the collector. */
export async function runCatalogers(
  content: Buffer,
  file: CatalogFile,
  catalogers: readonly Cataloger[],
  collector: Collector,
): Promise<void> {
  for (const c of catalogers) {
    if (c.peek !== undefined && !c.peek.accept(content.subarray(0, c.peek.bytes))) continue;
    try {
      collector.add(file, await c.parse(content, file));
    } catch (e) {
      const line = e instanceof CatalogError ? e.line : undefined;
      const message = `${c.name}: ${e instanceof Error ? e.message : String(e)}`;
      collector.error(line === undefined ? { file: file.path, message } : { file: file.path, line, message });
    }
  }
}
