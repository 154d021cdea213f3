/** HTTP routes of the incident workflow. */
import type { IncomingMessage } from 'node:http';
import { RampartError } from '@rampart/core';
import type { IncidentService } from '../incidents/incident-service.js';
import { INCIDENT_STATUSES, type EventStore, type IncidentStatus } from '../store/types.js';
import { jsonBody } from './api-query.js';
import { guarded as guardedBy, type Handler, type Router, sendJson } from './router.js';

export interface IncidentRoutesOptions {
  store: EventStore;
  incidents: IncidentService;
  authorize: (req: IncomingMessage) => void;
}

const text = (b: Record<string, unknown>, k: string, required = true): string | undefined => {
  const v = b[k];
  if (typeof v === 'string') return v;
  if (v === undefined && !required) return undefined;
  throw new RampartError('USAGE', `"${k}" must be a string`, { field: k });
};

export function addIncidentRoutes(router: Router, o: IncidentRoutesOptions): void {
  const guarded = (fn: Handler): Handler => guardedBy(o.authorize, fn);

  router.add(
    'GET',
    '/api/v1/incidents',
    guarded(async (_req, res, _p, url) => {
      const status = url.searchParams.get('status') ?? undefined;
      if (status !== undefined && !INCIDENT_STATUSES.includes(status as IncidentStatus)) {
        throw new RampartError('USAGE', `status must be one of ${INCIDENT_STATUSES.join(', ')}`, { field: 'status' });
      }
      sendJson(res, 200, { incidents: await o.store.listIncidents({ status: status as IncidentStatus | undefined }) });
    }),
  );
  router.add(
    'POST',
    '/api/v1/incidents',
    guarded(async (req, res) => {
      const b = await jsonBody(req);
      if (!Array.isArray(b.alertIds) || b.alertIds.length === 0) {
        throw new RampartError('USAGE', '"alertIds" must be a non-empty array of alert ids', { field: 'alertIds' });
      }
      const incident = await o.incidents.create({
        title: text(b, 'title') as string,
        alertIds: b.alertIds.map(String),
        author: text(b, 'author', false),
      });
      sendJson(res, 201, { incident });
    }),
  );
  router.add(
    'GET',
    '/api/v1/incidents/:id',
    guarded(async (_req, res, p) => sendJson(res, 200, await o.incidents.detail(p.id as string))),
  );
  router.add(
    'POST',
    '/api/v1/incidents/:id/status',
    guarded(async (req, res, p) => {
      const b = await jsonBody(req);
      const incident = await o.incidents.setStatus(
        p.id as string,
        text(b, 'status') as IncidentStatus,
        text(b, 'author', false),
        text(b, 'note', false),
      );
      sendJson(res, 200, { incident });
    }),
  );
  router.add(
    'POST',
    '/api/v1/incidents/:id/assign',
    guarded(async (req, res, p) => {
      const b = await jsonBody(req);
      const incident = await o.incidents.assign(
        p.id as string,
        text(b, 'assignee') as string,
        text(b, 'author', false),
      );
      sendJson(res, 200, { incident });
    }),
  );
  router.add(
    'POST',
    '/api/v1/incidents/:id/notes',
    guarded(async (req, res, p) => {
      const b = await jsonBody(req);
      const incident = await o.incidents.addNote(p.id as string, text(b, 'text') as string, text(b, 'author', false));
      sendJson(res, 200, { incident });
    }),
  );
}
