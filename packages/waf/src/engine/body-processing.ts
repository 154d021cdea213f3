/**
 * Between phase 1 and 2: the request body is parsed by the processor chosen by Content-Type (URLENCODED, MULTIPART)
 * or by `ctl:requestBodyProcessor` (JSON, XML), as ModSecurity does; errors set REQBODY_ERROR.
 */
import type { ParsedBody } from '../bodies/body.js';
import { parseJsonBody } from '../bodies/json.js';
import { parseMultipart } from '../bodies/multipart.js';
import { emptyBody } from '../bodies/body.js';
import { parseUrlEncoded } from '../bodies/urlencoded.js';
import { parseXmlBody } from '../bodies/xml.js';
import { argsCombinedSize, fillBody } from '../variables/request-variables.js';
import type { Transaction } from './transaction.js';

/** Phase 1 default: the processor named by the Content-Type (before rules may change it). */
export function defaultBodyProcessor(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const ct = contentType.toLowerCase();
  if (ct.startsWith('application/x-www-form-urlencoded')) return 'URLENCODED';
  if (ct.startsWith('multipart/form-data')) return 'MULTIPART';
  return undefined;
}

export function processRequestBody(t: Transaction, raw: string): void {
  let parsed: ParsedBody | undefined;
  if (t.plan.settings.requestBodyAccess && raw.length > 0) {
    const contentType = t.vars.singles.get('REQUEST_CONTENT_TYPE') ?? '';
    switch (t.requestBodyProcessor) {
      case 'URLENCODED':
        parsed = emptyBody();
        parseUrlEncoded(raw, parsed.args);
        break;
      case 'MULTIPART':
        parsed = parseMultipart(raw, contentType);
        break;
      case 'JSON':
        parsed = parseJsonBody(raw);
        break;
      case 'XML':
        parsed = parseXmlBody(raw);
        break;
      default:
        parsed = undefined;
    }
    if (raw.length > t.plan.settings.requestBodyLimit) {
      parsed ??= emptyBody();
      parsed.error ??= 'request body larger than SecRequestBodyLimit';
    }
  }
  // ModSecurity fills REQUEST_BODY for the URLENCODED processor, or when a rule forces it (CRS does for bodies no
  // processor handles); with the XML, JSON or multipart processors the parsed arguments are inspected instead.
  const exposeRaw = t.requestBodyProcessor === 'URLENCODED' || t.forceRequestBodyVariable;
  fillBody(t.vars, exposeRaw ? raw : '', parsed, raw.length);
  t.vars.singles.set('ARGS_COMBINED_SIZE', String(argsCombinedSize(t.vars)));
}
