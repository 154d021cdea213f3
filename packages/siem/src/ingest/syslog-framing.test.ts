import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SyslogFramer } from './syslog-framing.js';

test('octet counting and newline framing, in any split', () => {
  const a = '<34>1 2026-11-23T10:00:00Z h a - - - hello\nworld';
  const c = '<13>x y z éé';
  const stream = `${Buffer.byteLength(a)} ${a}<13>Nov 23 10:00:00 h t: plain line\r\n${Buffer.byteLength(c)} ${c}`;
  for (let cut = 1; cut < stream.length; cut++) {
    const f = new SyslogFramer();
    const bytes = Buffer.from(stream);
    const out = [...f.push(bytes.subarray(0, cut)), ...f.push(bytes.subarray(cut)), ...f.end()];
    assert.deepEqual(out, [a, '<13>Nov 23 10:00:00 h t: plain line', '<13>x y z éé'], `cut at ${cut}`);
  }
});

test('an oversized frame is cut at the limit and the rest skipped', () => {
  const f = new SyslogFramer(16);
  const big = 'x'.repeat(40);
  assert.deepEqual(f.push(Buffer.from(`40 ${big.slice(0, 10)}`)), ['xxxxxxxxxx']);
  assert.deepEqual(f.push(Buffer.from(`${big.slice(10)}5 hello`)), ['hello']);
  assert.deepEqual(f.push(Buffer.from(`${'y'.repeat(40)}\nok\n`)), ['y'.repeat(16), 'ok']);
});

test('property: random frames in random chunks come out whole and in order', () => {
  let seed = 3;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let round = 0; round < 300; round++) {
    const messages: string[] = [];
    let wire = '';
    for (let i = rnd(8) + 1; i > 0; i--) {
      const body = `<${rnd(191)}>msg ${round}-${i} ${'é'.repeat(rnd(5))}${rnd(2) === 0 ? '\nsecond line' : ''}`;
      if (body.includes('\n') || rnd(2) === 0) wire += `${Buffer.byteLength(body)} ${body}`;
      else wire += `${body}\n`;
      messages.push(body);
    }
    const bytes = Buffer.from(wire);
    const f = new SyslogFramer();
    const out: string[] = [];
    for (let at = 0; at < bytes.length; ) {
      const n = rnd(12) + 1;
      out.push(...f.push(bytes.subarray(at, at + n)));
      at += n;
    }
    out.push(...f.end());
    assert.deepEqual(out, messages);
  }
});
