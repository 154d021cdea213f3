import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attack } from './attack.js';
import { Allowlist } from './allowlist.js';
import { optionsFromEnv, resolveOptions } from './options.js';
import { appFrame } from './stack.js';

test('options from the environment; a bad allowlist is reported and ignored, not fatal', () => {
  const o = optionsFromEnv({
    RAMPART_RASP_MODE: 'monitor',
    RAMPART_RASP_SIEM_URL: 'http://127.0.0.1:8686/api/v1/events',
    RAMPART_RASP_ALLOW: '[{"route":"/health","sink":"fs"}]',
    RAMPART_RASP_DISABLE: 'code_injection, ssrf',
  });
  assert.equal(o.mode, 'monitor');
  assert.deepEqual(o.allow, [{ route: '/health', sink: 'fs' }]);
  assert.deepEqual(o.disable, ['code_injection', 'ssrf']);
  const bad = optionsFromEnv({ RAMPART_RASP_MODE: 'blok', RAMPART_RASP_ALLOW: '{not json' });
  assert.equal(bad.mode, undefined);
  assert.equal(bad.allow, undefined);
  assert.equal(resolveOptions(bad).mode, 'block');
});

test('allowlist: route globs with and without method, sink family or sink name, kind', () => {
  const attack = { kind: 'sql_injection', family: 'sql', sink: 'pg.query' } as Attack;
  const allow = new Allowlist([
    { route: 'GET /admin/**', sink: 'sql' },
    { route: '/reports/*', sink: 'pg.query' },
    { kind: 'ssrf' },
  ]);
  assert.ok(allow.allows(attack, 'GET', '/admin/a/b', undefined));
  assert.ok(!allow.allows(attack, 'POST', '/admin/a', undefined));
  assert.ok(allow.allows(attack, 'POST', '/reports/q1', undefined));
  assert.ok(!allow.allows(attack, 'GET', '/reports/q1/x', undefined));
  assert.ok(allow.allows({ ...attack, kind: 'ssrf' }, 'GET', '/any', undefined));
  assert.ok(allow.allows(attack, 'GET', '/r/42', undefined) === false);
});

test("the app frame skips Node internals, node_modules and the agent's own files", () => {
  const stack = [
    'Error',
    '    at Agent.handle (/srv/node_modules/@rampart/rasp/dist/agent/agent.js:40:20)',
    '    at Client.query (/srv/node_modules/pg/lib/client.js:500:3)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async getUser (file:///srv/app/users.mjs:12:7)',
  ].join('\n');
  assert.deepEqual(appFrame(stack), { file: '/srv/app/users.mjs', line: 12, column: 7, function: 'async getUser' });
  assert.equal(appFrame('Error\n    at node:internal/x:1:1'), undefined);
});
