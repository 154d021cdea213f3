/**
 * The route table, compiled once per config: routes indexed by exact host, then wildcard hosts (`*.example.com`), then
 * routes for any host, each list in config order (first match wins, as in Envoy). A path that matches with another
 * method gives 405 with `Allow`, anything else 404: nothing is routed by default.
 */
import { compilePath, type PathMatcher, type PathParams } from './path-matcher.js';

export interface RouteLike {
  match: { hosts?: string[]; path: string; methods?: string[] };
}

export type RouteMatch<R> =
  | { kind: 'found'; route: R; params: PathParams }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface Entry<R> {
  route: R;
  path: PathMatcher;
  methods: ReadonlySet<string> | undefined;
}

const NOT_FOUND = { kind: 'not-found' } as const;

export class RouteTable<R extends RouteLike> {
  private readonly exact = new Map<string, Entry<R>[]>();
  private readonly wildcard: { suffix: string; entries: Entry<R>[] }[] = [];
  private readonly anyHost: Entry<R>[] = [];

  constructor(routes: readonly R[]) {
    for (const route of routes) {
      const entry: Entry<R> = {
        route,
        path: compilePath(route.match.path),
        methods: route.match.methods === undefined ? undefined : new Set(route.match.methods),
      };
      const hosts = route.match.hosts;
      if (hosts === undefined || hosts.length === 0 || hosts.includes('*')) {
        this.anyHost.push(entry);
        continue;
      }
      for (const raw of hosts) {
        const host = raw.toLowerCase();
        if (host.startsWith('*.')) {
          const suffix = host.slice(1);
          let w = this.wildcard.find((x) => x.suffix === suffix);
          if (w === undefined) {
            w = { suffix, entries: [] };
            this.wildcard.push(w);
          }
          w.entries.push(entry);
        } else {
          const list = this.exact.get(host) ?? [];
          list.push(entry);
          this.exact.set(host, list);
        }
      }
    }
  }

  /** `host` without port, lower case; `path` without query. */
  find(host: string, method: string, path: string): RouteMatch<R> {
    let allow: string[] | undefined;
    const lists: (Entry<R>[] | undefined)[] = [this.exact.get(host)];
    for (const w of this.wildcard) if (host.endsWith(w.suffix)) lists.push(w.entries);
    lists.push(this.anyHost);
    for (const list of lists) {
      if (list === undefined) continue;
      for (const e of list) {
        const params = e.path.match(path);
        if (params === undefined) continue;
        if (e.methods === undefined || e.methods.has(method)) return { kind: 'found', route: e.route, params };
        allow ??= [];
        for (const m of e.methods) if (!allow.includes(m)) allow.push(m);
      }
    }
    return allow === undefined ? NOT_FOUND : { kind: 'method-not-allowed', allow };
  }
}

/** `Host` header value → lower-case name without port (IPv6 brackets kept). */
export function hostName(hostHeader: string | undefined): string {
  if (hostHeader === undefined) return '';
  let h = hostHeader;
  if (h.charCodeAt(0) === 91) {
    const end = h.indexOf(']');
    h = end === -1 ? h : h.slice(0, end + 1);
  } else {
    const colon = h.indexOf(':');
    if (colon !== -1) h = h.slice(0, colon);
  }
  return h.toLowerCase();
}
