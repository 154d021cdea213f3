// The sample vulnerable app's handlers, shared by every framework adapter: each takes one user-controlled string and
// passes it to a sink the unsafe way (string concatenation), beside safe variants (parameters, quoting).
// Used by the tests, the sqlmap run, the Aikido Zen comparison and bench/rasp.mjs.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const childProcess = require('node:child_process');

const FILES = path.join(__dirname, 'files');
const table = `rasp_users_${process.pid}`;

async function openDatabases() {
  const dbs = {};
  if (process.env.RASP_APP_PG !== '0') {
    const { Pool } = require('pg');
    const pool = new Pool({ host: '127.0.0.1', port: 5432, user: process.env.PGUSER || 'postgres', database: 'test', max: 4 });
    await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (id int primary key, name text, bio text)`);
    await pool.query(
      `INSERT INTO ${table} VALUES (1, 'alice', 'likes 1=1'), (2, 'bob', 'O''Brien fan'), (3, 'carol', 'x') ON CONFLICT DO NOTHING`,
    );
    dbs.pg = pool;
  }
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, bio TEXT); INSERT INTO users VALUES (1,'alice','likes 1=1'),(2,'bob','O''Brien fan'),(3,'carol','x');");
  dbs.sqlite = db;
  return dbs;
}

async function closeDatabases(dbs) {
  if (dbs.pg) {
    await dbs.pg.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await dbs.pg.end();
  }
  dbs.sqlite?.close();
}

/** name → (dbs, input) → result (JSON-able). Each throws what its sink throws (RaspBlockedError included). */
const handlers = {
  async pgName(dbs, v) {
    return (await dbs.pg.query(`SELECT id, name FROM ${table} WHERE name = '${v}'`)).rows;
  },
  async pgId(dbs, v) {
    return (await dbs.pg.query(`SELECT id, name FROM ${table} WHERE id = ${v}`)).rows;
  },
  async pgSearch(dbs, v) {
    return (await dbs.pg.query(`SELECT id FROM ${table} WHERE bio LIKE '%${v}%' ORDER BY id`)).rows;
  },
  async pgSafe(dbs, v) {
    return (await dbs.pg.query(`SELECT id, name FROM ${table} WHERE name = $1 OR bio = $1`, [v])).rows;
  },
  sqliteName(dbs, v) {
    return dbs.sqlite.prepare(`SELECT id, name FROM users WHERE name = '${v}'`).all();
  },
  sqliteId(dbs, v) {
    return dbs.sqlite.prepare(`SELECT id, name FROM users WHERE id = ${v}`).all();
  },
  sqliteSafe(dbs, v) {
    return dbs.sqlite.prepare('SELECT id, name FROM users WHERE name = ? OR bio = ?').all(v, v);
  },
  exec(_dbs, v) {
    return new Promise((resolve, reject) => {
      childProcess.exec(`echo ${v}`, { timeout: 5000 }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim())));
    });
  },
  execQuoted(_dbs, v) {
    return childProcess.execSync(`echo '${v}'`, { timeout: 5000 }).toString().trim();
  },
  file(_dbs, v) {
    return fs.readFileSync(path.join(FILES, v), 'utf8').trim();
  },
  fileConcat(_dbs, v) {
    return fs.promises.readFile(`${FILES}/${v}`, 'utf8').then((s) => s.trim());
  },
  /** Fetches a fixed upstream (RASP_APP_UPSTREAM) with the input as a query parameter only: a benign outbound call. */
  async fetchFixed(_dbs, v) {
    const res = await fetch(`${process.env.RASP_APP_UPSTREAM}/echo?q=${encodeURIComponent(v)}`);
    return { status: res.status, body: (await res.text()).slice(0, 200) };
  },
  async fetch(_dbs, v) {
    const res = await fetch(v, { signal: AbortSignal.timeout(1500) });
    return { status: res.status, body: (await res.text()).slice(0, 200) };
  },
};

/** Runs a handler and maps errors to an HTTP status: blocked → rethrown for the framework, others → 500/502 text. */
async function run(dbs, name, value) {
  const h = handlers[name];
  if (h === undefined) return { status: 404, body: { error: `no handler ${name}` } };
  try {
    return { status: 200, body: { result: await h(dbs, value) } };
  } catch (e) {
    if (e && e.name === 'RaspBlockedError') throw e;
    return { status: name === 'fetch' ? 502 : 500, body: { error: String((e && e.message) || e).slice(0, 200) } };
  }
}

module.exports = { openDatabases, closeDatabases, handlers, run, FILES };
