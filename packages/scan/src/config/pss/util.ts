/** Small readers shared by the checks: pod- and container-level security contexts, and violation building. */
import type { FieldPath } from '../k8s/manifest.js';
import { allContainers, asObject, type ContainerRef, get, isObject } from '../k8s/workload.js';
import type { PodInput, PssViolation } from './types.js';

export { allContainers, asObject, get, isObject, type ContainerRef };

export function podSecurityContext(pod: PodInput): Record<string, unknown> {
  return asObject(pod.spec.securityContext);
}

export function containerSecurityContext(c: ContainerRef): Record<string, unknown> {
  return asObject(c.container.securityContext);
}

export function violation(check: string, path: FieldPath, message: string): PssViolation {
  return { check, path, message };
}

export function containerName(c: ContainerRef): string {
  const name = c.container.name;
  return typeof name === 'string'
    ? `${c.kind === 'containers' ? 'container' : c.kind.replace(/s$/, '')} "${name}"`
    : c.kind;
}

/** `spec.os.name: windows` exempts a pod from some restricted checks from v1.25 on. */
export function isWindowsPod(pod: PodInput): boolean {
  return get(pod.spec, 'os', 'name') === 'windows';
}

/** `spec.hostUsers: false` (a user namespace) exempts a pod from some checks from v1.35 on. */
export function usesUserNamespace(pod: PodInput): boolean {
  return pod.spec.hostUsers === false;
}
