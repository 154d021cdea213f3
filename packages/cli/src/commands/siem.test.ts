import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';

const bin = join(repoRoot(), 'packages/cli/bin/rampart.js');
const TOKEN = 'cli-test-token-0123456789';

function rampart(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('rampart siem --check: a bad config exits 2 naming file, line and field; a good one says ok', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-siem-cli-'));
  try {
    writeFileSync(join(dir, 'bad.yaml'), 'http:\n  port: 99999\nstore: { pth: x }\n');
    const bad = spawnSync(process.execPath, [bin, 'siem', '--check', '-c', join(dir, 'bad.yaml')], {
      encoding: 'utf8',
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.yaml:2:\d+.*http\.port/);
    assert.match(bad.stderr, /store\.pth/);
    writeFileSync(join(dir, 'ok.yaml'), 'store: { path: ./siem.duckdb }\n');
    const ok = spawnSync(process.execPath, [bin, 'siem', '--check', '-c', join(dir, 'ok.yaml')], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /ok \(0 rules/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rampart siem runs; search, incidents and retro-hunt talk to it over its API', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-siem-cli-'));
  const rule = join(dir, 'rule.yml');
  writeFileSync(
    rule,
    'title: Admin path\nid: 6b1c0f3e-0000-4000-8000-00000000c1c1\nlogsource:\n  category: webserver\ndetection:\n  sel:\n    url.path|startswith: /admin\n  condition: sel\nlevel: high\n',
  );
  writeFileSync(
    join(dir, 'siem.yaml'),
    `store: { path: ./siem.duckdb }\nhttp: { port: 0, tokens: ["${TOKEN}"] }\nsigma: { rules: [./rule.yml] }\n`,
  );
  const server = spawn(process.execPath, [bin, 'siem', '-c', join(dir, 'siem.yaml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      server.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /HTTP (http:\/\/[^\s;,]+)/.exec(err);
        if (m !== null) resolve(m[1] as string);
      });
      server.on('exit', () => reject(new Error(`siem exited: ${err}`)));
    });
    const events = ['/admin/users', '/index.html', '/admin/keys'].map((path, i) =>
      JSON.stringify({
        '@timestamp': new Date().toISOString(),
        event: { id: `c${i}`, kind: 'event', module: 'gateway' },
        url: { path },
        source: { ip: '192.0.2.9' },
      }),
    );
    const r = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: events.join('\n'),
    });
    assert.equal(r.status, 200);
    const api = ['--url', url, '--token', TOKEN];
    const search = await rampart(['siem', 'search', 'url.path:\\/admin*', ...api, '-f', 'json']);
    assert.equal(search.code, 0, search.stderr);
    assert.deepEqual(
      search.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { event: { id: string } }).event.id)
        .sort(),
      ['c0', 'c2'],
    );
    const top = await rampart(['siem', 'search', '--count-by', 'source.ip', ...api, '-f', 'table']);
    assert.match(top.stdout, /3 {2}192\.0\.2\.9/);
    let list = { code: 0 as number | null, stdout: '[]', stderr: '' };
    for (let i = 0; i < 50 && list.stdout.trim() === '[]'; i++)
      list = await rampart(['siem', 'incidents', 'list', ...api, '-f', 'json']);
    const incidents = JSON.parse(list.stdout) as { id: string; alertCount: number }[];
    assert.equal(incidents.length, 1);
    const id = incidents[0]?.id as string;
    assert.equal((await rampart(['siem', 'incidents', 'status', id, 'triaged', ...api])).code, 0);
    const back = await rampart(['siem', 'incidents', 'status', id, 'new', ...api]);
    assert.equal(back.code, 2);
    assert.match(back.stderr, /only move forward/);
    const show = await rampart(['siem', 'incidents', 'show', id, ...api, '-f', 'table']);
    assert.match(show.stdout, /status new → triaged/);
    const retro = await rampart(['siem', 'retro-hunt', rule, '--exit-code', ...api, '-f', 'table']);
    assert.equal(retro.code, 1);
    // 3 events and 1 alert (the second /admin hit from the same source is de-duplicated).
    assert.match(retro.stdout, /^2 matches in 4 events/);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('close', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
