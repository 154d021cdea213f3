/** Baseline checks on confinement profiles: AppArmor, SELinux, seccomp (annotations, then fields), /proc mount, sysctls. */
import type { PodInput, PssCheck, PssViolation } from './types.js';
import {
  allContainers,
  asObject,
  containerName,
  get,
  podSecurityContext,
  usesUserNamespace,
  violation,
} from './util.js';

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';
const APPARMOR_TYPES = new Set(['RuntimeDefault', 'Localhost']);

export const appArmorProfile: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  title: 'AppArmor must not be disabled or overridden',
  fix: 'Use the RuntimeDefault or a Localhost AppArmor profile, or leave it unset.',
  variants: [
    {
      since: 0,
      evaluate(pod) {
        const out: PssViolation[] = [];
        for (const [key, value] of Object.entries(asObject(pod.metadata.annotations))) {
          if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
          const v = typeof value === 'string' ? value : String(value);
          if (v !== '' && v !== 'runtime/default' && !v.startsWith('localhost/')) {
            out.push(violation('appArmorProfile', ['metadata', 'annotations', key], `annotation ${key}="${v}"`));
          }
        }
        const check = (type: unknown, path: (string | number)[], who: string) => {
          if (type !== undefined && type !== null && !APPARMOR_TYPES.has(type as string)) {
            out.push(violation('appArmorProfile', path, `${who} sets appArmorProfile.type=${String(type)}`));
          }
        };
        check(
          get(podSecurityContext(pod), 'appArmorProfile', 'type'),
          ['spec', 'securityContext', 'appArmorProfile', 'type'],
          'the pod',
        );
        for (const c of allContainers(pod.spec)) {
          check(
            get(c.container, 'securityContext', 'appArmorProfile', 'type'),
            [...c.path, 'securityContext', 'appArmorProfile', 'type'],
            containerName(c),
          );
        }
        return out;
      },
    },
  ],
};

function seLinux(types: ReadonlySet<string>) {
  return (pod: PodInput): PssViolation[] => {
    const out: PssViolation[] = [];
    const check = (opts: unknown, path: (string | number)[], who: string) => {
      const o = asObject(opts);
      const type = o.type;
      if (type !== undefined && type !== null && type !== '' && !types.has(type as string)) {
        out.push(violation('seLinuxOptions', [...path, 'type'], `${who} sets seLinuxOptions.type=${String(type)}`));
      }
      for (const f of ['user', 'role']) {
        if (o[f] !== undefined && o[f] !== null && o[f] !== '') {
          out.push(violation('seLinuxOptions', [...path, f], `${who} sets seLinuxOptions.${f}`));
        }
      }
    };
    check(podSecurityContext(pod).seLinuxOptions, ['spec', 'securityContext', 'seLinuxOptions'], 'the pod');
    for (const c of allContainers(pod.spec)) {
      check(
        get(c.container, 'securityContext', 'seLinuxOptions'),
        [...c.path, 'securityContext', 'seLinuxOptions'],
        containerName(c),
      );
    }
    return out;
  };
}

const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t'];

export const seLinuxOptions: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  title: 'SELinux type must be a container type, user and role unset',
  fix: 'Remove seLinuxOptions.user/role and use a container_* type.',
  variants: [
    { since: 0, evaluate: seLinux(new Set(SELINUX_TYPES)) },
    { since: 31, evaluate: seLinux(new Set([...SELINUX_TYPES, 'container_engine_t'])) },
  ],
};

function procMountCheck(id: string, userNamespaceExempt: boolean) {
  return (pod: PodInput): PssViolation[] => {
    if (userNamespaceExempt && usesUserNamespace(pod)) return [];
    const out: PssViolation[] = [];
    for (const c of allContainers(pod.spec)) {
      const pm = get(c.container, 'securityContext', 'procMount');
      if (pm !== undefined && pm !== null && pm !== 'Default') {
        out.push(
          violation(
            id,
            [...c.path, 'securityContext', 'procMount'],
            `${containerName(c)} sets procMount=${String(pm)}`,
          ),
        );
      }
    }
    return out;
  };
}

export const procMount: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  title: 'The default /proc mask must be used',
  fix: 'Remove securityContext.procMount (or set it to Default).',
  variants: [
    { since: 0, evaluate: procMountCheck('procMount', false) },
    { since: 35, evaluate: procMountCheck('procMount', true) },
  ],
};

