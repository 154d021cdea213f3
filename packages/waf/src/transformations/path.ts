/** normalizePath / normalizePathWin: collapse `//`, drop `/./`, resolve `/../` (never above the start), as ModSecurity. */
export function normalizePath(s: string): string {
  if (!s.includes('/')) return s;
  const absolute = s.startsWith('/');
  const trailing = s.endsWith('/') || s.endsWith('/.') || s.endsWith('/..');
  const out: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  let r = (absolute ? '/' : '') + out.join('/');
  if (trailing && out.length > 0) r += '/';
  return r;
}

export const normalizePathWin = (s: string): string => normalizePath(s.replace(/\\/g, '/'));
