import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadGatewayConfig } from '../config/load.js';
import { MemorySink } from '../events/sink.js';
import { startTestGateway, startUpstream } from '../test-support/harness.js';
import { startGateway } from './gateway.js';
import { watchConfig } from './reload.js';

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), 'condition not reached');
}

const slowHandler = (delayMs: number) => (_req: unknown, res: import('node:http').ServerResponse) => {
  setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('slow-done'), delayMs);
};

test('admin: healthz, readyz and Prometheus metrics', async () => {
  const up = await startUpstream();
  const g = await startTestGateway(`
admin: { port: 0 }
upstreams:
  app: { targets: ["${up.url}"] }
routes:
  - { name: app, match: { path: / }, upstream: app, auth: none }
`);
  try {
    const admin = `http://127.0.0.1:${g.gw.adminAddress?.port}`;
    assert.equal((await fetch(`${g.url}/x`)).status, 200);
    assert.equal((await fetch(`${admin}/healthz`)).status, 200);
    assert.equal((await fetch(`${admin}/readyz`)).status, 200);
    const m = await (await fetch(`${admin}/metrics`)).text();
    assert.match(m, /rampart_gateway_requests_total\{route="app",method="GET",status="200"\} 1/);
    assert.match(m, /rampart_gateway_request_duration_seconds_bucket/);
    assert.match(m, /rampart_gateway_upstream_up\{upstream="app",target="http:\/\/127.0.0.1:\d+"\} 1/);
  } finally {
    await g.close();
    await up.close();
  }
});

test('active health checks take a failing target out (503, not ready) and bring it back', async () => {
  let healthy = false;
  const up = await startUpstream((req, res) => {
    if (req.url === '/healthz') res.writeHead(healthy ? 200 : 500).end();
    else res.writeHead(200).end('ok');
  });
  const g = await startTestGateway(`
admin: { port: 0 }
upstreams:
  app:
    targets: ["${up.url}"]
    healthCheck: { path: /healthz, intervalMs: 100, unhealthyThreshold: 1, healthyThreshold: 1 }
routes:
  - { name: app, match: { path: / }, upstream: app, auth: none }
`);
  try {
    const admin = `http://127.0.0.1:${g.gw.adminAddress?.port}`;
    let status = 0;
    for (let i = 0; i < 50 && status !== 503; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await fetch(`${g.url}/x`)).status;
    }
    assert.equal(status, 503);
    assert.equal(g.sink.events.at(-1)?.rule?.id, 'upstream.no-healthy-target');
    assert.equal((await fetch(`${admin}/readyz`)).status, 503);
    healthy = true;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await fetch(`${g.url}/x`)).status;
    }
    assert.equal(status, 200);
  } finally {
    await g.close();
    await up.close();
  }
});

test('hot reload: in-flight requests finish on the old config; a bad new config is rejected and the old keeps serving', async () => {
  const slow = await startUpstream(slowHandler(600));
  const other = await startUpstream();
  const dir = mkdtempSync(join(tmpdir(), 'rampart-gw-reload-'));
  const file = join(dir, 'gateway.yaml');
  const cfg = (upstream: string, extraRoute = '') => `
listeners: [{ port: 0 }]
accessLog: { enabled: false }
upstreams:
  app: { targets: ["${upstream}"] }
routes:
  - { name: app, match: { path: / }, upstream: app, auth: none }
${extraRoute}`;
  writeFileSync(file, cfg(slow.url));
  const loaded = await loadGatewayConfig(file);
  const gw = await startGateway(loaded.config, { baseDir: loaded.baseDir, sink: new MemorySink() });
  const rejected: Error[] = [];
  // File polling slowed right down here, so that the SIGHUP below is what reloads; file changes are tested after.
  const watcher = watchConfig(file, gw, { onRejected: (e) => rejected.push(e), intervalMs: 600_000 });
  const url = `http://127.0.0.1:${gw.addresses[0]?.port}`;
  try {
    const inflight = fetch(`${url}/a`).then(async (r) => [r.status, await r.text()]);
    await until(() => slow.seen.length === 1);
    writeFileSync(file, cfg(other.url));
    assert.equal(await watcher.reload(), undefined);
    assert.deepEqual(await inflight, [200, 'slow-done'], 'the in-flight request was not dropped');
    const now = (await (await fetch(`${url}/b`)).json()) as { url: string };
    assert.equal(now.url, '/b', 'new requests go to the new upstream');

    writeFileSync(file, `${cfg(other.url)}\n  - { name: bad, match: { path: /x }, upstream: nowhere, auth: none }\n`);
    const err = await watcher.reload();
    assert.ok(err, 'bad config rejected');
    const details = (err as { details?: { message: string; field?: string }[] }).details ?? [];
    assert.ok(details.some((d) => d.message === 'no upstream named "nowhere"' && d.field === 'routes[1].upstream'));
    writeFileSync(file, 'routes: [oops');
    assert.ok(await watcher.reload(), 'unparsable config rejected');
    assert.equal((await fetch(`${url}/c`)).status, 200, 'old config keeps serving');

    writeFileSync(file, cfg(other.url, '  - { name: extra, match: { path: /extra }, upstream: app, auth: [nobody] }'));
    const rejectedBefore = rejected.length;
    process.kill(process.pid, 'SIGHUP');
    await until(() => rejected.length > rejectedBefore);
    assert.match(
      String((rejected.at(-1) as { details?: { message: string }[] }).details?.[0]?.message),
      /no authenticator named "nobody"/,
    );

    // fs.watchFile shares one poller per file at the first caller's interval: stop the slow one first.
    watcher.stop();
    // First match wins, so the new route goes before the catch-all one.
    const byFile = watchConfig(file, gw, { signal: false, intervalMs: 100 });
    try {
      writeFileSync(
        file,
        cfg(other.url).replace(
          'routes:\n',
          'routes:\n  - { name: extra, match: { path: /extra }, upstream: app, auth: none, stripPrefix: /extra }\n',
        ),
      );
      let seenUrl = '';
      for (let i = 0; i < 100 && seenUrl !== '/via-file'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const r = await fetch(`${url}/extra/via-file`);
        seenUrl = r.status === 200 ? ((await r.json()) as { url: string }).url : '';
      }
      assert.equal(seenUrl, '/via-file', 'a saved file is picked up without a signal');
    } finally {
      byFile.stop();
    }
  } finally {
    watcher.stop();
    await gw.close();
    await slow.close();
    await other.close();
  }
});

test('graceful shutdown lets in-flight requests finish and refuses new connections', async () => {
  const slow = await startUpstream(slowHandler(600));
  const g = await startTestGateway(`
upstreams:
  app: { targets: ["${slow.url}"] }
routes:
  - { name: app, match: { path: / }, upstream: app, auth: none }
`);
  const inflight = fetch(`${g.url}/a`).then(async (r) => [r.status, await r.text()]);
  await until(() => slow.seen.length === 1);
  const closing = g.close();
  await assert.rejects(fetch(`${g.url}/b`), 'no new connections while draining');
  assert.deepEqual(await inflight, [200, 'slow-done']);
  await closing;
  await slow.close();
});
