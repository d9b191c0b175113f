import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commands, isCommandName } from '../../shared/commands';
import { PERMISSIONS, ROLES, ROLE_LABELS, ROLE_PERMISSIONS, can, isRole, type Principal } from '../../shared/permissions';

const PRINCIPALS: Principal[] = [...ROLES, 'guest'];

test('every command names a permission from PERMISSIONS, and has a summary', () => {
  const names = Object.keys(commands);
  assert.ok(names.length >= 10);
  for (const [name, def] of Object.entries(commands)) {
    assert.ok((PERMISSIONS as readonly string[]).includes(def.permission), `${name} names unknown permission ${def.permission}`);
    assert.ok(def.summary.length > 0, `${name} has no summary`);
    assert.ok(isCommandName(name));
  }
  assert.equal(isCommandName('toString'), false, 'prototype keys are not commands');
  assert.equal(isCommandName('__proto__'), false);
  assert.equal(isCommandName(42), false);
});

test('every role and the guest have an entry, with only known permissions and no duplicates', () => {
  assert.deepEqual(Object.keys(ROLE_PERMISSIONS).sort(), [...PRINCIPALS].sort());
  for (const p of PRINCIPALS) {
    const perms = ROLE_PERMISSIONS[p];
    assert.equal(new Set(perms).size, perms.length, `${p} lists a permission twice`);
    for (const perm of perms) assert.ok((PERMISSIONS as readonly string[]).includes(perm), `${p}: ${perm}`);
    assert.ok(ROLE_LABELS[p].length > 0);
  }
});

test('a guest can only read the session and switch profiles', () => {
  assert.deepEqual([...ROLE_PERMISSIONS.guest].sort(), ['session.read', 'session.switch']);
  for (const perm of PERMISSIONS) assert.equal(can('guest', perm), perm === 'session.read' || perm === 'session.switch', perm);
});

test('the auditor reads everybody’s trail but cannot listen', () => {
  assert.equal(can('auditor', 'recording.listen'), false);
  assert.equal(can('auditor', 'audit.read.all'), true);
  assert.equal(can('auditor', 'store.manage'), false);
});

test('only the administrator manages the store', () => {
  for (const p of PRINCIPALS) assert.equal(can(p, 'store.manage'), p === 'administrator', p);
});

test('only the administrator and the auditor read everybody’s trail', () => {
  for (const p of PRINCIPALS) assert.equal(can(p, 'audit.read.all'), p === 'administrator' || p === 'auditor', p);
});

test('every role reads the library, its own trail and can verify the chain', () => {
  for (const r of ROLES) {
    assert.equal(can(r, 'library.read'), true, r);
    assert.equal(can(r, 'audit.read.own'), true, r);
    assert.equal(can(r, 'audit.verify'), true, r);
    assert.equal(can(r, 'session.switch'), true, r);
  }
  assert.equal(can('guest', 'library.read'), false);
});

test('every permission is granted to someone, and every command is usable by some role', () => {
  for (const perm of PERMISSIONS) assert.ok(PRINCIPALS.some((p) => can(p, perm)), perm);
  for (const [name, def] of Object.entries(commands)) assert.ok(ROLES.some((r) => can(r, def.permission)), name);
});

test('isRole accepts roles only', () => {
  for (const r of ROLES) assert.equal(isRole(r), true);
  assert.equal(isRole('guest'), false);
  assert.equal(isRole('system'), false);
  assert.equal(isRole('Administrator'), false);
});
