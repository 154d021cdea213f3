import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createEvent } from '../event/build.js';
import { NatsSink } from './nats.js';

const NATS_BIN = '/usr/sbin/nats-server';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(500);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
    s.connect(port, '127.0.0.1');
  });
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Every event id stored in a stream, in stream order (read with an ordered consumer). */
async function storedIds(servers: string, stream: string): Promise<string[]> {
  const nc = await connect({ servers });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const total = info.state.messages;
    const c = await jetstream(nc).consumers.get(stream);
    const ids: string[] = [];
    while (ids.length < total) {
      const batch = await c.fetch({ max_messages: 500, expires: 2000 });
      let got = 0;
      for await (const m of batch) {
        ids.push((m.json() as { event: { id: string } }).event.id);
        got++;
      }
      if (got === 0) break;
    }
    return ids;
  } finally {
    await nc.close();
  }
}

async function deleteStream(servers: string, stream: string): Promise<void> {
  const nc = await connect({ servers });
  try {
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => {});
  } finally {
    await nc.close();
  }
}

const machineNats = await portOpen(4222);

test('events arrive once on the machine JetStream, on rampart.events.<module>', {
  skip: machineNats ? false : 'SKIPPED: no NATS on 127.0.0.1:4222',
}, async () => {
  const tag = `T${process.pid}${Date.now()}`;
  const stream = `RAMPART_TEST_${tag}`;
  const prefix = `rampart-test.${tag}`;
  const acked: string[] = [];
  const sink = new NatsSink({
    servers: '127.0.0.1:4222',
    stream,
    subjectPrefix: prefix,
    onAck: (e) => acked.push(e.event.id),
  });
  try {
    for (let i = 0; i < 200; i++)
      sink.send(createEvent({ module: i % 2 ? 'waf' : 'gateway', action: 't', id: `${tag}-${i}` }));
    await sink.flush();
    const ids = await storedIds('127.0.0.1:4222', stream);
    assert.equal(ids.length, 200);
    assert.equal(new Set(ids).size, 200, 'no duplicates');
    assert.equal(acked.length, 200);
    const nc = await connect({ servers: '127.0.0.1:4222' });
    const info = await (await jetstreamManager(nc)).streams.info(stream, { subjects_filter: '>' });
    await nc.close();
    assert.deepEqual(Object.keys(info.state.subjects ?? {}).sort(), [`${prefix}.gateway`, `${prefix}.waf`]);
    assert.equal(sink.stats().dropped, 0);
  } finally {
    await sink.close();
    await deleteStream('127.0.0.1:4222', stream);
  }
});

test('server killed mid-stream and restarted: no acked event lost, no duplicates, the sink recovers by itself', {
  skip: existsSync(NATS_BIN) ? false : `SKIPPED: ${NATS_BIN} not installed`,
}, async () => {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'rampart-nats-'));
  const servers = `127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const start = async () => {
    server = spawn(NATS_BIN, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 50));
  };
  await start();
  const acked = new Set<string>();
  const sink = new NatsSink({ servers, onAck: (e) => acked.add(e.event.id), ackTimeoutMs: 1000, window: 16 });
  try {
    let i = 0;
    const sendSome = async (n: number) => {
      for (let k = 0; k < n; k++, i++) {
        sink.send(createEvent({ module: 'rasp', action: 't', id: `ev-${i}` }));
        if (k % 10 === 0) await new Promise((r) => setTimeout(r, 2));
      }
    };
    await sendSome(300);
    server?.kill('SIGKILL');
    await new Promise((r) => server?.once('exit', r));
    await sendSome(200); // sent while the server is down
    await new Promise((r) => setTimeout(r, 300));
    await start();
    await sendSome(300);
    await sink.flush();
    const ids = await storedIds(servers, 'RAMPART_EVENTS');
    const stored = new Set(ids);
    assert.equal(stored.size, ids.length, 'no duplicates in the stream');
    for (const id of acked) assert.ok(stored.has(id), `acked ${id} is stored`);
    assert.equal(acked.size, 800, 'every event was eventually acked');
    assert.equal(ids.length, 800);
    assert.equal(sink.stats().dropped, 0);
  } finally {
    await sink.close();
    server?.kill('SIGKILL');
  }
});
