/** A client of a running SIEM's HTTP API (the CLI's `rampart siem incidents|search` use it). */
import { RampartError } from '@rampart/core';
import type { SecurityEvent } from '@rampart/core/event';
import type { IncidentDetail } from '../incidents/incident-service.js';
import type { RetroHuntResult } from '../query/retro-hunt.js';
import type { IncidentRecord, IncidentStatus } from '../store/types.js';

export class SiemClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.token !== undefined && this.token !== '') headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      throw new RampartError('NETWORK', `cannot reach the SIEM at ${this.baseUrl}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new RampartError('NETWORK', `the SIEM answered HTTP ${res.status} without JSON`);
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string; field?: string } }).error ?? {};
      throw new RampartError(err.code ?? 'NETWORK', err.message ?? `HTTP ${res.status}`, {
        field: err.field,
        exitCode: res.status >= 500 ? 3 : 2,
      });
    }
    return json as T;
  }

  search(q: {
    query?: string;
    from?: string;
    to?: string;
    limit?: number;
  }): Promise<{ count: number; events: SecurityEvent[] }> {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
    return this.call('GET', `/api/v1/events?${p}`);
  }

  aggregate(q: {
    query?: string;
    from?: string;
    to?: string;
    limit?: number;
    countBy?: string;
    interval?: string;
  }): Promise<{ buckets?: { key: string | null; count: number }[]; histogram?: { startMs: number; count: number }[] }> {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
    return this.call('GET', `/api/v1/events/aggregate?${p}`);
  }

  retroHunt(rule: string, from?: string, to?: string, limit?: number): Promise<RetroHuntResult> {
    return this.call('POST', '/api/v1/retro-hunt', { rule, from, to, limit });
  }

  async listIncidents(status?: IncidentStatus): Promise<IncidentRecord[]> {
    const r = await this.call<{ incidents: IncidentRecord[] }>(
      'GET',
      `/api/v1/incidents${status === undefined ? '' : `?status=${status}`}`,
    );
    return r.incidents;
  }

  showIncident(id: string): Promise<IncidentDetail> {
    return this.call('GET', `/api/v1/incidents/${encodeURIComponent(id)}`);
  }

  async createIncident(title: string, alertIds: string[], author?: string): Promise<IncidentRecord> {
    return (await this.call<{ incident: IncidentRecord }>('POST', '/api/v1/incidents', { title, alertIds, author }))
      .incident;
  }

  async setStatus(id: string, status: string, note?: string, author?: string): Promise<IncidentRecord> {
    const path = `/api/v1/incidents/${encodeURIComponent(id)}/status`;
    return (await this.call<{ incident: IncidentRecord }>('POST', path, { status, note, author })).incident;
  }

  async assign(id: string, assignee: string, author?: string): Promise<IncidentRecord> {
    const path = `/api/v1/incidents/${encodeURIComponent(id)}/assign`;
    return (await this.call<{ incident: IncidentRecord }>('POST', path, { assignee, author })).incident;
  }

  async addNote(id: string, text: string, author?: string): Promise<IncidentRecord> {
    const path = `/api/v1/incidents/${encodeURIComponent(id)}/notes`;
    return (await this.call<{ incident: IncidentRecord }>('POST', path, { text, author })).incident;
  }
}
