/**
 * `db update`: downloads OSV's per-ecosystem `all.zip` exports (where the network allows), with retries, then imports
 * them through the same all-or-nothing path as `db import`: nothing is written until every download has arrived and
 * unzipped, and the DB in use is swapped atomically. Offline, it fails with a clear network error and the DB intact.
 */
import { existsSync } from 'node:fs';
import { RampartError } from '@rampart/core';
import { importRecordTexts, type ImportResult } from './import.js';
import { type RecordText, readZip } from './sources.js';
import { dbStatus } from './status.js';

export const OSV_EXPORT_BASE = 'https://osv-vulnerabilities.storage.googleapis.com';

export const DEFAULT_ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Go',
  'Maven',
  'crates.io',
  'RubyGems',
  'NuGet',
  'Packagist',
  'Pub',
  'Hex',
  'Debian',
  'Ubuntu',
  'Alpine',
  'AlmaLinux',
  'Rocky Linux',
] as const;

export interface UpdateOptions {
  db: string;
  /** Ecosystems to download (default: those already in the DB, else DEFAULT_ECOSYSTEMS). */
  ecosystems?: readonly string[];
  baseUrl?: string;
  /** Attempts per download (default 3). */
  attempts?: number;
  /** First retry delay in ms, doubled each time (default 500). */
  retryDelayMs?: number;
  timeoutMs?: number;
  onProgress?: (ecosystem: string, received: number, total: number | undefined) => void;
  onRetry?: (ecosystem: string, attempt: number, error: string) => void;
}

export interface UpdateResult extends ImportResult {
  downloaded: Array<{ ecosystem: string; bytes: number }>;
}

export async function updateDb(options: UpdateOptions): Promise<UpdateResult> {
  const ecosystems = options.ecosystems?.length ? options.ecosystems : currentEcosystems(options.db);
  const base = (options.baseUrl ?? OSV_EXPORT_BASE).replace(/\/$/, '');
  const texts: RecordText[] = [];
  const downloaded: UpdateResult['downloaded'] = [];
  for (const ecosystem of ecosystems) {
    const url = `${base}/${encodeURIComponent(ecosystem)}/all.zip`;
    const bytes = await download(url, ecosystem, options);
    readZip(url, bytes, texts);
    downloaded.push({ ecosystem, bytes: bytes.length });
  }
  const result = importRecordTexts(texts, { db: options.db, sourceLabel: `${base} (${ecosystems.join(', ')})` });
  return { ...result, downloaded };
}

function currentEcosystems(db: string): readonly string[] {
  if (!existsSync(db)) return DEFAULT_ECOSYSTEMS;
  try {
    const names = Object.keys(dbStatus(db).ecosystems);
    return names.length > 0 ? names : DEFAULT_ECOSYSTEMS;
  } catch {
    return DEFAULT_ECOSYSTEMS;
  }
}

async function download(url: string, ecosystem: string, options: UpdateOptions): Promise<Uint8Array> {
  const attempts = Math.max(1, options.attempts ?? 3);
  let delay = options.retryDelayMs ?? 500;
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await fetchOnce(url, ecosystem, options);
    } catch (e) {
      lastError = (e as Error).message;
      // A missing export will not appear on retry.
      if (e instanceof RampartError && e.code === 'INPUT_NOT_FOUND') throw e;
      if (attempt < attempts) {
        options.onRetry?.(ecosystem, attempt, lastError);
        await new Promise((r) => setTimeout(r, delay));
        delay *= 2;
      }
    }
  }
  throw new RampartError(
    'NETWORK',
    `cannot download ${url} after ${attempts} attempts (${lastError}); the DB was not changed. Offline? Use "rampart db import" with a downloaded all.zip`,
  );
}

async function fetchOnce(url: string, ecosystem: string, options: UpdateOptions): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) });
  if (response.status === 404) {
    throw new RampartError('INPUT_NOT_FOUND', `OSV has no export for ecosystem "${ecosystem}" (${url}: 404)`);
  }
  if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || undefined;
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    received += chunk.length;
    options.onProgress?.(ecosystem, received, total);
  }
  if (total !== undefined && received !== total) throw new Error(`truncated download (${received} of ${total} bytes)`);
  return Buffer.concat(chunks);
}
