// The sample vulnerable app on Fastify, as an ES module (FASTIFY_MODULE=fastify for 5, fastify4 for 4).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { openDatabases, closeDatabases, run } = require('./vulnerable.cjs');
const { default: Fastify } = await import(process.env.FASTIFY_MODULE || 'fastify');

const dbs = await openDatabases();
const app = Fastify();
app.route({
  method: ['GET', 'POST'],
  url: '/run/:handler',
  handler: async (req, reply) => {
    const value = req.method === 'GET' ? req.query.v : req.body.v;
    const out = await run(dbs, req.params.handler, value); // RaspBlockedError → Fastify answers its statusCode (403)
    reply.code(out.status).send(out.body);
  },
});
await app.listen({ port: Number(process.env.PORT || 0), host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: app.server.address().port })}\n`);
const stop = async () => {
  await app.close();
  await closeDatabases(dbs);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
