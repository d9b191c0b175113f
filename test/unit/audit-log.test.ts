import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog, readAnchor, type AuditRecord } from '../../electron/core/audit/audit-log';
import { openDatabase, type Db } from '../../electron/core/db/database';

const anchorKey = randomBytes(32);

interface Fixture {
  dir: string;
  db: Db;
  log: AuditLog;
  anchorFile: string;
  done(): void;
}

function fixture(): Fixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-audit-log-'));
  const db = openDatabase(path.join(dir, 'test.db'), randomBytes(32));
  const anchorFile = path.join(dir, 'audit-head.json');
  let t = Date.UTC(2026, 10, 2, 9, 0, 0);
  const log = new AuditLog({ db, device: 'test-host (00000000)', anchorFile, anchorKey, now: () => new Date((t += 1000)) });
  return {
    dir,
    db,
    log,
    anchorFile,
    done() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const rec = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  actorId: 'p-alice',
  actorName: 'Alice',
  role: 'qa_supervisor',
  command: 'library.search',
  target: null,
  outcome: 'ok',
  detail: 'all; rows 0-10 of 10',
  ...over,
});

function seedEntries(log: AuditLog, n = 6): void {
  for (let i = 1; i <= n; i++) log.append(rec({ detail: `entry ${i}`, target: `recording:C${i}` }));
}

const dropTriggers = (db: Db) => db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');

test('append chains entries, numbers them from 1 and keeps the anchor at the head', () => {
  const f = fixture();
  try {
    const a = f.log.append(rec());
    const b = f.log.append(rec({ command: 'recording.open', detail: 'x'.repeat(600) }));
    assert.equal(a.seq, 1);
    assert.equal(b.seq, 2);
    assert.equal(b.prevHash, a.hash);
    assert.equal(b.detail?.length, 500, 'details are capped');
    assert.equal(b.device, 'test-host (00000000)');
    assert.deepEqual(readAnchor(f.anchorFile, anchorKey), { status: 'ok', anchor: { seq: 2, hash: b.hash } });
    assert.deepEqual(f.log.verify(), { intact: true, checked: 2, headSeq: 2, firstBad: null });
  } finally {
    f.done();
  }
});

