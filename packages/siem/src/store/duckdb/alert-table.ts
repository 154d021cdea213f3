/** The alerts table: one row per alert, linked to its incident once grouped. */
import type { SecurityEvent } from '@rampart/core/event';
import type { AlertRecord, TimeRange } from '../types.js';
import { type Database, num, type Row, strOrNull } from './database.js';

export async function appendAlerts(db: Database, alerts: readonly AlertRecord[]): Promise<void> {
  if (alerts.length === 0) return;
  await db.transaction(async (conn) => {
    for (const a of alerts) {
      await conn.run(
        'INSERT INTO alerts (id, ts, rule_id, rule_title, level, entity, event_ids, incident_id, doc) ' +
          'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING',
        [
          a.id,
          BigInt(a.tsMs),
          a.ruleId,
          a.ruleTitle,
          a.level,
          a.entity,
          JSON.stringify(a.eventIds),
          a.incidentId,
          JSON.stringify(a.event),
        ],
      );
    }
  });
}

export function toAlert(r: Row): AlertRecord {
  return {
    id: String(r.id),
    tsMs: num(r.ts),
    ruleId: String(r.rule_id),
    ruleTitle: String(r.rule_title),
    level: String(r.level),
    entity: String(r.entity),
    eventIds: JSON.parse(String(r.event_ids)) as string[],
    incidentId: strOrNull(r.incident_id),
    event: JSON.parse(String(r.doc)) as SecurityEvent,
  };
}

export async function listAlerts(
  db: Database,
  options: TimeRange & { limit?: number; incidentId?: string } = {},
): Promise<AlertRecord[]> {
  const params: unknown[] = [];
  const where: string[] = ['1 = 1'];
  if (options.fromMs !== undefined) {
    params.push(BigInt(options.fromMs));
    where.push(`ts >= $${params.length}`);
  }
  if (options.toMs !== undefined) {
    params.push(BigInt(options.toMs));
    where.push(`ts < $${params.length}`);
  }
  if (options.incidentId !== undefined) {
    params.push(options.incidentId);
    where.push(`incident_id = $${params.length}`);
  }
  const limit = Math.max(1, Math.min(options.limit ?? 100, 10_000));
  const rows = await db.rows(
    `SELECT * FROM alerts WHERE ${where.join(' AND ')} ORDER BY ts DESC LIMIT ${limit}`,
    params,
  );
  return rows.map(toAlert);
}

export async function getAlert(db: Database, id: string): Promise<AlertRecord | undefined> {
  const rows = await db.rows('SELECT * FROM alerts WHERE id = $1', [id]);
  return rows[0] === undefined ? undefined : toAlert(rows[0]);
}
