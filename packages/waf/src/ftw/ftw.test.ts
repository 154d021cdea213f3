/** The go-ftw runner: request building as go-ftw does it, and the verdict semantics, on a small real test file. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { parseRawRequest } from '../http/raw-request.js';
import { loadWafSync } from '../load-waf.js';
import { buildFtwRequest, queryEscape } from './build-request.js';
import { runFtw } from './run.js';

const input = {
  method: 'POST',
  uri: '/post',
  version: 'HTTP/1.1',
  headers: [['User-Agent', 'x'] as [string, string], ['Host', 'localhost'] as [string, string]],
  data: 'var=1 OR 1=1',
  autocompleteHeaders: true,
  encodedRequest: undefined,
};

test('go-ftw request building: sorted headers, form autocompletion and urlencoding', () => {
  const raw = buildFtwRequest(input).toString('latin1');
  assert.equal(
    raw,
    'POST /post HTTP/1.1\r\nConnection: close\r\nContent-Length: 14\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      'Host: localhost\r\nUser-Agent: x\r\n\r\nvar=1+OR+1%3D1',
  );
  assert.equal(queryEscape('a b/é'), 'a+b%2F%C3%A9');
  const req = parseRawRequest(Buffer.from(raw, 'latin1'));
  assert.equal(req.method, 'POST');
  assert.equal(Buffer.from(req.body ?? []).toString('latin1'), 'var=1+OR+1%3D1');
  const exact = buildFtwRequest({ ...input, autocompleteHeaders: false }).toString('latin1');
  assert.ok(!exact.includes('Content-Length'), 'autocomplete_headers: false sends the headers as given');
  const encoded = buildFtwRequest({
    ...input,
    encodedRequest: Buffer.from('GET / HTTP/1.0\r\n\r\n').toString('base64'),
  });
  assert.equal(encoded.toString('latin1'), 'GET / HTTP/1.0\r\n\r\n');
});

test('runner verdicts on a go-ftw file against the built-in default rules', () => {
  const waf = loadWafSync();
  const { results, summary } = runFtw({ testsDir: join(repoRoot(), 'packages/waf/testdata/ftw'), waf });
  assert.deepEqual(
    results.map((r) => [r.test, r.pass]),
    [
      ['7000400-1', true],
      ['7000400-2', true],
      ['7000400-3', true],
    ],
    JSON.stringify(results),
  );
  assert.deepEqual(results[0]?.fired, [7000400, 7000999]);
  assert.equal(summary.passed, 3);
  // The same file with a failing expectation: the runner reports why.
  const strict = runFtw({
    testsDir: join(repoRoot(), 'packages/waf/testdata/ftw'),
    waf,
    overrides: [{ ruleId: 7000400, testIds: [2], reason: 'test', output: { log: { expect_ids: [7000500] } } }],
  });
  assert.equal(strict.results[1]?.pass, false);
  assert.match(strict.results[1]?.reason ?? '', /expected 7000500 to fire/);
});

test('verdictToEvent: an ECS alert with rule ids, masked data, score and paranoia level', () => {
  const waf = loadWafSync();
  const req = parseRawRequest(
    Buffer.from('GET /?q=<script>alert(1)</script> HTTP/1.1\r\nHost: shop\r\n\r\n'),
    '10.0.0.9',
  );
  const verdict = waf.evaluateRequest(req);
  assert.equal(verdict.action, 'block');
  const e = waf.verdictToEvent(verdict, req);
  assert.equal(e.event.module, 'waf');
  assert.equal(e.event.kind, 'alert');
  assert.deepEqual(e.event.type, ['denied']);
  assert.equal(e.source?.ip, '10.0.0.9');
  assert.equal(e.rule?.id, '7000500');
  assert.equal(e.rule?.ruleset, 'rampart-builtin');
  const waf2 = (e.rampart as { waf: { anomaly_score: number; paranoia_level: number; rule_ids: number[] } }).waf;
  assert.equal(waf2.anomaly_score, 5);
  assert.equal(waf2.paranoia_level, 1);
  assert.deepEqual(waf2.rule_ids, [7000500, 7000999]);
  assert.match(e['@timestamp'], /Z$/);
});
