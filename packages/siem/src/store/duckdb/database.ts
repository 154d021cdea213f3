/**
 * One DuckDB file, one write connection used strictly in turn (an appender and a transaction must not interleave), and
 * one read connection for hunting, so long queries never hold up ingestion.
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { RampartError } from '@rampart/core';
import { DDL } from '../ddl.js';

export type Row = Record<string, unknown>;

export class Database {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
  ) {}

  static async open(path: string): Promise<Database> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (e) {
      throw new RampartError('SIEM_STORE_OPEN', `cannot open the event store ${path}: ${(e as Error).message}`, {
        file: path,
        cause: e,
      });
    }
    const writer = await instance.connect();
    for (const statement of DDL) await writer.run(statement);
    return new Database(instance, writer, await instance.connect());
  }

  /** Runs `work` on the write connection after every earlier write has finished. */
  write<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const next = this.tail.then(() => work(this.writer));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** A write inside BEGIN/COMMIT: all of it is stored, or none. */
  transaction<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.write(async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      try {
        const out = await work(conn);
        await conn.run('COMMIT');
        return out;
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  async rows(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const reader = await this.reader.runAndReadAll(sql, params as DuckDBValue[]);
    return reader.getRowObjectsJS() as Row[];
  }

  async close(): Promise<void> {
    await this.tail;
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }
}

export function num(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v ?? 0);
}

export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}
