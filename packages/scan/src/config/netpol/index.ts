/** NetworkPolicy coverage (group `netpol`): findings per uncovered workload and namespace, plus the reachability table. */
import type { Finding } from '@rampart/core';
import { configFinding } from '../checks/to-finding.js';
import type { CheckInfo } from '../checks/types.js';
import type { Manifest } from '../k8s/manifest.js';
import { analyze, type NetworkPolicyReport } from './analyze.js';
import { buildModel } from './model.js';

const NETPOL_DOC = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

const NO_INGRESS: CheckInfo = {
  id: 'RMP-NET-001',
  title: 'Workload not covered by an ingress NetworkPolicy',
  severity: 'MEDIUM',
  why: 'No ingress policy selects its pods, so every pod in the cluster (and anything routed in) can connect to them.',
  fix: 'Add a default-deny ingress policy to the namespace and allow only the callers the workload needs.',
  references: [NETPOL_DOC],
};

const NO_EGRESS: CheckInfo = {
  id: 'RMP-NET-002',
  title: 'Workload not covered by an egress NetworkPolicy',
  severity: 'LOW',
  why: 'No egress policy selects its pods, so a compromised pod can reach any service and the internet.',
  fix: 'Add a default-deny egress policy and allow DNS plus the destinations the workload needs.',
  references: [NETPOL_DOC],
};

const NO_DEFAULT_DENY: CheckInfo = {
  id: 'RMP-NET-003',
  title: 'Namespace without a default-deny ingress NetworkPolicy',
  severity: 'MEDIUM',
  why: 'Without a default-deny policy every new workload in the namespace starts open to the whole cluster.',
  fix: 'Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress]` (and Egress) and no rules.',
  references: [`${NETPOL_DOC}#default-deny-all-ingress-traffic`],
};

export function networkPolicyFindings(
  manifests: readonly Manifest[],
  target: string,
): { findings: Finding[]; report: NetworkPolicyReport } {
  const model = buildModel(manifests);
  const report = analyze(model);
  const byId = new Map(model.workloads.map((w) => [w.id, w.manifest]));
  const findings: Finding[] = [];
  for (const ns of report.namespaces) {
    for (const id of ns.noIngressPolicy) {
      const m = byId.get(id) as Manifest;
      findings.push(
        configFinding(
          NO_INGRESS,
          m,
          { path: ['metadata', 'name'], message: `${m.kind} "${m.name}" is open to every pod` },
          target,
        ),
      );
    }
    for (const id of ns.noEgressPolicy) {
      const m = byId.get(id) as Manifest;
      findings.push(
        configFinding(
          NO_EGRESS,
          m,
          { path: ['metadata', 'name'], message: `${m.kind} "${m.name}" may connect anywhere` },
          target,
        ),
      );
    }
    if (!ns.defaultDenyIngress) {
      const at =
        manifests.find((m) => m.kind === 'Namespace' && m.name === ns.namespace) ??
        (byId.get(ns.noIngressPolicy[0] ?? '') as Manifest | undefined) ??
        model.workloads.find((w) => w.namespace === ns.namespace)?.manifest;
      if (at !== undefined) {
        findings.push(
          configFinding(
            NO_DEFAULT_DENY,
            at,
            { path: ['metadata', 'name'], message: `namespace "${ns.namespace}" has no default-deny ingress policy` },
            target,
          ),
        );
      }
    }
  }
  return { findings, report };
}

export function reachabilityTable(report: NetworkPolicyReport): string {
  const lines = ['NAMESPACE  DEFAULT-DENY (ingress/egress)  NO INGRESS POLICY  NO EGRESS POLICY'];
  for (const ns of report.namespaces) {
    lines.push(
      `${ns.namespace}  ${ns.defaultDenyIngress ? 'yes' : 'no'}/${ns.defaultDenyEgress ? 'yes' : 'no'}  ${ns.noIngressPolicy.length}  ${ns.noEgressPolicy.length}`,
    );
  }
  lines.push('', 'FROM -> TO  PORTS');
  for (const r of report.reachability) lines.push(`${r.from} -> ${r.to}  ${r.ports.join(',')}`);
  return lines.join('\n');
}

export type { NetworkPolicyReport, NamespaceCoverage, Reach } from './analyze.js';
export { matches, parseSelector, type LabelSelector } from './selector.js';
