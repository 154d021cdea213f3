/** base64Decode (stops at the first invalid character), base64DecodeExt (skips them), base64Encode. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
VALUE[45] = 62; // '-' (URL-safe alphabet)
VALUE[95] = 63; // '_'

function decode(s: string, skipInvalid: boolean): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 /* = */) break;
    const v = c < 256 ? (VALUE[c] as number) : -1;
    if (v < 0) {
      if (skipInvalid) continue;
      break;
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

export const base64Decode = (s: string): string => decode(s, false);
export const base64DecodeExt = (s: string): string => decode(s, true);
export const base64Encode = (s: string): string => Buffer.from(s, 'latin1').toString('base64');
