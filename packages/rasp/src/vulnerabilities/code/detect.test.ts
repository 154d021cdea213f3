import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectCodeInjection } from './detect.js';

test('code injection: input compiled as code versus input inside a string literal', () => {
  assert.ok(detectCodeInjection('return 1 + process.exit()', 'process.exit()'));
  assert.ok(detectCodeInjection("return 'a'; require('child_process'); ''", "a'; require('child_process'); '"));
  assert.equal(detectCodeInjection("return 'hello world, (not code)'", 'hello world, (not code)'), undefined);
  assert.equal(detectCodeInjection('return x * 2', 'x'), undefined);
  assert.equal(detectCodeInjection('return `total: ${n}`', 'total:'), undefined);
});
