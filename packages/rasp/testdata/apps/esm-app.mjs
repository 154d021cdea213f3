// An ES module app importing sinks by name (`import { readFile } from 'node:fs/promises'`) and a dual package
// (mariadb), started with `node --import @rampart/rasp/register`. GET /<sink>?v=... ; errors answer their statusCode.
import { exec } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import mariadb from 'mariadb';

const pool = mariadb.createPool({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test', connectionLimit: 1 });
const db = new Database(':memory:');
const sinks = {
  mariadb: (v) => pool.query(`SELECT '${v}' AS v`),
  sqlite: (v) => db.prepare(`SELECT '${v}' AS v`).all(),
  fs: (v) => readFile(join(dirname(fileURLToPath(import.meta.url)), 'files', v), 'utf8'),
  shell: (v) => new Promise((resolve, reject) => exec(`echo ${v}`, (e, out) => (e ? reject(e) : resolve(out)))),
};
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  try {
    const out = await sinks[url.pathname.slice(1)](url.searchParams.get('v') ?? '');
    res.end(JSON.stringify(out));
  } catch (e) {
    res.statusCode = e.statusCode ?? 500;
    res.end(String(e.message));
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', async () => {
  await pool.end();
  process.exit(0);
});
