/**
 * Every workload kind reaches its pods through a pod template: where that template sits in the object, and a view of it
 * (pod spec, template metadata and the field path prefix for line lookups).
 */
import type { FieldPath, K8sObject, Manifest } from './manifest.js';

/** Path from the object to the pod template (`metadata` + `spec` of the pod), per kind. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export interface PodTemplate {
  manifest: Manifest;
  /** Path of the template in the object: prefix this to a field path inside the pod. */
  base: FieldPath;
  metadata: K8sObject;
  spec: K8sObject;
}

export function podTemplate(m: Manifest): PodTemplate | undefined {
  const base = POD_TEMPLATE_PATHS[m.kind];
  if (base === undefined) return undefined;
  let node: unknown = m.object;
  for (const key of base) node = isObject(node) ? node[key as string] : undefined;
  if (!isObject(node)) return undefined;
  return { manifest: m, base, metadata: asObject(node.metadata), spec: asObject(node.spec) };
}

export interface ContainerRef {
  container: K8sObject;
  /** Path inside the pod: `['spec', 'containers', 0]`. */
  path: FieldPath;
  kind: 'initContainers' | 'containers' | 'ephemeralContainers';
}

/** Init, regular and ephemeral containers, in that order (pod-security-admission's "containers"). */
export function allContainers(spec: K8sObject): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    asArray(spec[kind]).forEach((c, i) => {
      if (isObject(c)) out.push({ container: c, path: ['spec', kind, i], kind });
    });
  }
  return out;
}

export function isObject(v: unknown): v is K8sObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asObject(v: unknown): K8sObject {
  return isObject(v) ? v : {};
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function get(o: unknown, ...keys: string[]): unknown {
  let v = o;
  for (const k of keys) v = isObject(v) ? v[k] : undefined;
  return v;
}
