// bench/rasp: the RASP agent's cost and detection, side by side with Aikido Zen (@aikidosec/firewall, AIKIDO_BLOCK=true,
// offline) on the same sample app (packages/rasp/testdata/apps/express-app.cjs, Express 4) and the same payload lists.
//
// 1. Detection: attacks blocked and false positives on packages/rasp/testdata/payloads/lists.json, per agent.
// 2. Speed: req/s and CPU µs per request of the app process, agent off / Rampart / Zen, per endpoint (pg query, sqlite
//    query, fs read, child_process, outbound fetch to a local server), bounded autocannon runs; ratios vs off and vs Zen.
//
// Needs: npm run build; PostgreSQL on 127.0.0.1:5432 (db test). BENCH_SECONDS per run (3), BENCH_ROUNDS (3),
// BENCH_CONNECTIONS (10).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { figure, median } from './lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const APPS = join(ROOT, 'packages/rasp/testdata/apps');

// `node bench/rasp.mjs --micro on|off`: the child process of section 3 (see there).
if (process.argv[2] === '--micro') {
  await micro(process.argv[3] === 'on');
  process.exit(0);
}
const SECONDS = Number(process.env.BENCH_SECONDS || 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const BENCH = 'rasp';

const AGENTS = {
  off: { args: [], env: {} },
  rampart: { args: ['--require', '@rampart/rasp/register'], env: { RAMPART_RASP_LOG: '0' } },
  zen: { args: ['--require', '@aikidosec/firewall'], env: { AIKIDO_BLOCK: 'true', AIKIDO_DEBUG: 'false' } },
};

const ENDPOINTS = [
  ['pg_query', 'pgName', 'alice'],
  ['sqlite_query', 'sqliteName', 'bob'],
  ['fs_read', 'file', 'notes.txt'],
  ['child_process', 'exec', 'hello'],
  ['outbound_fetch', 'fetchFixed', 'hello'],
];

// A local upstream for the outbound fetch endpoint (the same for every agent).
const upstream = createServer((_req, res) => res.end('ok'));
await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
const UPSTREAM = `http://127.0.0.1:${upstream.address().port}`;

function startApp(agent) {
  const { args, env } = AGENTS[agent];
  const child = spawn(process.execPath, [...args, join(APPS, 'express-app.cjs')], {
    cwd: APPS,
    env: { ...process.env, NODE_ENV: 'production', EXPRESS_MODULE: 'express4', RASP_APP_UPSTREAM: UPSTREAM, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /\{"port":(\d+)\}/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`app (${agent}) exited ${code}: ${err}`)));
  });
}

async function stopApp(app) {
  app.child.removeAllListeners('exit');
  await new Promise((r) => {
    app.child.once('exit', r);
    app.child.kill('SIGTERM');
  });
}

/** utime + stime of a process in µs (from /proc; clock ticks are 1/100 s on Linux). */
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

// ---- 1. Detection on the payload lists ----
const lists = JSON.parse(readFileSync(join(ROOT, 'packages/rasp/testdata/payloads/lists.json'), 'utf8'));
const isBlocked = (status, body) => status === 403 || /Zen has blocked|blocked by Rampart/i.test(body);

async function detection(agent) {
  const app = await startApp(agent);
  const expand = (v) => v.replaceAll('{PORT}', String(app.port)).replaceAll('{HOSTNAME}', hostname());
  const call = async (p) => {
    const res = await fetch(`http://127.0.0.1:${app.port}/run/${p.handler}?v=${encodeURIComponent(expand(p.v))}`);
    return isBlocked(res.status, await res.text());
  };
  const missed = [];
  const falsePositives = [];
  let blocked = 0;
  for (const p of lists.attacks) {
    if (await call(p)) blocked++;
    else missed.push(`${p.handler}:${p.v}`);
  }
  for (const p of lists.benign) if (await call(p)) falsePositives.push(`${p.handler}:${p.v}`);
  await stopApp(app);
  return { blocked, missed, falsePositives };
}

const det = {};
for (const agent of ['rampart', 'zen']) det[agent] = await detection(agent);
figure(BENCH, 'attacks_blocked', det.rampart.blocked, `of ${lists.attacks.length}`, {
  name: 'zen',
  value: det.zen.blocked,
});
figure(BENCH, 'false_positives', det.rampart.falsePositives.length, `of ${lists.benign.length}`, {
  name: 'zen',
  value: det.zen.falsePositives.length,
});
for (const agent of ['rampart', 'zen']) {
  process.stderr.write(`${agent}: missed ${JSON.stringify(det[agent].missed)}\n`);
  process.stderr.write(`${agent}: false positives ${JSON.stringify(det[agent].falsePositives)}\n`);
}

