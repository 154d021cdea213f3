// bench/waf: the WAF engine in process with OWASP CRS v4 at PL1 and PL4 — µs per request on a mix of benign API
// traffic and the CRS positive cases, and req/s for the anchor's own request (GET /) against nginx + ModSecurity + CRS 4
// PL1. When the anchor runs (../shared/anchors/nginx-modsec.sh with CRS_DIR=../shared/data/crs/crs) and wrk is present,
// ModSecurity's req/s is measured in this run; otherwise the figure measured on this machine (anchors README) is used,
// and the anchor name says so. Bounded: a fixed time per figure.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { figure, median } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const shared = process.env.RAMPART_SHARED_DATA ?? join(root, '..', 'shared', 'data');
const crsDir = join(shared, 'crs', 'crs');
const testsDir = join(shared, 'crs', 'tests');
const { loadWafSync, parseRawRequest } = await import(join(root, 'packages/waf/dist/index.js'));
const { findFtwFiles, readFtwFile } = await import(join(root, 'packages/waf/dist/ftw/test-file.js'));
const { buildFtwRequest } = await import(join(root, 'packages/waf/dist/ftw/build-request.js'));

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const MODSEC_README_RPS = 1840; // anchors/README.md: nginx + ModSecurity + CRS 4.29.0-dev PL1, GET /, this machine

function req(method, uri, headers, body) {
  const h = [
    ['Host', 'localhost'],
    ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0'],
    ['Accept', 'application/json'],
    ['Accept-Language', 'en-US,en;q=0.5'],
    ['Accept-Encoding', 'gzip, deflate'],
    ...headers,
  ];
  const r = { method, uri, protocol: 'HTTP/1.1', headers: h, remoteAddr: '10.1.2.3', remotePort: 40000 };
  if (body !== undefined) {
    r.body = Buffer.from(body);
    h.push(['Content-Length', String(r.body.length)]);
  }
  return r;
}

function benignTraffic(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const id = 1000 + i;
    switch (i % 5) {
      case 0:
        out.push(
          req('GET', `/api/v1/users/${id}?fields=name,email&expand=roles`, [
            ['Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc'],
          ]),
        );
        break;
      case 1:
        out.push(
          req('GET', `/api/v1/orders?page=${i % 7}&per_page=50&sort=-created_at&status=open`, [
            ['Cookie', `session=${id}abcdef; theme=dark`],
          ]),
        );
        break;
      case 2:
        out.push(
          req(
            'POST',
            '/api/v1/orders',
            [['Content-Type', 'application/json']],
            JSON.stringify({
              customer: id,
              items: [
                { sku: `SKU-${i}`, qty: 2 },
                { sku: 'SKU-9', qty: 1 },
              ],
              note: 'Leave at the front door, thanks!',
            }),
          ),
        );
        break;
      case 3:
        out.push(
          req(
            'POST',
            '/login',
            [['Content-Type', 'application/x-www-form-urlencoded']],
            `username=user${id}&password=Summer2024%21&remember=on`,
          ),
        );
        break;
      default:
        out.push(req('GET', `/static/app.${id}.js`, [['Referer', 'https://shop.example.com/cart']]));
    }
  }
  return out;
}

function crsPositives() {
  const out = [];
  for (const f of findFtwFiles(testsDir))
    for (const c of readFtwFile(f, testsDir))
      for (const s of c.stages) {
        if (s.output.expectIds.length === 0 || s.input.uri === '/reflect') continue;
        try {
          out.push(parseRawRequest(buildFtwRequest(s.input)));
        } catch {
          /* a raw-socket-only case */
        }
      }
  return out;
}

/**
 * CPU µs per request (user + system of this process, so a machine shared with other work does not inflate it):
 * median of 3 rounds over the whole set, each bounded by SECONDS/3 of wall time.
 */
function usPerRequest(waf, requests) {
  for (const r of requests) waf.evaluateRequest(r); // warm-up (JIT, lazy caches)
  const rounds = [];
  for (let k = 0; k < 3; k++) {
    let n = 0;
    const cpu = process.cpuUsage();
    const stop = process.hrtime.bigint() + BigInt(Math.round((SECONDS / 3) * 1e9));
    while (process.hrtime.bigint() < stop) {
      for (const r of requests) waf.evaluateRequest(r);
      n += requests.length;
    }
    const used = process.cpuUsage(cpu);
    rounds.push((used.user + used.system) / n);
  }
  return median(rounds);
}

function modsecurityRps() {
  const status = spawnSync(join(shared, '..', 'anchors', 'nginx-modsec.sh'), ['status'], { encoding: 'utf8' });
  const wrk = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (status.status !== 0 || wrk.error !== undefined) return undefined;
  const r = spawnSync('wrk', ['-t2', '-c20', '-d5s', '-H', 'Host: localhost', 'http://127.0.0.1:8088/'], {
    encoding: 'utf8',
  });
  const m = /Requests\/sec:\s+([\d.]+)/.exec(r.stdout ?? '');
  return m === null ? undefined : Number(m[1]);
}

const benign = benignTraffic(500);
const positives = crsPositives();
const mix = [...benign, ...positives];
const getRoot = [req('GET', '/', [])];
const measured = modsecurityRps();
const anchor =
  measured !== undefined
    ? { name: 'nginx+modsecurity+crs4-pl1 (wrk, this run)', value: measured }
    : {
        name: 'nginx+modsecurity+crs4-pl1 (anchors/README measured req/s; anchor not running)',
        value: MODSEC_README_RPS,
      };
if (measured === undefined)
  process.stderr.write('bench/waf: anchor nginx-modsec (:8088) or wrk not running; using the README figure\n');

for (const pl of [1, 4]) {
  const waf = loadWafSync({ crsDir, paranoia: pl, mode: 'block' });
  figure('waf', `engine_cpu_us_per_request.pl${pl}.mix`, usPerRequest(waf, mix), 'us');
  figure('waf', `engine_cpu_us_per_request.pl${pl}.benign_api`, usPerRequest(waf, benign), 'us');
  figure('waf', `engine_cpu_us_per_request.pl${pl}.crs_positives`, usPerRequest(waf, positives), 'us');
  if (pl === 1) {
    const us = usPerRequest(waf, getRoot);
    figure('waf', 'engine_req_per_cpu_s.pl1.get_root', 1e6 / us, 'req/s', anchor);
    figure('waf', 'engine_req_per_cpu_s.pl1.benign_api', 1e6 / usPerRequest(waf, benign), 'req/s', anchor);
    const blocked = positives.filter((r) => waf.evaluateRequest(r).action === 'block').length;
    figure('waf', 'crs_positive_requests_blocked.pl1', blocked / positives.length, 'ratio');
  }
}
void readFileSync;
