#!/usr/bin/env node
// Gateway throughput and latency against nginx as a plain reverse proxy (issue 7, bench/gateway), in one run:
//   (a) upstream direct, (b) nginx proxy (../shared/anchors/nginx-modsec.sh), (c) Rampart proxy only,
//   (d) Rampart with JWT + rate limit + OpenAPI validation + DLP.
// wrk -t2 -c20 (as the anchor README), RUNS interleaved rounds of DURATION each, median; prints req/s, p50, p99 and
// ratios vs (b). Load average at start and end goes to stderr: on a shared machine only the ratios mean anything.
// Env: DURATION (5s), RUNS (3), WORKERS (auto = one per core, as nginx), CONNECTIONS (20).
// Needs `npm run build` (or `npx tsc -b packages/gateway`) and wrk + nginx (the anchor script installs both).
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, createSign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, median } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = process.env.DURATION ?? '5s';
const RUNS = Number(process.env.RUNS ?? 3);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);
const WORKERS = process.env.WORKERS ?? 'auto';
const PORTS = { upstream: 19000, nginx: 19080, nginxWaf: 19088, proxy: 19180, full: 19280 };
const work = mkdtempSync(join(tmpdir(), 'rampart-bench-gateway-'));
const children = [];

function startProcess(args, env = {}) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function waitFor(port, headers = {}) {
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`, { headers: { host: 'localhost', ...headers } });
      await r.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing listening on ${port}`);
}

function wrk(port, headers = []) {
  const args = ['-t2', `-c${CONNECTIONS}`, `-d${DURATION}`, '--latency', '-H', 'Host: localhost'];
  for (const h of headers) args.push('-H', h);
  args.push(`http://127.0.0.1:${port}/orders/1`);
  const r = spawnSync('wrk', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1]);
  const ms = (label) => {
    const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(r.stdout);
    if (m === null) return Number.NaN;
    const v = Number(m[1]);
    return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(r.stdout)?.[1] ?? 0);
  return { rps, p50: ms('50'), p99: ms('99'), non2xx };
}

/** Rounds interleave the targets (a b c d a b c d ...), so that load from elsewhere on the machine hits each alike. */
function measureAll(targets) {
  const runs = new Map(targets.map((t) => [t.name, []]));
  for (let i = 0; i < RUNS; i++) for (const t of targets) runs.get(t.name).push(wrk(t.port, t.headers));
  const out = {};
  for (const [name, rs] of runs) {
    const bad = rs.reduce((a, r) => a + r.non2xx, 0);
    if (bad > 0) process.stderr.write(`bench gateway: ${name}: ${bad} non-2xx responses\n`);
    out[name] = {
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
    };
  }
  return out;
}

function jwt(privateKey) {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg: 'RS256', kid: 'bench', typ: 'JWT' });
  const body = enc({
    sub: 'bench',
    iss: 'https://bench.local',
    aud: 'orders',
    scope: 'orders:read',
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  const sig = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${sig}`;
}

function gatewayConfig(port, full) {
  const common = `
listeners: [{ host: 127.0.0.1, port: ${port} }]
workers: ${WORKERS}
accessLog: { enabled: false }
upstreams:
  app: { targets: ["http://127.0.0.1:${PORTS.upstream}"], connections: 64 }
`;
  if (!full) return `${common}routes:\n  - { name: all, match: { path: / }, upstream: app, auth: none }\n`;
  return `${common}authenticators:
  users: { type: jwt, issuer: "https://bench.local", audience: orders, algorithms: [RS256], keys: [{ kid: bench, file: bench.pub.pem, alg: RS256 }] }
routes:
  - name: orders
    match: { path: "/orders/{id}", methods: [GET] }
    upstream: app
    auth: [users]
    authorize: { scopes: [orders:read] }
    rateLimit: { key: identity, rate: 10000000, periodSeconds: 1, burst: 10000000 }
    openapi: { spec: openapi.yaml }
    dlp: { action: redact, detectors: [card, iban, ssn] }
  - { name: health, match: { path: /, methods: [GET] }, upstream: app, auth: none }
`;
}

const OPENAPI = `openapi: 3.1.0
info: { title: bench, version: "1" }
paths:
  /orders/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer, minimum: 1 } }]
      responses: { "200": { description: ok } }
