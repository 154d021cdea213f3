import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPathTraversal } from './detect.js';

const cases: [path: string, input: string, attack: boolean][] = [
  ['/srv/files/notes.txt', 'notes.txt', false],
  ['/srv/files/report.v2.txt', 'report.v2.txt', false],
  ['/srv/files/a..b.txt', 'a..b.txt', false],
  ['/srv/files/sub/inner.txt', 'sub/inner.txt', false],
  ['/srv/files/sub/../notes.txt', 'sub/../notes.txt', false],
  ['/srv/files/../../etc/passwd', '../../etc/passwd', true],
  ['/srv/files/sub/../../secret', 'sub/../../secret', true],
  ['/etc/passwd', '/etc/passwd', true],
  ['/srv/files//etc/passwd', '/etc/passwd', false],
  ['/srv/files/notes.txt\0.png', 'notes.txt\0.png', true],
  ['../../etc/passwd', '../../etc/passwd', true],
  ['/srv/files/..\\..\\x', '..\\..\\x', false],
];

test('path traversal: leaving the base directory, absolute paths, NUL bytes', () => {
  for (const [path, input, attack] of cases) {
    const reason = detectPathTraversal(path, input);
    assert.equal(reason !== undefined, attack, `${JSON.stringify(path)} ← ${JSON.stringify(input)} → ${reason}`);
  }
});
