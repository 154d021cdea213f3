// bench/scan-vulns: the vulnerability half of the scanner (issue 5).
// 1. Import time and DB size for all of ../shared/data/osv (no anchor: Trivy cannot import OSV data offline).
// 2. Matching throughput over 10,000 packages drawn from the DB itself (real names; versions from the advisories).
// 3. Wall time of a full fs scan with matching (inventory + DB + match, one process, as `scan fs` runs it) on a
//    1,200-package node_modules tree, against Trivy's inventory-only run on the same tree (Trivy cannot match offline).
// Run after `npm run build`: node bench/scan-vulns.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, measure, median } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scan = await import(join(root, 'packages/scan/dist/index.js'));
const shared = process.env.RAMPART_SHARED_DATA ?? join(root, '..', 'shared', 'data');
const work = mkdtempSync(join(tmpdir(), 'rampart-bench-vulns-'));
const BENCH = 'scan-vulns';

// 1. Import
const dbPath = join(work, 'osv.sqlite');
const t0 = process.hrtime.bigint();
const imported = await scan.importOsv([join(shared, 'osv')], { db: dbPath, replace: true });
const importMs = Number(process.hrtime.bigint() - t0) / 1e6;
figure(BENCH, 'import_ms.all-shared-osv', importMs, 'ms');
figure(BENCH, 'import_records_per_s', imported.imported / (importMs / 1000), 'records/s');
figure(BENCH, 'db_bytes', statSync(dbPath).size, 'bytes');

// 2. Matching throughput: 10,000 packages, names from the DB, versions that hit and miss.
const Database = (await import(join(root, 'node_modules/better-sqlite3/lib/index.js'))).default;
const raw = new Database(dbPath, { readonly: true });
const rows = raw
  .prepare(
    "SELECT DISTINCT base, ecosystem, name FROM affected WHERE base IN ('npm','PyPI','Go','Maven','crates.io','Packagist','RubyGems','NuGet') ORDER BY base, name",
  )
  .all();
raw.close();
const db = scan.openVulnDb(dbPath);
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const packages = [];
for (let i = 0; i < 10_000; i++) {
  const row = rows[Math.floor(rand() * rows.length)];
  const entry = db.lookup(row.base, row.name)[0].entries()[0];
  const candidates = [
    ...(entry?.versions ?? []),
    ...(entry?.ranges ?? []).flatMap((r) => r.events.map((e) => Object.values(e)[0])).filter((v) => v !== '0'),
  ];
  const version = candidates.length > 0 ? candidates[Math.floor(rand() * candidates.length)] : '1.0.0';
  packages.push({
    name: row.name,
    version,
    ecosystem: row.base,
    purl: `pkg:generic/${encodeURIComponent(row.name)}@${encodeURIComponent(version)}`,
    location: { path: 'bench' },
    licenses: [],
  });
}
db.close();
const runs = [];
const cpu = [];
let findings = 0;
for (let r = 0; r < 3; r++) {
  const fresh = scan.openVulnDb(dbPath); // a cold record cache each run, as a real scan has
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  findings = scan.matchInventory(
    { target: 'bench', targetType: 'sbom', packages, partial: false, errors: [] },
    fresh,
  ).length;
  runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
  fresh.close();
}
figure(BENCH, 'match_ms.10k-packages', median(runs), 'ms');
figure(BENCH, 'match_cpu_ms.10k-packages', median(cpu), 'ms');
figure(BENCH, 'match_packages_per_s', 10_000 / (median(runs) / 1000), 'packages/s');
figure(BENCH, 'match_findings.10k-packages', findings, 'findings');

// 3. fs scan with matching vs Trivy inventory-only, on a 1,200-package node_modules tree of real npm names.
const tree = join(work, 'app');
const names = readFileSync('/work/.library/env/packages/npm.tsv', 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'))
  .filter(([n, v, d]) => n && /^[a-z0-9][a-z0-9._-]*$/.test(n) && /^\d+\.\d+\.\d+$/.test(v ?? '') && Number(d) > 0)
  .sort((a, b) => Number(b[2]) - Number(a[2]))
  .slice(0, 1200);
const lock = {
  name: 'bench-app',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: { '': { name: 'bench-app', version: '1.0.0' } },
};
for (const [name, version] of names) {
  const dir = join(tree, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version, license: 'MIT' }));
  lock.packages[`node_modules/${name}`] = {
    version,
    resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
  };
}
writeFileSync(join(tree, 'package.json'), JSON.stringify({ name: 'bench-app', version: '1.0.0' }));
writeFileSync(join(tree, 'package-lock.json'), JSON.stringify(lock, null, 2));
const scanWithMatching = `
  const scan = await import(${JSON.stringify(join(root, 'packages/scan/dist/index.js'))});
  const inv = await scan.scanFs(${JSON.stringify(tree)});
  const db = scan.openVulnDb(${JSON.stringify(dbPath)});
  const findings = scan.matchInventory(inv, db);
  process.stdout.write(JSON.stringify({ packages: inv.packages.length, findings: findings.length }));
`;
const ours = [];
let oursOut = '';
for (let r = 0; r < 3; r++) {
  const m = await measure(process.execPath, ['--input-type=module', '-e', scanWithMatching]);
  if (m.code !== 0) throw new Error(`rampart run failed: ${m.stderr}`);
  ours.push(m.wallMs);
  oursOut = m.stdout;
}
process.stderr.write(`rampart fs + matching: ${oursOut}\n`);
let trivy;
try {
  trivy = execFileSync('bash', [join(shared, '..', 'anchors', 'trivy.sh')], { encoding: 'utf8' }).trim();
} catch {
  trivy = undefined;
}
if (trivy === undefined) {
  process.stderr.write('anchor trivy missing: printing Rampart figures alone\n');
  figure(BENCH, 'fs_with_matching_wall_ms.node_modules-1200', median(ours), 'ms');
} else {
  const theirs = [];
  for (let r = 0; r < 3; r++) {
    const cache = mkdtempSync(join(tmpdir(), 'trivy-cache-'));
    const m = await measure(trivy, [
      'fs',
      '--format',
      'cyclonedx',
      '--cache-dir',
      cache,
      '--quiet',
      '--offline-scan',
      '--skip-db-update',
      tree,
    ]);
    if (m.code !== 0) process.stderr.write(`trivy exited ${m.code}: ${m.stderr.slice(0, 500)}\n`);
    theirs.push(m.wallMs);
    if (r === 0)
      process.stderr.write(`trivy inventory: ${(JSON.parse(m.stdout || '{}').components ?? []).length} components\n`);
  }
  figure(BENCH, 'fs_with_matching_wall_ms.node_modules-1200', median(ours), 'ms', {
    name: 'trivy-inventory-only',
    value: median(theirs),
  });
}
