/** Resource requests and limits, image references and pull policy, health probes. */
import { get } from '../k8s/workload.js';
import { containersOf, WORKLOAD_KINDS } from './pod-helpers.js';
import type { ManifestCheck } from './types.js';

const RESOURCES_DOC = 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/';

function resourceCheck(
  id: string,
  kind: 'requests' | 'limits',
  resource: 'cpu' | 'memory',
  severity: 'LOW' | 'MEDIUM',
): ManifestCheck {
  return {
    id,
    title: `${resource === 'cpu' ? 'CPU' : 'Memory'} ${kind === 'requests' ? 'request' : 'limit'} not set`,
    severity,
    why:
      kind === 'limits'
        ? `Without a ${resource} limit one container can starve its node (a denial of service for every pod there).`
        : `Without a ${resource} request the scheduler cannot place the pod safely and it is evicted first under pressure.`,
    fix: `Set resources.${kind}.${resource} on every container.`,
    references: [RESOURCES_DOC],
    kinds: WORKLOAD_KINDS,
    evaluate: (m) =>
      containersOf(m)
        .filter((c) => {
          const v = get(c.container, 'resources', kind, resource);
          return v === undefined || v === null || v === '';
        })
        .map((c) => ({
          path: [...c.at, 'resources', kind],
          message: `container "${c.name}" has no ${resource} ${kind === 'requests' ? 'request' : 'limit'}`,
        })),
  };
}

export const cpuRequests = resourceCheck('RMP-K8S-010', 'requests', 'cpu', 'LOW');
export const cpuLimits = resourceCheck('RMP-K8S-011', 'limits', 'cpu', 'LOW');
export const memoryRequests = resourceCheck('RMP-K8S-012', 'requests', 'memory', 'LOW');
export const memoryLimits = resourceCheck('RMP-K8S-013', 'limits', 'memory', 'MEDIUM');

/** `repo[:tag][@digest]` → tag and digest (a registry port is not a tag). */
export function imageParts(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  return { ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

export const imageTagLatest: ManifestCheck = {
  id: 'RMP-K8S-014',
  title: 'Image tag is latest or missing',
  severity: 'MEDIUM',
  why: 'A moving tag makes deployments unreproducible and lets a pushed image change what runs without review.',
  fix: 'Pin the image to a version tag, better to a digest (image@sha256:...).',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  kinds: WORKLOAD_KINDS,
  evaluate: (m) =>
    containersOf(m, true)
      .filter((c) => {
        const { tag, digest } = imageParts(String(c.container.image ?? ''));
        return digest === undefined && (tag === undefined || tag === 'latest');
      })
      .map((c) => ({
        path: [...c.at, 'image'],
        message: `container "${c.name}" uses image "${String(c.container.image)}" without a fixed tag`,
      })),
};

export const imageNotPinned: ManifestCheck = {
  id: 'RMP-K8S-015',
  title: 'Image not pinned by digest',
  severity: 'LOW',
  why: 'A tag can be re-pointed at another image; only a digest names exactly what was reviewed and scanned.',
  fix: 'Reference the image by digest (image:tag@sha256:...).',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  kinds: WORKLOAD_KINDS,
  evaluate: (m) =>
    containersOf(m, true)
      .filter((c) => {
        const { tag, digest } = imageParts(String(c.container.image ?? ''));
        return digest === undefined && tag !== undefined && tag !== 'latest';
      })
      .map((c) => ({
        path: [...c.at, 'image'],
        message: `container "${c.name}" image "${String(c.container.image)}" is not pinned by digest`,
      })),
};

export const pullPolicyNotAlways: ManifestCheck = {
  id: 'RMP-K8S-016',
  title: 'Image pull policy is not Always',
  severity: 'LOW',
  why: 'With a cached image, a pod can start an image its node pulled for someone else without checking registry credentials.',
  fix: 'Set imagePullPolicy: Always.',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
  kinds: WORKLOAD_KINDS,
  evaluate: (m) =>
    containersOf(m)
      .filter((c) => c.container.imagePullPolicy !== 'Always')
      .map((c) => ({
        path: [...c.at, 'imagePullPolicy'],
        message: `container "${c.name}" does not always pull its image`,
      })),
};

const PROBE_KINDS = WORKLOAD_KINDS.filter((k) => k !== 'Job' && k !== 'CronJob');

function probeCheck(id: string, probe: 'livenessProbe' | 'readinessProbe'): ManifestCheck {
  return {
    id,
    title: `${probe === 'livenessProbe' ? 'Liveness' : 'Readiness'} probe not set`,
    severity: 'LOW',
    why:
      probe === 'livenessProbe'
        ? 'Without a liveness probe a hung process keeps its pod and keeps failing requests.'
        : 'Without a readiness probe traffic reaches the pod before it can serve, and during overload.',
    fix: `Define ${probe} on every long-running container.`,
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    ],
    kinds: PROBE_KINDS,
    evaluate: (m) =>
      containersOf(m)
        .filter((c) => c.container[probe] === undefined || c.container[probe] === null)
        .map((c) => ({ path: c.at, message: `container "${c.name}" has no ${probe}` })),
  };
}

export const livenessProbe = probeCheck('RMP-K8S-017', 'livenessProbe');
export const readinessProbe = probeCheck('RMP-K8S-018', 'readinessProbe');
