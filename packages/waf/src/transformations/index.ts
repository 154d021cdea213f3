/** The transformation table: every `t:` name (lowercased) to its function over byte strings. */
import { base64Decode, base64DecodeExt, base64Encode } from './base64.js';
import { cmdLine } from './cmd-line.js';
import { removeComments, removeCommentsChar, replaceComments } from './comments.js';
import { cssDecode } from './css-decode.js';
import { hexDecode, hexEncode, sqlHexDecode } from './hex.js';
import { htmlEntityDecode } from './html-entity-decode.js';
import { jsDecode } from './js-decode.js';
import { normalizePath, normalizePathWin } from './path.js';
import { escapeSeqDecode, length, lowercase, md5, sha1, uppercase, utf8toUnicode } from './text.js';
import { urlDecode, urlDecodeUni, urlEncode } from './url.js';
import {
  compressWhitespace,
  removeNulls,
  removeWhitespace,
  replaceNulls,
  trim,
  trimLeft,
  trimRight,
} from './whitespace.js';

export type Transformation = (input: string) => string;

export const TRANSFORMATIONS: ReadonlyMap<string, Transformation> = new Map<string, Transformation>([
  ['lowercase', lowercase],
  ['uppercase', uppercase],
  ['urldecode', urlDecode],
  ['urldecodeuni', urlDecodeUni],
  ['urlencode', urlEncode],
  ['htmlentitydecode', htmlEntityDecode],
  ['jsdecode', jsDecode],
  ['cssdecode', cssDecode],
  ['cmdline', cmdLine],
  ['compresswhitespace', compressWhitespace],
  ['removewhitespace', removeWhitespace],
  ['removenulls', removeNulls],
  ['replacenulls', replaceNulls],
  ['replacecomments', replaceComments],
  ['removecomments', removeComments],
  ['removecommentschar', removeCommentsChar],
  ['normalizepath', normalizePath],
  ['normalisepath', normalizePath],
  ['normalizepathwin', normalizePathWin],
  ['normalisepathwin', normalizePathWin],
  ['base64decode', base64Decode],
  ['base64decodeext', base64DecodeExt],
  ['base64encode', base64Encode],
  ['hexdecode', hexDecode],
  ['hexencode', hexEncode],
  ['sqlhexdecode', sqlHexDecode],
  ['utf8tounicode', utf8toUnicode],
  ['escapeseqdecode', escapeSeqDecode],
  ['length', length],
  ['sha1', sha1],
  ['md5', md5],
  ['trim', trim],
  ['trimleft', trimLeft],
  ['trimright', trimRight],
]);
