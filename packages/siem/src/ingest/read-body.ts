/** Reads a request body with a size limit, gunzipping `Content-Encoding: gzip` with a limit on the inflated size too. */
import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';
import { RampartError } from '@rampart/core';

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.resume();
      throw new RampartError('SIEM_BODY_TOO_LARGE', `the body is larger than ${maxBytes} bytes`, { field: 'body' });
    }
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity' || encoding === '') return raw.toString('utf8');
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new RampartError('INPUT_INVALID', `Content-Encoding ${encoding} is not supported (use gzip)`, {
      field: 'content-encoding',
    });
  }
  const inflated = await new Promise<Buffer>((resolve, reject) =>
    gunzip(raw, { maxOutputLength: maxBytes * 4 }, (err, out) => (err === null ? resolve(out) : reject(err))),
  ).catch((e: Error) => {
    throw new RampartError('INPUT_INVALID', `the gzip body cannot be inflated: ${e.message}`, { field: 'body' });
  });
  return inflated.toString('utf8');
}
