/** Readers for checks over pod templates: each container with its path from the object root. */
import type { FieldPath, Manifest } from '../k8s/manifest.js';
import { allContainers, asObject, type ContainerRef, POD_TEMPLATE_PATHS, podTemplate } from '../k8s/workload.js';

export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

export interface ContainerAt extends ContainerRef {
  /** Path from the object root. */
  at: FieldPath;
  name: string;
}

/** Containers of a workload; `initToo` adds init and ephemeral containers. */
export function containersOf(m: Manifest, initToo = false): ContainerAt[] {
  const t = podTemplate(m);
  if (t === undefined) return [];
  return allContainers(t.spec)
    .filter((c) => initToo || c.kind === 'containers')
    .map((c) => ({
      ...c,
      at: [...t.base, ...c.path],
      name: typeof c.container.name === 'string' ? c.container.name : '?',
    }));
}

export function podSpecOf(
  m: Manifest,
): { spec: Record<string, unknown>; at: FieldPath; metadata: Record<string, unknown> } | undefined {
  const t = podTemplate(m);
  return t === undefined ? undefined : { spec: t.spec, metadata: asObject(t.metadata), at: [...t.base, 'spec'] };
}

export function securityContext(c: ContainerAt): Record<string, unknown> {
  return asObject(c.container.securityContext);
}
