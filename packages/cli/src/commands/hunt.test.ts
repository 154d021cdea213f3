/** `rampart hunt --sigma ... --input ...`: one JSON object per match, table output, and usage errors as exit code 2. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { runCli } from '../testing.js';

const rampart = (args: string[]) => runCli(args, {});

const fixtures = join(repoRoot(), 'packages', 'siem', 'testdata', 'sigma', 'hunt');

test('hunt --format json prints rule.id, rule.title and the event for every match', async () => {
  const r = await rampart([
    'hunt',
    '--sigma',
    join(fixtures, 'rules'),
    '--input',
    join(fixtures, 'events.ndjson.gz'),
    '--format',
    'json',
  ]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, any>);
  const matches = lines.filter((l) => l.event !== undefined);
  assert.deepEqual(
    matches.map((l) => [l.rule.id, l.rule.title, l.event.EventRecordID]),
    [
      ['7c1e9a51-3a5e-4f0e-9d7e-1e5c1d0e2f01', 'Whoami run', '101'],
      ['7c1e9a51-3a5e-4f0e-9d7e-1e5c1d0e2f01', 'Whoami run', '104'],
      ['7c1e9a51-3a5e-4f0e-9d7e-1e5c1d0e2f01', 'Whoami run', '105'],
    ],
  );
  const correlation = lines.find((l) => l.correlation !== undefined);
  assert.deepEqual(correlation?.correlation.event_ids, ['101', '104']);
  assert.match(r.err, /2 unreadable lines skipped/);
  assert.match(r.err, /events\.ndjson\.gz:3: not JSON/);
});

test('hunt --exit-code exits 1 on a match; --format table prints a header and rows', async () => {
  const r = await rampart([
    'hunt',
    '--sigma',
    join(fixtures, 'rules', 'whoami.yml'),
    '--input',
    join(fixtures, 'events.ndjson'),
    '-f',
    'table',
    '--exit-code',
  ]);
  assert.equal(r.code, 1);
  const rows = r.out.trim().split('\n');
  assert.equal(rows[0], 'LEVEL\tRULE\tWHERE');
  assert.equal(rows.length, 4);
});

test('hunt without --sigma/--input, or with a missing input, is a usage error (exit 2)', async () => {
  assert.equal((await rampart(['hunt', '--input', join(fixtures, 'events.ndjson')])).code, 2);
  const missing = await rampart(['hunt', '--sigma', join(fixtures, 'rules'), '--input', '/nonexistent.ndjson']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /\/nonexistent\.ndjson/);
  assert.doesNotMatch(missing.err, /at .*\.js:\d+/, 'no stack trace');
});
