/**
 * The condition language of Sigma detections: identifiers, `and`, `or`, `not`, parentheses, and the quantifiers
 * `1 of x*`, `all of x*`, `1 of them`, `all of them` (and `N of` / `any of`). Precedence: not > and > or.
 */

export type ConditionNode =
  | { kind: 'id'; name: string }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'and' | 'or'; operands: ConditionNode[] }
  | { kind: 'of'; count: number | 'all'; pattern: string };

type Token = { t: 'lp' | 'rp' | 'and' | 'or' | 'not' | 'word'; text: string; at: number };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\()|(\))|([^\s()]+))/gy;
  let end = 0;
  let m: RegExpExecArray | null = re.exec(text);
  while (m !== null) {
    end = re.lastIndex;
    const at = m.index;
    if (m[1] !== undefined) out.push({ t: 'lp', text: '(', at });
    else if (m[2] !== undefined) out.push({ t: 'rp', text: ')', at });
    else {
      const w = m[3] as string;
      const lw = w.toLowerCase();
      if (w === '|') throw new Error(`aggregation expressions ('| count()') are replaced by correlation rules`);
      out.push({ t: lw === 'and' || lw === 'or' || lw === 'not' ? lw : 'word', text: w, at });
    }
    m = re.exec(text);
  }
  if (text.slice(end).trim() !== '') throw new Error(`cannot read condition at '${text.slice(end)}'`);
  return out;
}

export function parseCondition(text: string): ConditionNode {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const fail = (what: string): never => {
    const tok = tokens[i];
    throw new Error(
      `condition '${text}': ${what} at ${tok === undefined ? 'end' : `'${tok.text}' (column ${tok.at + 1})`}`,
    );
  };

  const parseOr = (): ConditionNode => {
    const operands = [parseAnd()];
    while (peek()?.t === 'or') {
      i++;
      operands.push(parseAnd());
    }
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'or', operands };
  };
  const parseAnd = (): ConditionNode => {
    const operands = [parseNot()];
    while (peek()?.t === 'and') {
      i++;
      operands.push(parseNot());
    }
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'and', operands };
  };
  const parseNot = (): ConditionNode => {
    if (peek()?.t === 'not') {
      i++;
      return { kind: 'not', operand: parseNot() };
    }
    return parseAtom();
  };
  const parseAtom = (): ConditionNode => {
    const tok = peek();
    if (tok === undefined) return fail('expected an identifier');
    if (tok.t === 'lp') {
      i++;
      const inner = parseOr();
      if (peek()?.t !== 'rp') fail("expected ')'");
      i++;
      return inner;
    }
    if (tok.t !== 'word') return fail('expected an identifier');
    i++;
    const next = peek();
    if (next?.t === 'word' && next.text.toLowerCase() === 'of') {
      i++;
      const target = peek();
      if (target?.t !== 'word') return fail("expected a pattern or 'them' after 'of'");
      i++;
      const q = tok.text.toLowerCase();
      const count = q === 'all' ? 'all' : q === 'any' ? 1 : Number(q);
      if (count !== 'all' && (!Number.isInteger(count) || count < 1)) fail(`'${tok.text} of' is not a quantifier`);
      return { kind: 'of', count, pattern: target.text };
    }
    return { kind: 'id', name: tok.text };
  };

  const node = parseOr();
  if (i < tokens.length) fail('unexpected token');
  return node;
}
