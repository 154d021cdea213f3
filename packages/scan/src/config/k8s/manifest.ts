/**
 * Kubernetes manifests with source positions: multi-document YAML or JSON (JSON is YAML), `List` kinds unrolled, and a
 * way back from any field path to its line, so every finding can name `file:line`. A document that does not parse is an
 * error with file and line; the other documents of the file are still returned.
 */
import { RampartError } from '@rampart/core';
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';

export type FieldPath = readonly (string | number)[];
export type K8sObject = Record<string, unknown>;

export interface Manifest {
  file: string;
  /** 0-based document index in the file. */
  document: number;
  object: K8sObject;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string | undefined;
  /** The line of `path` (or of its deepest existing prefix) in the file. */
  lineOf(path: FieldPath): number;
}

export interface ParsedManifests {
  manifests: Manifest[];
  errors: RampartError[];
  /** Documents that are not Kubernetes objects (no kind/apiVersion), counted and skipped. */
  notObjects: number;
}

export function parseManifests(text: string, file: string): ParsedManifests {
  const lineCounter = new LineCounter();
  const out: ParsedManifests = { manifests: [], errors: [], notObjects: 0 };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false }) as Document.Parsed[];
  } catch (e) {
    out.errors.push(new RampartError('SCAN_CONFIG_PARSE', `not valid YAML: ${(e as Error).message}`, { file }));
    return out;
  }
  if (!Array.isArray(docs)) docs = [docs as Document.Parsed];
  docs.forEach((doc, index) => {
    const first = doc.errors[0];
    if (first !== undefined) {
      const pos = first.linePos?.[0];
      out.errors.push(
        new RampartError('SCAN_CONFIG_PARSE', `not valid YAML: ${first.message.split('\n')[0]}`, {
          file,
          line: pos?.line,
          column: pos?.col,
        }),
      );
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      out.errors.push(
        new RampartError('SCAN_CONFIG_PARSE', `cannot read document ${index + 1}: ${(e as Error).message}`, { file }),
      );
      return;
    }
    if (value === null || value === undefined) return;
    const lineOf = (path: FieldPath) => lineOfPath(doc, lineCounter, path);
    collect(value, [], file, index, lineOf, out);
  });
  return out;
}

function collect(
  value: unknown,
  prefix: FieldPath,
  file: string,
  document: number,
  lineOf: (path: FieldPath) => number,
  out: ParsedManifests,
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.notObjects++;
    return;
  }
  const o = value as K8sObject;
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  if (kind === '' || apiVersion === '') {
    out.notObjects++;
    return;
  }
  if (kind.endsWith('List') && Array.isArray(o.items)) {
    o.items.forEach((item, i) => {
      collect(item, [...prefix, 'items', i], file, document, lineOf, out);
    });
    return;
  }
  const meta = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as K8sObject;
  out.manifests.push({
    file,
    document,
    object: o,
    kind,
    apiVersion,
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
    lineOf: (path) => lineOf([...prefix, ...path]),
  });
}

/** The line of the deepest existing field of `path`: its key in a map, the item in a sequence. */
function lineOfPath(doc: Document.Parsed, lc: LineCounter, path: FieldPath): number {
  for (let n = path.length; n >= 1; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const key = path[n - 1];
    let node: unknown;
    if (isMap(parent)) node = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key)?.key;
    else if (isSeq(parent) && typeof key === 'number') node = parent.items[key];
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  const root = doc.contents;
  return isNode(root) && root.range ? lc.linePos(root.range[0]).line : 1;
}
