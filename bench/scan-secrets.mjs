// Secret scanning, Rampart vs Trivy's secret scanner (the anchor of issue 6), in one run:
// 1. throughput (MB/s) on a large tree, by default this repository's node_modules (>= 200 MB; TREE=dir to change);
// 2. recall and precision on the labeled corpus of ../shared/data/secrets, scored by its own scorer, beside Trivy and
//    secretlint (@secretlint/secretlint-rule-preset-recommend, installed into a scratch folder outside the repository).
// Needs: npm run build. RUNS (default 1: Trivy takes minutes on the tree). SKIP_SECRETLINT=1 skips the npm install.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, medianRun, trivyAnchor } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.RUNS ?? 1);
const tree = process.env.TREE ?? join(root, 'node_modules');
const corpus = join(root, '../shared/data/secrets');
const rampart = join(root, 'packages/cli/bin/rampart.js');

function treeBytes(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += treeBytes(p);
    else if (e.isFile()) total += lstatSync(p).size;
  }
  return total;
}

const med = (cmd, args) => medianRun(cmd, args, { runs, okCodes: [0] });

const trivy = trivyAnchor(root);
const trivyArgs = (cache, out, dir) => [
  'fs',
  '--scanners',
  'secret',
  '--cache-dir',
  cache,
  '--format',
  'json',
  '--output',
  out,
  dir,
];

// 1. Throughput on the tree.
const mb = treeBytes(tree) / 1e6;
const ours = await med(process.execPath, [
  rampart,
  'scan',
  'secrets',
  tree,
  '--format',
  'json',
  '--output',
  '/dev/null',
]);
let theirs;
if (trivy) {
  const cache = mkdtempSync(join(tmpdir(), 'rampart-bench-trivy-'));
  theirs = await med(trivy, trivyArgs(cache, '/dev/null', tree));
  rmSync(cache, { recursive: true, force: true });
}
const anchor = (v) => (theirs ? { name: 'trivy', value: v } : undefined);
figure('scan-secrets', 'tree_mb', mb, 'MB');
figure(
  'scan-secrets',
  'throughput_mb_s.tree',
  mb / (ours.wallMs / 1000),
  'MB/s',
  theirs && anchor(mb / (theirs.wallMs / 1000)),
);
figure('scan-secrets', 'wall_ms.tree', ours.wallMs, 'ms', theirs && anchor(theirs.wallMs));
figure('scan-secrets', 'peak_rss_mb.tree', ours.maxRssKb / 1024, 'MB', theirs && anchor(theirs.maxRssKb / 1024));

// 2. Quality on the labeled corpus.
if (!existsSync(corpus)) {
  process.stderr.write(`corpus missing (${corpus}): no recall/precision figures\n`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'rampart-bench-secrets-'));
const score = (file) =>
  JSON.parse(
    execFileSync(process.execPath, [join(corpus, 'score.mjs'), join(corpus, 'corpus/labels.json'), file], {
      encoding: 'utf8',
    }),
  );
const oursOut = join(work, 'rampart.sarif');
const allow = join(work, 'allow.yaml');
writeFileSync(allow, 'allowlist:\n  paths: [labels.json, decoys.json, manifest.json]\n');
execFileSync(process.execPath, [
  rampart,
  'scan',
  'secrets',
  join(corpus, 'corpus'),
  '--config',
  allow,
  '-f',
  'sarif',
  '-o',
  oursOut,
]);
const o = score(oursOut);
let t;
if (trivy) {
  const out = join(work, 'trivy.json');
  const cache = join(work, 'trivy-cache');
  execFileSync(trivy, trivyArgs(cache, out, join(corpus, 'corpus')), { stdio: 'ignore' });
  t = score(out);
}
figure('scan-secrets', 'recall.corpus', o.recall, 'ratio', t && { name: 'trivy', value: t.recall });
figure('scan-secrets', 'precision.corpus', o.precision, 'ratio', t && { name: 'trivy', value: t.precision });
if (process.env.SKIP_SECRETLINT !== '1') {
  try {
    const sl = join(work, 'secretlint');
    mkdirSync(sl);
    writeFileSync(join(sl, 'package.json'), '{"private":true}');
    writeFileSync(join(sl, '.secretlintrc.json'), '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}');
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        'secretlint@12.0.0',
        '@secretlint/secretlint-rule-preset-recommend@12.0.0',
      ],
      { cwd: sl, stdio: 'ignore' },
    );
    const out = join(sl, 'out.json');
    try {
      execFileSync(
        'npx',
        ['secretlint', `${join(corpus, 'corpus')}/**/*`, '--format', 'json', '--no-maskSecrets', '--output', out],
        { cwd: sl, stdio: 'ignore' },
      );
    } catch {
      // secretlint exits 1 when it finds something.
    }
    const s = score(out);
    figure('scan-secrets', 'recall.corpus.vs-secretlint', o.recall, 'ratio', { name: 'secretlint', value: s.recall });
    figure('scan-secrets', 'precision.corpus.vs-secretlint', o.precision, 'ratio', {
      name: 'secretlint',
      value: s.precision,
    });
  } catch (e) {
    process.stderr.write(`anchor secretlint unavailable: ${e.message.split('\n')[0]}\n`);
  }
}
rmSync(work, { recursive: true, force: true });
