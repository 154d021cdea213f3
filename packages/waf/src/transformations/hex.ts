/** Hex helpers shared by the decoders, and the hexDecode / hexEncode / sqlHexDecode transformations. */

export function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export function isHexAt(s: string, i: number, count: number): boolean {
  if (i + count > s.length) return false;
  for (let k = 0; k < count; k++) if (hexValue(s.charCodeAt(i + k)) < 0) return false;
  return true;
}

/** Pairs of hex digits → bytes; stops at the first pair that is not hex (ModSecurity's behaviour). */
export function hexDecode(s: string): string {
  let out = '';
  for (let i = 0; i + 1 < s.length; i += 2) {
    const a = hexValue(s.charCodeAt(i));
    const b = hexValue(s.charCodeAt(i + 1));
    if (a < 0 || b < 0) break;
    out += String.fromCharCode(a * 16 + b);
  }
  return out;
}

export function hexEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += (s.charCodeAt(i) & 0xff).toString(16).padStart(2, '0');
  return out;
}

/** `0x414243` runs → bytes, the rest kept (ModSecurity's sqlHexDecode). */
export function sqlHexDecode(s: string): string {
  return s.replace(/0x((?:[0-9a-fA-F]{2})+)/g, (_m, h: string) => hexDecode(h));
}
