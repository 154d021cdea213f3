/**
 * NetworkPolicy coverage and reachability over everything scanned together, with the API's semantics: a pod is isolated
 * for ingress (egress) once any policy of that type selects it, and then only what some selecting policy's rules allow
 * gets through; a connection needs the source's egress and the destination's ingress to allow it.
 */
import { matches } from './selector.js';
import type { NetModel, NetPolicy, NetWorkload, Peer, PolicyRule } from './model.js';

export interface NamespaceCoverage {
  namespace: string;
  defaultDenyIngress: boolean;
  defaultDenyEgress: boolean;
  /** Workloads no ingress (egress) policy selects: anything may reach them (they may reach anything). */
  noIngressPolicy: string[];
  noEgressPolicy: string[];
}

/** A connection a policy allows (pairs between two workloads no policy isolates are not listed: all of them are open). */
export interface Reach {
  from: string;
  to: string;
  /** `*` for every port, else `TCP/8080`-style entries. */
  ports: string[];
}

export interface NetworkPolicyReport {
  namespaces: NamespaceCoverage[];
  reachability: Reach[];
  /** Set when the pair list hit its bound (very large scans): coverage is still complete. */
  truncated?: boolean;
}

const MAX_PAIRS_LISTED = 20_000;
const MAX_PAIRS_EVALUATED = 2_000_000;

const selects = (p: NetPolicy, w: NetWorkload) => p.namespace === w.namespace && matches(p.podSelector, w.labels);

function isDefaultDeny(p: NetPolicy, dir: 'ingress' | 'egress'): boolean {
  const rules = p[dir];
  const all = Object.keys(p.podSelector.matchLabels).length === 0 && p.podSelector.matchExpressions.length === 0;
  return all && rules !== undefined && rules.length === 0;
}

export function analyze(model: NetModel): NetworkPolicyReport {
  const namespaces = [...new Set(model.workloads.map((w) => w.namespace))].sort();
  const coverage = namespaces.map((ns) => {
    const policies = model.policies.filter((p) => p.namespace === ns);
    const inNs = model.workloads.filter((w) => w.namespace === ns);
    return {
      namespace: ns,
      defaultDenyIngress: policies.some((p) => isDefaultDeny(p, 'ingress')),
      defaultDenyEgress: policies.some((p) => isDefaultDeny(p, 'egress')),
      noIngressPolicy: inNs
        .filter((w) => !policies.some((p) => p.ingress !== undefined && selects(p, w)))
        .map((w) => w.id),
      noEgressPolicy: inNs
        .filter((w) => !policies.some((p) => p.egress !== undefined && selects(p, w)))
        .map((w) => w.id),
    };
  });
  // Pairs are listed only where a policy decides: the destination is isolated for ingress or the source for egress.
  // Between two unisolated workloads everything is open, which `noIngressPolicy`/`noEgressPolicy` already say; listing
  // those pairs would be quadratic in the number of workloads. The list is bounded (`truncated` says when it was cut).
  const selecting = (w: NetWorkload, dir: 'ingress' | 'egress') =>
    model.policies.filter((p) => p[dir] !== undefined && selects(p, w));
  const ingressOf = new Map(model.workloads.map((w) => [w, selecting(w, 'ingress')]));
  const egressOf = new Map(model.workloads.map((w) => [w, selecting(w, 'egress')]));
  const reachability: Reach[] = [];
  let evaluated = 0;
  let truncated = false;
  const decided = new Map<number, string[]>();
  const classIds = new Map<string, number>();
  const classOf = new Map<NetWorkload, number>();
  for (const w of model.workloads) {
    const c = JSON.stringify([w.namespace, Object.entries(w.labels).sort(), w.ports]);
    if (!classIds.has(c)) classIds.set(c, classIds.size);
    classOf.set(w, classIds.get(c) as number);
  }
  outer: for (const src of model.workloads) {
    const srcEgress = egressOf.get(src) ?? [];
    for (const dst of model.workloads) {
      const dstIngress = ingressOf.get(dst) ?? [];
      if (src === dst || (dstIngress.length === 0 && srcEgress.length === 0)) continue;
      if (++evaluated > MAX_PAIRS_EVALUATED || reachability.length >= MAX_PAIRS_LISTED) {
        truncated = true;
        break outer;
      }
      // Workloads with the same namespace, labels and ports are the same to every policy: decide each pair of kinds once.
      const key = (classOf.get(src) as number) * classIds.size + (classOf.get(dst) as number);
      let ports = decided.get(key);
      if (ports === undefined) {
        const egress = allowed(model, srcEgress, src, dst, 'egress');
        ports = egress.length === 0 ? [] : (intersect(egress, allowed(model, dstIngress, src, dst, 'ingress')) ?? []);
        decided.set(key, ports);
      }
      if (ports.length > 0) reachability.push({ from: src.id, to: dst.id, ports });
    }
  }
  return { namespaces: coverage, reachability, ...(truncated ? { truncated } : {}) };
}

/** Ports the `dir` side allows for src → dst, given the policies selecting that side: `['*']` for all, `[]` for none. */
function allowed(
  model: NetModel,
  policies: readonly NetPolicy[],
  src: NetWorkload,
  dst: NetWorkload,
  dir: 'ingress' | 'egress',
): string[] {
  if (policies.length === 0) return ['*'];
  const other = dir === 'ingress' ? src : dst;
  const ports = new Set<string>();
  for (const p of policies) {
    for (const rule of p[dir] as PolicyRule[]) {
      if (
        rule.peers !== undefined &&
        rule.peers.length > 0 &&
        !rule.peers.some((peer) => peerMatches(model, peer, p.namespace, other))
      )
        continue;
      for (const port of rulePorts(rule, dst)) ports.add(port);
    }
  }
  return ports.has('*') ? ['*'] : [...ports].sort();
}

function peerMatches(model: NetModel, peer: Peer, policyNs: string, w: NetWorkload): boolean {
  if (peer.ipBlock !== undefined && peer.podSelector === undefined && peer.namespaceSelector === undefined)
    return false; // pods are not matched by ipBlock
  const nsOk =
    peer.namespaceSelector === undefined
      ? w.namespace === policyNs
      : matches(peer.namespaceSelector, model.namespaceLabels.get(w.namespace) ?? {});
  return nsOk && (peer.podSelector === undefined || matches(peer.podSelector, w.labels));
}

function rulePorts(rule: PolicyRule, dst: NetWorkload): string[] {
  if (rule.ports === undefined || rule.ports.length === 0) return ['*'];
  const out: string[] = [];
  for (const p of rule.ports) {
    if (p.port === undefined) {
      out.push(`${p.protocol}/*`);
    } else if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) {
      for (const cp of dst.ports)
        if (cp.name === p.port && cp.protocol === p.protocol) out.push(`${p.protocol}/${cp.port}`);
    } else {
      const first = Number(p.port);
      const last = p.endPort ?? first;
      out.push(first === last ? `${p.protocol}/${first}` : `${p.protocol}/${first}-${last}`);
    }
  }
  return out;
}

function intersect(a: string[], b: string[]): string[] | undefined {
  if (a.includes('*')) return b;
  if (b.includes('*')) return a;
  const covers = (x: string, y: string) => x === y || (x.endsWith('/*') && y.startsWith(x.slice(0, -1)));
  return [
    ...new Set([...a.filter((x) => b.some((y) => covers(y, x))), ...b.filter((y) => a.some((x) => covers(x, y)))]),
  ].sort();
}
