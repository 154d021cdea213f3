/**
 * Lists the files under a root for the secret scanner. Symlinks are never followed (no loop can form, nothing outside the
 * root is read) and are listed as skipped; `.git` is left to the history scan; `.rampartignore` (gitignore syntax) and
 * allowlisted paths prune the walk. An unreadable directory is listed and the walk goes on.
 */
import type { Dirent } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { CompiledAllowlist } from './allow.js';
import type { SkippedFile } from './types.js';

export interface WalkedFile {
  rel: string;
  abs: string;
}

export async function loadIgnoreFile(root: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await readFile(join(root, '.rampartignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

export async function listFiles(
  root: string,
  ig: Ignore | undefined,
  allow: CompiledAllowlist,
  skipped: SkippedFile[],
): Promise<WalkedFile[]> {
  const files: WalkedFile[] = [];
  const dirs: string[] = [''];
  while (dirs.length > 0) {
    const rel = dirs.pop() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(rel === '' ? root : join(root, rel), { withFileTypes: true });
    } catch (e) {
      skipped.push({ path: rel === '' ? '.' : rel, reason: 'unreadable', detail: (e as Error).message });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of entries) {
      const childRel = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isSymbolicLink()) {
        skipped.push({ path: childRel, reason: 'symlink', detail: 'symlinks are not followed' });
      } else if (d.isDirectory()) {
        if (d.name === '.git') continue;
        if (ig?.ignores(`${childRel}/`)) skipped.push({ path: `${childRel}/`, reason: 'ignored' });
        else dirs.push(childRel);
      } else if (d.isFile()) {
        if (ig?.ignores(childRel)) skipped.push({ path: childRel, reason: 'ignored' });
        else if (allow.pathAllowed(childRel)) skipped.push({ path: childRel, reason: 'allowlisted' });
        else files.push({ rel: childRel, abs: join(root, childRel) });
      }
    }
  }
  return files;
}
