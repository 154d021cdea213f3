/**
 * Table definitions in portable SQL (DuckDB and PostgreSQL both accept it): BIGINT epoch milliseconds for time, plain
 * VARCHAR for the JSON documents, no engine-specific types.
 */
import { PROMOTED_COLUMNS } from './columns.js';

const eventColumns = PROMOTED_COLUMNS.map((c) => `${c.column} ${c.type === 'int' ? 'INTEGER' : 'VARCHAR'}`).join(', ');

export const DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS events (ts BIGINT NOT NULL, ingested BIGINT NOT NULL, ${eventColumns}, doc VARCHAR NOT NULL)`,
  'CREATE TABLE IF NOT EXISTS alerts (id VARCHAR PRIMARY KEY, ts BIGINT NOT NULL, rule_id VARCHAR NOT NULL, ' +
    'rule_title VARCHAR NOT NULL, level VARCHAR NOT NULL, entity VARCHAR NOT NULL, event_ids VARCHAR NOT NULL, ' +
    'incident_id VARCHAR, doc VARCHAR NOT NULL)',
  'CREATE TABLE IF NOT EXISTS incidents (id VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, status VARCHAR NOT NULL, ' +
    'assignee VARCHAR, level VARCHAR NOT NULL, rule_id VARCHAR, entity VARCHAR, created BIGINT NOT NULL, ' +
    'updated BIGINT NOT NULL, alert_count INTEGER NOT NULL)',
  'CREATE TABLE IF NOT EXISTS incident_timeline (incident_id VARCHAR NOT NULL, ts BIGINT NOT NULL, kind VARCHAR NOT NULL, ' +
    'author VARCHAR, text VARCHAR NOT NULL)',
];
