import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData } from '@rampart/core/testing';
import { toSarif } from '../report/sarif.js';
import { scanSecretsPath } from './scan-path.js';

const corpus = sharedData('secrets');

test('labeled secrets corpus: recall and precision of the SARIF output, by the corpus scorer, are at least 95%', {
  skip: corpus.skip,
}, async () => {
  const root = join(corpus.path, 'corpus');
  const r = await scanSecretsPath(root, { allowlist: { paths: ['labels.json', 'decoys.json', 'manifest.json'] } });
  const sarif = toSarif(r.findings, { name: 'rampart', version: 'test' });
  const dir = mkdtempSync(join(tmpdir(), 'rampart-corpus-'));
  try {
    const out = join(dir, 'findings.sarif');
    writeFileSync(out, JSON.stringify(sarif));
    const score = JSON.parse(
      // The real path: score.mjs runs its main only when argv[1] is its own URL (a symlinked shared/ would differ).
      execFileSync(process.execPath, [
        realpathSync(join(corpus.path, 'score.mjs')),
        join(root, 'labels.json'),
        out,
      ]).toString(),
    ) as { recall: number; precision: number; tp: number; fp: number; fn: number };
    console.log(
      `secrets corpus: recall ${score.recall} precision ${score.precision} (tp ${score.tp}, fp ${score.fp}, fn ${score.fn}; ${r.stats.files} files, ${(r.stats.bytes / 1e6).toFixed(1)} MB)`,
    );
    assert.ok(score.recall >= 0.95, `recall ${score.recall}`);
    assert.ok(score.precision >= 0.95, `precision ${score.precision}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
