/**
 * Path traversal: the user input occurs in a file path and leads out of the directory the app put in front of it (`..`
 * segments that climb above it), is an absolute path that the app used as the whole path, or carries a NUL byte.
 * Plain names with dots (`report.v2.pdf`, `a..b`) stay inside and pass.
 */
import path from 'node:path';

// Bound at load, before protect() wraps node:path: the detector must not run through its own hook.
const { isAbsolute, resolve, sep } = path;

const DOT_DOT_SEGMENT = /(^|[\\/])\.\.([\\/]|$)/;

export function detectPathTraversal(filePath: string, input: string): string | undefined {
  if (input.length < 2) return undefined;
  let at = filePath.indexOf(input);
  if (at === -1) return undefined;
  if (input.includes('\0')) return 'input carries a NUL byte';
  const climbs = DOT_DOT_SEGMENT.test(input);
  const absolute = isAbsolute(input);
  if (!climbs && !absolute) return undefined;
  while (at !== -1) {
    if (absolute && at === 0) return 'input is an absolute path';
    if (climbs) {
      const prefix = filePath.slice(0, at);
      const base = resolve(prefix === '' ? '.' : lastSeparator(prefix) === prefix.length - 1 ? prefix : dirOf(prefix));
      const target = resolve(filePath);
      if (target !== base && !target.startsWith(base.endsWith(sep) ? base : base + sep)) {
        return 'input leads out of the base directory';
      }
    }
    at = filePath.indexOf(input, at + 1);
  }
  return undefined;
}

function lastSeparator(p: string): number {
  return Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
}

function dirOf(p: string): string {
  const i = lastSeparator(p);
  return i <= 0 ? (i === 0 ? '/' : '.') : p.slice(0, i);
}
