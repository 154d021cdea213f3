import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEvent } from '../event/build.js';
import { FileSink } from './file.js';

const ev = (i: number) => createEvent({ module: 'waf', action: 'rule-match', id: `e${String(i).padStart(5, '0')}` });

function readAll(dir: string, base: string): string[] {
  // Oldest rotated file first (.N … .1), then the live file.
  const rotated = readdirSync(dir)
    .filter((f) => f.startsWith(`${base}.`))
    .sort((a, b) => Number(b.split('.').pop()) - Number(a.split('.').pop()));
  return [...rotated, base].flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l !== ''),
  );
}

test('rotates by size, keeps maxFiles, never splits a line, loses nothing within retention', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-filesink-'));
  const path = join(dir, 'events.ndjson');
  const sink = new FileSink({ path, maxBytes: 4096, maxFiles: 50 });
  for (let i = 0; i < 500; i++) sink.send(ev(i));
  await sink.close();
  const files = readdirSync(dir);
  assert.ok(files.length > 5, `rotated into ${files.length} files`);
  for (const f of files) assert.ok(statSync(join(dir, f)).size <= 4096, `${f} within maxBytes`);
  const lines = readAll(dir, 'events.ndjson');
  assert.equal(lines.length, 500);
  for (const [i, l] of lines.entries()) assert.equal(JSON.parse(l).event.id, `e${String(i).padStart(5, '0')}`);
  assert.equal(sink.stats().acked, 500);
});

test('keeps only maxFiles rotated files (the oldest go)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-filesink-'));
  const path = join(dir, 'events.ndjson');
  const sink = new FileSink({ path, maxBytes: 2048, maxFiles: 2 });
  for (let i = 0; i < 300; i++) sink.send(ev(i));
  await sink.close();
  assert.deepEqual(readdirSync(dir).sort(), ['events.ndjson', 'events.ndjson.1', 'events.ndjson.2']);
  const lines = readAll(dir, 'events.ndjson');
  assert.equal(JSON.parse(lines[lines.length - 1] as string).event.id, 'e00299', 'the newest event is kept');
});

test('appends to an existing file and rotates it first when full', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-filesink-'));
  const path = join(dir, 'events.ndjson');
  writeFileSync(path, `${'x'.repeat(1990)}\n`);
  const sink = new FileSink({ path, maxBytes: 2000, maxFiles: 3 });
  sink.send(ev(1));
  await sink.close();
  assert.equal(readFileSync(`${path}.1`, 'utf8').length, 1991);
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).event.id, 'e00001');
});
