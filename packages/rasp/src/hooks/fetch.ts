/**
 * fetch (Node's global, and the `undici` package's): the first hop's host is checked before the call (resolving names),
 * and the dispatcher the hops go through is wrapped so that redirects followed inside fetch are checked too.
 */
import { isIP } from 'node:net';
import { isRaspBlockedError } from '../agent/blocked-error.js';
import { currentContext } from '../context/request-context.js';
import {
  checkLiteralHost,
  checkResolved,
  needsLookup,
  outboundStorage,
  resolveAll,
  userChosenHost,
} from './outbound.js';
import { type AnyFunction, wrapFunction } from './wrap.js';

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
const kWrappedDispatch = Symbol.for('rampart.rasp.dispatch');

function urlOf(input: unknown): URL | undefined {
  try {
    if (typeof input === 'string') return new URL(input);
    if (input instanceof URL) return input;
    if (input !== null && typeof input === 'object' && typeof (input as { url?: unknown }).url === 'string') {
      return new URL((input as { url: string }).url);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The checking replacement of a fetch-shaped function (not yet carrying the original's properties). */
export function fetchWrapper(original: AnyFunction, sink: string): AnyFunction {
  return async function raspFetch(this: unknown, ...args: unknown[]) {
    if (currentContext() === undefined && outboundStorage.getStore() === undefined) return original.apply(this, args);
    const url = urlOf(args[0]);
    const chain = url === undefined ? undefined : userChosenHost(sink, url.hostname);
    if (url === undefined || chain === undefined) return original.apply(this, args);
    checkLiteralHost(chain, sink, url.href, url.hostname);
    if (needsLookup(url.hostname)) {
      const blocked = checkResolved(chain, sink, url.href, await resolveAll(url.hostname));
      if (blocked !== undefined) throw blocked;
    }
    wrapGlobalDispatcher();
    try {
      return await outboundStorage.run(chain, () => original.apply(this, args));
    } catch (e) {
      // A redirect hop refused by the dispatcher surfaces as fetch's TypeError with our error as cause: rethrow ours,
      // so frameworks answer 403 as for the first hop.
      const cause = (e as { cause?: unknown } | null)?.cause;
      throw isRaspBlockedError(cause) ? cause : e;
    }
  };
}

interface DispatchHandler {
  onError?: (err: Error) => void;
  onResponseError?: (controller: unknown, err: Error) => void;
}

/** Wraps the dispatcher fetch uses by default (shared by Node's bundled undici and the npm package) once. */
export function wrapGlobalDispatcher(): void {
  const dispatcher = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] as
    | { dispatch: AnyFunction; [kWrappedDispatch]?: true }
    | undefined;
  if (dispatcher === undefined || dispatcher[kWrappedDispatch] === true) return;
  const original = dispatcher.dispatch;
  Object.defineProperty(dispatcher, kWrappedDispatch, { value: true });
  dispatcher.dispatch = function raspDispatch(
    this: unknown,
    opts: { origin?: string | URL },
    handler: DispatchHandler,
  ) {
    const chain = outboundStorage.getStore();
    if (chain === undefined || opts.origin === undefined) return original.call(this, opts, handler);
    let origin: URL;
    try {
      origin = new URL(String(opts.origin));
    } catch {
      return original.call(this, opts, handler); // not ours to judge: undici reports the bad origin itself
    }
    const host = origin.hostname;
    const fail = (err: Error): boolean => {
      if (typeof handler.onError === 'function') handler.onError(err);
      else handler.onResponseError?.(null, err);
      return true;
    };
    const sink = 'fetch.redirect';
    if (!needsLookup(host)) {
      const hostIp = host.replace(/^\[|\]$/g, '');
      const blocked = checkResolved(chain, sink, origin.href, [isIP(hostIp) ? hostIp : '127.0.0.1']);
      return blocked === undefined ? original.call(this, opts, handler) : fail(blocked);
    }
    resolveAll(host).then(
      (addresses) => {
        const blocked = checkResolved(chain, sink, origin.href, addresses);
        if (blocked === undefined) original.call(this, opts, handler);
        else fail(blocked);
      },
      () => original.call(this, opts, handler),
    );
    return true;
  };
}

export function hookGlobalFetch(): void {
  const g = globalThis as { fetch?: AnyFunction };
  if (typeof g.fetch !== 'function') return;
  g.fetch = wrapFunction(g.fetch, fetchWrapper(g.fetch, 'fetch'));
  // Touching fetch made Node load its undici and install the global dispatcher; wrap it now and again on each call.
  wrapGlobalDispatcher();
}
