/**
 * `db update` against a real HTTP server on 127.0.0.1 serving OSV-style exports: the success path swaps in the new
 * data; failures (server errors after retries, a truncated body, a corrupt zip, an unknown ecosystem, no server at all)
 * leave the DB in use byte for byte as it was.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { RampartError } from '@rampart/core';
import { importOsv } from './import.js';
import { dbStatus } from './status.js';
import { FIXTURE_RECORDS, fixtureZip, tempDir } from './test-helpers.js';
import { updateDb } from './update.js';

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let server: Server;
let base: string;
let zip: Buffer;
let flaky = 0;
const hits: string[] = [];

before(async () => {
  zip = readFileSync(fixtureZip(tempDir()));
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const url = req.url ?? '';
    if (url === '/npm/all.zip' || url === '/Debian/all.zip') {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length });
      res.end(zip);
    } else if (url === '/Flaky/all.zip') {
      // Fails twice, then serves: retries must get through.
      if (flaky++ < 2) {
        res.writeHead(503);
        res.end();
      } else {
        res.writeHead(200, { 'content-length': zip.length });
        res.end(zip);
      }
    } else if (url === '/Broken/all.zip') {
      res.writeHead(500);
      res.end('boom');
    } else if (url === '/Truncated/all.zip') {
      res.writeHead(200, { 'content-length': zip.length });
      res.write(zip.subarray(0, 100));
      res.destroy();
    } else if (url === '/Corrupt/all.zip') {
      res.writeHead(200);
      res.end(zip.subarray(0, zip.length - 200));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function seededDb(): Promise<string> {
  const path = join(tempDir(), 'db.sqlite');
  await importOsv([join(FIXTURE_RECORDS, 'DLA-3008-1.json')], { db: path });
  return path;
}

test('downloads each ecosystem export and swaps the new data in', async () => {
  const db = await seededDb();
  const progress: number[] = [];
  const result = await updateDb({
    db,
    ecosystems: ['npm', 'Debian'],
    baseUrl: base,
    onProgress: (_e, got) => progress.push(got),
  });
  assert.deepEqual(
    result.downloaded.map((d) => d.ecosystem),
    ['npm', 'Debian'],
  );
  assert.equal(progress.at(-1), zip.length);
  const status = dbStatus(db);
  assert.ok(status.advisories > 10);
  assert.match(status.source, /^http:\/\/127\.0\.0\.1:\d+ \(npm, Debian\)$/);
});

test('retries transient server errors', async () => {
  const db = await seededDb();
  const retries: number[] = [];
  await updateDb({ db, ecosystems: ['Flaky'], baseUrl: base, retryDelayMs: 1, onRetry: (_e, n) => retries.push(n) });
  assert.deepEqual(retries, [1, 2]);
});

for (const [ecosystem, code, message] of [
  ['Broken', 'NETWORK', /after 2 attempts \(HTTP 500\); the DB was not changed/],
  ['Truncated', 'NETWORK', /cannot download/],
  ['Corrupt', 'INPUT_INVALID', /not a readable zip archive/],
  ['Nowhere', 'INPUT_NOT_FOUND', /no export for ecosystem "Nowhere"/],
] as const) {
  test(`a failed update (${ecosystem}) leaves the DB in use untouched`, async () => {
    const db = await seededDb();
    const before = digest(db);
    await assert.rejects(
      // npm downloads fine first: nothing may be written until every export has arrived.
      updateDb({ db, ecosystems: ['npm', ecosystem], baseUrl: base, attempts: 2, retryDelayMs: 1 }),
      (e: unknown) => e instanceof RampartError && e.code === code && message.test(e.message),
    );
    assert.equal(digest(db), before);
  });
}

test('no server at all (offline) is a network error with the DB intact', async () => {
  const db = await seededDb();
  const before = digest(db);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await assert.rejects(
    updateDb({ db, ecosystems: ['npm'], baseUrl: `http://127.0.0.1:${port}`, attempts: 1 }),
    (e: unknown) => e instanceof RampartError && e.code === 'NETWORK' && e.exitCode === 3,
  );
  assert.equal(digest(db), before);
});
