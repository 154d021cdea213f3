import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { RampartError } from '../errors.js';
import { repoRoot } from '../testing/index.js';
import { loadConfigFile, parseConfigText } from './load.js';

const dir = join(repoRoot(), 'packages/core/testdata/config');
const file = (name: string) => join(dir, name);

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['listen', 'routes'],
  properties: {
    listen: {
      type: 'object',
      additionalProperties: false,
      required: ['port'],
      properties: {
        host: { type: 'string', default: '0.0.0.0' },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
      },
    },
    routes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'upstream'],
        properties: {
          path: { type: 'string' },
          upstream: { type: 'string' },
          timeoutMs: { type: 'integer', default: 30000 },
          auth: {
            anyOf: [
              { const: 'none' },
              { type: 'object', additionalProperties: false, properties: { apiKey: { type: 'string' } } },
            ],
          },
        },
      },
    },
    logLevel: { enum: ['debug', 'info', 'warn', 'error'] },
  },
} as const;

interface TestConfig {
  listen: { host: string; port: number };
  routes: { path: string; upstream: string; timeoutMs: number; auth?: 'none' | { apiKey?: string } }[];
}

async function failure(name: string, env: NodeJS.ProcessEnv = {}): Promise<RampartError> {
  try {
    await loadConfigFile(file(name), schema, { env });
  } catch (e) {
    assert.ok(e instanceof RampartError, `expected a RampartError, got ${String(e)}`);
    return e;
  }
  assert.fail(`${name} should not load`);
}

test('a valid YAML config loads, with defaults filled and env substitution', async () => {
  const cfg = await loadConfigFile<TestConfig>(file('valid.yaml'), schema, { env: { RAMPART_TEST_KEY: 'k-123456' } });
  assert.equal(cfg.value.listen.port, 8080);
  assert.equal(cfg.value.routes[0]?.timeoutMs, 30000);
  assert.deepEqual(cfg.value.routes[0]?.auth, { apiKey: 'k-123456' });
  assert.equal(cfg.value.routes[1]?.auth, 'none');
  assert.ok(cfg.secrets.has('k-123456'));
});

test('wrong type: file:line:column, field path and what was expected', async () => {
  const err = await failure('wrong-type.yaml');
  assert.equal(err.code, 'CONFIG_INVALID');
  assert.equal(err.exitCode, 2);
  assert.equal(err.details.length, 1);
  const d = err.details[0] as RampartError;
  assert.equal(d.file, file('wrong-type.yaml'));
  assert.equal(d.line, 3);
  assert.equal(d.column, 9);
  assert.equal(d.field, 'listen.port');
  assert.match(d.message, /expected integer, got string/);
  assert.match(d.format(), /wrong-type\.yaml:3:9: listen\.port: expected integer/);
});

test('unknown key: points at the key and suggests the closest allowed one', async () => {
  const err = await failure('unknown-key.yaml');
  const unknown = err.details.find((d) => /unknown key/.test(d.message));
  assert.ok(unknown);
  assert.equal(unknown.line, 6);
  assert.equal(unknown.column, 5);
  assert.equal(unknown.field, 'routes[0].upstrem');
  assert.match(unknown.message, /did you mean "upstream"\?/);
  const missing = err.details.find((d) => /missing required key "upstream"/.test(d.message));
  assert.ok(missing, 'the missing upstream is reported too');
  assert.equal(missing.field, 'routes[0].upstream');
  assert.equal(missing.line, 5);
});

test('every error at once, in source order', async () => {
  const err = await failure('many-errors.yaml');
  const lines = err.details.map((d) => `${d.line}:${d.field}`);
  assert.deepEqual(lines, [
    '2:listen.hots',
    '3:listen.port',
    '5:routes[0].path',
    '7:routes[0].timeoutMs',
    '8:routes[1].path',
    '9:logLevel',
  ]);
  const byField = new Map(err.details.map((d) => [`${d.line}:${d.field}`, d.message]));
  assert.match(byField.get('2:listen.hots') ?? '', /did you mean "host"/);
  assert.match(byField.get('3:listen.port') ?? '', /must be >= 1/);
  assert.match(byField.get('9:logLevel') ?? '', /expected one of "debug", "info", "warn", "error"/);
  assert.match(err.message, /6 problems/);
});

test('YAML syntax errors name the line and column', async () => {
  const err = await failure('broken.yaml');
  assert.equal(err.code, 'CONFIG_PARSE');
  assert.ok(err.details.length >= 1);
  assert.ok(err.details.every((d) => d.file === file('broken.yaml') && typeof d.line === 'number'));
  assert.ok(err.details.some((d) => (d.line ?? 0) >= 6));
});

