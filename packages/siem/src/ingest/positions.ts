/**
 * Read positions of tailed files, kept across restarts: per path, the inode and the byte offset up to which lines are
 * stored. Written atomically (temporary file + rename) after each stored batch, so a crash re-reads at most one batch
 * (at-least-once) and never skips one.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface FilePosition {
  ino: number;
  offset: number;
}

export class PositionStore {
  private positions: Record<string, FilePosition> = {};

  constructor(private readonly file: string | undefined) {
    if (file === undefined) return;
    try {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { files?: Record<string, FilePosition> };
      if (doc.files !== undefined && typeof doc.files === 'object') this.positions = doc.files;
    } catch {
      // No positions yet (first start) or an unreadable file: every file is read from its start.
    }
  }

  get(path: string): FilePosition | undefined {
    return this.positions[path];
  }

  set(path: string, pos: FilePosition): void {
    this.positions[path] = pos;
    if (this.file === undefined) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, files: this.positions }));
    renameSync(tmp, this.file);
  }
}
