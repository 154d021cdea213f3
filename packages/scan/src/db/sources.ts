/**
 * Reads OSV records from what a user hands to `db import`: OSV's per-ecosystem `all.zip` exports, a folder tree of
 * `*.json` records (and zips), or a single record file. Everything is read and unzipped before the DB is touched, so a
 * corrupt zip fails the run with nothing written.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RampartError } from '@rampart/core';
import { strFromU8, unzipSync } from 'fflate';

export interface RecordText {
  /** `all.zip:GHSA-xxxx.json` or a file path: where the record came from, for skip reasons. */
  origin: string;
  text: string;
}

export function readRecordTexts(paths: readonly string[]): RecordText[] {
  const out: RecordText[] = [];
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      throw new RampartError('INPUT_NOT_FOUND', `${path} does not exist`, { file: path });
    }
    if (stat.isDirectory()) readDirectory(path, out);
    else readFile(path, out);
  }
  return out;
}

function readDirectory(dir: string, out: RecordText[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) readDirectory(path, out);
    else if (name.endsWith('.json') || name.endsWith('.zip')) readFile(path, out);
  }
}

function readFile(path: string, out: RecordText[]): void {
  const bytes = readFileSync(path);
  if (path.endsWith('.zip') || isZip(bytes)) {
    readZip(path, bytes, out);
    return;
  }
  out.push({ origin: path, text: bytes.toString('utf8') });
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Unzips an OSV export held in memory (a download); `path` names it in errors. */
export function readZip(path: string, bytes: Uint8Array, out: RecordText[]): void {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name.endsWith('.json') });
  } catch (e) {
    throw new RampartError('INPUT_INVALID', `${path} is not a readable zip archive (${(e as Error).message})`, {
      file: path,
      cause: e,
    });
  }
  for (const name of Object.keys(entries).sort()) {
    out.push({ origin: `${path}:${name}`, text: strFromU8(entries[name] as Uint8Array) });
  }
}
