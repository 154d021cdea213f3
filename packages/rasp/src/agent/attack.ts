/** What a detector reports: the kind of attack, where, and which user input caused it. */
import type { InputSource } from '../context/user-input.js';

export type AttackKind =
  | 'sql_injection'
  | 'nosql_injection'
  | 'shell_injection'
  | 'path_traversal'
  | 'ssrf'
  | 'code_injection'
  | 'prototype_pollution';

/** The sink families, the unit of per-sink allowlists. */
export type SinkFamily = 'sql' | 'nosql' | 'shell' | 'fs' | 'outbound' | 'code' | 'input';

export interface Attack {
  kind: AttackKind;
  family: SinkFamily;
  /** The hooked function, e.g. `pg.query`, `child_process.exec`, `fs.readFile`. */
  sink: string;
  /** Where the input came from and under which key (`query.id`, `body.user.name`). */
  source: InputSource;
  path: string;
  /** The user input that reached the sink. */
  payload: string;
  /** The operation the sink was about to run (query text, command, path, URL), for the event (masked). */
  operation: string;
  /** A short reason from the detector: `string literal escaped`, `leaves base directory`, ... */
  reason: string;
}
