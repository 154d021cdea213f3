/**
 * NDJSON to a file, rotated by size like logrotate's `size` + `rotate N`: `events.ndjson` → `.1` → ... → `.N`.
 * Lines are written whole: a rotation happens between lines, never inside one.
 */
import { mkdirSync } from 'node:fs';
import { type FileHandle, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecurityEvent } from '../event/types.js';
import { BoundedQueue } from './queue.js';
import { type EventSink, emptyStats, type SinkErrorHandler, type SinkStats } from './types.js';

export interface FileSinkOptions {
  path: string;
  /** Rotate when the next write would pass this size (default 100 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the live one (default 5). */
  maxFiles?: number;
  /** Events buffered while the disk is busy (default 100,000). */
  maxBuffer?: number;
  onError?: SinkErrorHandler;
}

export class FileSink implements EventSink {
  private readonly queue: BoundedQueue<string>;
  private readonly counters: SinkStats = emptyStats();
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private handle: FileHandle | undefined;
  private size = 0;
  private writing: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: FileSinkOptions) {
    this.maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
    this.maxFiles = Math.max(0, options.maxFiles ?? 5);
    this.queue = new BoundedQueue(options.maxBuffer ?? 100_000);
    mkdirSync(dirname(options.path), { recursive: true });
  }

  send(event: SecurityEvent): void {
    this.counters.received++;
    if (this.closed) {
      this.counters.dropped++;
      return;
    }
    try {
      this.queue.push(`${JSON.stringify(event)}\n`);
    } catch (e) {
      this.counters.rejected++;
      this.options.onError?.(e as Error);
      return;
    }
    this.writing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const lines = this.queue.take(1024);
        await this.writeLines(lines);
        this.counters.acked += lines.length;
      }
    } catch (e) {
      this.options.onError?.(e as Error);
    } finally {
      this.writing = undefined;
      if (this.queue.length > 0 && !this.closed) this.writing = this.drain();
    }
  }

  private async writeLines(lines: string[]): Promise<void> {
    let chunk = '';
    let chunkBytes = 0;
    for (const line of lines) {
      const n = Buffer.byteLength(line);
      if (this.size + chunkBytes + n > this.maxBytes && this.size + chunkBytes > 0) {
        if (chunk !== '') await this.write(chunk, chunkBytes);
        chunk = '';
        chunkBytes = 0;
        await this.rotate();
      }
      chunk += line;
      chunkBytes += n;
    }
    if (chunk !== '') await this.write(chunk, chunkBytes);
  }

  private async write(chunk: string, bytes: number): Promise<void> {
    if (this.handle === undefined) {
      this.handle = await open(this.options.path, 'a');
      this.size = (await stat(this.options.path)).size;
      if (this.size > 0 && this.size + bytes > this.maxBytes) {
        await this.rotate();
        this.handle = await open(this.options.path, 'a');
      }
    }
    await this.handle.write(chunk);
    this.size += bytes;
  }

  private async rotate(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    const p = this.options.path;
    if (this.maxFiles === 0) {
      await rm(p, { force: true });
    } else {
      await rm(`${p}.${this.maxFiles}`, { force: true });
      for (let i = this.maxFiles - 1; i >= 1; i--) await rename(`${p}.${i}`, `${p}.${i + 1}`).catch(() => {});
      await rename(p, `${p}.1`).catch(() => {});
    }
    this.size = 0;
  }

  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.handle?.close();
    this.handle = undefined;
  }

  stats(): SinkStats {
    return { ...this.counters, dropped: this.counters.dropped + this.queue.dropped, queued: this.queue.length };
  }
}
