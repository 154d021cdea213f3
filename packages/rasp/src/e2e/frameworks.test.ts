/**
 * Request context capture for Koa, Hono on Node and plain node:http, in process: each route reads its input its own way
 * (query, route parameter, JSON, urlencoded and multipart bodies, cookie, header) and splices it into a better-sqlite3
 * query. Attacks must answer 403 through the framework's own error handling; benign input must pass.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { protect } from '../index.js';
import { close, EventCollector, inputRequests, listen, send } from './harness.js';

const events = new EventCollector();
protect({ events, log: false });

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const db = new Database(':memory:');
db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'alice'), (2, 'bob');");
const lookup = (v: string): unknown[] => db.prepare(`SELECT id FROM users WHERE name = '${v}'`).all();

const ATTACK = "x' OR 1=1 --";
const BENIGN = ['alice', 'says 1=1; select me', 'dotted.name.v2'];

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Pulls `v` out of a multipart body the simple way (the app's own parsing; the agent parses separately). */
function multipartField(body: string): string {
  return /name="v"\r\n\r\n([\s\S]*?)\r\n--/.exec(body)?.[1] ?? '';
}

function koaApp(): Server {
  const Koa = require('koa');
  const app = new Koa();
  app.silent = true;
  app.use(
    async (ctx: {
      path: string;
      method: string;
      query: Record<string, string>;
      cookies: { get(n: string): string };
      get(h: string): string;
      req: IncomingMessage;
      request: { type: string };
      body: unknown;
    }) => {
      let v = '';
      if (ctx.path === '/q') v = ctx.query.v ?? '';
      else if (ctx.path.startsWith('/p/')) v = decodeURIComponent(ctx.path.slice(3));
      else if (ctx.path === '/json') v = JSON.parse(await readBody(ctx.req)).v;
      else if (ctx.path === '/form') v = new URLSearchParams(await readBody(ctx.req)).get('v') ?? '';
      else if (ctx.path === '/multipart') v = multipartField(await readBody(ctx.req));
      else if (ctx.path === '/cookie') v = decodeURIComponent(ctx.cookies.get('v') ?? '');
      else if (ctx.path === '/header') v = ctx.get('x-v');
      ctx.body = lookup(v);
    },
  );
  return createServer(app.callback());
}

function honoApp(): Server {
  const { Hono } = require('hono');
  const { getCookie } = require('hono/cookie');
  const { createAdaptorServer } = require('@hono/node-server');
  const app = new Hono();
  type C = {
    req: {
      query(k: string): string;
      param(k: string): string;
      json(): Promise<{ v: string }>;
      parseBody(): Promise<Record<string, string>>;
      header(k: string): string;
    };
    json(v: unknown): Response;
  };
  app.get('/q', (c: C) => c.json(lookup(c.req.query('v'))));
  app.get('/p/:v', (c: C) => c.json(lookup(c.req.param('v'))));
  app.post('/json', async (c: C) => c.json(lookup((await c.req.json()).v)));
  app.post('/form', async (c: C) => c.json(lookup((await c.req.parseBody()).v ?? '')));
  app.post('/multipart', async (c: C) => c.json(lookup((await c.req.parseBody()).v ?? '')));
  app.get('/cookie', (c: C) => c.json(lookup(getCookie(c, 'v') ?? '')));
  app.get('/header', (c: C) => c.json(lookup(c.req.header('x-v'))));
  return createAdaptorServer({ fetch: app.fetch });
}

/**
 * Plain node:http; errors are answered with their `statusCode` (RaspBlockedError carries 403). The fallback for a
 * rejection nobody catches is tested in a child process (node-http-app.test.ts): node:test fails on any unhandled one.
 */
function nodeApp(): Server {
  return createServer((req, res) => {
    handle(req, res).catch((e: { statusCode?: number }) => {
      res.statusCode = e.statusCode ?? 500;
      res.end();
    });
  });
}

async function handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
  {
    const url = new URL(req.url ?? '/', 'http://x');
    let v = '';
    if (url.pathname === '/q') v = url.searchParams.get('v') ?? '';
    else if (url.pathname.startsWith('/p/')) v = decodeURIComponent(url.pathname.slice(3));
    else if (url.pathname === '/json') v = JSON.parse(await readBody(req)).v;
    else if (url.pathname === '/form') v = new URLSearchParams(await readBody(req)).get('v') ?? '';
    else if (url.pathname === '/multipart') v = multipartField(await readBody(req));
    else if (url.pathname === '/cookie')
      v = decodeURIComponent(/(?:^|; )v=([^;]*)/.exec(req.headers.cookie ?? '')?.[1] ?? '');
    else if (url.pathname === '/header') v = String(req.headers['x-v']);
    const rows = lookup(v);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(rows));
  }
}

const servers: [string, Server, string][] = [];

before(async () => {
  for (const [name, make] of [
    ['koa', koaApp],
    ['hono', honoApp],
    ['node:http', nodeApp],
  ] as const) {
    const server = make();
    servers.push([name, server, await listen(server)]);
  }
});

after(async () => {
  for (const [, server] of servers) await close(server);
});

test('attacks through query, params, JSON, urlencoded, multipart, cookie and header are blocked with 403', async () => {
  for (const [name, , base] of servers) {
    for (const [via, url, init] of inputRequests(base, ATTACK)) {
      events.clear();
      const r = await send(url, init);
      assert.equal(r.status, 403, `${name} via ${via}: ${r.status} ${r.body}`);
      const e = events.last();
      assert.equal(e?.event.action, 'sql_injection', `${name} via ${via}: event`);
      assert.equal((e?.rampart as { rasp?: { sink: string } } | undefined)?.rasp?.sink, 'better-sqlite3.prepare');
    }
  }
});

test('benign input with quotes-free SQL words, semicolons and dots passes on every framework', async () => {
  for (const [name, , base] of servers) {
    for (const v of BENIGN) {
      for (const [via, url, init] of inputRequests(base, v)) {
        const r = await send(url, init);
        assert.equal(r.status, 200, `${name} via ${via} ${JSON.stringify(v)}: ${r.body}`);
      }
    }
  }
});

test('a JSON body carrying __proto__ is refused on every framework before the app parses it', async () => {
  for (const [name, , base] of servers) {
    events.clear();
    const r = await send(`${base}/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"v":"alice","__proto__":{"isAdmin":true}}',
    });
    assert.equal(r.status, 403, `${name}: ${r.status} ${r.body}`);
    assert.equal(events.last()?.event.action, 'prototype_pollution', name);
  }
});
