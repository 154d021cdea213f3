import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InputString } from '../../context/user-input.js';
import { isPrivateAddress, isPrivateHostname } from './private-address.js';
import { userInputNamingHost } from './user-host.js';

test('private, loopback, link-local and metadata addresses', () => {
  for (const a of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
  ]) {
    assert.ok(isPrivateAddress(a), a);
  }
  for (const a of ['::1', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::1]', '100.64.0.1']) {
    assert.ok(isPrivateAddress(a), a);
  }
  for (const a of ['8.8.8.8', '93.184.215.14', '172.32.0.1', '2606:4700::1111', '192.0.2.1', '203.0.113.5']) {
    assert.ok(!isPrivateAddress(a), a);
  }
  assert.ok(isPrivateHostname('localhost'));
  assert.ok(isPrivateHostname('metadata.google.internal'));
  assert.ok(isPrivateHostname('api.localhost'));
  assert.ok(!isPrivateHostname('example.com'));
});

test('a host is user-chosen when an input is it or a URL naming it, after URL normalisation', () => {
  const input = (value: string, source: InputString['source'] = 'query'): InputString => ({ source, path: 'u', value });
  assert.ok(userInputNamingHost('127.0.0.1', [input('http://127.0.0.1:8080/admin')]));
  assert.ok(userInputNamingHost('127.0.0.1', [input('http://2130706433/')]));
  assert.ok(userInputNamingHost('127.0.0.1', [input('0x7f.1')]));
  assert.ok(userInputNamingHost('internal.svc', [input('internal.svc:8080/x')]));
  // Mentioning a name in text does not choose the host; the Host header is set by the client's HTTP stack.
  assert.equal(userInputNamingHost('users', [input('all users of the team')]), undefined);
  assert.equal(
    userInputNamingHost(
      '127.0.0.1',
      [input('127.0.0.1:3000', 'headers')].map((i) => ({ ...i, path: 'host' })),
    ),
    undefined,
  );
});
