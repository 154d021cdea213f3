/**
 * A SQL tokenizer in the libinjection manner: one letter per token, so an input becomes a short fingerprint such
 * as `s&sos` (string, logic, string, operator, string). Token letters:
 *   s string, n number, 1 bareword, v variable, k keyword, E statement start, U union, f function, B clause
 *   (group/order by, having, limit), & logic (and/or/xor/&&/||), o operator, ( ) , ; c comment.
 * Written for Rampart from the published description of libinjection's approach (tokenize, fold, fingerprint).
 */
export interface SqlToken {
  type: string;
  text: string;
}

const STATEMENTS = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'drop',
  'create',
  'alter',
  'truncate',
  'exec',
  'execute',
  'declare',
  'waitfor',
  'shutdown',
  'grant',
  'revoke',
  'replace',
  'merge',
  'call',
  'handler',
  'load_file',
  'rename',
]);
const LOGIC = new Set(['and', 'or', 'xor', 'not', 'div', 'mod', 'like', 'rlike', 'regexp', 'sounds', 'is', 'in']);
const LOGIC_STRONG = new Set(['and', 'or', 'xor']);
const CLAUSES = new Set(['group', 'order', 'having', 'limit', 'procedure', 'offset']);
const KEYWORDS = new Set([
  'from',
  'where',
  'into',
  'values',
  'set',
  'table',
  'database',
  'as',
  'by',
  'all',
  'distinct',
  'null',
  'case',
  'when',
  'then',
  'else',
  'end',
  'join',
  'inner',
  'outer',
  'left',
  'right',
  'on',
  'delay',
  'top',
  'between',
  'exists',
  'escape',
  'outfile',
  'dumpfile',
  'information_schema',
  'true',
  'false',
  'collate',
  'asc',
  'desc',
]);
/** SQL functions whose call alone is an attack signal (time-based and out-of-band probes). */
export const DANGEROUS_FUNCTIONS = new Set([
  'sleep',
  'benchmark',
  'pg_sleep',
  'waitfor',
  'extractvalue',
  'updatexml',
  'xmltype',
  'load_file',
  'dbms_pipe',
  'utl_http',
  'utl_inaddr',
  'char',
  'chr',
  'concat',
  'concat_ws',
  'version',
  'user',
  'database',
  'ascii',
  'substring',
  'substr',
  'mid',
  'if',
  'ifnull',
  'count',
  'cast',
  'convert',
  'hex',
  'unhex',
  'md5',
  'group_concat',
  'randomblob',
  'sys_eval',
  'xp_cmdshell',
  'current_user',
  'system_user',
  'session_user',
  'name_const',
  'exp',
  'floor',
  'rand',
  'make_set',
  'elt',
  'json_keys',
  'gtid_subset',
  'polygon',
  'multipoint',
  'geometrycollection',
  'linestring',
]);

// Sticky regexes read a token where the tokenizer stands, without slicing the input.
const NUMBER = /0x[0-9a-fA-F]+|0b[01]+|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/y;
const VARIABLE = /@@?[\w.$]*/y;
const WORD = /[\w$\x80-\xff.]+/y;
const WORD_START = /[A-Za-z_$\x80-\xff]/;
const OPERATOR = /<=>|<>|!=|<=|>=|:=|<<|>>|[=<>+\-*/%^|&~!:]/y;

function at(re: RegExp, s: string, i: number): string {
  re.lastIndex = i;
  const m = re.exec(s);
  return m === null ? '' : m[0];
}

export function tokenizeSql(s: string, quoteContext: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  const n = s.length;
  if (quoteContext !== '') {
    const end = s.indexOf(quoteContext);
    out.push({ type: 's', text: end < 0 ? s : s.slice(0, end) });
    if (end < 0) return out;
    i = end + 1;
  }
  while (i < n && out.length < 16) {
    const c = s[i] as string;
    const code = s.charCodeAt(i);
    if (code <= 32 || code === 0xa0) {
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < n && !(s[j] === c && s[j + 1] !== c)) j += s[j] === c ? 2 : s[j] === '\\' ? 2 : 1;
      out.push({ type: c === '`' ? '1' : 's', text: s.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if ((c === '-' && s[i + 1] === '-') || c === '#') {
      out.push({ type: 'c', text: s.slice(i) });
      break;
    }
    if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      // MySQL executable comments /*! ... */ are code, not comments.
      if (s[i + 2] === '!') {
        i += 3;
        while (i < n && /[0-9]/.test(s[i] as string)) i++;
        continue;
      }
      out.push({ type: 'c', text: s.slice(i, end < 0 ? n : end + 2) });
      i = end < 0 ? n : end + 2;
      continue;
    }
    if ((code >= 48 && code <= 57) || (c === '.' && /[0-9]/.test(s[i + 1] ?? ''))) {
      const m = at(NUMBER, s, i);
      out.push({ type: 'n', text: m });
      i += Math.max(1, m.length);
      continue;
    }
    if (c === '@') {
      const m = at(VARIABLE, s, i);
      out.push({ type: 'v', text: m });
      i += m.length;
      continue;
    }
    if (WORD_START.test(c)) {
      const m = at(WORD, s, i);
      const word = m.toLowerCase();
      i += m.length;
      let k = i;
      while (k < n && (s.charCodeAt(k) <= 32 || s[k] === '/')) {
        if (s[k] === '/' && s[k + 1] === '*') k = s.indexOf('*/', k) < 0 ? n : s.indexOf('*/', k) + 2;
        else if (s[k] === '/') break;
        else k++;
      }
      const call = s[k] === '(';
      out.push({ type: classifyWord(word, call), text: word });
      continue;
    }
    if ('(),;'.includes(c)) {
      out.push({ type: c, text: c });
      i++;
      continue;
    }
    if (c === '&' && s[i + 1] === '&') {
      out.push({ type: '&', text: '&&' });
      i += 2;
      continue;
    }
    if (c === '|' && s[i + 1] === '|') {
      out.push({ type: 'o', text: '||' });
      i += 2;
      continue;
    }
    const op = at(OPERATOR, s, i);
    if (op !== '') {
      out.push({ type: 'o', text: op });
      i += op.length;
      continue;
    }
    out.push({ type: '?', text: c });
    i++;
  }
  return out;
}

function classifyWord(w: string, call: boolean): string {
  if (w === 'union') return 'U';
  if (STATEMENTS.has(w)) return call && !['select'].includes(w) ? 'f' : 'E';
  if (LOGIC_STRONG.has(w)) return '&';
  if (LOGIC.has(w)) return 'o';
  if (CLAUSES.has(w)) return 'B';
  if (call) return 'f';
  if (KEYWORDS.has(w)) return 'k';
  return '1';
}
