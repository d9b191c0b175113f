import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../electron/core/audit/audit-log';
import { createBackend, type Backend } from '../../electron/core/backend';
import { openDatabase } from '../../electron/core/db/database';
import { writeDemoStore } from '../../electron/core/demo/demo-writer';
import { createDispatcher, type Handlers } from '../../electron/core/dispatcher';
import { HandlerError } from '../../electron/core/errors';
import { GUEST_ACTOR, actorFor, type Actor } from '../../electron/core/session/session';
import type { CommandEnvelope, CommandFailure } from '../../shared/errors';
import type { AuditEntry, Page, Profile, RecordingRow } from '../../shared/types';
import { memoryVault } from './memory-vault';

const NOW = new Date('2026-11-20T12:00:00Z');

interface Env {
  dir: string;
  storeRoot: string;
  backend: Backend;
  errors: string[];
  done(): void;
}

async function env(): Promise<Env> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-dispatch-'));
  const storeRoot = path.join(dir, 'store');
  fs.mkdirSync(storeRoot);
  await writeDemoStore(storeRoot, { count: 4, seed: 3, now: NOW });
  const errors: string[] = [];
  const backend = await createBackend({ dataDir: path.join(dir, 'data'), storeRoot, isDemo: true, openVault: memoryVault(), logError: (m) => errors.push(m) });
  await backend.indexAsSystem();
  return {
    dir,
    storeRoot,
    backend,
    errors,
    done() {
      backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function failure(r: CommandEnvelope<unknown>): CommandFailure {
  assert.equal(r.ok, false, `expected a failure, got ${JSON.stringify(r)}`);
  return (r as { ok: false; error: CommandFailure }).error;
}
function value<T>(r: CommandEnvelope<unknown>): T {
  assert.equal(r.ok, true, r.ok ? '' : `expected success, got ${JSON.stringify(r)}`);
  return (r as { ok: true; value: T }).value;
}

function entries(b: Backend): AuditEntry[] {
  return b.services.audit.list({ offset: 0, limit: 500 }).rows.reverse();
}
const last = (b: Backend): AuditEntry => entries(b).at(-1)!;

async function signIn(b: Backend, displayName: string, role: Profile['role']): Promise<Profile> {
  return value<Profile>(await b.dispatch('profile.create', { displayName, role }));
}

test('indexing as the system actor is audited and fills the library', async () => {
  const e = await env();
  try {
    assert.equal(e.backend.services.recordings.count(), 4);
    const all = entries(e.backend);
    assert.equal(all.length, 1);
    assert.equal(all[0].command, 'store.reindex');
    assert.equal(all[0].role, 'system');
    assert.equal(all[0].outcome, 'ok');
    assert.deepEqual(e.errors, []);
  } finally {
    e.done();
  }
});

test('an unknown command fails with unknown_command and is audited as invalid', async () => {
  const e = await env();
  try {
    const f = failure(await e.backend.dispatch('library.delete', {}));
    assert.equal(f.code, 'unknown_command');
    const a = last(e.backend);
    assert.equal(a.command, 'unknown');
    assert.equal(a.outcome, 'invalid');
    assert.match(a.detail!, /library\.delete/);

    assert.equal(failure(await e.backend.dispatch(42, {})).code, 'unknown_command');
    assert.equal(failure(await e.backend.dispatch('constructor', {})).code, 'unknown_command');
    const long = 'x'.repeat(5000);
    failure(await e.backend.dispatch(long, {}));
    assert.ok(last(e.backend).detail!.length < 200, 'the name is truncated in the trail');
  } finally {
    e.done();
  }
});

test('bad input fails with invalid_input, names the field and is audited as invalid', async () => {
  const e = await env();
  try {
    const cases: [string, unknown, RegExp][] = [
      ['profile.create', { displayName: '   ', role: 'qa_supervisor' }, /^displayName$/],
      ['profile.create', { displayName: 'Zed', role: 'superuser' }, /^role$/],
      ['library.search', { limit: 9999 }, /^limit$/],
      ['library.search', { minDurationSec: 50, maxDurationSec: 10 }, /.*/],
      ['recording.open', { id: '../../etc/passwd' }, /^id$/],
      ['audit.list', { outcome: 'maybe' }, /^outcome$/],
    ];
    for (const [name, input, pathRe] of cases) {
      const before = entries(e.backend).length;
      const f = failure(await e.backend.dispatch(name, input));
      assert.equal(f.code, 'invalid_input', `${name} ${JSON.stringify(input)}`);
      assert.ok(f.issues && f.issues.length > 0, 'issues are listed');
      assert.ok(f.issues!.some((i) => pathRe.test(i.path)), `${name}: ${JSON.stringify(f.issues)}`);
      assert.equal(entries(e.backend).length, before + 1);
      const a = last(e.backend);
      assert.equal(a.command, name);
      assert.equal(a.outcome, 'invalid');
      assert.equal(a.target, null);
    }
    const extra = failure(await e.backend.dispatch('library.search', { limit: 10, bogus: true }));
    assert.equal(extra.code, 'invalid_input');
    assert.ok(extra.issues!.some((i) => i.message.includes('bogus') || i.path === 'bogus'), JSON.stringify(extra.issues));
    assert.equal(last(e.backend).outcome, 'invalid');
    // Nothing was created by the invalid profile.create calls.
    assert.equal(e.backend.services.profiles.list().length, 0);
  } finally {
    e.done();
  }
});

test('a guest searching the library is denied and audited as denied', async () => {
  const e = await env();
  try {
    const f = failure(await e.backend.dispatch('library.search', {}));
    assert.equal(f.code, 'denied');
    assert.match(f.message, /library\.read/);
    const a = last(e.backend);
    assert.equal(a.command, 'library.search');
    assert.equal(a.outcome, 'denied');
    assert.equal(a.role, 'guest');
    assert.equal(a.actorId, null);
    // The guest may look at the session.
    value(await e.backend.dispatch('session.get', {}));
    assert.equal(last(e.backend).outcome, 'ok');
  } finally {
    e.done();
  }
});

test('an auditor opening a recording is denied, with the target recorded', async () => {
  const e = await env();
  try {
    const auditor = await signIn(e.backend, 'Audrey', 'auditor');
    const id = e.backend.services.recordings.search({ offset: 0, limit: 1, sort: 'startTime', dir: 'desc' }).rows[0].id;
    const f = failure(await e.backend.dispatch('recording.open', { id }));
    assert.equal(f.code, 'denied');
    const a = last(e.backend);
    assert.equal(a.outcome, 'denied');
    assert.equal(a.actorId, auditor.id);
    assert.equal(a.target, `recording:${id}`);
    assert.match(a.detail!, /recording\.listen/);
    // The media stays closed to the auditor.
    const res = await e.backend.media(new Request(`earmark-media://recording/${id}`));
    assert.equal(res.status, 404);
  } finally {
    e.done();
  }
});

test('a QA supervisor searches, and the entry notes the filters and the row count', async () => {
  const e = await env();
  try {
    const qa = await signIn(e.backend, 'Quinn', 'qa_supervisor');
    const page = value<Page<RecordingRow>>(await e.backend.dispatch('library.search', { directions: ['inbound', 'outbound'], limit: 2 }));
    assert.ok(page.rows.length <= 2);
    const a = last(e.backend);
    assert.equal(a.command, 'library.search');
    assert.equal(a.outcome, 'ok');
    assert.equal(a.actorId, qa.id);
    assert.equal(a.actorName, 'Quinn');
    assert.equal(a.role, 'qa_supervisor');
    assert.ok(a.detail, 'a detail is noted');
    assert.match(a.detail!, /directions=inbound\|outbound/);
    assert.match(a.detail!, new RegExp(`of ${page.total}$`));
  } finally {
    e.done();
  }
});

test('opening a missing recording is not_found and audited as error', async () => {
  const e = await env();
  try {
    await signIn(e.backend, 'Quinn', 'qa_supervisor');
    const f = failure(await e.backend.dispatch('recording.open', { id: 'C00000000-9999' }));
    assert.equal(f.code, 'not_found');
    const a = last(e.backend);
    assert.equal(a.outcome, 'error');
    assert.equal(a.target, 'recording:C00000000-9999');
    assert.match(a.detail!, /not found/);
  } finally {
    e.done();
  }
});

test('a conflict from a handler keeps its code and is audited as error', async () => {
  const e = await env();
  try {
    await signIn(e.backend, 'Quinn', 'qa_supervisor');
    const f = failure(await e.backend.dispatch('profile.create', { displayName: 'quinn', role: 'trainer' }));
    assert.equal(f.code, 'conflict');
    assert.equal(last(e.backend).outcome, 'error');
  } finally {
    e.done();
  }
});

test('an unexpected error in a handler is reported as failed, without internals, and logged', async () => {
  const e = await env();
  try {
    await signIn(e.backend, 'Quinn', 'qa_supervisor');
    const row = e.backend.services.recordings.search({ offset: 0, limit: 1, sort: 'startTime', dir: 'desc' }).rows[0];
    const detail = e.backend.services.recordings.detail(row.id)!;
    // Replace the audio file by a directory: reading it fails with EISDIR, which no handler expects.
    const audio = path.join(e.storeRoot, ...detail.audioKey.split('/'));
    fs.rmSync(audio);
    fs.mkdirSync(audio);
    const f = failure(await e.backend.dispatch('recording.open', { id: row.id }));
    assert.equal(f.code, 'failed');
    assert.doesNotMatch(f.message, /EISDIR|\n\s+at |node:internal/);
    assert.doesNotMatch(f.message, new RegExp(e.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no local paths leak');
    const a = last(e.backend);
    assert.equal(a.outcome, 'error');
    assert.equal(a.detail, 'internal error');
    assert.equal(e.errors.length, 1);
    assert.match(e.errors[0], /^recording\.open: .*EISDIR/s);
  } finally {
    e.done();
  }
});

test('createDispatcher on its own: a throwing handler gives failed, a HandlerError keeps its code', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-dispatch-unit-'));
  const db = openDatabase(path.join(dir, 'd.db'), randomBytes(32));
  try {
    const audit = new AuditLog({ db, device: 'unit', anchorFile: path.join(dir, 'a.json'), anchorKey: randomBytes(32) });
    const internal: string[] = [];
    const boom = () => {
      const err = new Error('SQLITE_CORRUPT at /secret/path/earmark.db');
      throw err;
    };
    const handlers = new Proxy({} as Handlers, {
      get: (_t, name) => (name === 'store.status' ? boom : name === 'library.facets' ? () => { throw new HandlerError('unavailable', 'the store is offline'); } : () => null),
    });
    const admin: Actor = actorFor({ id: 'p-admin', displayName: 'Ada', role: 'administrator', createdAt: NOW.toISOString() });
    const dispatch = createDispatcher({ handlers, audit, currentActor: () => admin, onInternalError: (c, err) => internal.push(`${c}: ${(err as Error).message}`) });

    const f = failure(await dispatch('store.status', {}));
    assert.equal(f.code, 'failed');
    assert.doesNotMatch(f.message, /SQLITE_CORRUPT|secret/);
    assert.deepEqual(internal, ['store.status: SQLITE_CORRUPT at /secret/path/earmark.db']);
    const rows = audit.list({ offset: 0, limit: 10 }).rows;
    assert.equal(rows[0].outcome, 'error');
    assert.equal(rows[0].detail, 'internal error');

    const g = failure(await dispatch('library.facets', {}));
    assert.deepEqual(g, { code: 'unavailable', message: 'the store is offline' });
    assert.equal(audit.list({ offset: 0, limit: 1 }).rows[0].detail, 'the store is offline');

    // Input that is absent is treated as {}.
    assert.equal((await dispatch('store.reindex', undefined)).ok, true);
    // A guest passed explicitly with `as` is checked as that guest.
    assert.equal(failure(await dispatch('store.reindex', {}, GUEST_ACTOR)).code, 'denied');
    assert.equal(audit.verify().intact, true);
    assert.equal(audit.verify().checked, 4);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every dispatch appends exactly one audit entry, whatever the outcome', async () => {
  const e = await env();
  try {
    const calls: [unknown, unknown][] = [
      ['session.get', {}],
      ['nope', {}],
      ['library.search', {}],
      ['profile.create', { displayName: '', role: 'legal' }],
      ['profile.create', { displayName: 'Lee', role: 'legal' }],
      ['library.search', { text: 'billing' }],
      ['library.facets', {}],
      ['store.status', {}],
      ['store.reindex', {}],
      ['recording.open', { id: 'missing-1' }],
      ['recording.play', { id: 'missing-1', positionSec: 3 }],
      ['audit.list', {}],
      ['audit.facets', {}],
      ['audit.verify', {}],
      ['profile.signOut', {}],
      ['profile.select', { profileId: 'nobody' }],
      ['session.get', { extra: 1 }],
    ];
    for (const [name, input] of calls) {
      const before = entries(e.backend).length;
      await e.backend.dispatch(name, input);
      assert.equal(entries(e.backend).length, before + 1, `${String(name)} ${JSON.stringify(input)}`);
    }
    assert.equal(e.backend.services.audit.verify().intact, true);
  } finally {
    e.done();
  }
});

test('profile.create by a guest is attributed to the created profile; sign-out to the one leaving', async () => {
  const e = await env();
  try {
    const p = await signIn(e.backend, 'Casey', 'trainer');
    const created = last(e.backend);
    assert.equal(created.command, 'profile.create');
    assert.equal(created.actorId, p.id);
    assert.equal(created.actorName, 'Casey');
    assert.equal(created.role, 'trainer');
    assert.equal(created.target, 'profile:Casey');

    value(await e.backend.dispatch('profile.signOut', {}));
    const out = last(e.backend);
    assert.equal(out.actorId, p.id, 'leaving is attributed to the profile that left');

    value(await e.backend.dispatch('profile.select', { profileId: p.id }));
    assert.equal(last(e.backend).actorId, p.id, 'a guest selecting a profile is attributed to it');
  } finally {
    e.done();
  }
});

test('audit.list shows a non-administrator only their own entries; an administrator sees all', async () => {
  const e = await env();
  try {
    const ann = await signIn(e.backend, 'Ann', 'qa_supervisor');
    await e.backend.dispatch('library.search', {});
    const bob = await signIn(e.backend, 'Bob', 'trainer');
    await e.backend.dispatch('library.facets', {});
    await e.backend.dispatch('library.search', { text: 'x' });

    const bobs = value<Page<AuditEntry>>(await e.backend.dispatch('audit.list', {}));
    assert.ok(bobs.rows.length > 0);
    assert.ok(bobs.rows.every((r) => r.actorId === bob.id), 'only Bob’s entries');
    assert.equal(bobs.total, bobs.rows.length);
    // Asking for someone else's entries explicitly still yields nothing.
    const peek = value<Page<AuditEntry>>(await e.backend.dispatch('audit.list', { actorId: ann.id }));
    assert.equal(peek.total, 0);

    await signIn(e.backend, 'Ada', 'administrator');
    const all = value<Page<AuditEntry>>(await e.backend.dispatch('audit.list', { limit: 500 }));
    assert.equal(all.total, entries(e.backend).length - 1, 'everything before this call');
    const actors = new Set(all.rows.map((r) => r.actorId));
    assert.ok(actors.has(ann.id) && actors.has(bob.id) && actors.has(null), 'system and guest entries too');

    const auditor = await signIn(e.backend, 'Aud', 'auditor');
    const seen = value<Page<AuditEntry>>(await e.backend.dispatch('audit.list', {}));
    assert.ok(seen.rows.some((r) => r.actorId !== auditor.id), 'auditors read everybody’s trail');
  } finally {
    e.done();
  }
});
