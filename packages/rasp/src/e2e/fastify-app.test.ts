/** The sample app on Fastify 4 and 5, as an ES module started with `node --import @rampart/rasp/register` (ESM). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { payloadLists, REGISTER, startApp } from './app-process.js';

const { attacks, benign } = payloadLists();

for (const fastifyModule of ['fastify4', 'fastify']) {
  test(`${fastifyModule} (ESM, --import): attacks are blocked with 403, benign inputs pass`, async () => {
    const app = await startApp('fastify-app.mjs', ['--import', REGISTER], { FASTIFY_MODULE: fastifyModule });
    try {
      for (const method of ['GET', 'POST'] as const) {
        for (const p of attacks) {
          const r = await app.call(p, method);
          assert.equal(r.status, 403, `${method} ${p.handler} ${JSON.stringify(p.v)}: ${r.body}`);
        }
        for (const p of benign) {
          const r = await app.call(p, method);
          assert.ok(
            r.status === 200 || (p.sink === 'ssrf' && r.status === 502),
            `${method} ${p.handler} ${p.v}: ${r.status} ${r.body}`,
          );
        }
      }
    } finally {
      await app.stop();
    }
  });
}
