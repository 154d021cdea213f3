import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger, redact } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, destination: destination as unknown as import('pino').DestinationStream };
}

test('credentials are redacted by key wherever they sit', () => {
  const { lines, destination } = capture();
  const log = createLogger({ name: 'test', destination });
  log.info(
    {
      req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=1', 'x-request-id': 'r1' } },
      res: { headers: { 'Set-Cookie': 'sid=2' } },
      config: { db: { password: 'pw', user: 'u' }, apiToken: 't', nested: [{ client_secret: 's' }] },
    },
    'request done',
  );
  const out = lines.join('');
  for (const leaked of ['abc.def.ghi', 'sid=1', 'sid=2', '"pw"', '"t"', '"s"'])
    assert.ok(!out.includes(leaked), `${leaked} leaked: ${out}`);
  const rec = JSON.parse(out);
  assert.equal(rec.req.headers['x-request-id'], 'r1');
  assert.equal(rec.config.db.user, 'u');
  assert.equal(rec.message, 'request done');
  assert.equal(rec['log.level'], 'info');
  assert.match(rec['@timestamp'], /Z$/);
});

test('substituted config secrets are scrubbed from messages', () => {
  const { lines, destination } = capture();
  const log = createLogger({ destination, secrets: () => ['sup3rs3cret'] });
  log.warn('upstream rejected key sup3rs3cret for route /a');
  assert.ok(!lines.join('').includes('sup3rs3cret'));
  assert.match(lines.join(''), /\[REDACTED\]/);
});

test('redact handles cycles and errors', () => {
  const a: Record<string, unknown> = { token: 'x' };
  a.self = a;
  a.err = new Error('boom');
  assert.deepEqual(redact(a), { token: '[REDACTED]', self: '[Circular]', err: { type: 'Error', message: 'boom' } });
});
