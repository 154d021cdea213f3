/**
 * Images from a registry through the OCI distribution API: manifest (Docker v2 and OCI, indexes by platform), config,
 * and layer blobs streamed to the scanner. Anonymous, bearer-token challenge, or basic auth from the Docker config;
 * `insecure` for plain-HTTP registries. Idempotent GETs are retried with backoff on 429, 5xx and time-outs.
 */
import type { Readable } from 'node:stream';
import { RampartError } from '@rampart/core';
import { type Platform, selectManifest } from './platform.js';
import { parseReference } from './reference.js';
import { dockerConfigAuth, parseChallenge } from './registry-auth.js';
import { type ImageConfig, type ImageIndex, type ImageManifest, type ImageSource, MEDIA } from './source.js';
import { verifiedJson } from './verify.js';

export interface RegistryOptions {
  insecure?: boolean;
  /** Per-request time-out in ms (default 30 s). */
  timeoutMs?: number;
  retries?: number;
  env?: NodeJS.ProcessEnv;
}

const ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest].join(', ');
const KNOWN = new Set<string>([MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest]);

export async function openRegistryImage(ref: string, platform: Platform, opts: RegistryOptions): Promise<ImageSource> {
  // Loaded on first use: local scans never pay for the HTTP client.
  const { Agent, request } = await import('undici');
  const r = parseReference(ref);
  const base = `${opts.insecure === true ? 'http' : 'https'}://${r.registry}/v2/${r.repository}`;
  const timeout = opts.timeoutMs ?? 30_000;
  const dispatcher = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: timeout });
  const basic = dockerConfigAuth(r.registry, opts.env);
  let authorization: string | undefined = basic !== undefined ? `Basic ${basic}` : undefined;
  const retries = opts.retries ?? 3;

  async function get(
    url: string,
    accept?: string,
    tried = 0,
    authed = false,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Readable }> {
    let res: Awaited<ReturnType<typeof request>>;
    try {
      const headers: Record<string, string> = {};
      if (accept !== undefined) headers.accept = accept;
      if (authorization !== undefined && new URL(url).host === r.registry) headers.authorization = authorization;
      res = await request(url, { method: 'GET', headers, dispatcher });
    } catch (e) {
      if (tried < retries) return backoff(tried).then(() => get(url, accept, tried + 1, authed));
      throw new RampartError('NETWORK', `${ref}: ${url}: ${(e as Error).message} (after ${tried + 1} attempts)`);
    }
    const { statusCode: status } = res;
    if (status === 401 && !authed) {
      await res.body.dump();
      const ch = parseChallenge(res.headers['www-authenticate'] as string | undefined);
      if (ch?.scheme === 'bearer') authorization = `Bearer ${await token(ch.params)}`;
      else if (ch?.scheme === 'basic' && basic === undefined) {
        throw new RampartError('NETWORK', `${ref}: registry ${r.registry} wants basic auth; none in the Docker config`);
      }
      return get(url, accept, tried, true);
    }
    if ((status === 429 || status >= 500) && tried < retries) {
      await res.body.dump();
      return backoff(tried, res.headers['retry-after']).then(() => get(url, accept, tried + 1, authed));
    }
    if (status >= 300 && status < 400 && typeof res.headers.location === 'string') {
      await res.body.dump();
      return get(new URL(res.headers.location, url).toString(), accept, tried, authed);
    }
    if (status !== 200) {
      await res.body.dump();
      const why: Record<number, string> = {
        401: 'unauthorized',
        403: 'access denied',
        404: 'not found',
        429: 'rate limited',
      };
      throw new RampartError('NETWORK', `${ref}: ${url}: HTTP ${status} ${why[status] ?? 'error'}`, {
        exitCode: status === 404 || status === 401 || status === 403 ? 2 : 3,
      });
    }
    return { status, headers: res.headers, body: res.body };
  }

  async function token(params: Record<string, string>): Promise<string> {
    if (params.realm === undefined) throw new RampartError('NETWORK', `${ref}: bearer challenge without a realm`);
    const url = new URL(params.realm);
    if (params.service !== undefined) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${r.repository}:pull`);
    const headers: Record<string, string> = basic !== undefined ? { authorization: `Basic ${basic}` } : {};
    const res = await request(url, { headers, dispatcher }).catch((e: Error) => {
      throw new RampartError('NETWORK', `${ref}: token request to ${url.origin}: ${e.message}`);
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new RampartError('NETWORK', `${ref}: token request: HTTP ${res.statusCode}`);
    const body = JSON.parse(text) as { token?: string; access_token?: string };
    const t = body.token ?? body.access_token;
    if (t === undefined) throw new RampartError('NETWORK', `${ref}: token response without a token`);
    return t;
  }

  async function json<T>(
    path: string,
    digest: string | undefined,
    accept?: string,
  ): Promise<{ value: T; mediaType: string; digest: string }> {
    const res = await get(`${base}/${path}`, accept);
    const buf = Buffer.from(await (res.body as unknown as { arrayBuffer(): Promise<ArrayBuffer> }).arrayBuffer());
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0] as string;
    const d = digest ?? (res.headers['docker-content-digest'] as string | undefined) ?? '';
    return { value: verifiedJson<T>(ref, { digest: d }, buf), mediaType, digest: d };
  }

  let m = await json<ImageManifest & ImageIndex>(
    `manifests/${r.reference}`,
    r.reference.startsWith('sha256:') ? r.reference : undefined,
    ACCEPT,
  );
  const type = m.value.mediaType ?? m.mediaType;
  if (!KNOWN.has(type))
    throw new RampartError('INPUT_INVALID', `${ref}: unsupported manifest media type ${type || '(none)'}`);
  if (type === MEDIA.ociIndex || type === MEDIA.dockerList) {
    const d = selectManifest(ref, m.value.manifests ?? [], platform);
    m = await json(`manifests/${d.digest}`, d.digest, ACCEPT);
  }
  const cfg = await json<ImageConfig>(`blobs/${m.value.config.digest}`, m.value.config.digest);
  const diffIds = cfg.value.rootfs?.diff_ids ?? [];
  return {
    ref,
    manifestDigest: m.digest,
    configDigest: m.value.config.digest,
    platform: `${cfg.value.os ?? platform.os}/${cfg.value.architecture ?? platform.architecture}`,
    layers: m.value.layers.map((l, i) => ({
      digest: l.digest,
      diffId: diffIds[i],
      mediaType: l.mediaType,
      size: l.size,
    })),
    async open(layer) {
      return (await get(`${base}/blobs/${layer.digest}`)).body;
    },
    async close() {
      await dispatcher.close();
    },
  };
}

function backoff(tried: number, retryAfter?: string | string[]): Promise<void> {
  const s = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  const ms = Number.isFinite(s) && s > 0 ? Math.min(s * 1000, 10_000) : 250 * 2 ** tried;
  return new Promise((r) => setTimeout(r, ms));
}
