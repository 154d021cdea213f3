/** Package URLs through packageurl-js, which owns the per-type normalization rules (PyPI names, percent-encoding). */
import { PackageURL } from 'packageurl-js';

export interface PurlParts {
  type: string;
  namespace?: string | undefined;
  name: string;
  version?: string | undefined;
  qualifiers?: Record<string, string> | undefined;
  subpath?: string | undefined;
}

export function buildPurl(p: PurlParts): string {
  const q = p.qualifiers !== undefined && Object.keys(p.qualifiers).length > 0 ? p.qualifiers : undefined;
  return new PackageURL(p.type, p.namespace, p.name, p.version, q, p.subpath).toString();
}
