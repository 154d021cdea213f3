import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFinding, type Finding, type Severity } from '@rampart/core';
import { applyGate, gateExitCode, parseSeverityList } from './gate.js';
import { parseIgnoreFile, purlPatternMatches } from './ignore-file.js';
import { parseVex } from './vex.js';

function vuln(id: string, severity: Severity, purl: string, fixed: string[] = [], aliases: string[] = []): Finding {
  return createFinding({
    id,
    kind: 'vulnerability',
    severity,
    target: 't',
    package: { name: purl.split('/').pop()!.split('@')[0]!, purl },
    title: id,
    fix: { versions: fixed },
    aliases,
  });
}

const findings = [
  vuln('GHSA-29mw-wpgm-hmr9', 'MEDIUM', 'pkg:npm/lodash@4.17.20', ['4.17.21'], ['CVE-2020-28500']),
  vuln('GHSA-4x49-vf9v-38px', 'HIGH', 'pkg:npm/debug@4.4.2', ['4.4.3']),
  vuln('DLA-3008-1', 'UNKNOWN', 'pkg:deb/debian/libssl1.1@1.1.0f-3?distro=debian-9'),
  vuln('UBUNTU-CVE-2023-38545', 'CRITICAL', 'pkg:deb/ubuntu/curl@7.68.0-1ubuntu2.18', ['7.68.0-1ubuntu2.19']),
];

test('--severity keeps only the listed severities; --ignore-unfixed drops findings without a fix', () => {
  assert.deepEqual(
    applyGate(findings, { severities: parseSeverityList('critical, HIGH') }).findings.map((f) => f.id),
    ['GHSA-4x49-vf9v-38px', 'UBUNTU-CVE-2023-38545'],
  );
  assert.equal(applyGate(findings, { ignoreUnfixed: true }).findings.length, 3);
  assert.throws(() => parseSeverityList('HIGH,SEVERE'), { code: 'USAGE', message: /unknown severity "SEVERE"/ });
});

test('.rampartignore: IDs (also aliases), purl patterns, expiry dates and reasons', () => {
  const ignore = parseIgnoreFile(
    [
      '# accepted risks',
      'CVE-2020-28500   exp:2026-12-31   # only used server-side',
      'pkg:deb/debian/*            # distro packages tracked elsewhere',
      'GHSA-4x49-vf9v-38px exp:2026-01-01 # was pinned until the fix',
      '',
    ].join('\n'),
    '.rampartignore',
  );
  const r = applyGate(findings, { ignore, today: '2026-11-23' });
  assert.deepEqual(
    r.findings.map((f) => f.id),
    ['GHSA-4x49-vf9v-38px', 'UBUNTU-CVE-2023-38545'],
  );
  assert.deepEqual(
    r.suppressed.map((s) => s.reason),
    [
      'ignored by .rampartignore:2: only used server-side',
      'ignored by .rampartignore:3: distro packages tracked elsewhere',
    ],
  );
  assert.deepEqual(r.notes, [
    '.rampartignore:4: GHSA-4x49-vf9v-38px expired on 2026-01-01; it no longer suppresses anything',
  ]);
  // The expiry day itself still applies.
  assert.equal(applyGate(findings, { ignore, today: '2026-01-01' }).findings.length, 1);
});

test('ignore file errors name the file, line and column', () => {
  assert.throws(() => parseIgnoreFile('CVE-1\nCVE-2 expires:2026-01-01\n', 'x/.rampartignore'), {
    code: 'INPUT_INVALID',
    file: 'x/.rampartignore',
    line: 2,
    column: 7,
  });
});

