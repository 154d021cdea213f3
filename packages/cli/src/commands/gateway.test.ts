/**
 * `rampart gateway` as users start it: the real binary, a real upstream, and the real WAF wired in by the CLI (the
 * gateway itself never imports @rampart/waf). Also `--check` and a bad config.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { runCli } from '../testing.js';

const bin = join(repoRoot(), 'packages/cli/bin/rampart.js');

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const upstream = createServer((_req, res) => res.end('ok'));
after(() => upstream.close());

function config(dir: string, upstreamPort: number, port: number): string {
  const file = join(dir, 'gateway.yaml');
  writeFileSync(
    file,
    `listeners: [{ host: 127.0.0.1, port: ${port} }]
workers: 1
upstreams:
  app: { targets: ["http://127.0.0.1:${upstreamPort}"] }
routes:
  - name: all
    match: { path: / }
    upstream: app
    auth: none
waf: {}   # Rampart's built-in rules: protected with no download
`,
  );
  return file;
}

test('the real WAF runs inside the gateway: benign 200, SQL injection 403 with an ECS event', async () => {
  const upstreamPort = await listen(upstream);
  const port = await freePort();
  const file = config(mkdtempSync(join(tmpdir(), 'rampart-gw-')), upstreamPort, port);
  const child: ChildProcess = spawn(process.execPath, [bin, 'gateway', '--config', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  try {
    let err = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway did not start: ${err}`)), 60_000);
      child.stderr?.on('data', (d) => {
        err += d;
        if (err.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${err}`)));
    });
    const benign = await fetch(`http://127.0.0.1:${port}/search?q=hello`);
    assert.equal(benign.status, 200);
    assert.equal(await benign.text(), 'ok');
    const attack = await fetch(`http://127.0.0.1:${port}/search?q=${encodeURIComponent("1' OR 1=1-- ")}`);
    assert.equal(attack.status, 403);
    await attack.text();
    for (let i = 0; i < 100 && !out.includes('7000400'); i++) await new Promise((r) => setTimeout(r, 50));
    const event = out
      .split('\n')
      .filter((l) => l.includes('7000400'))
      .map((l) => JSON.parse(l))[0];
    assert.ok(event, `a WAF event on stdout: ${out}`);
    assert.equal(event.rule.id, '7000400');
    assert.equal(event.event.module, 'waf');
  } finally {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, 'SIGTERM shuts down cleanly');
  }
});

test('--check validates a config; a bad one exits 2 naming file, line and field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-gw-'));
  const good = config(dir, 9, await freePort());
  const ok = await runCli(['gateway', '--config', good, '--check']);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /ok \(1 routes, 1 upstreams\)/);
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'listeners: [{ port: 8080 }]\nupstreams: {}\nroutes:\n  - name: r\n    upstrem: app\n');
  const r = await runCli(['gateway', '--config', bad, '--check']);
  assert.equal(r.code, 2);
  assert.match(r.err, /bad\.yaml:5:5: routes\[0\]\.upstrem: unknown key "upstrem" \(did you mean "upstream"\?\)/);
});
