/** Baseline checks on the host boundary: namespaces, ports, hostPath, probes and lifecycle hooks to other hosts, HostProcess. */
import { asArray } from '../k8s/workload.js';
import type { PssCheck, PssViolation } from './types.js';
import { allContainers, containerName, get, isObject, podSecurityContext, violation } from './util.js';

export const hostNamespaces: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  title: 'Host namespaces must not be shared',
  fix: 'Remove hostNetwork, hostPID and hostIPC (or set them to false).',
  variants: [
    {
      since: 0,
      evaluate(pod) {
        return (['hostNetwork', 'hostPID', 'hostIPC'] as const)
          .filter((f) => pod.spec[f] === true)
          .map((f) => violation('hostNamespaces', ['spec', f], `${f}=true shares the node's namespace with the pod`));
      },
    },
  ],
};

export const hostPorts: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  title: 'Host ports must not be used',
  fix: 'Remove hostPort from container ports; expose the pod through a Service instead.',
  variants: [
    {
      since: 0,
      evaluate(pod) {
        const out: PssViolation[] = [];
        for (const c of allContainers(pod.spec)) {
          asArray(c.container.ports).forEach((p, i) => {
            const hostPort = get(p, 'hostPort');
            if (hostPort !== undefined && hostPort !== null && hostPort !== 0) {
              out.push(
                violation(
                  'hostPorts',
                  [...c.path, 'ports', i, 'hostPort'],
                  `${containerName(c)} uses hostPort ${String(hostPort)}`,
                ),
              );
            }
          });
        }
        return out;
      },
    },
  ],
};

export const hostPathVolumes: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  title: 'HostPath volumes must not be used',
  fix: 'Replace hostPath volumes with emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim.',
  variants: [
    {
      since: 0,
      evaluate(pod) {
        const out: PssViolation[] = [];
        asArray(pod.spec.volumes).forEach((v, i) => {
          if (isObject(v) && v.hostPath !== undefined && v.hostPath !== null) {
            out.push(
              violation(
                'hostPathVolumes',
                ['spec', 'volumes', i, 'hostPath'],
                `volume "${String(v.name)}" is a hostPath`,
              ),
            );
          }
        });
        return out;
      },
    },
  ],
};

const HANDLERS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export const hostProbesAndHostLifecycle: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'Probes and lifecycle hooks must not target other hosts',
  fix: 'Remove the host field from httpGet and tcpSocket probes and lifecycle handlers.',
  variants: [
    {
      since: 34,
      evaluate(pod) {
        const out: PssViolation[] = [];
        for (const c of allContainers(pod.spec)) {
          const handlers: [string[], unknown][] = HANDLERS.map((h) => [[h], c.container[h]]);
          for (const hook of ['postStart', 'preStop'])
            handlers.push([['lifecycle', hook], get(c.container, 'lifecycle', hook)]);
          for (const [path, handler] of handlers) {
            for (const action of ['httpGet', 'tcpSocket']) {
              const host = get(handler, action, 'host');
              if (typeof host === 'string' && host !== '') {
                out.push(
                  violation(
                    'hostProbesAndHostLifecycle',
                    [...c.path, ...path, action, 'host'],
                    `${containerName(c)} ${path.join('.')} targets host "${host}"`,
                  ),
                );
              }
            }
          }
        }
        return out;
      },
    },
  ],
};

export const windowsHostProcess: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  title: 'Windows HostProcess containers must not be used',
  fix: 'Remove windowsOptions.hostProcess (or set it to false).',
  variants: [
    {
      since: 0,
      evaluate(pod) {
        const out: PssViolation[] = [];
        if (get(podSecurityContext(pod), 'windowsOptions', 'hostProcess') === true) {
          out.push(
            violation(
              'windowsHostProcess',
              ['spec', 'securityContext', 'windowsOptions', 'hostProcess'],
              'the pod runs as a Windows HostProcess',
            ),
          );
        }
        for (const c of allContainers(pod.spec)) {
          if (get(c.container, 'securityContext', 'windowsOptions', 'hostProcess') === true) {
            out.push(
              violation(
                'windowsHostProcess',
                [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'],
                `${containerName(c)} runs as a Windows HostProcess`,
              ),
            );
          }
        }
        return out;
      },
    },
  ],
};
