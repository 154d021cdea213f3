/**
 * The other sinks, in process, with real servers where they exist here: mysql2 and mariadb on MariaDB 127.0.0.1:3306,
 * sqlite3 (callback API), the mongodb driver's query objects (no server needed: the check runs before any I/O), code
 * evaluation, prototype pollution through a JSON body, and SSRF through http, the undici package and redirects (undici's
 * MockAgent answers for "public" hosts, so nothing outside is contacted).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import vm from 'node:vm';
import { after, before, test } from 'node:test';
import { protect } from '../index.js';
import { close, EventCollector, listen, send } from './harness.js';

const events = new EventCollector();
protect({ events, log: false });

const require = createRequire(import.meta.url);
const mysql2 = require('mysql2/promise');
const mariadb = require('mariadb');
const sqlite3 = require('sqlite3');
const { MongoClient } = require('mongodb');
const undici = require('undici');
const express = require('express4');

type Handler = (v: string, body: Record<string, unknown>) => Promise<unknown> | unknown;

let base = '';
let server: Server;
let mysqlConn: { query(sql: string, values?: unknown[]): Promise<[unknown[]]>; end(): Promise<void> };
let mariaPool: { query(sql: string, values?: unknown[]): Promise<unknown[]>; end(): Promise<void> };
const sqliteDb = new sqlite3.Database(':memory:');
const mongo = new MongoClient('mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=200');
const users = mongo.db('test').collection('users');

const routes: Record<string, Handler> = {
  mysql2: async (v) => (await mysqlConn.query(`SELECT '${v}' AS v`))[0],
  mysql2Safe: async (v) => (await mysqlConn.query('SELECT ? AS v', [v]))[0],
  mariadb: async (v) => mariaPool.query(`SELECT '${v}' AS v`),
  sqlite3: (v) =>
    new Promise((resolve, reject) =>
      sqliteDb.all(`SELECT '${v}' AS v`, (e: Error | null, rows: unknown) => (e ? reject(e) : resolve(rows))),
    ),
  mongo: (_v, body) => {
    users.find({ user: body.user, password: body.password }); // a cursor: no I/O until iterated
    return 'queried';
  },
  mongoWhere: (v) => {
    users.find({ $where: `this.name == '${v}'` });
    return 'queried';
  },
  function: (v) => new Function(`return ${v}`)(),
  gadget: (v) => (() => 0).constructor(`return '${v}'`)(),
  vm: (v) => vm.runInNewContext(`'${v}'.length`),
  merge: (_v, body) => Object.assign({}, body),
  httpGet: (v) =>
    new Promise((resolve, reject) => {
      const { get } = require('node:http');
      get(v, (res: IncomingMessage) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    }),
  undici: async (v) => (await undici.request(v)).statusCode,
  fetch: async (v) => (await undici.fetch(v)).status,
  globalFetch: async (v) => (await fetch(v)).status,
};

/** Why the MariaDB tests cannot run (the server on 127.0.0.1:3306 is down), or undefined. */
let mariadbDown: string | undefined;

before(async () => {
  try {
    mysqlConn = await mysql2.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
    mariaPool = mariadb.createPool({
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      database: 'test',
      connectionLimit: 2,
    });
  } catch (e) {
    mariadbDown = `SKIPPED: MariaDB on 127.0.0.1:3306 is not reachable (${(e as Error).message})`;
  }
  const app = express();
  app.use(express.json());
  app.all(
    '/s/:name',
    async (
      req: {
        params: { name: string };
        query: { v?: string } & Record<string, unknown>;
        body?: Record<string, unknown>;
      },
      res: ServerResponse & { status(n: number): { json(v: unknown): void } },
      next: (e: unknown) => void,
    ) => {
      try {
        const body = { ...req.query, ...(req.body ?? {}) };
        const v = req.query.v ?? String(body.v ?? '');
        res.status(200).json({ result: await (routes[req.params.name] as Handler)(v, body) });
      } catch (e) {
        next(e);
      }
    },
  );
  app.use(
    (
      err: { status?: number; message: string },
      _req: unknown,
      res: { status(n: number): { json(v: unknown): void } },
      _next: unknown,
    ) => {
      res.status(err.status ?? 500).json({ error: err.message });
    },
  );
  server = createServer(app);
  base = await listen(server);
});

after(async () => {
  await close(server);
  await mysqlConn?.end();
  await mariaPool?.end();
  await mongo.close();
  sqliteDb.close();
});

