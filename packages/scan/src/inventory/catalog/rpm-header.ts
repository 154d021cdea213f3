/**
 * The RPM header blob stored per package in every rpmdb backend: an index of (tag, type, offset, count) entries over a
 * data store. Only the tags an inventory needs are read. Big-endian throughout.
 */
import { CatalogError } from './cataloger.js';

export const TAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  LICENSE: 1014,
  ARCH: 1022,
  SOURCERPM: 1044,
} as const;

const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_I18N = 9;

export type RpmHeader = Map<number, string | number>;

export function parseRpmHeader(blob: Uint8Array): RpmHeader {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.byteLength < 8) throw new CatalogError('rpm header blob shorter than 8 bytes');
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  const dataStart = 8 + il * 16;
  if (il > 100_000 || dataStart + dl > blob.byteLength) throw new CatalogError('rpm header blob is truncated');
  const wanted = new Set<number>(Object.values(TAG));
  const out: RpmHeader = new Map();
  for (let i = 0; i < il; i++) {
    const e = 8 + i * 16;
    const tag = view.getUint32(e);
    if (!wanted.has(tag)) continue;
    const type = view.getUint32(e + 4);
    const offset = view.getInt32(e + 8);
    const at = dataStart + offset;
    if (offset < 0 || at >= dataStart + dl) throw new CatalogError(`rpm header tag ${tag} points outside its data`);
    if (type === TYPE_INT32) out.set(tag, view.getUint32(at));
    else if (type === TYPE_STRING || type === TYPE_I18N) {
      let end = at;
      while (end < blob.byteLength && blob[end] !== 0) end++;
      out.set(tag, Buffer.from(blob.buffer, blob.byteOffset + at, end - at).toString('utf8'));
    }
  }
  return out;
}
