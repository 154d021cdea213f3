/**
 * Compiles a rule's detection (search identifiers + condition) into one test. Identifiers are compiled once; `x*`
 * quantifier patterns are resolved at compile time; `them` leaves out identifiers starting with `_`.
 */
import { andKeys, type Compiled, costOf, type KeyHints, NO_KEYS, orKeys, type Test } from './compiled.js';
import { type ConditionNode, parseCondition } from './condition.js';
import { compileFieldItem, type ItemContext } from './field-item.js';
import { everyTest, someTest } from './test-combinators.js';

export function compileDetection(
  detection: Record<string, unknown>,
  conditions: readonly string[],
  ctx: ItemContext,
): Compiled {
  const identifiers = new Map<string, Compiled>();
  for (const [name, body] of Object.entries(detection)) identifiers.set(name, compileIdentifier(name, body, ctx));
  const compiled = conditions.map((c) => compileNode(parseCondition(c), identifiers));
  return or(compiled);
}

function compileIdentifier(name: string, body: unknown, ctx: ItemContext): Compiled {
  try {
    if (Array.isArray(body)) {
      if (body.length > 0 && body.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) {
        return or(body.map((m) => compileMap(m as Record<string, unknown>, ctx)));
      }
      return compileFieldItem('', body, ctx);
    }
    if (body !== null && typeof body === 'object') return compileMap(body as Record<string, unknown>, ctx);
    return compileFieldItem('', body, ctx);
  } catch (e) {
    throw new Error(`detection.${name}: ${(e as Error).message}`);
  }
}

function compileMap(map: Record<string, unknown>, ctx: ItemContext): Compiled {
  const items = Object.entries(map).map(([key, value]) => compileFieldItem(key, value, ctx));
  if (items.length === 0) throw new Error('an empty map matches nothing');
  return and(items);
}

function compileNode(node: ConditionNode, ids: ReadonlyMap<string, Compiled>): Compiled {
  switch (node.kind) {
    case 'id': {
      const c = ids.get(node.name);
      if (c === undefined) throw new Error(`condition names '${node.name}', which the detection does not define`);
      return c;
    }
    case 'not': {
      const operand = compileNode(node.operand, ids);
      const inner = operand.test;
      return { test: (v) => !inner(v), keys: NO_KEYS, cost: costOf(operand) };
    }
    case 'and':
      return and(node.operands.map((n) => compileNode(n, ids)));
    case 'or':
      return or(node.operands.map((n) => compileNode(n, ids)));
    case 'of': {
      const matching = [...ids.entries()].filter(([name]) =>
        node.pattern === 'them' ? !name.startsWith('_') : globMatch(node.pattern, name),
      );
      if (matching.length === 0) throw new Error(`'${node.pattern}' matches no search identifier`);
      const parts = matching.map(([, c]) => c);
      if (node.count === 'all') return and(parts);
      if (node.count === 1) return or(parts);
      const n = node.count;
      const tests = parts.map((p) => p.test);
      return {
        test: (v) => {
          let hits = 0;
          for (const t of tests) if (t(v) && ++hits >= n) return true;
          return false;
        },
        keys: NO_KEYS,
        cost: totalCost(parts),
      };
    }
  }
}

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
}

/** The parts' tests, cheapest first: tests have no side effects, so the order changes only how soon AND/OR decide. */
function cheapestFirst(parts: readonly Compiled[]): Test[] {
  return [...parts].sort((a, b) => costOf(a) - costOf(b)).map((p) => p.test);
}

function totalCost(parts: readonly Compiled[]): number {
  let n = 0;
  for (const p of parts) n += costOf(p);
  return n;
}

export function and(parts: readonly Compiled[]): Compiled {
  if (parts.length === 1) return parts[0] as Compiled;
  const test = everyTest(cheapestFirst(parts));
  const cost = totalCost(parts);
  const keys = andKeys(parts.map((p) => p.keys));
  // Every part is necessary, so any part's disjunction is too: keep the one with the fewest branches.
  let anyOf: readonly KeyHints[] | undefined;
  for (const p of parts)
    if (p.anyOf !== undefined && (anyOf === undefined || p.anyOf.length < anyOf.length)) anyOf = p.anyOf;
  return anyOf === undefined ? { test, keys, cost } : { test, keys, anyOf, cost };
}

export function or(parts: readonly Compiled[]): Compiled {
  if (parts.length === 1) return parts[0] as Compiled;
  const test = someTest(cheapestFirst(parts));
  const cost = totalCost(parts);
  const keys = orKeys(parts.map((p) => p.keys));
  const branches: KeyHints[] = [];
  for (const p of parts) {
    if (p.keys.size > 0) branches.push(p.keys);
    else if (p.anyOf !== undefined) branches.push(...p.anyOf);
    else return { test, keys, cost };
  }
  return { test, keys, anyOf: branches, cost };
}
