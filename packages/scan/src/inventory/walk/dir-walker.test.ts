/** The walker reads nothing outside the target: symlinks (loops, escapes) are never followed; hard links are plain files. */
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanRootfs } from '../scan-dir.js';

test('symlink loops, escaping symlinks and hard links are handled safely', async (t) => {
  const outside = mkdtempSync(join(tmpdir(), 'rampart-outside-'));
  const root = mkdtempSync(join(tmpdir(), 'rampart-walk-'));
  t.after(() => {
    rmSync(outside, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });
  // A package outside the target, reachable only through symlinks.
  mkdirSync(join(outside, 'node_modules/secret'), { recursive: true });
  writeFileSync(join(outside, 'node_modules/secret/package.json'), '{"name":"secret","version":"6.6.6"}');
  mkdirSync(join(root, 'app/node_modules/left-pad'), { recursive: true });
  writeFileSync(join(root, 'app/node_modules/left-pad/package.json'), '{"name":"left-pad","version":"1.3.0"}');
  symlinkSync(join(outside, 'node_modules'), join(root, 'app/escape')); // a directory outside the root
  symlinkSync('../../..', join(root, 'app/node_modules/loop')); // a loop back up
  symlinkSync('/etc/os-release', join(root, 'os-release-link'));
  mkdirSync(join(root, 'etc'));
  symlinkSync('/etc/os-release', join(root, 'etc/os-release')); // an absolute link that would escape
  // A hard link is just another name of a file inside the target.
  mkdirSync(join(root, 'lib/node_modules/left-pad'), { recursive: true });
  linkSync(join(root, 'app/node_modules/left-pad/package.json'), join(root, 'lib/node_modules/left-pad/package.json'));

  const inv = await scanRootfs(root);
  assert.deepEqual(
    inv.packages.map((p) => `${p.name}@${p.version} ${p.location.path}`),
    ['left-pad@1.3.0 app/node_modules/left-pad/package.json', 'left-pad@1.3.0 lib/node_modules/left-pad/package.json'],
  );
  assert.equal(inv.os, undefined, 'os-release behind a symlink out of the root is not read');
  assert.equal(inv.partial, false);
});

test('a missing or non-directory target is a clear input error', async () => {
  await assert.rejects(scanRootfs('/nonexistent/rampart'), { code: 'INPUT_NOT_FOUND', message: /does not exist/ });
  await assert.rejects(scanRootfs('/etc/hostname'), { code: 'INPUT_INVALID', message: /not a directory/ });
});
