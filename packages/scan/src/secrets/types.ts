/** What a secret scan takes and gives back. */
import type { Finding } from '@rampart/core';
import type { SecretRule } from '@rampart/core/secrets';

export interface SecretAllowlist {
  /** Globs (picomatch, relative `/`-separated paths) of files never scanned. */
  paths?: string[];
  /** Regexes: a secret matching any is dropped. */
  regexes?: string[];
  /** Words: a secret containing any (case-insensitive) is dropped. */
  stopwords?: string[];
  /** Rule IDs that are switched off. */
  rules?: string[];
}

export interface SecretScanOptions {
  /** The rules to run (default: core's SECRET_RULES). */
  rules?: readonly SecretRule[];
  allowlist?: SecretAllowlist;
  /** Bytes of a file that are scanned; the rest of a larger file is not read and the file is reported as capped. */
  maxFileBytes?: number;
  /** Read `.rampartignore` at the root (default true). */
  useIgnoreFile?: boolean;
  /** What `Finding.target` says (default: the path given). */
  target?: string;
}

export interface SkippedFile {
  path: string;
  reason: 'binary' | 'ignored' | 'allowlisted' | 'symlink' | 'unreadable' | 'capped';
  detail?: string;
}

export interface SecretScanResult {
  findings: Finding[];
  stats: { files: number; bytes: number; skipped: number };
  /** Files not (or not fully) scanned and why; `unreadable` ones make the result partial. */
  skipped: SkippedFile[];
  partial: boolean;
}
