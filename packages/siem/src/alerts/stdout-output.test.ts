import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createEvent } from '@rampart/core/event';
import { toAlertRecord } from './alert-record.js';
import { stdoutOutput } from './stdout-output.js';

test('stdout output: one NDJSON alert event per line, carrying its entity and matched event ids', async () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => {
    text += d;
  });
  const trigger = createEvent({ module: 'gateway', action: 'allow', id: 'e1' }, { user: { name: 'mallory' } });
  const alert = createEvent(
    { module: 'siem', kind: 'alert', action: 'sigma-match' },
    { rule: { id: 'r1', name: 'R1' }, rampart: { siem: { matched_event_ids: ['e1'], rule_level: 'critical' } } },
  );
  const record = toAlertRecord(alert, trigger);
  assert.equal(record.level, 'critical');
  assert.deepEqual(record.eventIds, ['e1']);
  const out = stdoutOutput(stream);
  out.send([record, record]);
  await out.close();
  const lines = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { rule: { id: string }; rampart: { siem: { entity: string } } });
  assert.equal(lines.length, 2);
  assert.equal(lines[0]?.rule.id, 'r1');
  assert.equal(lines[0]?.rampart.siem.entity, 'user.name=mallory');
});
