/**
 * Syslog receivers on UDP and TCP. UDP has no acknowledgement and no flow control: when the queue is full a datagram
 * is dropped and counted. TCP pauses the connection until the pipeline has taken what it sent, so a fast sender is
 * slowed down by the kernel's window instead of growing memory.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { normalizeLine } from '../normalize/normalize.js';
import type { Normalized } from '../normalize/types.js';
import { SyslogFramer } from './syslog-framing.js';

export interface SyslogSink {
  submit(items: readonly Normalized[], source: string): Promise<void>;
}

export interface SyslogListener {
  port: number;
  close(): Promise<void>;
}

export interface SyslogOptions {
  host: string;
  port: number;
  onDrop?: (n: number, reason: string) => void;
}

export async function startSyslogUdp(sink: SyslogSink, o: SyslogOptions): Promise<SyslogListener> {
  const socket: UdpSocket = createSocket(o.host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (msg, rinfo) => {
    const text = msg.toString('utf8').replace(/\r?\n$/, '');
    if (text === '') return;
    const items = normalizeLine({ text, receivedMs: Date.now(), from: `${rinfo.address}:${rinfo.port}` }, 'syslog');
    sink.submit(items, 'syslog-udp').catch((e: Error) => o.onDrop?.(items.length, e.message));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(o.port, o.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

export async function startSyslogTcp(sink: SyslogSink, o: SyslogOptions): Promise<SyslogListener> {
  const server: Server = createServer((conn) => {
    const framer = new SyslogFramer();
    const from = `${conn.remoteAddress}:${conn.remotePort}`;
    const take = async (messages: string[]): Promise<void> => {
      if (messages.length === 0) return;
      const now = Date.now();
      const items = messages.flatMap((text) => normalizeLine({ text, receivedMs: now, from }, 'syslog'));
      // Retry while the queue is full, holding the connection paused: the sender waits, nothing is lost.
      for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
        try {
          await sink.submit(items, 'syslog-tcp');
          return;
        } catch (e) {
          if ((e as { code?: string }).code !== 'SIEM_BACKPRESSURE' || conn.destroyed) {
            o.onDrop?.(items.length, (e as Error).message);
            return;
          }
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    };
    let chain = Promise.resolve();
    conn.on('data', (chunk: Buffer) => {
      const messages = framer.push(chunk);
      if (messages.length === 0) return;
      conn.pause();
      chain = chain
        .then(() => take(messages))
        .then(() => {
          if (!conn.destroyed) conn.resume();
        });
    });
    conn.on('end', () => {
      chain = chain.then(() => take(framer.end()));
    });
    conn.on('error', () => conn.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const connections = new Set<import('node:net').Socket>();
  server.on('connection', (c) => {
    connections.add(c);
    c.on('close', () => connections.delete(c));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const c of connections) c.end();
        server.close(() => r());
      }),
  };
}
