import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRampartError } from '@rampart/core';
import { parseAuditEventList } from './k8s-audit-webhook.js';
import { parseEventBatch } from './parse-batch.js';

const audit = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  auditID: 'a1',
  verb: 'create',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/default/pods',
  objectRef: { resource: 'pods', namespace: 'default' },
  user: { username: 'alice' },
  sourceIPs: ['10.0.0.1'],
  responseStatus: { code: 201 },
  stageTimestamp: '2026-11-23T10:00:00.000000Z',
};

test('event batches: NDJSON, JSON arrays and CloudTrail delivery files; a bad line is named', () => {
  assert.equal(parseEventBatch('{"a":1}\n\n{"b":2}\n', undefined, 0).length, 2);
  assert.equal(parseEventBatch('[{"a":1},{"b":2},{"c":3}]', 'application/json', 0).length, 3);
  assert.equal(
    parseEventBatch(
      '{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2026-01-01T00:00:00Z"}]}',
      'application/json',
      0,
    )[0]?.event.event.dataset,
    'aws.cloudtrail',
  );
  assert.throws(() => parseEventBatch('{"a":1}\n{"b":\n', 'application/x-ndjson', 0), {
    code: 'INPUT_INVALID',
    line: 2,
  });
  assert.throws(() => parseEventBatch('[{"a":1}', 'application/json', 0), { code: 'INPUT_INVALID' });
});

test('audit webhook: EventList or Event accepted; anything else refused with the bad item named', () => {
  assert.equal(parseAuditEventList(JSON.stringify({ kind: 'EventList', items: [audit, audit] }), 0).length, 2);
  assert.equal(parseAuditEventList(JSON.stringify(audit), 0)[0]?.event.event.action, 'create');
  assert.throws(() => parseAuditEventList('{"kind": 0}', 0), { code: 'INPUT_INVALID', field: 'kind' });
  assert.throws(
    () => parseAuditEventList(JSON.stringify({ kind: 'EventList', items: [audit, { kind: 'Event' }] }), 0),
    {
      field: 'items[1]',
    },
  );
});

test('property: mutated bodies either parse or fail with INPUT_INVALID, never anything else', () => {
  let seed = 11;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const bodies = [
    `${JSON.stringify(audit)}\n${JSON.stringify({ '@timestamp': '2026-11-23T10:00:00Z', event: { id: 'x', kind: 'event', module: 'waf' } })}\n`,
    JSON.stringify([audit, { a: [1, 2, { b: null }] }]),
    JSON.stringify({ kind: 'EventList', items: [audit] }),
  ];
  const alphabet = '{}[]":,\n\\ 0aZ\u00e9';
  let parsed = 0;
  for (let i = 0; i < 3000; i++) {
    const chars = [...(bodies[rnd(bodies.length)] as string)];
    for (let k = rnd(4); k >= 0; k--)
      chars.splice(rnd(chars.length + 1), rnd(3), alphabet[rnd(alphabet.length)] as string);
    const text = chars.join('');
    for (const parse of [
      () => parseEventBatch(text, rnd(2) === 0 ? 'application/json' : undefined, 0),
      () => parseAuditEventList(text, 0),
    ]) {
      try {
        parse();
        parsed++;
      } catch (e) {
        assert.ok(isRampartError(e) && e.code === 'INPUT_INVALID', `${text}: ${(e as Error).message}`);
      }
    }
  }
  assert.ok(parsed > 100, `some mutated bodies still parse (${parsed})`);
});