test('missing env var and missing secret file are errors at their place; secrets never appear in messages', async () => {
  const err = await failure('secret-wrong-type.yaml', {});
  const msgs = err.details.map((d) => d.format());
  assert.ok(
    msgs.some((m) => /:3:9: listen\.port: environment variable RAMPART_TEST_PORT_SECRET is not set/.test(m)),
    msgs.join('\n'),
  );
  assert.ok(
    msgs.some((m) => /:8:15: routes\[0\]\.auth\.apiKey: file .*missing-secret\.txt does not exist/.test(m)),
    msgs.join('\n'),
  );

  const secret = 'hunter2-very-secret-port';
  const err2 = await failure('secret-wrong-type.yaml', { RAMPART_TEST_PORT_SECRET: secret });
  const all = JSON.stringify(err2.toJSON()) + err2.details.map((d) => d.format()).join('\n');
  assert.ok(!all.includes(secret), 'the substituted value must not be echoed');
  assert.ok(err2.details.some((d) => d.field === 'listen.port' && /expected integer, got string/.test(d.message)));
});

test('JSON configs get the same positions, and ${file:} reads relative to the config', async () => {
  const err = await failure('valid.json');
  const d = err.details[0] as RampartError;
  assert.equal(d.line, 6);
  assert.equal(d.column, 3);
  assert.match(d.message, /unknown key "logLevell" \(did you mean "logLevel"\?\)/);
  const text = '{"listen":{"port":1},"routes":[{"path":"/","upstream":"u","auth":{"apiKey":"${file:api-key.txt}"}}]}';
  const ok = parseConfigText<TestConfig>(text, '<inline>', schema, { baseDir: dir });
  assert.deepEqual(ok.value.routes[0]?.auth, { apiKey: 's3cr3t-from-file' });
});

test('a missing file is INPUT_NOT_FOUND with exit code 2', async () => {
  const err = await failure('does-not-exist.yaml');
  assert.equal(err.code, 'INPUT_NOT_FOUND');
  assert.equal(err.exitCode, 2);
});

test('$${...} escapes a literal reference', () => {
  const text = 'listen: {port: 1}\nroutes: [{path: "$${env:X}", upstream: u}]\n';
  const cfg = parseConfigText<TestConfig>(text, '<inline>', schema, { env: {} });
  assert.equal(cfg.value.routes[0]?.path, '${env:X}');
});

test('property: arbitrary text never escapes as anything but a RampartError', () => {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const alphabet = [
    'a',
    ':',
    ' ',
    '\n',
    '-',
    '[',
    ']',
    '{',
    '}',
    '"',
    "'",
    '${env:',
    '}',
    '#',
    '&x',
    '*x',
    '!!',
    '1',
    '\t',
    'port',
  ];
  for (let i = 0; i < 500; i++) {
    let text = '';
    const n = Math.floor(rand() * 40);
    for (let j = 0; j < n; j++) text += alphabet[Math.floor(rand() * alphabet.length)];
    try {
      parseConfigText(text, '<fuzz>', schema, { env: {} });
    } catch (e) {
      assert.ok(e instanceof RampartError, `input ${JSON.stringify(text)} threw ${String(e)}`);
      for (const d of e.details) assert.equal(d.file, '<fuzz>');
    }
  }
});

test('did you mean: typos and transpositions, not unrelated words', async () => {
  const { didYouMean } = await import('./suggest.js');
  assert.equal(didYouMean('hots', ['host', 'port']), 'host');
  assert.equal(didYouMean('timout', ['timeoutMs', 'timeout']), 'timeout');
  assert.equal(didYouMean('colour', ['routes', 'listen']), undefined);
});

test('formats are validated (uri, date-time), not ignored', () => {
  const s = {
    type: 'object',
    properties: { url: { type: 'string', format: 'uri' }, at: { type: 'string', format: 'date-time' } },
  } as const;
  const warnings: unknown[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    assert.throws(
      () => parseConfigText('url: "not a uri"\nat: "yesterday"\n', '<inline>', s),
      (e: unknown) =>
        e instanceof RampartError &&
        e.details.some((d) => d.field === 'url' && /format "uri"/.test(d.message) && d.line === 1) &&
        e.details.some((d) => d.field === 'at' && /format "date-time"/.test(d.message) && d.line === 2),
    );
    assert.equal(
      parseConfigText<{ url: string }>('url: http://127.0.0.1:9/x\n', '<inline>', s).value.url,
      'http://127.0.0.1:9/x',
    );
  } finally {
    console.warn = original;
  }
  assert.deepEqual(warnings, []);
});