export const procMountRestricted: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  title: 'The default /proc mask must be used (also with user namespaces)',
  fix: 'Remove securityContext.procMount (or set it to Default).',
  overrides: [{ id: 'procMount', since: 35 }],
  variants: [{ since: 35, evaluate: procMountCheck('procMount_restricted', false) }],
};

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

function allowedSeccompAnnotation(v: unknown): boolean {
  return v === 'runtime/default' || v === 'docker/default' || (typeof v === 'string' && v.startsWith('localhost/'));
}

const SECCOMP_TYPES = new Set(['RuntimeDefault', 'Localhost']);

export const seccompProfileBaseline: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'Seccomp must not be explicitly unconfined',
  fix: 'Set seccompProfile.type to RuntimeDefault or Localhost, or leave it unset.',
  variants: [
    {
      since: 0,
      evaluate(pod) {
        const out: PssViolation[] = [];
        const annotations = asObject(pod.metadata.annotations);
        const podValue = annotations[SECCOMP_POD_ANNOTATION];
        if (podValue !== undefined && !allowedSeccompAnnotation(podValue)) {
          out.push(
            violation(
              'seccompProfile_baseline',
              ['metadata', 'annotations', SECCOMP_POD_ANNOTATION],
              `annotation ${SECCOMP_POD_ANNOTATION}="${String(podValue)}"`,
            ),
          );
        }
        for (const c of allContainers(pod.spec)) {
          const key = `${SECCOMP_CONTAINER_ANNOTATION}${String(c.container.name)}`;
          const v = annotations[key];
          if (v !== undefined && !allowedSeccompAnnotation(v)) {
            out.push(
              violation(
                'seccompProfile_baseline',
                ['metadata', 'annotations', key],
                `annotation ${key}="${String(v)}"`,
              ),
            );
          }
        }
        return out;
      },
    },
    {
      since: 19,
      evaluate(pod) {
        const out: PssViolation[] = [];
        const check = (type: unknown, path: (string | number)[], who: string) => {
          if (type !== undefined && type !== null && !SECCOMP_TYPES.has(type as string)) {
            out.push(violation('seccompProfile_baseline', path, `${who} sets seccompProfile.type=${String(type)}`));
          }
        };
        check(
          get(podSecurityContext(pod), 'seccompProfile', 'type'),
          ['spec', 'securityContext', 'seccompProfile', 'type'],
          'the pod',
        );
        for (const c of allContainers(pod.spec)) {
          check(
            get(c.container, 'securityContext', 'seccompProfile', 'type'),
            [...c.path, 'securityContext', 'seccompProfile', 'type'],
            containerName(c),
          );
        }
        return out;
      },
    },
  ],
};

const SYSCTLS_V0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SYSCTLS_V27 = [...SYSCTLS_V0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_V29 = [
  ...SYSCTLS_V27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SYSCTLS_V32 = [...SYSCTLS_V29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SYSCTLS_V37 = [...SYSCTLS_V32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

function sysctlCheck(allowed: readonly string[]) {
  const set = new Set(allowed);
  return (pod: PodInput): PssViolation[] => {
    const out: PssViolation[] = [];
    const list = podSecurityContext(pod).sysctls;
    (Array.isArray(list) ? list : []).forEach((s, i) => {
      const name = get(s, 'name');
      if (typeof name !== 'string' || !set.has(name)) {
        out.push(
          violation(
            'sysctls',
            ['spec', 'securityContext', 'sysctls', i, 'name'],
            `sysctl ${String(name)} is not in the safe set`,
          ),
        );
      }
    });
    return out;
  };
}

export const sysctls: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  title: 'Only safe sysctls may be set',
  fix: 'Remove sysctls outside the safe set from spec.securityContext.sysctls.',
  variants: [
    { since: 0, evaluate: sysctlCheck(SYSCTLS_V0) },
    { since: 27, evaluate: sysctlCheck(SYSCTLS_V27) },
    { since: 29, evaluate: sysctlCheck(SYSCTLS_V29) },
    { since: 32, evaluate: sysctlCheck(SYSCTLS_V32) },
    { since: 37, evaluate: sysctlCheck(SYSCTLS_V37) },
  ],
};
