/** Bearer-token check for the ingest endpoints and the API, in constant time per configured token. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RampartError } from '@rampart/core';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function bearerCheck(tokens: readonly string[]): (req: IncomingMessage) => void {
  const wanted = tokens.map(digest);
  return (req) => {
    if (wanted.length === 0) return;
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const got = m === null ? undefined : digest(m[1] as string);
    // Hashing first makes every comparison the same length, so timingSafeEqual applies and leaks nothing.
    if (got === undefined || !wanted.some((w) => timingSafeEqual(w, got))) {
      throw new RampartError('SIEM_UNAUTHORIZED', 'a valid bearer token is required (Authorization: Bearer <token>)');
    }
  };
}
