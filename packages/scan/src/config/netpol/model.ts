/** The network view of the scanned objects: workloads with pod labels and ports, namespaces with labels, policies. */
import type { Manifest } from '../k8s/manifest.js';
import { allContainers, asArray, asObject, get, isObject, podTemplate } from '../k8s/workload.js';
import { type LabelSelector, type Labels, parseSelector } from './selector.js';

export interface NetWorkload {
  manifest: Manifest;
  id: string;
  namespace: string;
  labels: Labels;
  /** Container ports: number, protocol, and name (for named ports in policies). */
  ports: { port: number; protocol: string; name?: string }[];
}

export interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: string;
}

export interface PolicyRule {
  /** Undefined: every peer. */
  peers: Peer[] | undefined;
  /** Undefined: every port. */
  ports: { port?: number | string; endPort?: number; protocol: string }[] | undefined;
}

export interface NetPolicy {
  manifest: Manifest;
  namespace: string;
  podSelector: LabelSelector;
  ingress: PolicyRule[] | undefined;
  egress: PolicyRule[] | undefined;
}

export interface NetModel {
  workloads: NetWorkload[];
  policies: NetPolicy[];
  namespaceLabels: Map<string, Labels>;
}

export function buildModel(manifests: readonly Manifest[]): NetModel {
  const workloads: NetWorkload[] = [];
  const policies: NetPolicy[] = [];
  const namespaceLabels = new Map<string, Labels>();
  const nsOf = (m: Manifest) => m.namespace ?? 'default';
  for (const m of manifests) {
    if (m.kind === 'Namespace') {
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(asObject(get(m.object, 'metadata', 'labels')))) labels[k] = String(v);
      namespaceLabels.set(m.name, { ...labels, 'kubernetes.io/metadata.name': m.name });
      continue;
    }
    if (m.kind === 'NetworkPolicy') {
      const spec = asObject(m.object.spec);
      const types = asArray(spec.policyTypes).map(String);
      const hasEgress = types.includes('Egress') || (types.length === 0 && spec.egress !== undefined);
      const hasIngress = types.length === 0 || types.includes('Ingress');
      policies.push({
        manifest: m,
        namespace: nsOf(m),
        podSelector: parseSelector(spec.podSelector) ?? { matchLabels: {}, matchExpressions: [] },
        ingress: hasIngress ? rules(spec.ingress, 'from') : undefined,
        egress: hasEgress ? rules(spec.egress, 'to') : undefined,
      });
      continue;
    }
    const t = podTemplate(m);
    if (t === undefined) continue;
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(asObject(t.metadata.labels))) labels[k] = String(v);
    const ports = allContainers(t.spec).flatMap((c) =>
      asArray(c.container.ports).flatMap((p) =>
        isObject(p) && typeof p.containerPort === 'number'
          ? [
              {
                port: p.containerPort,
                protocol: String(p.protocol ?? 'TCP'),
                ...(typeof p.name === 'string' ? { name: p.name } : {}),
              },
            ]
          : [],
      ),
    );
    workloads.push({ manifest: m, id: `${nsOf(m)}/${m.kind}/${m.name}`, namespace: nsOf(m), labels, ports });
  }
  for (const w of workloads) {
    if (!namespaceLabels.has(w.namespace))
      namespaceLabels.set(w.namespace, { 'kubernetes.io/metadata.name': w.namespace });
  }
  return { workloads, policies, namespaceLabels };
}

function rules(v: unknown, peerKey: 'from' | 'to'): PolicyRule[] {
  return asArray(v).map((r) => {
    const o = asObject(r);
    const peers = o[peerKey] === undefined ? undefined : asArray(o[peerKey]).map(peer);
    const ports =
      o.ports === undefined
        ? undefined
        : asArray(o.ports).map((p) => {
            const q = asObject(p);
            return {
              ...(q.port !== undefined ? { port: q.port as number | string } : {}),
              ...(typeof q.endPort === 'number' ? { endPort: q.endPort } : {}),
              protocol: String(q.protocol ?? 'TCP'),
            };
          });
    return { peers, ports };
  });
}

function peer(v: unknown): Peer {
  const o = asObject(v);
  const out: Peer = {};
  const ps = parseSelector(o.podSelector);
  const ns = parseSelector(o.namespaceSelector);
  if (ps) out.podSelector = ps;
  if (ns) out.namespaceSelector = ns;
  if (isObject(o.ipBlock)) out.ipBlock = String(o.ipBlock.cidr);
  return out;
}
