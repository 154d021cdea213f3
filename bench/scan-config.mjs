// Misconfiguration scanning speed, Rampart vs `trivy config` (the anchor of issue 6), on the same folder of a few
// thousand Kubernetes manifests (the PSS, Polaris and kube-linter fixtures of ../shared/data/k8s copied into one tree).
// Figures: wall time (target ratio <= 1.0) and files/s. Needs: npm run build. RUNS (default 3). Trivy runs offline with
// its embedded checks (--skip-policy-update).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, medianRun, trivyAnchor } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.RUNS ?? 3);
const k8s = join(root, '../shared/data/k8s');
const rampart = join(root, 'packages/cli/bin/rampart.js');
if (!existsSync(k8s)) {
  process.stderr.write(`corpus missing (${k8s})\n`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-config-'));
// PARTS narrows the folder (Trivy needs minutes per few hundred manifests here): PARTS=polaris,kube-linter.
const parts = (process.env.PARTS ?? 'pss,polaris,kube-linter').split(',');
for (const part of parts) execFileSync('cp', ['-r', join(k8s, part), join(dir, part)]);
const count = (d) =>
  readdirSync(d).reduce((n, e) => {
    const p = join(d, e);
    return n + (statSync(p).isDirectory() ? count(p) : /\.ya?ml$/.test(e) ? 1 : 0);
  }, 0);
const files = count(dir);

const med = (cmd, args) => medianRun(cmd, args, { runs, okCodes: [0, 2] });

const trivy = trivyAnchor(root);
const ours = await med(process.execPath, [rampart, 'scan', 'config', dir, '--format', 'json', '--output', '/dev/null']);
let theirs;
if (trivy) {
  const cache = mkdtempSync(join(tmpdir(), 'rampart-bench-trivy-'));
  theirs = await med(trivy, [
    'config',
    '--skip-policy-update',
    '--cache-dir',
    cache,
    '--format',
    'json',
    '--output',
    '/dev/null',
    dir,
  ]);
  rmSync(cache, { recursive: true, force: true });
}
const anchor = (v) => (theirs ? { name: 'trivy', value: v } : undefined);
figure('scan-config', 'manifests', files, 'files');
figure('scan-config', 'wall_ms.manifests', ours.wallMs, 'ms', theirs && anchor(theirs.wallMs));
figure(
  'scan-config',
  'files_per_s.manifests',
  files / (ours.wallMs / 1000),
  'files/s',
  theirs && anchor(files / (theirs.wallMs / 1000)),
);
figure('scan-config', 'peak_rss_mb.manifests', ours.maxRssKb / 1024, 'MB', theirs && anchor(theirs.maxRssKb / 1024));
rmSync(dir, { recursive: true, force: true });
