/**
 * A durable JetStream consumer of `rampart.events.>` (what core's NatsSink publishes). Messages are acknowledged only
 * after their events are committed to the store; when the SIEM is busy they are nak'ed with a delay and redelivered
 * later, and `max_ack_pending` bounds how many are in flight. Delivery is at-least-once: a crash between commit and ack
 * redelivers (the event keeps its `event.id`, so duplicates can be told apart).
 */
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { RampartError } from '@rampart/core';
import { normalizeJson, splitJsonDocument } from '../normalize/normalize.js';
import type { Normalized } from '../normalize/types.js';

export interface NatsConsumerOptions {
  servers: string[];
  stream: string;
  subjects: string[];
  durable: string;
  createStream: boolean;
  /** Messages delivered but not yet acknowledged, at most (default 5000). */
  maxAckPending?: number;
  onError?: (message: string) => void;
}

export interface NatsIngest {
  close(): Promise<void>;
}

type Submit = (items: readonly Normalized[], source: string) => Promise<void>;

export async function startNatsConsumer(submit: Submit, o: NatsConsumerOptions): Promise<NatsIngest> {
  const nc = await connect({ servers: o.servers, name: 'rampart-siem' }).catch((e: Error) => {
    throw new RampartError('NETWORK', `cannot connect to NATS ${o.servers.join(', ')}: ${e.message}`, { cause: e });
  });
  try {
    const jsm = await jetstreamManager(nc);
    const streamExists = await jsm.streams.info(o.stream).then(
      () => true,
      () => false,
    );
    if (!streamExists) {
      if (!o.createStream) throw new RampartError('NETWORK', `JetStream stream ${o.stream} does not exist`);
      await jsm.streams.add({ name: o.stream, subjects: o.subjects });
    }
    const consumerExists = await jsm.consumers.info(o.stream, o.durable).then(
      () => true,
      () => false,
    );
    if (!consumerExists) {
      await jsm.consumers.add(o.stream, {
        durable_name: o.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        max_ack_pending: o.maxAckPending ?? 5000,
        ack_wait: 30_000_000_000,
        ...(o.subjects.length === 1 ? { filter_subject: o.subjects[0] } : { filter_subjects: o.subjects }),
      });
    }
  } catch (e) {
    await nc.close();
    throw e instanceof RampartError
      ? e
      : new RampartError('NETWORK', `JetStream setup failed: ${(e as Error).message}`, { cause: e });
  }
  const consumer = await jetstream(nc).consumers.get(o.stream, o.durable);
  const messages = await consumer.consume({ max_messages: 1000 });

  let pending: JsMsg[] = [];
  let flushing = Promise.resolve();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    flushing = flushing.then(() => take(batch));
  };
  const take = async (batch: JsMsg[]): Promise<void> => {
    const good: JsMsg[] = [];
    const items: Normalized[] = [];
    const now = Date.now();
    for (const m of batch) {
      const text = m.string();
      try {
        for (const line of text.split('\n')) {
          if (line.trim() === '') continue;
          for (const r of splitJsonDocument(JSON.parse(line), line))
            items.push(normalizeJson({ ...r, receivedMs: now }));
        }
        good.push(m);
      } catch {
        // Malformed forever: terminate, so it is not redelivered in a loop. (No reason text: servers before 2.10
        // ignore a "+TERM <reason>" and leave the message pending.)
        m.term();
        o.onError?.(`NATS message on ${m.subject} is not JSON; terminated`);
      }
    }
    try {
      await submit(items, 'nats');
      for (const m of good) m.ack();
    } catch (e) {
      const busy = (e as { code?: string }).code === 'SIEM_BACKPRESSURE';
      for (const m of good) m.nak(busy ? 1000 : 5000);
      if (!busy) o.onError?.(`NATS batch not stored, will be redelivered: ${(e as Error).message}`);
    }
  };
  const loop = (async () => {
    for await (const m of messages) {
      pending.push(m);
      if (pending.length >= 500) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    }
  })().catch((e: Error) => o.onError?.(`NATS consumer stopped: ${e.message}`));

  return {
    async close() {
      await messages.close().catch(() => undefined);
      await loop;
      flush();
      await flushing;
      await nc.drain().catch(() => undefined);
    },
  };
}
