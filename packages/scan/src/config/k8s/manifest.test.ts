import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManifests } from './manifest.js';
import { podTemplate } from './workload.js';

test('multi-document YAML, List kinds and JSON, with lines of fields', () => {
  const text = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: apps/v1',
    '  kind: Deployment',
    '  metadata: {name: web, namespace: shop}',
    '  spec:',
    '    template:',
    '      spec:',
    '        hostNetwork: true',
    '        containers: [{name: app, image: nginx}]',
    '---',
    '{"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "nightly"},',
    ' "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "busybox"}]}}}}}}',
  ].join('\n');
  const r = parseManifests(text, 'm.yaml');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.manifests.map((m) => [m.kind, m.name, m.namespace]),
    [
      ['Deployment', 'web', 'shop'],
      ['CronJob', 'nightly', undefined],
    ],
  );
  const web = r.manifests[0];
  assert.ok(web);
  assert.equal(web.lineOf(['spec', 'template', 'spec', 'hostNetwork']), 10);
  assert.equal(web.lineOf(['spec', 'template', 'spec', 'missing', 'deeper']), 9);
  assert.equal(podTemplate(r.manifests[1] as never)?.spec.containers !== undefined, true);
});

test('invalid YAML is an error with file and line; the other documents are kept', () => {
  const text =
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Pod\nmetadata: [unclosed\n';
  const r = parseManifests(text, 'bad.yaml');
  assert.equal(r.manifests.length, 1);
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]?.file, 'bad.yaml');
  assert.ok((r.errors[0]?.line ?? 0) >= 7, `line ${r.errors[0]?.line}`);
  assert.equal(r.errors[0]?.code, 'SCAN_CONFIG_PARSE');
});

test('fuzz: random mutations of a manifest never throw, only give errors or objects', () => {
  let seed = 99;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const base =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n    ports: [{hostPort: 80}]\n';
  const noise = [
    ':',
    '-',
    ' ',
    '\n',
    '[',
    ']',
    '{',
    '}',
    '"',
    "'",
    '&a',
    '*a',
    '!!binary',
    '---',
    '#',
    '\t',
    'kind: List',
    'items:',
  ];
  for (let i = 0; i < 500; i++) {
    let text = base;
    for (let k = Math.floor(rand() * 6); k > 0; k--) {
      const at = Math.floor(rand() * text.length);
      text =
        text.slice(0, at) +
        (noise[Math.floor(rand() * noise.length)] as string) +
        text.slice(at + Math.floor(rand() * 3));
    }
    const r = parseManifests(text, 'f.yaml');
    for (const m of r.manifests) {
      assert.equal(typeof m.kind, 'string');
      const line = m.lineOf(['spec', 'containers', 0, 'ports', 0, 'hostPort']);
      assert.ok(line >= 1 && line <= text.split('\n').length + 1);
      podTemplate(m);
    }
  }
});
