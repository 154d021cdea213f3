import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base62, crc32, hasCrc32Base62Suffix } from './checksum.js';

test('crc32 matches the IEEE check value', () => {
  assert.equal(crc32('123456789'), 0xcbf43926);
  assert.equal(crc32(''), 0);
});

test('a GitHub-format token verifies only with its own checksum', () => {
  const body = 'E5145VcbITBxHhxh2fBrNFrTNOdFkh';
  const token = `ghp_${body}${base62(crc32(body)).padStart(6, '0')}`;
  assert.equal(hasCrc32Base62Suffix(token), true);
  const flipped = `${token.slice(0, 10)}${token[10] === 'a' ? 'b' : 'a'}${token.slice(11)}`;
  assert.equal(hasCrc32Base62Suffix(flipped), false);
  assert.equal(hasCrc32Base62Suffix('ghp_short'), false);
});
