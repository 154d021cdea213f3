/** `Include` paths: relative to the including file, with `*`/`?` globs in the last segment, expanded in sorted order. */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

export function expandInclude(pattern: string, fromDir: string): string[] {
  const full = isAbsolute(pattern) ? pattern : resolve(fromDir, pattern);
  const name = basename(full);
  if (!/[*?[]/.test(name)) return existsSync(full) ? [full] : [];
  const dir = dirname(full);
  if (!existsSync(dir)) return [];
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => join(dir, f));
}
