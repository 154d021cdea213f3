/**
 * What `scan config PATH` reads: a file, a folder (YAML/JSON manifests and Dockerfiles under it), or `-` for stdin
 * (`helm template ... | rampart scan config -`). Symlinks are not followed (no loops), `.git` and `node_modules` are
 * skipped, and unreadable entries are reported as errors so the result can say it is partial.
 */
import type { Dirent } from 'node:fs';
import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RampartError } from '@rampart/core';

export type InputKind = 'manifest' | 'dockerfile';

export interface ConfigInput {
  /** Path shown in findings: relative to a scanned folder, as given for a file, `<stdin>` for stdin. */
  path: string;
  kind: InputKind;
  read(): Promise<string>;
}

const MANIFEST = /\.(?:ya?ml|json)$/i;
const DOCKERFILE = /^(?:Dockerfile|Containerfile)(?:\..+)?$|\.(?:dockerfile|containerfile)$/i;
const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform']);
const MAX_BYTES = 32 * 1024 * 1024;

export function inputKind(name: string): InputKind | undefined {
  if (DOCKERFILE.test(name)) return 'dockerfile';
  if (MANIFEST.test(name)) return 'manifest';
  return undefined;
}

export async function collectInputs(
  path: string,
  stdin: () => Promise<string>,
  errors: RampartError[],
): Promise<ConfigInput[]> {
  if (path === '-') return [{ path: '<stdin>', kind: 'manifest', read: stdin }];
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch (e) {
    throw new RampartError(
      'INPUT_NOT_FOUND',
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        file: path,
      },
    );
  }
  if (!st.isDirectory()) {
    return [{ path, kind: inputKind(basename(path)) ?? 'manifest', read: () => readCapped(path, path) }];
  }
  const out: ConfigInput[] = [];
  const dirs = [''];
  while (dirs.length > 0) {
    const rel = dirs.pop() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(rel === '' ? path : join(path, rel), { withFileTypes: true });
    } catch (e) {
      errors.push(new RampartError('IO', `cannot list directory: ${(e as Error).message}`, { file: rel || '.' }));
      continue;
    }
    for (const d of entries) {
      const childRel = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) {
        if (!SKIP_DIRS.has(d.name)) dirs.push(childRel);
      } else if (d.isFile()) {
        const kind = inputKind(d.name);
        if (kind !== undefined)
          out.push({ path: childRel, kind, read: () => readCapped(join(path, childRel), childRel) });
      }
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Synchronous on purpose: thousands of small manifests read faster without a thread-pool round trip each. */
async function readCapped(abs: string, shown: string): Promise<string> {
  const size = statSync(abs).size;
  if (size > MAX_BYTES)
    throw new RampartError('INPUT_INVALID', `larger than ${MAX_BYTES} bytes; not scanned`, { file: shown });
  const buf = readFileSync(abs);
  if (buf.subarray(0, 8000).includes(0))
    throw new RampartError('INPUT_INVALID', 'binary file; not scanned', { file: shown });
  return buf.toString('utf8');
}
