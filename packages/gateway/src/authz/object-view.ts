/**
 * Lets CEL read the request facts and the identity in place. @bufbuild/cel accepts plain objects, but converts one
 * into a fresh Map (after a chain of protobuf type checks) every time an expression touches it; this view answers
 * lookups straight from the object, so a rule costs what it reads, and nothing is copied per request.
 */
import { type CelInput, type CelMap, type CelUint, celMap } from '@bufbuild/cel';

/** The keys a CEL map may have (what `celMap` accepts); a view only ever holds strings. */
type Key = string | bigint | boolean | CelUint;
type Plain = Record<string, unknown>;

const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * A CEL map over `obj`'s own enumerable keys (what `Object.entries` would copy). A key whose value is `undefined`
 * (an unset optional field) is absent to lookups and `has()`, yet counted by `size()` and key iteration, as before.
 */
export function objectView(obj: object): CelMap {
  return celMap(new ObjectView(obj as Plain));
}

/** Nested plain objects get a view too; everything else (strings, numbers as double, arrays) @bufbuild/cel reads. */
function view(v: unknown): CelInput {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) return objectView(v);
  }
  return v as CelInput;
}

class ObjectView implements ReadonlyMap<Key, CelInput> {
  constructor(private readonly obj: Plain) {}

  get size(): number {
    return Object.keys(this.obj).length;
  }

  get(key: Key): CelInput | undefined {
    if (typeof key !== 'string' || !isEnumerable.call(this.obj, key)) return undefined;
    const v = this.obj[key];
    return v === undefined ? undefined : view(v);
  }

  has(key: Key): boolean {
    return this.get(key) !== undefined;
  }

  *keys(): MapIterator<Key> {
    yield* Object.keys(this.obj);
  }

  *values(): MapIterator<CelInput> {
    for (const k of Object.keys(this.obj)) yield view(this.obj[k]);
  }

  *entries(): MapIterator<[Key, CelInput]> {
    for (const k of Object.keys(this.obj)) yield [k, view(this.obj[k])];
  }

  [Symbol.iterator](): MapIterator<[Key, CelInput]> {
    return this.entries();
  }

  forEach(cb: (value: CelInput, key: Key, map: ReadonlyMap<Key, CelInput>) => void, thisArg?: unknown): void {
    for (const k of Object.keys(this.obj)) cb.call(thisArg, view(this.obj[k]), k, this);
  }
}
