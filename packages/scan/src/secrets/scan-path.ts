/**
 * `rampart scan secrets PATH`: every text file under PATH (or PATH itself) through the secret rules. Binaries are skipped,
 * files over the cap are scanned up to the cap and listed, unreadable files make the result partial, never an exception.
 */
import { open, stat } from 'node:fs/promises';
import { compareFindings, type Finding, RampartError } from '@rampart/core';
import { compileAllowlist } from './allow.js';
import { hasBinaryExtension, looksBinary } from './binary.js';
import { scanText } from './scan-text.js';
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
    throw new RampartError('INPUT_NOT_FOUND', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file: path,
    });
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
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++] as WalkedFile;
      const text = await readText(f, maxBytes, skipped);
      if (text === undefined) continue;
      scanned++;
      bytes += text.length;
      findings.push(...scanText(text, options.rules, allow, target, { path: f.rel }));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  findings.sort(compareFindings);
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    findings,
    stats: { files: scanned, bytes, skipped: skipped.length },
    skipped,
    partial: skipped.some((s) => s.reason === 'unreadable'),
  };
}

/** The file's text up to the cap, or undefined (skipped and listed) when it is binary or unreadable. */
async function readText(f: WalkedFile, maxBytes: number, skipped: SkippedFile[]): Promise<string | undefined> {
  if (hasBinaryExtension(f.rel)) {
    skipped.push({ path: f.rel, reason: 'binary' });
    return undefined;
  }
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(f.abs, 'r');
    const size = (await handle.stat()).size;
    const buf = Buffer.allocUnsafe(Math.min(size, maxBytes));
    let read = 0;
    while (read < buf.length) {
      const { bytesRead } = await handle.read(buf, read, buf.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    const data = buf.subarray(0, read);
    if (looksBinary(data)) {
      skipped.push({ path: f.rel, reason: 'binary' });
      return undefined;
    }
    if (size > maxBytes) skipped.push({ path: f.rel, reason: 'capped', detail: `only the first ${maxBytes} of ${size} bytes were scanned` });
    return data.toString('utf8');
  } catch (e) {
    skipped.push({ path: f.rel, reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    return undefined;
  } finally {
    await handle?.close();
  }
}

