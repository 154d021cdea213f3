/**
 * `rampart scan secrets PATH`: every text file under PATH (or PATH itself) through the secret rules. Binaries are skipped,
 * files over the cap are scanned up to the cap and listed, unreadable files make the result partial, never an exception.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { compareFindings, type Finding, RampartError } from '@rampart/core';
import { compileAllowlist } from './allow.js';
import { hasBinaryExtension, looksBinary } from './binary.js';
import { scanBytes } from './scan-text.js';
import type { SecretScanOptions, SecretScanResult, SkippedFile } from './types.js';
import { listFiles, loadIgnoreFile, type WalkedFile } from './walk.js';

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export async function scanSecretsPath(path: string, options: SecretScanOptions = {}): Promise<SecretScanResult> {
  const allow = compileAllowlist(options.allowlist);
  const skipped: SkippedFile[] = [];
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch (e) {
    throw new RampartError(
      'INPUT_NOT_FOUND',
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        file: path,
      },
    );
  }
  let files: WalkedFile[];
  if (st.isDirectory()) {
    const ig = options.useIgnoreFile === false ? undefined : await loadIgnoreFile(path);
    files = await listFiles(path, ig, allow, skipped);
  } else {
    files = [{ rel: path, abs: path }];
  }
  const target = options.target ?? path;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const findings: Finding[] = [];
  let bytes = 0;
  let scanned = 0;
  for (const f of files) {
    const data = readBytes(f, maxBytes, skipped);
    if (data === undefined) continue;
    scanned++;
    bytes += data.length;
    for (const finding of scanBytes(data, options.rules, allow, target, { path: f.rel })) findings.push(finding);
  }
  findings.sort(compareFindings);
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    findings,
    stats: { files: scanned, bytes, skipped: skipped.length },
    skipped,
    partial: skipped.some((s) => s.reason === 'unreadable'),
  };
}

/**
 * The file's bytes up to the cap, or undefined (skipped and listed) when it is binary or unreadable. Synchronous on
 * purpose: for thousands of small files the thread-pool round trips of promise I/O cost more than the scan itself.
 */
function readBytes(f: WalkedFile, maxBytes: number, skipped: SkippedFile[]): Uint8Array | undefined {
  if (hasBinaryExtension(f.rel)) {
    skipped.push({ path: f.rel, reason: 'binary' });
    return undefined;
  }
  let fd: number | undefined;
  try {
    fd = openSync(f.abs, 'r');
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(Math.min(size, maxBytes));
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const data = buf.subarray(0, read);
    if (looksBinary(data)) {
      skipped.push({ path: f.rel, reason: 'binary' });
      return undefined;
    }
    if (size > maxBytes) {
      skipped.push({
        path: f.rel,
        reason: 'capped',
        detail: `only the first ${maxBytes} of ${size} bytes were scanned`,
      });
    }
    return data;
  } catch (e) {
    skipped.push({
      path: f.rel,
      reason: 'unreadable',
      detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
    });
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
