/**
 * VEX input: OpenVEX documents and CycloneDX VEX (a BOM with `vulnerabilities[].analysis`). A `not_affected` statement
 * (CycloneDX: `not_affected` or `false_positive`) suppresses the findings of that vulnerability on the products it names
 * (by purl; a product purl without a version covers every version). A statement without products covers all.
 */
import { readFileSync } from 'node:fs';
import { RampartError } from '@rampart/core';

export interface VexStatement {
  vulnerability: string;
  /** purls; empty means every product. */
  products: string[];
  justification?: string;
  source: string;
}

export function readVexFile(path: string): VexStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RampartError(
      code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_INVALID',
      `cannot read VEX ${path}: ${(e as Error).message}`,
      {
        file: path,
      },
    );
  }
  return parseVex(doc, path);
}

export function parseVex(doc: unknown, source: string): VexStatement[] {
  if (typeof doc !== 'object' || doc === null) throw notVex(source);
  const d = doc as Record<string, unknown>;
  if (typeof d['@context'] === 'string' && d['@context'].includes('openvex')) return fromOpenVex(d, source);
  if (d.bomFormat === 'CycloneDX') return fromCycloneDx(d, source);
  throw notVex(source);
}

function notVex(source: string): RampartError {
  return new RampartError('INPUT_INVALID', 'not an OpenVEX or CycloneDX VEX JSON document', { file: source });
}

function fromOpenVex(d: Record<string, unknown>, source: string): VexStatement[] {
  const out: VexStatement[] = [];
  const statements = Array.isArray(d.statements) ? (d.statements as Record<string, unknown>[]) : [];
  for (const s of statements) {
    if (s?.status !== 'not_affected') continue;
    const v = s.vulnerability as unknown;
    const name = typeof v === 'string' ? v : ((v as Record<string, unknown> | undefined)?.name as string | undefined);
    if (typeof name !== 'string') continue;
    const products = (Array.isArray(s.products) ? s.products : []).flatMap((p: unknown) => {
      const id = typeof p === 'string' ? p : (p as Record<string, unknown>)?.['@id'];
      const ids = (p as Record<string, unknown>)?.identifiers as Record<string, unknown> | undefined;
      const purl = typeof ids?.purl === 'string' ? ids.purl : id;
      return typeof purl === 'string' ? [purl] : [];
    });
    const st: VexStatement = { vulnerability: name, products, source };
    if (typeof s.justification === 'string') st.justification = s.justification;
    out.push(st);
  }
  return out;
}

function fromCycloneDx(d: Record<string, unknown>, source: string): VexStatement[] {
  const refs = new Map<string, string>();
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const c of list as Record<string, unknown>[]) {
      if (typeof c?.['bom-ref'] === 'string' && typeof c.purl === 'string') refs.set(c['bom-ref'], c.purl);
      walk(c?.components);
    }
  };
  walk(d.components);
  const out: VexStatement[] = [];
  for (const v of Array.isArray(d.vulnerabilities) ? (d.vulnerabilities as Record<string, unknown>[]) : []) {
    const analysis = v?.analysis as Record<string, unknown> | undefined;
    if (analysis?.state !== 'not_affected' && analysis?.state !== 'false_positive') continue;
    if (typeof v.id !== 'string') continue;
    const products = (Array.isArray(v.affects) ? (v.affects as Record<string, unknown>[]) : []).flatMap((a) => {
      const ref = typeof a?.ref === 'string' ? a.ref : '';
      const local = ref.includes('#') ? ref.slice(ref.indexOf('#') + 1) : ref;
      const purl = refs.get(ref) ?? refs.get(local) ?? (local.startsWith('pkg:') ? local : undefined);
      return purl === undefined ? [] : [purl];
    });
    const st: VexStatement = { vulnerability: v.id, products, source };
    if (typeof analysis.justification === 'string') st.justification = analysis.justification;
    out.push(st);
  }
  return out;
}

/** A product purl covers the finding's purl when equal, or equal up to the version when the product has none. */
export function productCovers(product: string, purl: string): boolean {
  if (product === purl) return true;
  const strip = (p: string) => p.replace(/[?#].*$/, '');
  const base = strip(product);
  const subject = strip(purl);
  if (base === subject) return true;
  return !base.includes('@') && subject.startsWith(`${base}@`);
}
