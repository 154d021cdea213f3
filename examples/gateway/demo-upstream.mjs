// A tiny upstream for trying the example gateway: answers JSON on 127.0.0.1:9000 (one order carries a test card number,
// which the gateway's DLP redacts on the /api route).
import { createServer } from 'node:http';

createServer((req, res) => {
  if (req.url === '/healthz') return res.writeHead(200).end('ok');
  const body = req.url?.startsWith('/orders/')
    ? { id: req.url.slice(8), sku: 'AB-1', card: '4111 1111 1111 1111' }
    : { hello: 'from the demo upstream', method: req.method, url: req.url };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}).listen(9000, '127.0.0.1', () => console.error('demo upstream on http://127.0.0.1:9000'));
