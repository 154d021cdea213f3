/** Digest checks: small JSON blobs verified whole, layer streams verified as they pass (see layer-stream.ts). */
import { createHash } from 'node:crypto';
import { RampartError } from '@rampart/core';
import type { Descriptor } from './source.js';

export function sha256(buf: Uint8Array): string {
  return `sha256:${createHash('sha256').update(buf).digest('hex')}`;
}

export function verifiedJson<T>(ref: string, d: Descriptor, buf: Buffer): T {
  if (d.digest.startsWith('sha256:') && sha256(buf) !== d.digest) {
    throw new RampartError(
      'SCAN_DIGEST_MISMATCH',
      `${ref}: blob ${d.digest} does not match its digest (got ${sha256(buf)})`,
    );
  }
  try {
    return JSON.parse(buf.toString('utf8')) as T;
  } catch (e) {
    throw new RampartError('INPUT_INVALID', `${ref}: blob ${d.digest} is not valid JSON: ${(e as Error).message}`);
  }
}
