/** ES module start-up (`--import`): named builtin imports and a dual CJS/ESM package (mariadb) are hooked too. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REGISTER, reachable, startApp } from './app-process.js';

test('ESM app: mariadb, better-sqlite3, fs/promises and child_process imported by name are protected', async (t) => {
  const withMariadb = await reachable(3306);
  if (!withMariadb) t.diagnostic('MariaDB on 127.0.0.1:3306 is down: its cases are skipped');
  const app = await startApp('esm-app.mjs', ['--import', REGISTER], { RAMPART_RASP_LOG: '0' });
  try {
    const get = async (sink: string, v: string) => {
      const res = await fetch(`http://127.0.0.1:${app.port}/${sink}?v=${encodeURIComponent(v)}`);
      return { status: res.status, body: await res.text() };
    };
    const attacks: [string, string][] = [
      ['mariadb', "x' UNION SELECT user() -- "],
      ['sqlite', "x' UNION SELECT sqlite_version() --"],
      ['fs', '../../../../../../../../../etc/passwd'],
      ['shell', 'x; id'],
    ];
    const live = <T extends [string, ...unknown[]]>(cases: T[]) =>
      cases.filter((c) => withMariadb || c[0] !== 'mariadb');
    for (const [sink, v] of live(attacks)) assert.equal((await get(sink, v)).status, 403, `${sink} ${v}`);
    const benign: [string, string, RegExp][] = [
      ['mariadb', 'semi; colons', /semi; colons/],
      ['sqlite', 'union of 1=1', /union of 1=1/],
      ['fs', 'notes.txt', /public notes/],
      ['shell', 'hello', /hello/],
    ];
    for (const [sink, v, expected] of live(benign)) {
      const r = await get(sink, v);
      assert.equal(r.status, 200, `${sink} ${v}: ${r.body}`);
      assert.match(r.body, expected);
    }
  } finally {
    await app.stop();
  }
});
