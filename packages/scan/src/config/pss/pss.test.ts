import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData } from '@rampart/core/testing';
import { parseManifests } from '../k8s/manifest.js';
import { podTemplate } from '../k8s/workload.js';
import { evaluatePss, parsePssVersion } from './evaluate.js';
import type { PssLevel } from './types.js';

const pss = sharedData('k8s/pss');

/** The restricted check that replaces a baseline one at the restricted level, from a version on. */
const OVERRIDDEN_BY: Record<string, [string, number]> = {
  hostPathVolumes: ['restrictedVolumes', 0],
  capabilities_baseline: ['capabilities_restricted', 22],
  seccompProfile_baseline: ['seccompProfile_restricted', 19],
  procMount: ['procMount_restricted', 35],
};

interface Expectation {
  file: string;
  level: PssLevel;
  version: string;
  expect: 'pass' | 'fail';
  control: string | null;
}

test('every pod-security-admission fixture gets its labeled verdict at its level and version', {
  skip: pss.skip,
}, () => {
  const expected = JSON.parse(readFileSync(join(pss.path, 'expected.json'), 'utf8')) as Expectation[];
  const wrong: string[] = [];
  let attributed = 0;
  let fails = 0;
  for (const e of expected) {
    const { manifests, errors } = parseManifests(readFileSync(join(pss.path, e.file), 'utf8'), e.file);
    assert.deepEqual(errors, [], e.file);
    const pod = podTemplate(manifests[0] as (typeof manifests)[number]);
    assert.ok(pod, e.file);
    const r = evaluatePss(pod, e.level, e.version);
    if (r.allowed !== (e.expect === 'pass')) wrong.push(`${e.file}: expected ${e.expect}`);
    if (e.expect === 'fail' && e.control !== null) {
      fails++;
      const [override, since] = OVERRIDDEN_BY[e.control] ?? [e.control, Number.POSITIVE_INFINITY];
      const control = e.level === 'restricted' && parsePssVersion(e.version) >= since ? override : e.control;
      if (r.violations.some((v) => v.check === control)) attributed++;
    }
  }
  console.log(
    `pss: ${expected.length - wrong.length}/${expected.length} verdicts match; ${attributed}/${fails} fail fixtures name their control`,
  );
  assert.deepEqual(wrong, []);
  assert.equal(attributed, fails);
});

test('a volume with only a name is an emptyDir, as the API server defaults it', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes:\n  - name: scratch\n  containers: []\n';
  const pod = podTemplate(parseManifests(text, 'p.yaml').manifests[0] as never);
  assert.ok(pod);
  assert.equal(evaluatePss(pod, 'restricted', 'latest').allowed, true);
});

test('policy versions: v1.N, 1.N and latest; anything else is a usage error', () => {
  assert.equal(parsePssVersion('v1.25'), 25);
  assert.equal(parsePssVersion('1.9'), 9);
  assert.equal(parsePssVersion('v1.99'), parsePssVersion('latest'));
  assert.throws(() => parsePssVersion('v2.0'), /--pss-version must be v1.N or latest/);
});
