/**
 * SSRF decisions shared by the http/https, fetch and undici hooks. A chain of outbound hops that began with a
 * user-chosen host is marked in its own AsyncLocalStorage, so that redirects it follows (new hops made from its response
 * callbacks or inside fetch's redirect loop) are judged as user-chosen too.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import { activeAgent, type Agent } from '../agent/agent.js';
import type { Attack } from '../agent/attack.js';
import { currentContext, type RequestContext } from '../context/request-context.js';
import type { InputString } from '../context/user-input.js';
import { isPrivateAddress, isPrivateHostname } from '../vulnerabilities/ssrf/private-address.js';
import { userInputNamingHost } from '../vulnerabilities/ssrf/user-host.js';

export interface OutboundChain {
  ctx: RequestContext;
  agent: Agent;
  input: InputString;
}

export const outboundStorage = new AsyncLocalStorage<OutboundChain>();

/** The chain this hop belongs to when its host is user-chosen (or a hop of such a chain), else undefined. */
export function userChosenHost(sink: string, hostname: string): OutboundChain | undefined {
  const chain = outboundStorage.getStore();
  if (chain !== undefined) return chain;
  const ctx = currentContext();
  if (ctx === undefined) return undefined;
  const agent = activeAgent();
  if (agent === undefined) return undefined;
  const input = agent.inspect('outbound', sink, () => userInputNamingHost(hostname, ctx.input().strings));
  return input === undefined ? undefined : { ctx, agent, input };
}

function attack(chain: OutboundChain, sink: string, url: string, address: string): Attack {
  return {
    kind: 'ssrf',
    family: 'outbound',
    sink,
    source: chain.input.source,
    path: chain.input.path,
    payload: chain.input.value,
    operation: url,
    reason: `user-chosen host reaches private address ${address}`,
  };
}

/** Judges a host that needs no DNS (IP literal, localhost, metadata names); throws RaspBlockedError in block mode. */
export function checkLiteralHost(chain: OutboundChain, sink: string, url: string, hostname: string): void {
  if (isPrivateHostname(hostname)) chain.agent.handle(attack(chain, sink, url, hostname), chain.ctx);
}

/** Judges resolved addresses; returns the error to fail the connection with (block mode), or undefined. */
export function checkResolved(
  chain: OutboundChain,
  sink: string,
  url: string,
  addresses: readonly string[],
): Error | undefined {
  const bad = addresses.find((a) => isPrivateAddress(a));
  if (bad === undefined) return undefined;
  try {
    chain.agent.handle(attack(chain, sink, url, bad), chain.ctx);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

export function needsLookup(hostname: string): boolean {
  return isIP(hostname.replace(/^\[|\]$/g, '')) === 0 && !isPrivateHostname(hostname);
}

/** Resolves like the connection will (all addresses), for fetch's pre-flight check; DNS failures are left to the host call. */
export function resolveAll(hostname: string): Promise<string[]> {
  return new Promise((resolve) => {
    dnsLookup(hostname, { all: true }, (err, addresses: LookupAddress[]) => {
      resolve(err ? [] : addresses.map((a) => a.address));
    });
  });
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;
type LookupFunction = (hostname: string, options: object, callback: LookupCallback) => void;

/** A `lookup` for net.connect that checks the addresses before the socket connects to them. */
export function guardedLookup(
  chain: OutboundChain,
  sink: string,
  url: string,
  inner: LookupFunction | undefined,
): LookupFunction {
  const base = inner ?? (dnsLookup as unknown as LookupFunction);
  return (hostname, options, callback) => {
    base(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const list = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const blocked = checkResolved(chain, sink, url, list);
      if (blocked !== undefined) return callback(blocked, address, family);
      callback(null, address, family);
    });
  };
}
