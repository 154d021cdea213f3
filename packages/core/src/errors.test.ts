import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExitCode, RampartError, toRampartError } from './errors.js';

test('usage-type codes exit 2, others exit 3, an explicit exit code wins', () => {
  assert.equal(new RampartError('CONFIG_INVALID', 'x').exitCode, ExitCode.USAGE);
  assert.equal(new RampartError('INPUT_NOT_FOUND', 'x').exitCode, ExitCode.USAGE);
  assert.equal(new RampartError('NETWORK', 'x').exitCode, ExitCode.RUNTIME);
  assert.equal(new RampartError('SCAN_X', 'x', { exitCode: ExitCode.USAGE }).exitCode, 2);
});

test('format names file:line:column and field; toJSON keeps the place and details', () => {
  const d = new RampartError('CONFIG_INVALID', 'expected integer', {
    file: 'g.yaml',
    line: 3,
    column: 9,
    field: 'listen.port',
  });
  assert.equal(d.format(), 'g.yaml:3:9: listen.port: expected integer [CONFIG_INVALID]');
  const top = new RampartError('CONFIG_INVALID', 'invalid', { file: 'g.yaml', details: [d] });
  assert.deepEqual(top.toJSON(), {
    code: 'CONFIG_INVALID',
    message: 'invalid',
    file: 'g.yaml',
    details: [
      { code: 'CONFIG_INVALID', message: 'expected integer', file: 'g.yaml', line: 3, column: 9, field: 'listen.port' },
    ],
  });
});

test('toRampartError keeps RampartErrors and wraps anything else as INTERNAL', () => {
  const r = new RampartError('IO', 'x');
  assert.equal(toRampartError(r), r);
  const w = toRampartError(new TypeError('boom'));
  assert.equal(w.code, 'INTERNAL');
  assert.equal(w.message, 'boom');
  assert.equal(toRampartError('str').message, 'str');
});
