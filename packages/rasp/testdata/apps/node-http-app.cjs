// A plain node:http app whose async handler does not catch errors: a blocked sink call becomes an unhandled rejection,
// which the agent answers with 403 instead of letting the process crash. Prints {"port":N} when ready.
'use strict';
const http = require('node:http');
const childProcess = require('node:child_process');

const server = http.createServer(async (req, res) => {
  const v = new URL(req.url, 'http://x').searchParams.get('v') ?? '';
  if (req.url.startsWith('/sync')) {
    // A synchronous throw out of the handler.
    res.end(childProcess.execSync(`echo ${v}`).toString());
    return;
  }
  await new Promise((r) => setTimeout(r, 1));
  const out = await new Promise((resolve, reject) =>
    childProcess.exec(`echo ${v}`, (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
  res.end(out);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => process.exit(0));