test('purl patterns: no version means every version; * is a wildcard; qualifiers do not block a match', () => {
  assert.ok(purlPatternMatches('pkg:npm/lodash', 'pkg:npm/lodash@4.17.20'));
  assert.ok(purlPatternMatches('pkg:npm/lodash@4.*', 'pkg:npm/lodash@4.17.20'));
  assert.ok(!purlPatternMatches('pkg:npm/lodash@3.*', 'pkg:npm/lodash@4.17.20'));
  assert.ok(!purlPatternMatches('pkg:npm/lodash', 'pkg:npm/lodash-es@4.17.20'));
  assert.ok(purlPatternMatches('pkg:deb/debian/libssl1.1', 'pkg:deb/debian/libssl1.1@1.1.0f-3?distro=debian-9'));
});

test('OpenVEX and CycloneDX VEX not_affected statements suppress, for the products they name', () => {
  const openvex = parseVex(
    {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [
        {
          vulnerability: { name: 'CVE-2020-28500' },
          products: [{ '@id': 'pkg:npm/lodash' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
        },
        {
          vulnerability: { name: 'GHSA-4x49-vf9v-38px' },
          products: [{ '@id': 'pkg:npm/debug@9.9.9' }],
          status: 'not_affected',
        },
        { vulnerability: { name: 'UBUNTU-CVE-2023-38545' }, status: 'affected' },
      ],
    },
    'app.openvex.json',
  );
  const r = applyGate(findings, { vex: openvex });
  assert.deepEqual(
    r.suppressed.map((s) => [s.finding.id, s.reason]),
    [['GHSA-29mw-wpgm-hmr9', 'not_affected per VEX app.openvex.json (vulnerable_code_not_in_execute_path)']],
  );
  const cdx = parseVex(
    {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [{ 'bom-ref': 'curl-1', name: 'curl', purl: 'pkg:deb/ubuntu/curl@7.68.0-1ubuntu2.18' }],
      vulnerabilities: [
        {
          id: 'UBUNTU-CVE-2023-38545',
          analysis: { state: 'not_affected', justification: 'code_not_reachable' },
          affects: [{ ref: 'curl-1' }],
        },
        { id: 'GHSA-4x49-vf9v-38px', analysis: { state: 'exploitable' }, affects: [{ ref: 'pkg:npm/debug@4.4.2' }] },
      ],
    },
    'app.vex.cdx.json',
  );
  assert.deepEqual(
    applyGate(findings, { vex: cdx }).suppressed.map((s) => s.finding.id),
    ['UBUNTU-CVE-2023-38545'],
  );
  assert.throws(() => parseVex({ hello: 'world' }, 'x.json'), { code: 'INPUT_INVALID' });
});

test('--exit-code applies only when findings remain after the gate', () => {
  assert.equal(gateExitCode(applyGate(findings, {}), 1), 1);
  assert.equal(gateExitCode(applyGate(findings, {}), 0), 0);
  assert.equal(gateExitCode(applyGate(findings, { severities: ['LOW'] }), 1), 0);
});

test('.rampartignore: path patterns (gitignore syntax) and check IDs suppress secrets and misconfigurations', () => {
  const secret = (path: string, ruleId: string) =>
    createFinding({
      id: ruleId,
      kind: 'secret',
      severity: 'HIGH',
      target: '.',
      location: { path, line: 3 },
      title: ruleId,
    });
  const list = [
    secret('packages/app/testdata/keys.pem', 'rsa-private-key'),
    secret('dist/app.js.map', 'generic-token'),
    secret('src/config.ts', 'aws-access-key-id'),
    secret('src/other.ts', 'github-pat-classic'),
  ];
  const ignore = parseIgnoreFile('testdata/\n*.map  # generated\naws-access-key-id exp:2999-01-01\n', '.rampartignore');
  const gated = applyGate(list, { ignore, today: '2026-11-23' });
  assert.deepEqual(
    gated.findings.map((f) => f.location?.path),
    ['src/other.ts'],
  );
  assert.deepEqual(
    gated.suppressed.map((s) => s.reason),
    ['ignored by .rampartignore:1', 'ignored by .rampartignore:2: generated', 'ignored by .rampartignore:3'],
  );
});
