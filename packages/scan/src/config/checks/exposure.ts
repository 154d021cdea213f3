/** Service accounts, namespaces and exposure: token automount, the default namespace, NodePort/LoadBalancer, Ingress TLS. */
import { asArray, asObject, get } from '../k8s/workload.js';
import { podSpecOf, WORKLOAD_KINDS } from './pod-helpers.js';
import type { ManifestCheck } from './types.js';

export const automountServiceAccountToken: ManifestCheck = {
  id: 'RMP-K8S-020',
  title: 'Service-account token is mounted',
  severity: 'MEDIUM',
  why: 'A mounted token lets anyone who runs code in the pod call the Kubernetes API with its service account.',
  fix: 'Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless it calls the API.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/'],
  kinds: WORKLOAD_KINDS,
  evaluate(m, ctx) {
    const pod = podSpecOf(m);
    if (pod === undefined) return [];
    let effective = pod.spec.automountServiceAccountToken;
    if (effective === undefined || effective === null) {
      const saName = (pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? 'default') as string;
      const sa = ctx.serviceAccounts.get(`${m.namespace ?? 'default'}/${saName}`);
      effective = sa?.object.automountServiceAccountToken;
    }
    return effective === false
      ? []
      : [{ path: [...pod.at, 'automountServiceAccountToken'], message: 'the service-account token is mounted' }];
  },
};

const NAMESPACED_KINDS = [
  ...WORKLOAD_KINDS,
  'Service',
  'Ingress',
  'ConfigMap',
  'Secret',
  'Role',
  'RoleBinding',
  'ServiceAccount',
];

export const defaultNamespace: ManifestCheck = {
  id: 'RMP-K8S-021',
  title: 'Object in the default namespace',
  severity: 'LOW',
  why: 'The default namespace mixes unrelated workloads under one set of policies, quotas and RBAC grants.',
  fix: 'Set metadata.namespace to the application namespace.',
  references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
  kinds: NAMESPACED_KINDS,
  evaluate: (m) =>
    m.namespace === undefined || m.namespace === 'default'
      ? [{ path: ['metadata', 'namespace'], message: `${m.kind} "${m.name}" is in the default namespace` }]
      : [],
};

export const exposedService: ManifestCheck = {
  id: 'RMP-K8S-022',
  title: 'Service exposed outside the cluster (NodePort or LoadBalancer)',
  severity: 'MEDIUM',
  why: 'NodePort and LoadBalancer Services open the workload on every node or to the internet, around Ingress controls.',
  fix: 'Use type ClusterIP behind an Ingress or gateway, or restrict loadBalancerSourceRanges.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types'],
  kinds: ['Service'],
  evaluate(m) {
    const type = get(m.object, 'spec', 'type');
    if (type !== 'NodePort' && type !== 'LoadBalancer') return [];
    if (type === 'LoadBalancer' && asArray(get(m.object, 'spec', 'loadBalancerSourceRanges')).length > 0) return [];
    return [{ path: ['spec', 'type'], message: `Service "${m.name}" is of type ${type}` }];
  },
};

export const ingressWithoutTls: ManifestCheck = {
  id: 'RMP-K8S-023',
  title: 'Ingress without TLS',
  severity: 'MEDIUM',
  why: 'Without TLS, credentials and session cookies cross the network in clear text.',
  fix: 'Add spec.tls with a certificate Secret for every host.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
  kinds: ['Ingress'],
  evaluate: (m) =>
    asArray(get(m.object, 'spec', 'tls')).some((t) => Object.keys(asObject(t)).length > 0)
      ? []
      : [{ path: ['spec'], message: `Ingress "${m.name}" has no TLS` }],
};
