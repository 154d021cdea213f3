/** The operator table: `@name` (lowercased) → factory. */
import { detectSQLi } from './detect-sqli.js';
import { detectXSS } from './detect-xss.js';
import { ipMatch, ipMatchFromFile } from './ip-match.js';
import { eq, ge, gt, le, lt } from './numeric.js';
import type { OperatorFactory } from './operator.js';
import { pm, pmFromFile } from './pm.js';
import { rx } from './rx.js';
import { beginsWith, contains, endsWith, streq, within } from './strings.js';
import { noMatch, unconditionalMatch } from './unconditional.js';
import { validateByteRange } from './validate-byte-range.js';
import { validateUrlEncoding } from './validate-url-encoding.js';
import { validateUtf8Encoding } from './validate-utf8-encoding.js';

export const OPERATORS: ReadonlyMap<string, OperatorFactory> = new Map<string, OperatorFactory>([
  ['rx', rx],
  ['pm', pm],
  ['pmf', pmFromFile],
  ['pmfromfile', pmFromFile],
  ['streq', streq],
  ['contains', contains],
  ['beginswith', beginsWith],
  ['endswith', endsWith],
  ['within', within],
  ['eq', eq],
  ['ge', ge],
  ['gt', gt],
  ['le', le],
  ['lt', lt],
  ['ipmatch', ipMatch],
  ['ipmatchfromfile', ipMatchFromFile],
  ['ipmatchf', ipMatchFromFile],
  ['validatebyterange', validateByteRange],
  ['validateurlencoding', validateUrlEncoding],
  ['validateutf8encoding', validateUtf8Encoding],
  ['detectsqli', detectSQLi],
  ['detectxss', detectXSS],
  ['unconditionalmatch', unconditionalMatch],
  ['nomatch', noMatch],
]);
