/**
 * Replaces a function with a wrapper that keeps what callers may rely on: name, length, own properties such as
 * `fs.realpath.native` or `util.promisify.custom`, and the prototype. A wrapper is never wrapped twice.
 */
const kOriginal = Symbol.for('rampart.rasp.original');

// biome-ignore lint/suspicious/noExplicitAny: wrappers forward arbitrary host functions.
export type AnyFunction = (this: any, ...args: any[]) => any;

export function isWrapped(fn: unknown): boolean {
  return typeof fn === 'function' && kOriginal in fn;
}

export function wrapFunction<F extends AnyFunction>(original: F, wrapper: F): F {
  for (const key of Reflect.ownKeys(original)) {
    if (key === 'length' || key === 'name' || key === 'prototype' || key === 'arguments' || key === 'caller') continue;
    const d = Object.getOwnPropertyDescriptor(original, key);
    if (d !== undefined) Object.defineProperty(wrapper, key, d);
  }
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  if (original.prototype !== undefined) wrapper.prototype = original.prototype;
  Object.defineProperty(wrapper, kOriginal, { value: original, enumerable: false });
  return wrapper;
}

/** Wraps `obj[name]` in place; `make` receives the original. Returns false when absent or already wrapped. */
export function wrapMethod(
  obj: object | undefined,
  name: string,
  make: (original: AnyFunction) => AnyFunction,
): boolean {
  if (obj === undefined || obj === null) return false;
  const target = obj as Record<string, unknown>;
  const original = target[name];
  if (typeof original !== 'function' || isWrapped(original)) return false;
  const wrapped = wrapFunction(original as AnyFunction, make(original as AnyFunction));
  const d = Object.getOwnPropertyDescriptor(obj, name);
  if (d !== undefined && !d.writable && !d.set && d.configurable) {
    Object.defineProperty(obj, name, { ...d, value: wrapped });
  } else target[name] = wrapped;
  return true;
}
