/**
 * Outbound node:http / node:https requests (and every client built on them: axios, got, follow-redirects, needle).
 * A user-chosen host that is a private literal is refused at once; a name gets a guarded `lookup` so the addresses DNS
 * returns are checked before the socket connects; hops made while handling the response inherit the chain (redirects).
 */
import http from 'node:http';
import https from 'node:https';
import { checkLiteralHost, guardedLookup, needsLookup, outboundStorage, userChosenHost } from './outbound.js';
import { type AnyFunction, wrapMethod } from './wrap.js';

interface Target {
  hostname: string;
  url: string;
}

function targetOf(args: unknown[], protocol: string): Target | undefined {
  const first = args[0];
  if (typeof first === 'string' || first instanceof URL) {
    const u = typeof first === 'string' ? new URL(first) : first;
    return { hostname: u.hostname, url: u.href };
  }
  if (first !== null && typeof first === 'object') {
    const o = first as { hostname?: string; host?: string; port?: number | string; path?: string };
    const raw = o.hostname ?? o.host ?? 'localhost';
    const hostname = normalizeHost(raw);
    return { hostname, url: `${protocol}//${raw}${o.port === undefined ? '' : `:${o.port}`}${o.path ?? '/'}` };
  }
  return undefined;
}

/** Canonical host as the URL parser sees it (`2130706433` → `127.0.0.1`), falling back to the raw name. */
function normalizeHost(raw: string): string {
  try {
    return new URL(`http://${raw.includes(':') && !raw.startsWith('[') ? `[${raw}]` : raw}`).hostname;
  } catch {
    return raw;
  }
}

function withLookup(args: unknown[], lookup: unknown): unknown[] {
  const out = [...args];
  const first = out[0];
  if (typeof first === 'string' || first instanceof URL) {
    const second = out[1];
    if (second !== null && typeof second === 'object') out[1] = { ...(second as object), lookup };
    else out.splice(1, 0, { lookup });
  } else if (first !== null && typeof first === 'object') {
    out[0] = { ...(first as object), lookup };
  }
  return out;
}

function makeWrapper(original: AnyFunction, sink: string, protocol: string): AnyFunction {
  return function raspRequest(this: unknown, ...args: unknown[]) {
    let target: Target | undefined;
    try {
      target = targetOf(args, protocol);
    } catch {
      target = undefined; // an invalid URL: the host call will report it
    }
    if (target === undefined) return original.apply(this, args);
    const chain = userChosenHost(sink, target.hostname);
    if (chain === undefined) return original.apply(this, args);
    checkLiteralHost(chain, sink, target.url, target.hostname);
    let callArgs = args;
    if (needsLookup(target.hostname)) {
      const opts = (typeof args[0] === 'object' && !(args[0] instanceof URL) ? args[0] : args[1]) as
        | { lookup?: Parameters<typeof guardedLookup>[3] }
        | undefined;
      const inner = typeof opts === 'object' && opts !== null ? opts.lookup : undefined;
      callArgs = withLookup(args, guardedLookup(chain, sink, target.url, inner));
    }
    return outboundStorage.run(chain, () => original.apply(this, callArgs));
  };
}

export function hookHttpClient(): void {
  wrapMethod(http, 'request', (o) => makeWrapper(o, 'http.request', 'http:'));
  wrapMethod(http, 'get', (o) => makeWrapper(o, 'http.get', 'http:'));
  wrapMethod(https, 'request', (o) => makeWrapper(o, 'https.request', 'https:'));
  wrapMethod(https, 'get', (o) => makeWrapper(o, 'https.get', 'https:'));
}
