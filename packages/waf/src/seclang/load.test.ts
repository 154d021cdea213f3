/** SecLang loading: a valid file compiles and runs as written; a broken one reports file:line + rule id per error. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { RampartError } from '@rampart/core';
import { loadWafSync } from '../load-waf.js';
import type { WafRequest } from '../engine/types.js';

const dir = join(repoRoot(), 'packages/waf/testdata/seclang');

function request(uri: string, method = 'GET', headers: [string, string][] = [], body?: string): WafRequest {
  const r: WafRequest = {
    method,
    uri,
    protocol: 'HTTP/1.1',
    headers: [['Host', 'x'], ...headers],
    remoteAddr: '10.0.0.1',
  };
  if (body !== undefined) r.body = Buffer.from(body, 'latin1');
  return r;
}

test('a valid rule file: exclusions, chains, skipAfter, macros and the score rule work', () => {
  const waf = loadWafSync({ files: [join(dir, 'valid.conf')] });
  assert.deepEqual(waf.loadErrors, []);
  const hit = waf.evaluateRequest(request('/?q=%3CSCRIPT%3Ealert(1)'));
  assert.equal(hit.action, 'block');
  assert.deepEqual(
    hit.matches.map((m) => m.id),
    [101, 199],
  );
  assert.equal(hit.matches[0]?.msg, 'Script tag in ARGS:q');
  assert.equal(hit.matches[1]?.msg, 'Score 5 over limit');
  assert.equal(waf.evaluateRequest(request('/?safe=<script>')).action, 'allow', '!ARGS:safe excludes the argument');
  const post = waf.evaluate(
    request('/', 'POST', [['Content-Type', 'application/x-www-form-urlencoded']], 'a=1&b=2&c=never'),
  );
  assert.deepEqual(
    post.result.matches.map((m) => m.id),
    [103],
    'the chain sets tx.many_args, 103 skips 104',
  );
  const debug = waf.evaluateRequest(request('/', 'GET', [['X-Debug-Token', '1']]));
  assert.equal(debug.matches[0]?.msg, 'debug header REQUEST_HEADERS:X-Debug-Token');
});

test('a broken rule file: every error has file:line and rule id; the sound rules still load in detection mode', () => {
  const waf = loadWafSync({ files: [join(dir, 'broken.conf')], mode: 'detect' });
  const errors = waf.loadErrors.map((e) => `${e.line}:${e.ruleId ?? '-'}`);
  assert.deepEqual(errors, ['2:2', '3:3', '4:-', '5:5', '7:6', '9:-']);
  for (const e of waf.loadErrors) assert.ok(e.file.endsWith('broken.conf'));
  assert.match(waf.loadErrors[0]?.message ?? '', /possessive/);
  assert.equal(waf.ruleCount, 2 + 4, 'rules 1 and 7 plus the 4 engine defaults load; 6 is dropped with its chain');
  assert.deepEqual(
    waf.evaluate(request('/?a=ok')).result.matches.map((m) => m.id),
    [1, 7],
  );
});

test('an error in a CRS file fails closed with SecRuleEngine On', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const crs = mkdtempSync(join(tmpdir(), 'rampart-crs-'));
  mkdirSync(join(crs, 'rules'));
  writeFileSync(
    join(crs, 'crs-setup.conf'),
    'SecAction "id:900990,phase:1,pass,nolog,setvar:tx.crs_setup_version=4290"\n',
  );
  writeFileSync(join(crs, 'rules', 'REQUEST-942-X.conf'), 'SecRule ARGS "@rx (?>a)" "id:942999,phase:2,block"\n');
  assert.throws(
    () => loadWafSync({ crsDir: crs }),
    (e: unknown) =>
      e instanceof RampartError &&
      e.code === 'WAF_RULES_INVALID' &&
      e.details[0]?.line === 1 &&
      /942999/.test(e.details[0]?.message ?? ''),
  );
  assert.equal(loadWafSync({ crsDir: crs, mode: 'detect' }).loadErrors.length, 1, 'detection mode loads the rest');
});
