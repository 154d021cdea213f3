/** Plain node:http, CommonJS: blocked calls in sync handlers and in un-awaited async handlers answer 403; no crash. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REGISTER, startApp } from './app-process.js';

test('node:http app: 403 for blocked calls thrown from sync and async handlers, and the process keeps serving', async () => {
  const app = await startApp('node-http-app.cjs', ['--require', REGISTER], { RAMPART_RASP_LOG: '0' });
  try {
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${app.port}${path}`);
      return { status: res.status, body: await res.text() };
    };
    assert.deepEqual(await get('/async?v=hello'), { status: 200, body: 'hello\n' });
    assert.equal((await get(`/async?v=${encodeURIComponent('x; id')}`)).status, 403);
    assert.equal((await get(`/sync?v=${encodeURIComponent('$(id)')}`)).status, 403);
    assert.deepEqual(await get('/sync?v=still-up'), { status: 200, body: 'still-up\n' });
  } finally {
    await app.stop();
  }
});
