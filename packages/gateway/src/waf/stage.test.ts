import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDenialEvent } from '@rampart/core/event';
import { startTestGateway, startUpstream } from '../test-support/harness.js';
import type { WafRequest, WafStage, WafVerdict } from './stage.js';

/** A stand-in with the shape of @rampart/waf's Waf: blocks `<script>` in the URI or `DROP TABLE` in the body. */
function fakeWaf(seen: WafRequest[]): WafStage {
  return {
    evaluateRequest(req: WafRequest): WafVerdict {
      seen.push(req);
      const body = req.body === undefined ? '' : Buffer.from(req.body).toString();
      const hit = decodeURIComponent(req.uri).includes('<script>') || body.includes('DROP TABLE');
      return hit
        ? {
            action: 'block',
            status: 403,
            inboundScore: 10,
            matches: [{ id: 941100, msg: 'XSS', tags: ['attack-xss'], phase: 2 }],
          }
        : { action: 'allow', inboundScore: 0, matches: [] };
    },
    verdictToEvent(verdict, req) {
      return createDenialEvent(
        {
          module: 'waf',
          action: 'waf-blocked',
          category: 'intrusion_detection',
          reason: `score ${verdict.inboundScore}`,
        },
        { url: { original: req.uri } },
      );
    },
  };
}

test('the injected WAF stage sees headers and body, blocks with 403 and its own event; routes can opt out', async () => {
  const up = await startUpstream();
  const seen: WafRequest[] = [];
  const g = await startTestGateway(
    `
waf: { paranoia: 1 }
upstreams:
  app: { targets: ["${up.url}"] }
routes:
  - { name: raw, match: { path: /raw }, upstream: app, auth: none, waf: false }
  - { name: app, match: { path: / }, upstream: app, auth: none }
`,
    {
      createWaf: async (opts) => {
        assert.deepEqual(opts, { paranoia: 1 });
        return fakeWaf(seen);
      },
    },
  );
  try {
    assert.equal((await fetch(`${g.url}/search?q=shoes`)).status, 200);
    const before = up.seen.length;
    const xss = await fetch(`${g.url}/search?q=<script>alert(1)</script>`);
    assert.equal(xss.status, 403);
    assert.equal(xss.headers.get('content-type'), 'application/problem+json');
    const sqli = await fetch(`${g.url}/items`, {
      method: 'POST',
      body: "x'; DROP TABLE users; --",
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(sqli.status, 403);
    assert.equal(up.seen.length, before, 'blocked requests never reach the upstream');
    assert.equal(seen.at(-1)?.method, 'POST');
    assert.equal(Buffer.from(seen.at(-1)?.body ?? []).toString(), "x'; DROP TABLE users; --", 'the WAF gets the body');
    assert.ok(seen.at(-1)?.headers.some(([k]) => k.toLowerCase() === 'content-type'));
    assert.equal(g.sink.events.filter((e) => e.event.module === 'waf').length, 2);
    const m = await g.gw.metrics.registry.getSingleMetricAsString('rampart_gateway_denials_total');
    assert.match(m, /stage="waf",route="app"} 2/);
    assert.equal((await fetch(`${g.url}/raw?q=<script>`)).status, 200, 'waf: false skips the stage');
  } finally {
    await g.close();
    await up.close();
  }
});
