/**
 * Reads events from an NDJSON file, gzip or not (told by the magic bytes, not the name), one object per line. A line
 * that is not a JSON object is reported to `onBadLine` with its line number and skipped, as log hunters do.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface NdjsonEvent {
  line: number;
  event: Record<string, unknown>;
}

export type BadLineHandler = (line: number, reason: string) => void;

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

export async function* readNdjson(path: string, onBadLine: BadLineHandler = () => {}): AsyncGenerator<NdjsonEvent> {
  const gz = await isGzip(path);
  const raw = createReadStream(path);
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (e) => stream.destroy(e));
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      onBadLine(n, `not JSON (${(e as Error).message})`);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      onBadLine(n, 'not a JSON object');
      continue;
    }
    yield { line: n, event: value as Record<string, unknown> };
  }
}
