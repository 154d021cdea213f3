/**
 * The registry client against a real HTTP server on 127.0.0.1 speaking the distribution API over a real OCI layout:
 * the bearer challenge (with basic credentials from a Docker config), retries on 500 and 429, and clear errors for
 * 401/403/404 and time-outs.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeOciLayout } from '../testing/oci-builder.js';
import { parseReference } from './reference.js';
import { scanImage } from './scan-image.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-reg-'));
const hits: string[] = [];
let failNextBlob = 0;
let port = 0;
const server = createServer((req, res) => handle(req, res));

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  hits.push(`${req.method} ${url.pathname}`);
  if (url.pathname === '/token') {
    // Credentials from the Docker config travel to the token service as basic auth.
    const ok = req.headers.authorization === `Basic ${Buffer.from('user:pass').toString('base64')}`;
    res
      .writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
      .end(JSON.stringify(ok ? { token: 'T0K3N' } : {}));
    return;
  }
  const m = /^\/v2\/([a-z/]+)\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
  if (m === null) return void res.writeHead(404).end();
  const [, repo, kind, ref] = m as unknown as [string, string, string, string];
  if (repo === 'hang/forever') return; // never answers: the client's time-out must fire
  if (repo === 'denied/repo') return void res.writeHead(403).end();
  if (req.headers.authorization !== 'Bearer T0K3N') {
    res.writeHead(401, {
      'www-authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="test",scope="repository:${repo}:pull"`,
    });
    return void res.end();
  }
  if (repo !== 'team/app') return void res.writeHead(404).end();
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const digest = kind === 'manifests' && ref === 'v1' ? (index.manifests[0] as { digest: string }).digest : ref;
  if (kind === 'blobs' && failNextBlob > 0) {
    failNextBlob--;
    return void res.writeHead(failNextBlob % 2 === 0 ? 500 : 429, { 'retry-after': '0' }).end();
  }
  const body = readFileSync(join(dir, 'blobs/sha256', digest.slice(7)));
  const type = kind === 'manifests' ? 'application/vnd.oci.image.manifest.v1+json' : 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'docker-content-digest': digest }).end(body);
}

before(async () => {
  await writeOciLayout(dir, [
    { entries: [{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID=12\n' }], compression: 'gzip' },
    {
      entries: [{ path: 'app/node_modules/x/package.json', content: '{"name":"x","version":"1.2.3"}' }],
      compression: 'gzip',
    },
  ]);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ auths: { [`127.0.0.1:${port}`]: { auth: Buffer.from('user:pass').toString('base64') } } }),
  );
});
after(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ DOCKER_CONFIG: dir });

test('bearer challenge with Docker-config credentials, and retries after 500 and 429', async () => {
  failNextBlob = 2;
  const inv = await scanImage(`127.0.0.1:${port}/team/app:v1`, { insecure: true, env: env() });
  assert.deepEqual(
    inv.packages.map((p) => p.purl),
    ['pkg:npm/x@1.2.3'],
  );
  assert.equal(inv.os?.id, 'debian');
  assert.ok(hits.includes('GET /token'));
  assert.equal(failNextBlob, 0, 'both failures were retried');
});

test('403, 404, bad credentials and time-outs are clear errors naming the image', async () => {
  await assert.rejects(scanImage(`127.0.0.1:${port}/denied/repo:v1`, { insecure: true, env: env() }), {
    code: 'NETWORK',
    message: /denied\/repo:v1: .*HTTP 403 access denied/,
  });
  await assert.rejects(scanImage(`127.0.0.1:${port}/team/other:v1`, { insecure: true, env: env() }), {
    message: /HTTP 404 not found/,
  });
  await assert.rejects(
    scanImage(`127.0.0.1:${port}/team/app:v1`, { insecure: true, env: { DOCKER_CONFIG: '/nonexistent' } }),
    {
      message: /token request: HTTP 401/,
    },
  );
  await assert.rejects(
    scanImage(`127.0.0.1:${port}/hang/forever:v1`, { insecure: true, env: env(), timeoutMs: 200, retries: 1 }),
    { code: 'NETWORK', message: /after 2 attempts/ },
  );
});

test('references: Docker Hub defaults, registries with ports, digests', () => {
  assert.deepEqual(parseReference('debian:12'), {
    registry: 'registry-1.docker.io',
    repository: 'library/debian',
    reference: '12',
  });
  assert.deepEqual(parseReference('localhost:5000/a/b'), {
    registry: 'localhost:5000',
    repository: 'a/b',
    reference: 'latest',
  });
  const d = `sha256:${'a'.repeat(64)}`;
  assert.equal(parseReference(`ghcr.io/o/r:t@${d}`).reference, d);
  assert.throws(() => parseReference('UPPER/case'), { code: 'USAGE' });
});
