/**
 * The bodies of `POST /api/v1/events`: a JSON array, a single JSON document (a CloudTrail `{"Records": [...]}` file,
 * one event), or NDJSON (what core's HttpSink sends). A line that is not JSON is an error naming its line number: the
 * whole batch is refused, so a sender never believes half a batch was taken.
 */
import { RampartError } from '@rampart/core';
import { normalizeJson, splitJsonDocument } from '../normalize/normalize.js';
import type { Normalized } from '../normalize/types.js';

export function parseEventBatch(text: string, contentType: string | undefined, receivedMs: number): Normalized[] {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const trimmed = text.trimStart();
  const ndjson =
    type === 'application/x-ndjson' ||
    type === 'application/jsonl' ||
    (type !== 'application/json' && !trimmed.startsWith('['));
  if (!ndjson || trimmed.startsWith('[')) {
    try {
      const value = JSON.parse(text) as unknown;
      return splitJsonDocument(value, text).map((r) => normalizeJson({ ...r, receivedMs }));
    } catch (e) {
      if (type === 'application/json' || trimmed.startsWith('[')) {
        throw new RampartError('INPUT_INVALID', `the body is not valid JSON: ${(e as Error).message}`, {
          field: 'body',
        });
      }
    }
  }
  const out: Normalized[] = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const l = raw.trim();
    if (l === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(l);
    } catch (e) {
      throw new RampartError('INPUT_INVALID', `line ${line} is not valid JSON: ${(e as Error).message}`, {
        line,
        field: 'body',
      });
    }
    for (const r of splitJsonDocument(value, l)) out.push(normalizeJson({ ...r, receivedMs }));
  }
  return out;
}
