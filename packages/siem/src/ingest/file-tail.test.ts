import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { getField } from '@rampart/core/event';
import { repoRoot } from '@rampart/core/testing';
import type { Normalized } from '../normalize/types.js';
import { FileTailer } from './file-tail.js';

function collector() {
  const got: Normalized[] = [];
  let refuse = false;
  return {
    got,
    refuseNext() {
      refuse = true;
    },
    submit: async (items: readonly Normalized[]) => {
      if (refuse) {
        refuse = false;
        throw Object.assign(new Error('full'), { code: 'SIEM_BACKPRESSURE' });
      }
      got.push(...items);
    },
  };
}

test('tailing NDJSON: partial lines wait, positions survive a restart, rotation and truncation are followed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-tail-'));
  const log = join(dir, 'events.ndjson');
  const positionsFile = join(dir, 'positions.json');
  const line = (n: number) => `${JSON.stringify({ n, msg: `event ${n}` })}\n`;
  try {
    writeFileSync(log, line(1) + line(2) + '{"n":3,"msg":"ev');
    let c = collector();
    let tail = new FileTailer(c.submit, [{ path: log, format: 'ndjson' }], { positionsFile });
    await tail.pollOnce();
    assert.deepEqual(
      c.got.map((x) => getField(x.event, 'n')),
      [1, 2],
    );
    appendFileSync(log, 'ent 3"}\n');
    c.refuseNext();
    await tail.pollOnce(); // refused: nothing advances
    await tail.pollOnce();
    assert.deepEqual(
      c.got.map((x) => getField(x.event, 'n')),
      [1, 2, 3],
    );
    await tail.close();

    // Restart: nothing is read twice; new lines are read.
    appendFileSync(log, line(4));
    c = collector();
    tail = new FileTailer(c.submit, [{ path: log, format: 'ndjson' }], { positionsFile });
    await tail.pollOnce();
    assert.deepEqual(
      c.got.map((x) => getField(x.event, 'n')),
      [4],
    );

    // Rotation by rename: the rest of the old file (even an unterminated last line), then the new file from its start.
    appendFileSync(log, line(5) + '{"n":6}');
    renameSync(log, `${log}.1`);
    writeFileSync(log, line(7));
    await tail.pollOnce();
    assert.deepEqual(
      c.got.map((x) => getField(x.event, 'n')),
      [4, 5, 6, 7],
    );

    // copytruncate: the file shrinks under us; reading starts over.
    truncateSync(log, 0);
    await tail.pollOnce();
    writeFileSync(log, line(8));
    await tail.pollOnce();
    assert.deepEqual(
      c.got.map((x) => getField(x.event, 'n')),
      [4, 5, 6, 7, 8],
    );
    await tail.close();
    const saved = JSON.parse(readFileSync(positionsFile, 'utf8')) as { files: Record<string, { offset: number }> };
    assert.equal(saved.files[log]?.offset, line(8).length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tailing an nginx/Apache combined log yields web events', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-tail-'));
  const log = join(dir, 'access.log');
  try {
    writeFileSync(log, readFileSync(join(repoRoot(), 'packages/siem/testdata/access/combined.log')));
    const c = collector();
    const tail = new FileTailer(c.submit, [{ path: log, format: 'access' }]);
    await tail.pollOnce();
    await tail.close();
    assert.equal(c.got.length, 4);
    assert.deepEqual(
      c.got.map((x) => x.event.event.dataset),
      ['web.access', 'web.access', 'web.access', 'web.access'],
    );
    assert.equal(getField(c.got[1]?.event, 'http.response.status_code'), 404);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