// ---- 2. Speed per endpoint ----
async function load(app, handler, v, warmUp) {
  const url = `http://127.0.0.1:${app.port}/run/${handler}?v=${encodeURIComponent(v)}`;
  if (warmUp) await autocannon({ url, connections: CONNECTIONS, duration: 1 }); // JIT, pools
  const cpu0 = cpuMicros(app.child.pid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  const cpu = cpuMicros(app.child.pid) - cpu0;
  if (r.non2xx > 0) process.stderr.write(`warning: ${handler} answered ${r.non2xx} non-2xx\n`);
  return { rps: r.requests.average, cpuPerReq: cpu / Math.max(1, r.requests.total) };
}

// All three apps run side by side; each endpoint is loaded in rounds that alternate the agents (rotating the order), so
// that background load on the machine falls on all three alike; figures are medians over the rounds.
const apps = {};
for (const agent of ['off', 'rampart', 'zen']) apps[agent] = await startApp(agent);
const results = {};
for (const [name, handler, v] of ENDPOINTS) {
  const order = ['off', 'rampart', 'zen'];
  for (let round = 0; round < ROUNDS; round++) {
    for (const agent of order) {
      const r = await load(apps[agent], handler, v, round === 0);
      results[`${agent}.${name}`] ??= [];
      results[`${agent}.${name}`].push(r);
    }
    order.push(order.shift());
  }
}
for (const app of Object.values(apps)) await stopApp(app);
const med = (key, field) => median(results[key].map((r) => r[field]));
for (const [name] of ENDPOINTS) {
  const off = { rps: med(`off.${name}`, 'rps'), cpu: med(`off.${name}`, 'cpuPerReq') };
  const rampart = { rps: med(`rampart.${name}`, 'rps'), cpu: med(`rampart.${name}`, 'cpuPerReq') };
  const zen = { rps: med(`zen.${name}`, 'rps'), cpu: med(`zen.${name}`, 'cpuPerReq') };
  figure(BENCH, `req_per_s.${name}.rampart_vs_off`, rampart.rps, 'req/s', { name: 'agent off', value: off.rps });
  figure(BENCH, `req_per_s.${name}.zen_vs_off`, zen.rps, 'req/s', { name: 'agent off', value: off.rps });
  figure(BENCH, `req_per_s.${name}.rampart_vs_zen`, rampart.rps, 'req/s', { name: 'zen', value: zen.rps });
  figure(BENCH, `cpu_us_per_req.${name}.rampart_vs_off`, rampart.cpu, 'µs', { name: 'agent off', value: off.cpu });
  figure(BENCH, `cpu_us_per_req.${name}.zen_vs_off`, zen.cpu, 'µs', { name: 'agent off', value: off.cpu });
}

// ---- 3. The agent's own cost per sink call, without HTTP or machine noise ----
// In a child process per mode: a request context around a synchronous sink call (better-sqlite3 query, path.join +
// readFileSync), CPU µs per call from process.cpuUsage over many calls. This is what the checks cost; section 2 adds
// AsyncLocalStorage's propagation through the request's async work, which no in-process agent on Node 20 avoids.
async function micro(on) {
  const { createRequire } = await import('node:module');
  const require = createRequire(join(ROOT, 'packages/rasp/package.json'));
  const { IncomingMessage } = await import('node:http');
  const { Socket } = await import('node:net');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { protect } = await import(join(ROOT, 'packages/rasp/dist/index.js'));
  const { RequestContext, requestStorage } = await import(join(ROOT, 'packages/rasp/dist/context/request-context.js'));
  if (on) protect({ log: false });
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1,'alice'),(2,'bob');");
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.headers = { host: '127.0.0.1:3000', 'user-agent': 'autocannon', accept: '*/*', connection: 'keep-alive' };
  const cases = {
    sqlite_query: () => db.prepare("SELECT id, name FROM users WHERE name = 'bob'").all(),
    fs_read: () => fs.readFileSync(path.join(APPS, 'files', 'notes.txt'), 'utf8'),
  };
  const out = {};
  for (const [name, call] of Object.entries(cases)) {
    req.url = `/run/x?v=${name === 'fs_read' ? 'notes.txt' : 'bob'}`;
    const once = () => requestStorage.run(new RequestContext(req, undefined), call);
    for (let i = 0; i < 5000; i++) once();
    const n = 50_000;
    const t0 = process.cpuUsage();
    for (let i = 0; i < n; i++) once();
    const t = process.cpuUsage(t0);
    out[name] = (t.user + t.system) / n;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const microRun = async (mode) => {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--micro', mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.on('data', (d) => {
    text += d;
  });
  await new Promise((r) => child.on('close', r));
  return JSON.parse(text);
};
const microRuns = { off: [], on: [] };
for (let i = 0; i < 3; i++) for (const mode of ['off', 'on']) microRuns[mode].push(await microRun(mode));
for (const name of Object.keys(microRuns.off[0])) {
  const off = median(microRuns.off.map((r) => r[name]));
  const on = median(microRuns.on.map((r) => r[name]));
  figure(BENCH, `sink_call_cpu_us.${name}.rampart_vs_off`, on, 'µs', { name: 'agent off', value: off });
}
upstream.close();