test('the triggers refuse UPDATE and DELETE on the audit table', () => {
  const f = fixture();
  try {
    seedEntries(f.log, 3);
    assert.throws(() => f.db.prepare("UPDATE audit SET detail = 'x' WHERE seq = 2").run(), /append-only/);
    assert.throws(() => f.db.prepare('DELETE FROM audit WHERE seq = 3').run(), /append-only/);
    assert.throws(() => f.db.prepare('DELETE FROM audit').run(), /append-only/);
    assert.equal((f.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n, 3);
    assert.equal(f.log.verify().intact, true);
  } finally {
    f.done();
  }
});

test('altering the detail of entry 3 behind the triggers is named at entry 3', () => {
  const f = fixture();
  try {
    seedEntries(f.log);
    dropTriggers(f.db);
    f.db.prepare("UPDATE audit SET detail = 'innocent' WHERE seq = 3").run();
    const v = f.log.verify();
    assert.equal(v.intact, false);
    assert.equal(v.firstBad?.seq, 3);
    assert.match(v.firstBad!.reason, /altered/);
  } finally {
    f.done();
  }
});

test('deleting entry 2 behind the triggers is named at entry 2', () => {
  const f = fixture();
  try {
    seedEntries(f.log);
    dropTriggers(f.db);
    f.db.prepare('DELETE FROM audit WHERE seq = 2').run();
    const v = f.log.verify();
    assert.equal(v.intact, false);
    assert.equal(v.firstBad?.seq, 2);
    assert.match(v.firstBad!.reason, /missing/);
  } finally {
    f.done();
  }
});

test('swapping two rows’ content (keeping seq) is named at the first of them', () => {
  const f = fixture();
  try {
    seedEntries(f.log);
    dropTriggers(f.db);
    const cols = ['ts', 'actor_id', 'actor_name', 'role', 'device', 'command', 'target', 'outcome', 'detail', 'prev_hash', 'hash'];
    const r2 = f.db.prepare('SELECT * FROM audit WHERE seq = 2').get() as Record<string, unknown>;
    const r4 = f.db.prepare('SELECT * FROM audit WHERE seq = 4').get() as Record<string, unknown>;
    const upd = f.db.prepare(`UPDATE audit SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`);
    f.db.transaction(() => {
      upd.run({ ...r4, seq: 2 });
      upd.run({ ...r2, seq: 4 });
    })();
    const v = f.log.verify();
    assert.equal(v.intact, false);
    assert.equal(v.firstBad?.seq, 2);
  } finally {
    f.done();
  }
});

test('renumbering rows to close a gap is still caught', () => {
  const f = fixture();
  try {
    seedEntries(f.log, 5);
    dropTriggers(f.db);
    f.db.prepare('DELETE FROM audit WHERE seq = 3').run();
    f.db.prepare('UPDATE audit SET seq = seq - 1 WHERE seq > 3').run();
    const v = f.log.verify();
    assert.equal(v.intact, false);
    assert.equal(v.firstBad?.seq, 3);
  } finally {
    f.done();
  }
});

test('cutting the last two rows is detected through the anchor file, and not without it', () => {
  const f = fixture();
  try {
    seedEntries(f.log, 6);
    dropTriggers(f.db);
    f.db.prepare('DELETE FROM audit WHERE seq > 4').run();
    const v = f.log.verify();
    assert.equal(v.intact, false);
    assert.equal(v.firstBad?.seq, 5);
    assert.match(v.firstBad!.reason, /removed from the end/);
    assert.equal(v.headSeq, 4);

    fs.rmSync(f.anchorFile);
    const gone = f.log.verify();
    assert.equal(gone.intact, false, 'a missing anchor is reported, not taken for a shorter trail');
    assert.match(gone.firstBad!.reason, /missing/);

    fs.writeFileSync(f.anchorFile, '{not json');
    assert.equal(f.log.verify().intact, false, 'an unreadable anchor is reported, not ignored');
  } finally {
    f.done();
  }
});

test('list filters by command, outcome, text and own-only scope, newest first, paged', () => {
  const f = fixture();
  try {
    f.log.append(rec({ actorId: 'p-alice', actorName: 'Alice', command: 'library.search', outcome: 'ok', detail: 'agent=a-1' }));
    f.log.append(rec({ actorId: 'p-bob', actorName: 'Bob', role: 'auditor', command: 'recording.open', target: 'recording:C100', outcome: 'denied', detail: 'Auditor lacks recording.listen' }));
    f.log.append(rec({ actorId: 'p-alice', actorName: 'Alice', command: 'recording.open', target: 'recording:C200', outcome: 'ok', detail: null }));
    f.log.append(rec({ actorId: null, actorName: 'guest', role: 'guest', command: 'library.search', outcome: 'denied', detail: 'No profile lacks library.read' }));
    f.log.append(rec({ actorId: 'p-bob', actorName: 'Bob', role: 'auditor', command: 'audit.list', outcome: 'ok', detail: '100%_match' }));

    const base = { offset: 0, limit: 100 };
    const all = f.log.list(base);
    assert.equal(all.total, 5);
    assert.deepEqual(all.rows.map((r) => r.seq), [5, 4, 3, 2, 1]);

    const opens = f.log.list({ ...base, command: 'recording.open' });
    assert.deepEqual(opens.rows.map((r) => r.seq), [3, 2]);
    assert.ok(opens.rows.every((r) => r.command === 'recording.open'));

    const denied = f.log.list({ ...base, outcome: 'denied' });
    assert.deepEqual(denied.rows.map((r) => r.seq), [4, 2]);

    assert.deepEqual(f.log.list({ ...base, text: 'C200' }).rows.map((r) => r.seq), [3]);
    assert.deepEqual(f.log.list({ ...base, text: 'bob' }).rows.map((r) => r.seq), [5, 2], 'actor name, case-insensitive');
    assert.deepEqual(f.log.list({ ...base, text: 'lacks' }).rows.map((r) => r.seq), [4, 2], 'detail');
    assert.deepEqual(f.log.list({ ...base, text: '%' }).rows.map((r) => r.seq), [5], 'LIKE wildcards are literal');
    assert.deepEqual(f.log.list({ ...base, text: '_' }).rows.map((r) => r.seq), [5]);
    assert.deepEqual(f.log.list({ ...base, target: 'C100' }).rows.map((r) => r.seq), [2]);

    const alice = f.log.list(base, 'p-alice');
    assert.deepEqual(alice.rows.map((r) => r.seq), [3, 1]);
    assert.equal(alice.total, 2);
    const guest = f.log.list(base, null);
    assert.deepEqual(guest.rows.map((r) => r.seq), [4], 'null scope means the guest’s own entries only');
    assert.deepEqual(f.log.list({ ...base, outcome: 'ok' }, 'p-bob').rows.map((r) => r.seq), [5]);

    const page = f.log.list({ offset: 1, limit: 2 });
    assert.equal(page.total, 5);
    assert.equal(page.offset, 1);
    assert.deepEqual(page.rows.map((r) => r.seq), [4, 3]);

    const facets = f.log.facets('p-bob');
    assert.deepEqual(facets.commands, ['audit.list', 'recording.open']);
    assert.deepEqual(facets.actors, [{ id: 'p-bob', name: 'Bob' }]);

    // Date bounds: the fixture clock ticks from 2026-11-02T09:00:01Z.
    assert.equal(f.log.list({ ...base, from: '2026-11-02', to: '2026-11-02' }).total, 5);
    assert.equal(f.log.list({ ...base, from: '2026-11-03' }).total, 0);
    assert.equal(f.log.list({ ...base, to: '2026-11-01' }).total, 0);
  } finally {
    f.done();
  }
});
