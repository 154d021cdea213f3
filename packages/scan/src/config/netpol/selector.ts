/** Kubernetes label selectors: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
import { asArray, asObject, isObject } from '../k8s/workload.js';

export type Labels = Readonly<Record<string, string>>;

export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

/** `{}` selects everything; `undefined` (absent) selects nothing, which callers decide per field. */
export function parseSelector(v: unknown): LabelSelector | undefined {
  if (!isObject(v)) return undefined;
  const matchLabels: Record<string, string> = {};
  for (const [k, val] of Object.entries(asObject(v.matchLabels))) matchLabels[k] = String(val);
  const matchExpressions = asArray(v.matchExpressions).flatMap((e) =>
    isObject(e) ? [{ key: String(e.key), operator: String(e.operator), values: asArray(e.values).map(String) }] : [],
  );
  return { matchLabels, matchExpressions };
}

export function matches(selector: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // An unknown operator selects nothing, as the API server would reject it.
    }
  }
  return true;
}

export function describeSelector(s: LabelSelector): string {
  const parts = [
    ...Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`),
    ...s.matchExpressions.map((e) => `${e.key} ${e.operator}${e.values.length ? ` (${e.values.join(',')})` : ''}`),
  ];
  return parts.length === 0 ? '(all)' : parts.join(', ');
}
