// Inventory speed and memory, Rampart vs Trivy (the anchor of issue 4), on the same three real targets in one run:
// the debootstrap Debian image (docker-archive), this machine's dpkg database, and the npm ci tree of >= 1,000 packages.
// Trivy's binary is UPX-packed and spends seconds unpacking itself: `trivy --version` is measured alone and ratios are
// printed both raw and with that start-up subtracted. Median of RUNS (default 3) per figure.
// Needs: npm run build; packages/scan/testdata/inventory/build-*.sh (run here when the cache is missing).
// A ~1 GB image measures that memory stays bounded (LARGE=0 skips it).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, measure, median, trivyAnchor } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.RUNS ?? 3);
const testdata = join(root, 'packages/scan/testdata/inventory');
const build = (script) => execFileSync(join(testdata, script), [], { encoding: 'utf8' }).trim().split('\n').at(-1);

const debian = build('build-debian-image.sh');
const npmTree = build('build-npm-tree.sh');
const host = mkdtempSync(join(tmpdir(), 'rampart-bench-dpkg-'));
mkdirSync(join(host, 'var/lib/dpkg'), { recursive: true });
mkdirSync(join(host, 'etc'));
for (const f of ['var/lib/dpkg/status', 'etc/os-release', 'etc/debian_version'])
  copyFileSync(join('/', f), join(host, f));

const trivy = trivyAnchor(root);

const rampart = join(root, 'packages/cli/bin/rampart.js');
const targets = [
  {
    name: 'debian-image',
    ours: ['scan', 'image', '--input', join(debian, 'debian.tar')],
    theirs: ['image', '--input', join(debian, 'debian.tar')],
  },
  { name: 'host-dpkg', ours: ['scan', 'rootfs', host], theirs: ['rootfs', host] },
  {
    name: 'npm-1000',
    ours: ['scan', 'rootfs', join(npmTree, 'node_modules')],
    theirs: ['rootfs', join(npmTree, 'node_modules')],
  },
];

/** CPU time (user + system) of one run: steadier than wall time when other work shares the two cores. */
function cpuMs(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '__CPU__%U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /__CPU__([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN;
}

/** Median wall time, peak RSS and CPU time of RUNS runs; `before` runs ahead of each (e.g. to empty a cache). */
async function med(cmd, args, before = () => {}) {
  const results = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    before();
    const r = await measure(cmd, args, { keepStdout: false });
    if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 400)}`);
    results.push(r);
    before();
    cpu.push(cpuMs(cmd, args));
  }
  return {
    wallMs: median(results.map((r) => r.wallMs)),
    maxRssKb: median(results.map((r) => r.maxRssKb)),
    cpuMs: median(cpu),
  };
}

const startup = trivy ? await med(trivy, ['--version']) : undefined;
if (startup) figure('scan-inventory', 'wall_ms.trivy-startup', startup.wallMs, 'ms');
if (startup) figure('scan-inventory', 'cpu_ms.trivy-startup', startup.cpuMs, 'ms');
// Rampart's own start-up (the CLI loads every capability) for comparison: it is NOT subtracted from Rampart's figures.
const ownStartup = await med(process.execPath, [rampart, 'version']);
figure(
  'scan-inventory',
  'wall_ms.rampart-startup',
  ownStartup.wallMs,
  'ms',
  startup ? { name: 'trivy', value: startup.wallMs } : undefined,
);
figure(
  'scan-inventory',
  'cpu_ms.rampart-startup',
  ownStartup.cpuMs,
  'ms',
  startup && { name: 'trivy', value: startup.cpuMs },
);
for (const t of targets) {
  const ours = await med(process.execPath, [
    rampart,
    'scan',
    ...t.ours.slice(1),
    '--format',
    'json',
    '--output',
    '/dev/null',
  ]);
  if (!trivy) {
    figure('scan-inventory', `wall_ms.${t.name}`, ours.wallMs, 'ms');
    figure('scan-inventory', `peak_rss_mb.${t.name}`, ours.maxRssKb / 1024, 'MB');
    continue;
  }
  const cache = mkdtempSync(join(tmpdir(), 'rampart-bench-trivy-'));
  const flags = [
    '--skip-db-update',
    '--skip-java-db-update',
    '--offline-scan',
    '--scanners',
    'license',
    '--list-all-pkgs',
    '-f',
    'json',
    '-o',
    '/dev/null',
    '--cache-dir',
    cache,
    '--quiet',
  ];
  // A fresh cache per run: Trivy caches layers and files by digest, which would time a cache hit, not a scan.
  const theirs = await med(trivy, [...t.theirs.slice(0, 1), ...flags, ...t.theirs.slice(1)], () =>
    rmSync(cache, { recursive: true, force: true }),
  );
  rmSync(cache, { recursive: true, force: true });
  const tw = theirs.wallMs;
  const trss = theirs.maxRssKb;
  figure('scan-inventory', `cpu_ms.${t.name}`, ours.cpuMs, 'ms', { name: 'trivy', value: theirs.cpuMs });
  figure('scan-inventory', `cpu_ms_startup_subtracted.${t.name}`, ours.cpuMs, 'ms', {
    name: 'trivy-minus-startup',
    value: Math.max(1, theirs.cpuMs - startup.cpuMs),
  });
  figure('scan-inventory', `wall_ms.${t.name}`, ours.wallMs, 'ms', { name: 'trivy', value: tw });
  figure('scan-inventory', `wall_ms_startup_subtracted.${t.name}`, ours.wallMs, 'ms', {
    name: 'trivy-minus-startup',
    value: Math.max(1, tw - startup.wallMs),
  });
  figure('scan-inventory', `peak_rss_mb.${t.name}`, ours.maxRssKb / 1024, 'MB', { name: 'trivy', value: trss / 1024 });
}
// Memory stays bounded whatever the image size: a ~1 GB compressed image (LARGE=0 skips it; Rampart only, Trivy's
// `--input` takes tar archives, not OCI layout folders).
if (process.env.LARGE !== '0') {
  const large = build('build-large-image.sh');
  const r = await med(process.execPath, [
    rampart,
    'scan',
    'image',
    `oci:${join(large, 'layout')}:big`,
    '--format',
    'json',
    '--output',
    '/dev/null',
  ]);
  figure('scan-inventory', 'wall_ms.large-image-1gb', r.wallMs, 'ms');
  figure('scan-inventory', 'peak_rss_mb.large-image-1gb', r.maxRssKb / 1024, 'MB', {
    name: 'target-300mb',
    value: 300,
  });
}
rmSync(host, { recursive: true, force: true });
