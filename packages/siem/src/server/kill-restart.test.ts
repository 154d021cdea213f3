import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DuckDbEventStore } from '../store/duckdb/duckdb-store.js';

const child = fileURLToPath(new URL('./kill-restart.child.js', import.meta.url));

test('SIGKILL after acknowledgements: a restart finds every acknowledged event', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-kill-'));
  const db = join(dir, 'siem.duckdb');
  try {
    const proc = spawn(process.execPath, [child, db], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (\S+)/.exec(out);
        if (m !== null) resolve(m[1] as string);
      });
      proc.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const acked: string[] = [];
    const inFlight: Promise<unknown>[] = [];
    let batch = 0;
    const post = async (ids: string[]) => {
      const body = ids
        .map((id) =>
          JSON.stringify({ '@timestamp': new Date().toISOString(), event: { id, kind: 'event', module: 'gateway' } }),
        )
        .join('\n');
      const r = await fetch(`${url}/api/v1/events`, { method: 'POST', body });
      if (r.status === 200) acked.push(...ids);
    };
    // Four concurrent senders; the kill lands while some batches are still in flight.
    const sender = async () => {
      while (acked.length < 2000) {
        const n = batch++;
        await post(Array.from({ length: 50 }, (_, i) => `b${n}-e${i}`));
      }
    };
    for (let i = 0; i < 4; i++) inFlight.push(sender().catch(() => undefined));
    while (acked.length < 2000) await new Promise((r) => setTimeout(r, 5));
    proc.kill('SIGKILL');
    await Promise.all(inFlight);
    await new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r(undefined) : proc.on('exit', r)));
    const ackedAtKill = [...acked];

    const store = await DuckDbEventStore.open(db);
    try {
      const stored = new Set<string>();
      for await (const page of store.scan({}, 5000)) for (const e of page) stored.add(e.event.id);
      const lost = ackedAtKill.filter((id) => !stored.has(id));
      assert.equal(lost.length, 0, `acknowledged but lost: ${lost.slice(0, 5).join(', ')}`);
      assert.ok(ackedAtKill.length >= 2000);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
