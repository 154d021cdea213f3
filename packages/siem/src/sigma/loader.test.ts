/** The loader: broken documents are reported with file and reason, the others load; filters attach to their rules. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testdata } from './testing/sigma-fixtures.js';
import { compileDetector } from './detector.js';
import { loadSigmaRules } from './loader.js';

test('every broken rule is reported with its file and reason; the good one loads', () => {
  const r = loadSigmaRules(testdata('sigma', 'broken'));
  assert.deepEqual(
    r.rules.map((x) => x.id),
    ['55555555-5555-4555-8555-555555555555'],
  );
  const reasons = Object.fromEntries(r.errors.map((e) => [e.file.replace(/.*\//, ''), e.reason]));
  assert.match(reasons['bad-yaml.yml'] ?? '', /^YAML: /);
  assert.match(reasons['unknown-modifier.yml'] ?? '', /unknown modifier 'sortof'/);
  assert.match(reasons['missing-identifier.yml'] ?? '', /'filter'.*does not define/);
  assert.match(reasons['bad-regex.yml'] ?? '', /regular expression .*not valid/);
  assert.match(reasons['not-a-rule.yml'] ?? '', /must be a mapping/);
  assert.match(reasons['no-condition.yml'] ?? '', /condition/);
  assert.equal(r.errors.length, 6);
});

test('a missing path is an error, not a crash', () => {
  const r = loadSigmaRules('/nonexistent/rules');
  assert.equal(r.rules.length, 0);
  assert.match(r.errors[0]?.reason ?? '', /ENOENT/);
});

test('a filter rule is AND-ed onto the rule it names (multi-document file)', () => {
  const r = loadSigmaRules(testdata('sigma', 'rules', 'multi-doc-with-filter.yml'), { pipeline: 'windows' });
  assert.equal(r.errors.length, 0);
  assert.equal(r.rules.length, 1);
  assert.equal(r.rules[0]?.filters.length, 1);
  const d = compileDetector(r.rules, { pipeline: r.pipeline });
  const base = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: 'C:\\Tools\\rar.exe' };
  assert.equal(d.match({ ...base, User: 'bob' }).length, 1);
  assert.equal(d.match({ ...base, User: 'adm_bob' }).length, 0, 'filtered out');
  assert.equal(d.match({ ...base, EventID: 11, User: 'bob' }).length, 0, 'not a process creation event');
  // Security 4688 carries the image under NewProcessName (pipeline field mapping).
  assert.equal(d.match({ Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\rar.exe', User: 'x' }).length, 1);
});

test('texts load like files, named by their position', () => {
  const r = loadSigmaRules(['title: t\nlogsource: {}\ndetection: {s: {a: 1}, condition: s}\n', 'title: [\n']);
  assert.equal(r.rules.length, 1);
  assert.equal(r.errors[0]?.file, '<text 2>');
});
