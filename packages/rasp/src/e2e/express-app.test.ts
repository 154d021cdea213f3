/**
 * The sample vulnerable app on Express 4 and 5 with PostgreSQL (127.0.0.1:5432, db `test`), better-sqlite3,
 * child_process, fs and fetch, started with `node --require @rampart/rasp/register` (CommonJS start-up).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { payloadLists, REGISTER, startApp } from './app-process.js';

const { attacks, benign } = payloadLists();

for (const expressModule of ['express4', 'express']) {
  test(`${expressModule}: every attack of the lists is blocked (403), every benign input passes`, async () => {
    const app = await startApp('express-app.cjs', ['--require', REGISTER], {
      EXPRESS_MODULE: expressModule,
      RAMPART_RASP_LOG: '1',
    });
    try {
      for (const method of ['GET', 'POST'] as const) {
        for (const p of attacks) {
          const r = await app.call(p, method);
          assert.equal(r.status, 403, `${method} ${p.handler} ${JSON.stringify(p.v)} should be blocked: ${r.body}`);
        }
        for (const p of benign) {
          const r = await app.call(p, method);
          assert.ok(
            r.status === 200 || (p.sink === 'ssrf' && r.status === 502),
            `${method} ${p.handler} ${p.v}: ${r.status} ${r.body}`,
          );
        }
      }
      // One ECS event line per detection on stderr, with the sink, the masked payload and the app's calling frame.
      const line = app
        .stderr()
        .split('\n')
        .find((l) => l.includes('"sink":"pg.query"'));
      assert.ok(line, app.stderr().slice(0, 2000));
      const record = JSON.parse(line) as { blocked: boolean; route: string; frame?: { file: string } };
      assert.equal(record.blocked, true);
      assert.equal(record.route, '/run/:handler');
      assert.match(record.frame?.file ?? '', /testdata\/apps\/vulnerable\.cjs$/);
    } finally {
      await app.stop();
    }
  });
}

test('express4 without the agent: the same attacks reach the sinks (the app really is vulnerable)', async () => {
  const app = await startApp('express-app.cjs', [], { EXPRESS_MODULE: 'express4' });
  try {
    const all = await app.call({ sink: 'sql', handler: 'pgName', v: "x' OR '1'='1" });
    assert.equal(all.status, 200);
    assert.equal((JSON.parse(all.body) as { result: unknown[] }).result.length, 3, 'tautology returns every row');
    const passwd = await app.call({ sink: 'fs', handler: 'file', v: '../../../../../../../../../../etc/passwd' });
    assert.match(passwd.body, /root:/);
    const shell = await app.call({ sink: 'shell', handler: 'exec', v: 'hello; echo injected' });
    assert.match(shell.body, /injected/);
    const ssrf = await app.call({
      sink: 'ssrf',
      handler: 'fetch',
      v: `http://127.0.0.1:${app.port}/run/pgName?v=alice`,
    });
    assert.match(ssrf.body, /alice/);
  } finally {
    await app.stop();
  }
});

test("the agent's own failures (a detector that throws) leave the app working and are reported once", async () => {
  const app = await startApp('express-app.cjs', ['--require', REGISTER], {
    EXPRESS_MODULE: 'express',
    RAMPART_RASP_FAULT: 'sql,shell,fs,outbound',
  });
  try {
    for (const p of benign.filter((b) => b.sink !== 'ssrf')) {
      const r = await app.call(p);
      assert.equal(r.status, 200, `${p.handler} ${p.v}: ${r.body}`);
    }
    // Unprotected, the attacks reach the driver (which may answer with its own SQL error): the call proceeds.
    for (const p of attacks.filter((a) => a.handler === 'pgName' || a.handler === 'sqliteId')) {
      const r = await app.call(p);
      assert.notEqual(r.status, 403, `${p.handler} ${p.v}: ${r.body}`);
    }
    const reports = app.stderr().match(/internal error in pg\.query/g) ?? [];
    assert.equal(reports.length, 1, app.stderr());
  } finally {
    await app.stop();
  }
});
