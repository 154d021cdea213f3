import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createEvent } from '@rampart/core/event';
import { NatsSink } from '@rampart/core/sinks/nats';
import type { Normalized } from '../normalize/types.js';
import { startNatsConsumer } from './nats-consumer.js';

const SERVERS = [process.env.RAMPART_TEST_NATS ?? 'nats://127.0.0.1:4222'];

async function natsUp(): Promise<string | false> {
  try {
    const nc = await connect({ servers: SERVERS, timeout: 2000 });
    await nc.close();
    return false;
  } catch {
    return `SKIPPED: no NATS server at ${SERVERS[0]}`;
  }
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(cond(), `timed out waiting for ${what}`);
}

test('JetStream: events from core NatsSink are stored, acked once stored, redelivered when refused', {
  skip: await natsUp(),
}, async () => {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  const stream = `RAMPART_TEST_${id}`;
  const prefix = `rampart-test-${id}.events`;
  const options = { servers: SERVERS, stream, subjects: [`${prefix}.>`], durable: `siem-${id}`, createStream: true };
  const got: Normalized[] = [];
  let refuse = 3;
  const submit = async (items: readonly Normalized[]) => {
    if (refuse > 0) {
      refuse--;
      throw Object.assign(new Error('busy'), { code: 'SIEM_BACKPRESSURE' });
    }
    got.push(...items);
  };
  let consumer = await startNatsConsumer(submit, options);
  const nc = await connect({ servers: SERVERS });
  try {
    const sink = new NatsSink({ servers: SERVERS, subjectPrefix: prefix, stream });
    for (let i = 0; i < 30; i++)
      sink.send(createEvent({ module: i % 2 === 0 ? 'waf' : 'gateway', action: 'x', id: `n-${i}` }));
    await sink.flush();
    await sink.close();
    await jetstream(nc).publish(`${prefix}.junk`, 'not json');
    // Refused batches are nak'ed and come back: every event arrives, after the refusals.
    await until(() => new Set(got.map((g) => g.event.event.id)).size === 30, '30 events');
    const jsm = await jetstreamManager(nc);
    let pendingAcks = -1;
    for (let i = 0; i < 100 && pendingAcks !== 0; i++) {
      pendingAcks = (await jsm.consumers.info(stream, options.durable)).num_ack_pending;
      if (pendingAcks !== 0) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(pendingAcks, 0, 'every message acked, the junk one terminated');
    await consumer.close();
    const seen = got.length;

    // The durable consumer remembers: a restart redelivers nothing that was acked.
    consumer = await startNatsConsumer(submit, options);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(got.length, seen);
    const info = await jsm.consumers.info(stream, options.durable);
    assert.equal(info.num_pending, 0);
    assert.equal(got[0]?.event.event.module === 'waf' || got[0]?.event.event.module === 'gateway', true);
  } finally {
    await consumer.close();
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
  }
});
