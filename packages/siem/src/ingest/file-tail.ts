/**
 * Tails NDJSON, access-log and syslog files: new complete lines are normalized and stored, and the position is saved
 * only after the store has them. Rotation by rename (logrotate's default) is followed: the old file is read to its end
 * through the open descriptor before the new file is opened. Truncation (copytruncate) starts over at offset 0.
 */
import { type FileHandle, open, stat } from 'node:fs/promises';
import { normalizeLine } from '../normalize/normalize.js';
import type { Normalized } from '../normalize/types.js';
import { PositionStore } from './positions.js';

export interface TailedFile {
  path: string;
  format: 'ndjson' | 'access' | 'syslog';
}

export interface FileTailOptions {
  positionsFile?: string;
  pollMs?: number;
  /** Bytes read per file per poll, at most (default 4 MiB). */
  maxReadBytes?: number;
  onError?: (message: string) => void;
}

interface Tail {
  file: TailedFile;
  fh?: FileHandle;
  ino: number;
  offset: number;
}

type Submit = (items: readonly Normalized[], source: string) => Promise<void>;

export class FileTailer {
  private readonly tails: Tail[];
  private readonly positions: PositionStore;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly submit: Submit,
    files: readonly TailedFile[],
    private readonly options: FileTailOptions = {},
  ) {
    this.tails = files.map((file) => ({ file, ino: -1, offset: 0 }));
    this.positions = new PositionStore(options.positionsFile);
  }

  start(): void {
    const tick = () => {
      this.polling = this.pollOnce().finally(() => {
        this.polling = undefined;
        if (this.timer !== undefined) this.timer = setTimeout(tick, this.options.pollMs ?? 500);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
    for (const t of this.tails) await t.fh?.close().catch(() => undefined);
  }

  /** One pass over every file: read what is new, follow rotation. */
  async pollOnce(): Promise<void> {
    for (const t of this.tails) {
      try {
        await this.pollFile(t);
      } catch (e) {
        this.options.onError?.(`tailing ${t.file.path}: ${(e as Error).message}`);
      }
    }
  }

  private async pollFile(t: Tail): Promise<void> {
    for (let round = 0; round < 2; round++) {
      if (t.fh === undefined && !(await this.openFile(t))) return;
      const done = await this.readNew(t, false);
      if (!done) return; // backpressure or the read budget: continue next poll
      const st = await stat(t.file.path).catch(() => undefined);
      if (st !== undefined && st.ino === t.ino) {
        if (st.size < t.offset) this.save(t, 0); // truncated in place
        return;
      }
      // Rotated (renamed or removed): the old file is finished, so its last line counts even without a newline.
      await this.readNew(t, true);
      await t.fh?.close();
      t.fh = undefined;
      if (st === undefined) return;
    }
  }

  private async openFile(t: Tail): Promise<boolean> {
    let fh: FileHandle;
    try {
      fh = await open(t.file.path, 'r');
    } catch {
      return false; // not there yet
    }
    const st = await fh.stat();
    const saved = this.positions.get(t.file.path);
    t.fh = fh;
    t.ino = st.ino;
    t.offset = saved !== undefined && saved.ino === st.ino && saved.offset <= st.size ? saved.offset : 0;
    return true;
  }

  /** Reads from the offset to the end; true when the end was reached and everything there is stored. */
  private async readNew(t: Tail, final: boolean): Promise<boolean> {
    const fh = t.fh as FileHandle;
    const max = this.options.maxReadBytes ?? 4 * 1024 * 1024;
    let budget = max;
    for (;;) {
      const buf = Buffer.alloc(Math.min(1024 * 1024, budget));
      const { bytesRead } = await fh.read(buf, 0, buf.length, t.offset);
      if (bytesRead === 0) return true;
      const chunk = buf.subarray(0, bytesRead);
      const lastNl = chunk.lastIndexOf(0x0a);
      const eof = bytesRead < buf.length;
      const usable = lastNl === -1 ? (final && eof ? bytesRead : 0) : final && eof ? bytesRead : lastNl + 1;
      if (usable === 0) {
        if (eof) return true; // only a partial line so far
        // A line longer than the buffer: take it as is rather than stall.
        if (!(await this.store(t, chunk, bytesRead))) return false;
        continue;
      }
      if (!(await this.store(t, chunk.subarray(0, usable), usable))) return false;
      budget -= usable;
      if (eof && usable === bytesRead) return true;
      if (budget <= 0) return false;
    }
  }

  private async store(t: Tail, bytes: Buffer, consumed: number): Promise<boolean> {
    const now = Date.now();
    const hint = t.file.format;
    const items: Normalized[] = [];
    for (const text of bytes.toString('utf8').split('\n')) {
      const line = text.replace(/\r$/, '');
      if (line.trim() !== '') items.push(...normalizeLine({ text: line, receivedMs: now, from: t.file.path }, hint));
    }
    try {
      await this.submit(items, `file-${hint}`);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'SIEM_BACKPRESSURE' && code !== 'SIEM_UNAVAILABLE')
        this.options.onError?.(`${t.file.path}: ${(e as Error).message}`);
      return false;
    }
    this.save(t, t.offset + consumed);
    return true;
  }

  private save(t: Tail, offset: number): void {
    t.offset = offset;
    this.positions.set(t.file.path, { ino: t.ino, offset });
  }
}
