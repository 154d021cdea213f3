/** Incidents and their timelines; every change to an incident writes its timeline entry in the same transaction. */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { IncidentRecord, IncidentStatus, TimelineEntry, TimelineKind } from '../types.js';
import { type Database, num, type Row, strOrNull } from './database.js';

async function addEntry(conn: DuckDBConnection, e: TimelineEntry): Promise<void> {
  await conn.run('INSERT INTO incident_timeline (incident_id, ts, kind, author, text) VALUES ($1, $2, $3, $4, $5)', [
    e.incidentId,
    BigInt(e.tsMs),
    e.kind,
    e.author,
    e.text,
  ]);
}

function incidentParams(i: IncidentRecord): DuckDBValue[] {
  return [
    i.id,
    i.title,
    i.status,
    i.assignee,
    i.level,
    i.ruleId,
    i.entity,
    BigInt(i.createdMs),
    BigInt(i.updatedMs),
    i.alertCount,
  ];
}

async function linkAlerts(conn: DuckDBConnection, incidentId: string, alertIds: readonly string[]): Promise<void> {
  for (const id of alertIds) {
    await conn.run('UPDATE alerts SET incident_id = $1 WHERE id = $2', [incidentId, id]);
  }
}

export async function createIncident(
  db: Database,
  incident: IncidentRecord,
  alertIds: readonly string[],
  entry: TimelineEntry,
): Promise<void> {
  await db.transaction(async (conn) => {
    await conn.run(
      'INSERT INTO incidents (id, title, status, assignee, level, rule_id, entity, created, updated, alert_count) ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      incidentParams(incident),
    );
    await linkAlerts(conn, incident.id, alertIds);
    await addEntry(conn, entry);
  });
}

export async function updateIncident(db: Database, incident: IncidentRecord, entry: TimelineEntry): Promise<void> {
  await db.transaction(async (conn) => {
    await conn.run(
      'UPDATE incidents SET title = $2, status = $3, assignee = $4, level = $5, rule_id = $6, entity = $7, ' +
        'created = $8, updated = $9, alert_count = $10 WHERE id = $1',
      incidentParams(incident),
    );
    await addEntry(conn, entry);
  });
}

export async function attachAlerts(
  db: Database,
  incidentId: string,
  alertIds: readonly string[],
  entries: readonly TimelineEntry[],
): Promise<void> {
  await db.transaction(async (conn) => {
    await linkAlerts(conn, incidentId, alertIds);
    const last = entries.reduce((m, e) => Math.max(m, e.tsMs), 0);
    await conn.run(
      'UPDATE incidents SET alert_count = (SELECT count(*) FROM alerts WHERE incident_id = $1), ' +
        'updated = greatest(updated, $2) WHERE id = $1',
      [incidentId, BigInt(last)],
    );
    for (const e of entries) await addEntry(conn, e);
  });
}

function toIncident(r: Row): IncidentRecord {
  return {
    id: String(r.id),
    title: String(r.title),
    status: String(r.status) as IncidentStatus,
    assignee: strOrNull(r.assignee),
    level: String(r.level),
    ruleId: strOrNull(r.rule_id),
    entity: strOrNull(r.entity),
    createdMs: num(r.created),
    updatedMs: num(r.updated),
    alertCount: num(r.alert_count),
  };
}

export async function getIncident(db: Database, id: string): Promise<IncidentRecord | undefined> {
  const rows = await db.rows('SELECT * FROM incidents WHERE id = $1', [id]);
  return rows[0] === undefined ? undefined : toIncident(rows[0]);
}

export async function findOpenIncident(
  db: Database,
  ruleId: string,
  entity: string,
): Promise<IncidentRecord | undefined> {
  const rows = await db.rows(
    "SELECT * FROM incidents WHERE rule_id = $1 AND entity = $2 AND status <> 'resolved' ORDER BY created DESC LIMIT 1",
    [ruleId, entity],
  );
  return rows[0] === undefined ? undefined : toIncident(rows[0]);
}

export async function listIncidents(
  db: Database,
  options: { status?: IncidentStatus; limit?: number } = {},
): Promise<IncidentRecord[]> {
  const limit = Math.max(1, Math.min(options.limit ?? 100, 10_000));
  const rows =
    options.status === undefined
      ? await db.rows(`SELECT * FROM incidents ORDER BY updated DESC LIMIT ${limit}`)
      : await db.rows(`SELECT * FROM incidents WHERE status = $1 ORDER BY updated DESC LIMIT ${limit}`, [
          options.status,
        ]);
  return rows.map(toIncident);
}

export async function timeline(db: Database, incidentId: string): Promise<TimelineEntry[]> {
  const rows = await db.rows('SELECT * FROM incident_timeline WHERE incident_id = $1 ORDER BY ts, rowid', [incidentId]);
  return rows.map((r) => ({
    incidentId: String(r.incident_id),
    tsMs: num(r.ts),
    kind: String(r.kind) as TimelineKind,
    author: strOrNull(r.author),
    text: String(r.text),
  }));
}
