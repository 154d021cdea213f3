/** `rampart scan config` and `rampart scan secrets` end to end through main(): formats, stdin-free inputs, exit codes. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, sharedData } from '@rampart/core/testing';
import { runCli } from '../testing.js';

const rampart = (args: string[]) => runCli(args, {});

const PSS = sharedData('k8s/pss');
const TREE = join(repoRoot(), 'packages', 'scan', 'testdata', 'secrets', 'tree');
const POD =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers: [{name: c, image: nginx}]\n';

test('scan config --checks pss --format json: only PSS findings, each with location.path and location.line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-cfg-'));
  try {
    writeFileSync(join(dir, 'pod.yaml'), POD);
    const r = await rampart([
      'scan',
      'config',
      dir,
      '--checks',
      'pss',
      '--pss',
      'baseline',
      '--pss-version',
      'v1.30',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as { findings: { ruleId: string; location: { path: string; line: number } }[] };
    assert.deepEqual(
      out.findings.map((f) => [f.ruleId, f.location.path, f.location.line]),
      [['hostNamespaces', 'pod.yaml', 5]],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scan config: a fixture Kubernetes accepts at its level gives no finding', { skip: PSS.skip }, async () => {
  const r = await rampart([
    'scan',
    'config',
    join(PSS.path, 'restricted', 'v1.35', 'pass', 'base_linux.yaml'),
    '--checks',
    'pss',
    '--pss-version',
    'v1.35',
    '-f',
    'json',
  ]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual((JSON.parse(r.out) as { findings: unknown[] }).findings, []);
});

test('scan config: invalid YAML is named with file:line, the rest is scanned, and the run exits 2 (partial)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-cfg-'));
  try {
    writeFileSync(join(dir, 'a.yaml'), POD);
    writeFileSync(join(dir, 'b.yaml'), 'kind: Pod\nspec: [\n');
    const r = await rampart(['scan', 'config', dir, '--checks', 'pss', '-f', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.err, /b\.yaml:\d+:\d+: not valid YAML/);
    const out = JSON.parse(r.out) as { partial: boolean; findings: unknown[] };
    assert.equal(out.partial, true);
    assert.equal(out.findings.length > 0, true);
    const bad = await rampart(['scan', 'config', dir, '--checks', 'nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown group "nope"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scan secrets --format sarif: one result per finding with uri and startLine, values masked', async () => {
  const r = await rampart(['scan', 'secrets', TREE, '--format', 'sarif', '--exit-code', '1']);
  assert.equal(r.code, 1, r.err);
  const sarif = JSON.parse(r.out) as {
    runs: {
      results: {
        ruleId: string;
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      }[];
    }[];
  };
  const results = sarif.runs[0]?.results ?? [];
  assert.deepEqual(
    results
      .map((x) => [
        x.ruleId,
        x.locations[0]?.physicalLocation.artifactLocation.uri,
        x.locations[0]?.physicalLocation.region.startLine,
      ])
      .sort(),
    [
      ['generic-password', 'app/.env', 2],
      ['github-pat-classic', 'app/config.yaml', 4],
    ],
  );
  assert.ok(!r.out.includes('Vq3#pL9-xZ2!mK7w'));
});

test('scan secrets --config: allowlist from YAML; a bad config names file and field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-sec-'));
  try {
    writeFileSync(join(dir, 'ok.yaml'), 'allowlist:\n  rules: [generic-password]\n');
    const r = await rampart(['scan', 'secrets', TREE, '--config', join(dir, 'ok.yaml'), '-f', 'json']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      (JSON.parse(r.out) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId),
      ['github-pat-classic'],
    );
    writeFileSync(join(dir, 'bad.yaml'), 'allowlist:\n  pathz: [x]\n');
    const bad = await rampart(['scan', 'secrets', TREE, '--config', join(dir, 'bad.yaml')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /bad\.yaml:2/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scan fs --scanners secret,config merges both results into the inventory JSON', async () => {
  const r = await rampart(['scan', 'fs', TREE, '--scanners', 'inventory,secret,config', '-f', 'json']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as {
    secrets: { findings: { ruleId: string }[] };
    misconfigurations: { findings: unknown[] };
  };
  assert.deepEqual(out.secrets.findings.map((f) => f.ruleId).sort(), ['generic-password', 'github-pat-classic']);
  assert.deepEqual(out.misconfigurations.findings, []);
});
