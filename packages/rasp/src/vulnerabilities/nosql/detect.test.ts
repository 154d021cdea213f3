import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UserInput } from '../../context/user-input.js';
import { detectNoSqlInjection } from './detect.js';

const input = (objects: object[], strings: string[] = []): UserInput => ({
  strings: strings.map((value) => ({ source: 'body', path: 'body.x', value })),
  operatorObjects: objects.map((value) => ({ source: 'body', path: 'body.password', value })),
  pollutionKeys: [],
});

test('operators from user input are injection; operators the app wrote are not', () => {
  const userOp = { $ne: null };
  assert.ok(detectNoSqlInjection({ user: 'admin', password: { $ne: null } }, input([userOp])));
  assert.ok(detectNoSqlInjection({ $and: [{ user: 'a' }, { password: { $ne: null } }] }, input([userOp])));
  assert.equal(detectNoSqlInjection({ age: { $gt: 18 } }, input([userOp])), undefined);
  assert.equal(detectNoSqlInjection({ user: 'admin', password: 'x' }, input([])), undefined);
});

test('$where JavaScript carrying user input is injection', () => {
  const filter = { $where: "this.name == 'a' || true || ''" };
  assert.ok(detectNoSqlInjection(filter, input([], ["a' || true || '"])));
  assert.equal(detectNoSqlInjection({ $where: 'this.n > 1' }, input([], ['zz'])), undefined);
});
