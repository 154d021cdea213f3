/**
 * CRS response tests POST a JSON spec `{status, headers, body}` to /reflect and expect the upstream (albedo) to answer
 * with it. In process, the runner builds that response itself; a missing Content-Type is sniffed like Go's net/http.
 */
import type { WafRequest, WafResponse } from '../engine/types.js';

const HTML_SIGNATURES = [
  '<!doctype html',
  '<html',
  '<head',
  '<script',
  '<iframe',
  '<h1',
  '<div',
  '<font',
  '<table',
  '<a',
  '<style',
  '<title',
  '<b',
  '<body',
  '<br',
  '<p',
  '<!--',
];

export function sniffContentType(body: string): string {
  const t = body.replace(/^[\t\n\f\r ]+/, '').toLowerCase();
  for (const sig of HTML_SIGNATURES) {
    if (t.startsWith(sig)) {
      const next = t[sig.length];
      if (sig === '<!--' || next === ' ' || next === '>') return 'text/html; charset=utf-8';
    }
  }
  if (t.startsWith('<?xml')) return 'text/xml; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

export function reflectResponse(req: WafRequest): WafResponse | undefined {
  const path = req.uri.split('?')[0];
  if (path !== '/reflect' || req.body === undefined) return undefined;
  let spec: { status?: number; headers?: Record<string, string>; body?: string };
  try {
    spec = JSON.parse(Buffer.from(req.body).toString('utf8'));
  } catch {
    return undefined;
  }
  const body = spec.body ?? '';
  const headers: [string, string][] = Object.entries(spec.headers ?? {}).map(([k, v]) => [k, String(v)]);
  if (!headers.some(([k]) => k.toLowerCase() === 'content-type'))
    headers.push(['Content-Type', sniffContentType(body)]);
  return { status: spec.status ?? 200, headers, body: Buffer.from(body, 'utf8') };
}
