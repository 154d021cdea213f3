import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getField, validateSecurityEvent } from '@rampart/core';
import { repoRoot, sharedData } from '@rampart/core/testing';
import { normalizeJson, normalizeLine, splitJsonDocument } from './normalize.js';

const testdata = join(repoRoot(), 'packages/siem/testdata');
const now = Date.parse('2026-11-23T16:00:00Z');
const k8s = sharedData('siem/k8s-audit/trace_files');
const cloudtrail = sharedData('siem/cloudtrail');

test('every real Kubernetes audit trace maps to ECS with its own fields kept', { skip: k8s.skip }, () => {
  let n = 0;
  for (const file of readdirSync(k8s.path).filter((f) => f.endsWith('.json') && f !== 'fal_01_003.json')) {
    for (const line of readFileSync(join(k8s.path, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')) {
      const { event, logsource } = normalizeJson({ value: JSON.parse(line), original: line, receivedMs: now });
      assert.deepEqual(logsource, { product: 'kubernetes', service: 'audit' }, file);
      assert.equal(event.event.dataset, 'kubernetes.audit', file);
      assert.equal(getField(event, 'event.action'), getField(event, 'verb'), file);
      assert.equal(event.event.original, line);
      assert.notEqual(event['@timestamp'], new Date(now).toISOString(), `${file}: time taken from the record`);
      assert.ok(validateSecurityEvent(event).ok, `${file}: ${validateSecurityEvent(event).errors.join('; ')}`);
      n++;
    }
  }
  assert.equal(n, 51);
});

test('a Kubernetes audit record keeps objectRef and user.username beside ECS user.name', { skip: k8s.skip }, () => {
  const line = readFileSync(join(k8s.path, 'create_configmap_sensitive_values.json'), 'utf8').split('\n')[0] as string;
  const { event } = normalizeJson({ value: JSON.parse(line), original: line, receivedMs: now });
  assert.equal(getField(event, 'objectRef.resource'), 'configmaps');
  assert.equal(getField(event, 'source.ip'), '192.168.99.1');
  assert.equal(getField(event, 'http.response.status_code'), 201);
  assert.equal(event['@timestamp'].slice(0, 19), '2018-10-26T09:51:20');
  assert.equal(getField(event, 'user.name'), getField(event, 'user.username'));
});

test('CloudTrail delivery files split into records mapped to ECS', { skip: cloudtrail.skip }, () => {
  const dir = join(cloudtrail.path, 'stratus-red-team/detonation-logs');
  let n = 0;
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const r of splitJsonDocument(JSON.parse(text), text)) {
      const { event, logsource } = normalizeJson({ ...r, receivedMs: now });
      assert.deepEqual(logsource, { product: 'aws', service: 'cloudtrail' });
      assert.equal(event.event.action, getField(event, 'eventName'));
      assert.equal(getField(event, 'cloud.provider'), 'aws');
      assert.equal(event.event.outcome, getField(event, 'errorCode') === undefined ? 'success' : 'failure');
      assert.ok(validateSecurityEvent(event).ok, validateSecurityEvent(event).errors.join('; '));
      n++;
    }
  }
  assert.equal(n, 202);
});

test('RFC 5424 lines: header, structured data, BOM-free message', () => {
  const lines = readFileSync(join(testdata, 'syslog/rfc5424.log'), 'utf8').trim().split('\n');
  const events = lines.map((text) => normalizeLine({ text, receivedMs: now }, 'syslog')[0]!.event);
  assert.equal(events[0]!['@timestamp'], '2003-10-11T22:14:15.003Z');
  assert.equal(getField(events[0], 'host.hostname'), 'mymachine.example.com');
  assert.equal(getField(events[0], 'log.syslog.severity.code'), 2);
  assert.equal(getField(events[0], 'log.syslog.facility.code'), 4);
  assert.equal(events[0]!.message, "'su root' failed for lonvick on /dev/pts/8");
  assert.equal(events[1]!['@timestamp'], '2003-08-24T12:14:15.000Z');
  assert.equal(getField(events[1], 'process.pid'), 8710);
  assert.equal(getField(events[2], 'log.syslog.structured_data.exampleSDID@32473.eventID'), '1011');
  assert.equal(getField(events[3], 'log.syslog.structured_data.examplePriority@32473.class'), 'high');
  for (const e of events) assert.equal(e.event.dataset, 'syslog.rfc5424');
});

