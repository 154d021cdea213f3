/**
 * Secrets where they do not belong: literal env values with secret-like names or secret-shaped content, and ConfigMaps
 * carrying credentials. Values are judged by core's secret rules; names by a list of credential words (as Polaris).
 */
import { findSecrets } from '@rampart/core/secrets';
import { asArray, asObject, isObject } from '../k8s/workload.js';
import { containersOf, WORKLOAD_KINDS } from './pod-helpers.js';
import type { CheckHit, ManifestCheck } from './types.js';

/** Names of variables and keys that hold credentials. */
const SENSITIVE_NAME =
  /passw(?:or)?d|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|_key_content|batch_key|account_key|signing_key/i;

/** A private-key armor line, however many dashes (Polaris' own fixtures write `---BEGIN ... KEY---`). */
const PRIVATE_KEY_MARKER = /-{3,}\s*BEGIN [A-Z0-9 ]*PRIVATE KEY/;

function sensitiveValue(value: string): boolean {
  return PRIVATE_KEY_MARKER.test(value) || findSecrets(value).length > 0;
}

export const secretInEnv: ManifestCheck = {
  id: 'RMP-K8S-030',
  title: 'Secret in a plain environment variable',
  severity: 'HIGH',
  why: 'A literal env value is stored unencrypted in the manifest, in etcd and in every `kubectl get -o yaml`.',
  fix: 'Move the value into a Secret and reference it with valueFrom.secretKeyRef.',
  references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables'],
  kinds: WORKLOAD_KINDS,
  evaluate(m) {
    const out: CheckHit[] = [];
    for (const c of containersOf(m, true)) {
      asArray(c.container.env).forEach((e, i) => {
        if (!isObject(e) || typeof e.value !== 'string' || e.value === '') return;
        const name = String(e.name ?? '');
        if (SENSITIVE_NAME.test(name) || sensitiveValue(e.value)) {
          out.push({
            path: [...c.at, 'env', i, 'value'],
            message: `container "${c.name}" sets ${name} to a literal value`,
          });
        }
      });
    }
    return out;
  },
};

export const secretInConfigMap: ManifestCheck = {
  id: 'RMP-K8S-031',
  title: 'Secret in a ConfigMap',
  severity: 'HIGH',
  why: 'ConfigMaps are not access-controlled or encrypted like Secrets; anyone who can read config can read this.',
  fix: 'Move the value into a Secret (or an external secret store) and mount that instead.',
  references: ['https://kubernetes.io/docs/concepts/configuration/configmap/'],
  kinds: ['ConfigMap'],
  evaluate(m) {
    const out: CheckHit[] = [];
    for (const [key, value] of Object.entries(asObject(m.object.data))) {
      if (typeof value !== 'string' || value === '') continue;
      if (SENSITIVE_NAME.test(key) || sensitiveValue(value)) {
        out.push({ path: ['data', key], message: `ConfigMap "${m.name}" key ${key} holds a credential` });
      }
    }
    return out;
  },
};
