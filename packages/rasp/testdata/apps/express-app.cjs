// The sample vulnerable app on Express (EXPRESS_MODULE=express for 5, express4 for 4). Prints {"port":N} when ready.
'use strict';
const express = require(process.env.EXPRESS_MODULE || 'express');
const { openDatabases, closeDatabases, run } = require('./vulnerable.cjs');

async function main() {
  const dbs = await openDatabases();
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: true }));
  // GET /run/:handler?v=...  and  POST /run/:handler {"v": ...}
  app.all('/run/:handler', async (req, res, next) => {
    const value = req.method === 'GET' ? req.query.v : req.body.v;
    try {
      const out = await run(dbs, req.params.handler, value);
      res.status(out.status).json(out.body);
    } catch (e) {
      next(e); // RaspBlockedError: Express's default handler answers with its status (403)
    }
  });
  const server = app.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
  const stop = async () => {
    server.close();
    await closeDatabases(dbs);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
main().catch((e) => {
  console.error(e);
  process.exit(3);
});