test('RFC 3164 lines: the year nearest to the receive time, tag and pid', () => {
  const lines = readFileSync(join(testdata, 'syslog/rfc3164.log'), 'utf8').trim().split('\n');
  const events = lines.map((text) => normalizeLine({ text, receivedMs: now }, 'syslog')[0]!.event);
  assert.equal(events[0]!['@timestamp'], '2026-10-11T22:14:15.000Z');
  assert.equal(events[1]!['@timestamp'], '2026-02-05T17:32:18.000Z');
  assert.equal(getField(events[1], 'process.name'), 'sshd');
  assert.equal(getField(events[1], 'process.pid'), 4123);
  assert.equal(getField(events[2], 'host.name'), 'web-1');
  for (const e of events) assert.equal(e.event.dataset, 'syslog.rfc3164');
});

test('combined access-log lines → ECS web events and Sigma webserver fields', () => {
  const lines = readFileSync(join(testdata, 'access/combined.log'), 'utf8').trim().split('\n');
  const r = lines.map((text) => normalizeLine({ text, receivedMs: now, from: 'access.log' }, 'access')[0]!);
  assert.equal(r[0]!.event['@timestamp'], '2000-10-10T20:55:36.000Z');
  assert.equal(getField(r[0]!.event, 'user.name'), 'frank');
  assert.equal(getField(r[1]!.event, 'url.query'), 'id=1%27%20OR%201=1--');
  assert.equal(getField(r[1]!.event, 'cs-uri-query'), 'id=1%27%20OR%201=1--');
  assert.equal(getField(r[1]!.event, 'user_agent.original'), 'sqlmap/1.7.2#stable (https://sqlmap.org)');
  assert.equal(getField(r[2]!.event, 'http.response.status_code'), 401);
  assert.equal(getField(r[3]!.event, 'http.request.method'), undefined, 'a garbage request line has no method');
  for (const x of r) assert.deepEqual(x.logsource, { category: 'webserver' });
});

test('Falco JSON becomes an external alert with its rule and priority', () => {
  const text = readFileSync(join(testdata, 'falco/alert.json'), 'utf8').trim();
  const [{ event }] = normalizeLine({ text, receivedMs: now }) as unknown as [{ event: Record<string, unknown> }];
  assert.equal(getField(event, 'event.kind'), 'alert');
  assert.equal(getField(event, 'rule.name'), 'Read sensitive file untrusted');
  assert.equal(getField(event, 'event.severity'), 50);
  assert.equal(getField(event, 'process.command_line'), 'cat /etc/shadow');
});

test('generic JSON keeps its own fields and moves a clashing event field under json', () => {
  const text = '{"time":"2026-01-02T03:04:05Z","event":"login","user":"x","nested":{"a":1}}';
  const [{ event }] = normalizeLine({ text, receivedMs: now }) as unknown as [{ event: Record<string, unknown> }];
  assert.equal(getField(event, 'json.event'), 'login');
  assert.equal(getField(event, 'nested.a'), 1);
  assert.equal(getField(event, '@timestamp'), '2026-01-02T03:04:05.000Z');
  assert.equal(getField(event, 'event.module'), 'json');
});

test('property: any line normalizes to a valid event, never throws', () => {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const alphabet = '<>[]{}":= -/\\1234567890abcxyzJanOct\n\t\u00e9\u{1F600}';
  const seeds = [
    ...readFileSync(join(testdata, 'syslog/rfc5424.log'), 'utf8').split('\n'),
    ...readFileSync(join(testdata, 'access/combined.log'), 'utf8').split('\n'),
  ];
  for (let i = 0; i < 2000; i++) {
    const base = seeds[Math.floor(rnd() * seeds.length)] as string;
    const chars = [...base];
    for (let k = Math.floor(rnd() * 6); k > 0; k--) {
      chars.splice(
        Math.floor(rnd() * (chars.length + 1)),
        rnd() < 0.5 ? 1 : 0,
        alphabet[Math.floor(rnd() * alphabet.length)] as string,
      );
    }
    const text = chars.join('');
    for (const { event } of normalizeLine({ text, receivedMs: now })) {
      assert.ok(Number.isFinite(Date.parse(event['@timestamp'])), text);
      assert.equal(typeof event.event.id, 'string');
    }
  }
});