`;

const UPSTREAM = `
import { createServer } from 'node:http';
const body = Buffer.from('{"id":1,"status":"ok"}');
createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); })
  .listen(${PORTS.upstream}, '127.0.0.1');
`;

async function main() {
  const which = spawnSync('sh', ['-c', 'command -v wrk && command -v nginx']);
  if (which.status !== 0) {
    process.stderr.write('bench gateway: wrk or nginx missing: run ../shared/anchors/nginx-modsec.sh install\n');
    process.exit(2);
  }
  writeFileSync(join(work, 'upstream.mjs'), UPSTREAM);
  writeFileSync(join(work, 'openapi.yaml'), OPENAPI);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(work, 'bench.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(join(work, 'proxy.yaml'), gatewayConfig(PORTS.proxy, false));
  writeFileSync(join(work, 'full.yaml'), gatewayConfig(PORTS.full, true));
  const token = jwt(privateKey);

  startProcess([join(work, 'upstream.mjs')]);
  await waitFor(PORTS.upstream);
  const anchor = join(root, '..', 'shared', 'anchors', 'nginx-modsec.sh');
  const nginxDir = join(root, '.anchors', 'bench-gateway-nginx');
  const nginxEnv = {
    ...process.env,
    UPSTREAM: `127.0.0.1:${PORTS.upstream}`,
    PLAIN_PORT: String(PORTS.nginx),
    WAF_PORT: String(PORTS.nginxWaf),
    LOG_LEVEL: 'warn',
  };
  const ng = spawnSync(anchor, ['restart', nginxDir], { env: nginxEnv, encoding: 'utf8' });
  const haveNginx = ng.status === 0;
  if (!haveNginx)
    process.stderr.write(`bench gateway: nginx anchor did not start, Rampart figures only:\n${ng.stderr}\n`);
  const cli = join(root, 'bench', 'gateway-serve.mjs');
  startProcess([cli, join(work, 'proxy.yaml')]);
  startProcess([cli, join(work, 'full.yaml')]);
  await waitFor(PORTS.proxy);
  await waitFor(PORTS.full, { authorization: `Bearer ${token}` });

  try {
    const targets = [
      { name: 'direct', port: PORTS.upstream, headers: [] },
      ...(haveNginx ? [{ name: 'nginx', port: PORTS.nginx, headers: [] }] : []),
      { name: 'proxy', port: PORTS.proxy, headers: [] },
      { name: 'full', port: PORTS.full, headers: [`Authorization: Bearer ${token}`] },
    ];
    const { direct, nginx, proxy, full } = measureAll(targets);
    const a = (v) => (nginx === undefined ? undefined : { name: 'nginx-proxy', value: v });
    const meta = `workers=${WORKERS === 'auto' ? availableParallelism() : WORKERS} wrk -t2 -c${CONNECTIONS} -d${DURATION} x${RUNS}`;
    process.stderr.write(
      `bench gateway: ${meta}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    figure('gateway', 'rps.upstream-direct', direct.rps, 'req/s', a(nginx?.rps));
    if (nginx) figure('gateway', 'rps.nginx-proxy', nginx.rps, 'req/s');
    figure('gateway', 'rps.rampart-proxy', proxy.rps, 'req/s', a(nginx?.rps));
    figure('gateway', 'rps.rampart-full', full.rps, 'req/s', a(nginx?.rps));
    for (const [name, r] of [
      ['upstream-direct', direct],
      ['nginx-proxy', nginx],
      ['rampart-proxy', proxy],
      ['rampart-full', full],
    ]) {
      if (r === undefined) continue;
      figure('gateway', `p50_ms.${name}`, r.p50, 'ms', name.startsWith('rampart') ? a(nginx?.p50) : undefined);
      figure('gateway', `p99_ms.${name}`, r.p99, 'ms', name.startsWith('rampart') ? a(nginx?.p99) : undefined);
    }
  } finally {
    if (haveNginx) spawnSync(anchor, ['stop', nginxDir], { env: nginxEnv });
  }
}

try {
  await main();
} finally {
  for (const c of children) c.kill('SIGTERM');
}
