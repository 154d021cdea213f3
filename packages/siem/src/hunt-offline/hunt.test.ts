/** Offline hunting over NDJSON files, plain and gzip: matches, correlations, unreadable lines, missing inputs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRampartError } from '@rampart/core';
import { testdata } from '../sigma/testing/sigma-fixtures.js';
import { type HuntResult, type HuntSummary, hunt } from './hunt.js';

async function collect(input: string) {
  const bad: string[] = [];
  const summary: HuntSummary = { events: 0, matches: 0, correlations: 0 };
  const results: HuntResult[] = [];
  for await (const r of hunt(
    {
      rules: testdata('sigma', 'hunt', 'rules'),
      inputs: [testdata('sigma', 'hunt', input)],
      onBadLine: (_file, line, reason) => bad.push(`${line}: ${reason}`),
    },
    summary,
  )) {
    results.push(r);
  }
  return { bad, summary, results };
}

for (const input of ['events.ndjson', 'events.ndjson.gz']) {
  test(`hunt over ${input}: rule matches, one correlation, unreadable lines reported`, async () => {
    const { bad, summary, results } = await collect(input);
    const matches = results.flatMap((r) => (r.kind === 'match' ? [String(r.event.EventRecordID)] : []));
    assert.deepEqual(matches, ['101', '104', '105'], 'Sysmon 1 and Security 4688 (NewProcessName), not Sysmon 11');
    const correlations = results.flatMap((r) => (r.kind === 'correlation' ? [r.alert] : []));
    assert.equal(correlations.length, 1);
    assert.deepEqual(correlations[0]?.group, { Computer: 'ws1' });
    assert.deepEqual(correlations[0]?.eventIds, ['101', '104']);
    assert.equal(bad.length, 2);
    assert.match(bad[0] ?? '', /^3: not JSON \(/);
    assert.equal(bad[1], '5: not a JSON object');
    assert.deepEqual(summary, { events: 5, matches: 3, correlations: 1 });
  });
}

test('a missing input is INPUT_NOT_FOUND naming the file', async () => {
  await assert.rejects(
    async () => {
      for await (const _ of hunt({ rules: testdata('sigma', 'hunt', 'rules'), inputs: ['/nonexistent.ndjson'] })) {
        void _;
      }
    },
    (e: unknown) => isRampartError(e) && e.code === 'INPUT_NOT_FOUND' && e.file === '/nonexistent.ndjson',
  );
});

test('no loadable rule is INPUT_INVALID', async () => {
  await assert.rejects(
    async () => {
      for await (const _ of hunt({
        rules: '/nonexistent-rules',
        inputs: [testdata('sigma', 'hunt', 'events.ndjson')],
      })) {
        void _;
      }
    },
    (e: unknown) => isRampartError(e) && e.code === 'INPUT_INVALID',
  );
});
