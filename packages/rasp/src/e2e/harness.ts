/** In-process test helpers: an event collector for protect(), a server on 127.0.0.1:0, and request shorthands. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { SecurityEvent } from '@rampart/core/event';

export class EventCollector {
  readonly events: SecurityEvent[] = [];
  send(e: SecurityEvent): void {
    this.events.push(e);
  }
  last(): SecurityEvent | undefined {
    return this.events[this.events.length - 1];
  }
  clear(): void {
    this.events.length = 0;
  }
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface Sent {
  status: number;
  body: string;
}

export async function send(url: string, init?: RequestInit): Promise<Sent> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.text() };
}

/** The seven ways an input reaches a handler: query, route param, JSON, urlencoded, multipart, cookie, header. */
export function inputRequests(base: string, v: string): [string, string, RequestInit | undefined][] {
  const form = new FormData();
  form.set('v', v);
  return [
    ['query', `${base}/q?v=${encodeURIComponent(v)}`, undefined],
    ['param', `${base}/p/${encodeURIComponent(v)}`, undefined],
    [
      'json',
      `${base}/json`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v }) },
    ],
    [
      'urlencoded',
      `${base}/form`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ v }).toString(),
      },
    ],
    ['multipart', `${base}/multipart`, { method: 'POST', body: form }],
    ['cookie', `${base}/cookie`, { headers: { cookie: `theme=dark; v=${encodeURIComponent(v)}` } }],
    ['header', `${base}/header`, { headers: { 'x-v': v } }],
  ];
}