const get = (name: string, v: string) => send(`${base}/s/${name}?v=${encodeURIComponent(v)}`);
const post = (name: string, body: unknown) =>
  send(`${base}/s/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

test('sqlite3 (callback API): injections blocked, literals pass', async () => {
  assert.equal((await get('sqlite3', "x' UNION SELECT sqlite_version() --")).status, 403);
  assert.equal((await get('sqlite3', "x' OR 1=1 #")).status, 403);
  const ok = await get('sqlite3', 'semi; colons and 1=1');
  assert.equal(ok.status, 200, ok.body);
  assert.match(ok.body, /semi; colons and 1=1/);
});

test('mysql2 and mariadb (MariaDB server): injections blocked, literals and parameters pass', async (t) => {
  if (mariadbDown !== undefined) {
    t.skip(mariadbDown);
    return;
  }
  for (const name of ['mysql2', 'mariadb']) {
    assert.equal((await get(name, "x' UNION SELECT user() -- ")).status, 403, name);
    assert.equal((await get(name, "x' OR 1=1 #")).status, 403, name);
    const ok = await get(name, 'semi; colons and 1=1');
    assert.equal(ok.status, 200, `${name}: ${ok.body}`);
    assert.match(ok.body, /semi; colons and 1=1/);
  }
  const safe = await get('mysql2Safe', "O'Brien");
  assert.equal(safe.status, 200, safe.body);
  assert.match(safe.body, /O'Brien/);
});

test('mongodb: operator objects from a JSON body are blocked, plain values pass, $where with input is blocked', async () => {
  assert.equal((await post('mongo', { user: 'admin', password: { $ne: null } })).status, 403);
  assert.equal((await post('mongo', { user: 'admin', password: 'secret$value' })).status, 200);
  assert.equal((await get('mongo', 'x')).status, 200);
  // Express 4's qs turns `password[$ne]=x` into an operator object: the same injection through a query string.
  assert.equal((await send(`${base}/s/mongo?user=admin&password[$ne]=x`)).status, 403);
  assert.equal((await get('mongoWhere', "x' || true || '")).status, 403);
  assert.equal((await get('mongoWhere', 'alice')).status, 200);
});

test('code evaluation: Function, the constructor gadget and vm compile user input as code → blocked', async () => {
  assert.equal((await get('function', '1; globalThis.pwned = 1')).status, 403);
  assert.equal((await get('gadget', "'; return process.pid; '")).status, 403);
  assert.equal((await get('vm', "'+this.constructor+'")).status, 403);
  assert.equal((await get('function', '42')).status, 200);
  assert.equal((await get('gadget', 'plain text, with punctuation!')).status, 200);
  assert.equal((globalThis as { pwned?: number }).pwned, undefined);
});

test('prototype pollution: a JSON body carrying __proto__ or constructor.prototype is refused before the app merges it', async () => {
  events.clear();
  const r = await send(`${base}/s/merge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"__proto__": {"polluted": true}}',
  });
  assert.equal(r.status, 403);
  assert.equal(events.last()?.event.action, 'prototype_pollution');
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  assert.equal((await post('merge', { constructor: { prototype: { isAdmin: true } } })).status, 403);
  assert.equal((await post('merge', { constructor: 'a field named constructor', proto: 1 })).status, 200);
});

test('SSRF: user-chosen private hosts are refused for http.get, undici.request and fetch (IP literals and spellings)', async () => {
  const target = `${base}/s/mysql2Safe?v=internal`;
  for (const name of ['httpGet', 'undici', 'fetch', 'globalFetch']) {
    assert.equal((await get(name, target)).status, 403, name);
    assert.equal((await get(name, target.replace('127.0.0.1', '2130706433'))).status, 403, `${name} decimal`);
  }
  const e = events.last();
  assert.equal(e?.event.action, 'ssrf');
  assert.match(
    String((e?.rampart as { rasp?: { frame?: { file: string } } } | undefined)?.rasp?.frame?.file),
    /sinks\.test\.js$/,
  );
});

test('SSRF: a DNS name that resolves to a private address is refused', async (t) => {
  const name = hostname();
  const address = await lookup(name).catch(() => undefined);
  if (address === undefined || !/^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1)/.test(address.address)) {
    t.skip(`${name} does not resolve to a private address here`);
    return;
  }
  const url = `${base.replace('127.0.0.1', name)}/s/mysql2Safe?v=internal`;
  for (const route of ['httpGet', 'fetch', 'globalFetch']) assert.equal((await get(route, url)).status, 403, route);
});

test('SSRF: a public host that redirects to a private one is refused at the redirect; public hosts pass', async () => {
  const mock = new undici.MockAgent();
  mock.disableNetConnect();
  mock.enableNetConnect(new URL(base).host); // the test's own requests to the app
  mock
    .get('http://198.51.100.7')
    .intercept({ path: '/go' })
    .reply(302, '', { headers: { location: 'http://127.0.0.1:8081/admin' } })
    .persist();
  mock.get('http://198.51.100.7').intercept({ path: '/ok' }).reply(200, 'public').persist();
  mock.get('http://127.0.0.1:8081').intercept({ path: '/admin' }).reply(200, 'internal secret').persist();
  const previous = undici.getGlobalDispatcher();
  undici.setGlobalDispatcher(mock);
  try {
    for (const route of ['fetch', 'globalFetch']) {
      assert.deepEqual(await get(route, 'http://198.51.100.7/ok'), { status: 200, body: '{"result":200}' }, route);
      const r = await get(route, 'http://198.51.100.7/go');
      assert.equal(r.status, 403, `${route}: ${r.body}`);
    }
  } finally {
    undici.setGlobalDispatcher(previous);
    await mock.close();
  }
});
