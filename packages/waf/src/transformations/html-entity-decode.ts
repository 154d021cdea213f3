/**
 * htmlEntityDecode as ModSecurity: `&#DDD;`, `&#xHH;` (the low byte; the `;` is optional) and the named entities
 * quot, amp, lt, gt, nbsp (`;` optional); anything else is kept.
 */
const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: '\xa0' };

export function htmlEntityDecode(s: string): string {
  if (!s.includes('&')) return s;
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i] as string;
    if (c !== '&' || i + 1 >= n) {
      out += c;
      i++;
      continue;
    }
    if (s[i + 1] === '#') {
      const hex = s[i + 2] === 'x' || s[i + 2] === 'X';
      let j = i + (hex ? 3 : 2);
      const start = j;
      while (j < n && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(s[j] as string)) j++;
      if (j > start) {
        const v = Number.parseInt(s.slice(start, j), hex ? 16 : 10);
        out += String.fromCharCode(v & 0xff);
        i = s[j] === ';' ? j + 1 : j;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && j - i <= 5 && /[a-zA-Z]/.test(s[j] as string)) j++;
    const name = s.slice(i + 1, j).toLowerCase();
    const v = NAMED[name];
    if (v !== undefined) {
      out += v;
      i = s[j] === ';' ? j + 1 : j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
