import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDenialEvent, createEvent, getField, setField } from '../event/build.js';
import { createFinding } from '../finding.js';
import { validateFinding, validateSecurityEvent } from './validate.js';

const canonicalEvent = () =>
  createDenialEvent(
    {
      module: 'gateway',
      action: 'rate-limit',
      category: ['web', 'network'],
      reason: 'rate limit exceeded',
      severity: 47,
    },
    {
      source: { ip: '10.1.2.3', port: 51234 },
      user: { name: 'alice' },
      url: { path: '/api/orders', original: '/api/orders?id=1' },
      http: { request: { method: 'GET', id: 'req-1' }, response: { status_code: 429 } },
      rule: { id: 'rl-orders', name: 'orders per user' },
      threat: { technique: { id: ['T1499'] } },
      service: { name: 'orders' },
      trace: { id: '4bf92f3577b34da6a3ce929d0e0e4736' },
    },
  );

test('canonical events validate: a gateway denial, a WAF alert, a plain event', () => {
  const denial = canonicalEvent();
  assert.deepEqual(validateSecurityEvent(denial).errors, []);
  assert.equal(denial.event.outcome, 'failure');
  assert.deepEqual(denial.event.type, ['denied']);
  assert.match(denial['@timestamp'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const alert = createEvent(
    { module: 'siem', action: 'sigma-match', kind: 'alert', category: 'intrusion_detection', timestamp: 0 },
    { rule: { id: 'c0b2768a', name: 'Suspicious' }, rampart: { matched_event_ids: ['a', 'b'] } },
  );
  assert.equal(alert['@timestamp'], '1970-01-01T00:00:00.000Z');
  assert.deepEqual(validateSecurityEvent(alert).errors, []);
  assert.ok(validateSecurityEvent(createEvent({ module: 'rasp', action: 'start' })).ok);
});

test('each broken event variant is rejected with a message naming the field', () => {
  const cases: [string, (e: Record<string, any>) => void, RegExp][] = [
    ['missing timestamp', (e) => delete e['@timestamp'], /@timestamp: missing/],
    ['non-UTC timestamp', (e) => (e['@timestamp'] = '2026-11-23T15:00:00+01:00'), /@timestamp: must match pattern/],
    ['not a date', (e) => (e['@timestamp'] = 'yesterday'), /@timestamp: must match format "date-time"/],
    ['missing event.kind', (e) => delete e.event.kind, /event\.kind: missing/],
    ['bad kind', (e) => (e.event.kind = 'warning'), /event\.kind: must be one of "alert"/],
    ['bad category', (e) => (e.event.category = ['weird']), /event\.category\[0\]: must be one of/],
    ['category not a list', (e) => (e.event.category = 'web'), /event\.category: expected array/],
    ['bad outcome', (e) => (e.event.outcome = 'ok'), /event\.outcome: must be one of/],
    ['severity out of range', (e) => (e.event.severity = 500), /event\.severity: must be <= 100/],
    ['bad ip', (e) => (e.source.ip = 'not-an-ip'), /source\.ip/],
    ['bad port', (e) => (e.source.port = 70000), /source\.port: must be <= 65535/],
    ['status as string', (e) => (e.http.response.status_code = '429'), /http\.response\.status_code: expected integer/],
    ['technique ids not a list', (e) => (e.threat.technique.id = 'T1499'), /threat\.technique\.id: expected array/],
  ];
  for (const [name, breakIt, expected] of cases) {
    const e = structuredClone(canonicalEvent()) as Record<string, any>;
    breakIt(e);
    const r = validateSecurityEvent(e);
    assert.equal(r.ok, false, `${name} should be rejected`);
    assert.ok(
      r.errors.some((m) => expected.test(m)),
      `${name}: ${r.errors.join('; ')}`,
    );
  }
});

const canonicalFinding = () =>
  createFinding({
    id: 'GHSA-p6mc-m468-83gw',
    kind: 'vulnerability',
    severity: 'HIGH',
    target: 'node_modules',
    location: { path: 'package-lock.json', line: 120 },
    package: { purl: 'pkg:npm/lodash@4.17.15', name: 'lodash', version: '4.17.15', ecosystem: 'npm' },
    title: 'Prototype Pollution in lodash',
    references: ['https://github.com/advisories/GHSA-p6mc-m468-83gw'],
    fix: { versions: ['4.17.19'] },
    aliases: ['CVE-2020-8203'],
    cvss: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 7.4 }],
  });

test('canonical findings validate: a vulnerability, a misconfiguration, a secret', () => {
  assert.deepEqual(validateFinding(canonicalFinding()).errors, []);
  const mis = createFinding({
    id: 'PSS-RESTRICTED-RUN-AS-NON-ROOT',
    kind: 'misconfiguration',
    severity: 'MEDIUM',
    target: 'deploy.yaml',
    location: { path: 'deploy.yaml', line: 14 },
    title: 'Container must run as non-root',
    fix: { versions: [], advice: 'set securityContext.runAsNonRoot: true' },
  });
  assert.equal(mis.ruleId, mis.id);
  assert.deepEqual(mis.references, []);
  assert.deepEqual(validateFinding(mis).errors, []);
  const secret = createFinding({
    id: 'aws-access-key-id',
    kind: 'secret',
    severity: 'CRITICAL',
    target: '.',
    location: { path: 'config/.env', line: 3, layer: 'sha256:abc' },
    title: 'AWS access key ID',
  });
  assert.ok(validateFinding(secret).ok);
});

test('each broken finding variant is rejected with a message naming the field', () => {
  const cases: [string, (f: Record<string, any>) => void, RegExp][] = [
    ['no id', (f) => delete f.id, /id: missing/],
    ['bad kind', (f) => (f.kind = 'bug'), /kind: must be one of "vulnerability"/],
    ['lower-case severity', (f) => (f.severity = 'high'), /severity: must be one of "UNKNOWN"/],
    ['line 0', (f) => (f.location.line = 0), /location\.line: must be >= 1/],
    ['bad purl', (f) => (f.package.purl = 'npm/lodash'), /package\.purl: must match pattern/],
    ['package without name', (f) => delete f.package.name, /package\.name: missing/],
    ['references not a list', (f) => (f.references = 'x'), /references: expected array/],
    ['fix without versions', (f) => delete f.fix.versions, /fix\.versions: missing/],
    ['unknown field', (f) => (f.cwe = 'CWE-1321'), /cwe: unknown field/],
    ['cvss score > 10', (f) => (f.cvss[0].score = 12), /cvss\[0\]\.score: must be <= 10/],
  ];
  for (const [name, breakIt, expected] of cases) {
    const f = structuredClone(canonicalFinding()) as Record<string, any>;
    breakIt(f);
    const r = validateFinding(f);
    assert.equal(r.ok, false, `${name} should be rejected`);
    assert.ok(
      r.errors.some((m) => expected.test(m)),
      `${name}: ${r.errors.join('; ')}`,
    );
  }
});

test('getField reads nested, flat-dotted and mixed forms; setField creates the path', () => {
  const e = { source: { ip: '1.2.3.4' }, 'user.name': 'bob', http: { 'request.method': 'GET' } };
  assert.equal(getField(e, 'source.ip'), '1.2.3.4');
  assert.equal(getField(e, 'user.name'), 'bob');
  assert.equal(getField(e, 'http.request.method'), 'GET');
  assert.equal(getField(e, 'source.port'), undefined);
  const o: Record<string, unknown> = {};
  setField(o, 'url.path', '/x');
  setField(o, 'url.query', 'a=1');
  assert.deepEqual(o, { url: { path: '/x', query: 'a=1' } });
});
