// The local database is encrypted as a whole: nothing readable in earmark.db, its WAL or SHM, or any
// other file in the data directory; a wrong or missing key fails cleanly; a plaintext database from
// an earlier Earmark is encrypted on first open, keeping its data and its audit trail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createBackend, type Backend } from '../../electron/core/backend';
import { readAnchor } from '../../electron/core/audit/audit-log';
import { GENESIS_HASH, seal } from '../../electron/core/audit/audit-chain';
import { DatabaseKeyError, isPlaintextDatabase, migrate, openDatabase } from '../../electron/core/db/database';
import { indexStore } from '../../electron/core/indexer/indexer';
import { ANCHOR_FILE, DB_FILE, Services } from '../../electron/core/services';
import { SYSTEM_ACTOR } from '../../electron/core/session/session';
import { FolderStore } from '../../electron/core/store/folder-store';
import type { Page, RecordingRow } from '../../shared/types';
import { MemoryKeychain } from './memory-vault';
import { CARD_NUMBER, CUSTOMER_NAME, markerHits, writeMarkerStore } from './vault-fixtures';

function temp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-encdb-'));
  const storeRoot = path.join(dir, 'store');
  fs.mkdirSync(storeRoot);
  writeMarkerStore(storeRoot);
  return { dir, storeRoot, dataDir: path.join(dir, 'data'), done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const ok = <T>(r: { ok: boolean; value?: unknown; error?: unknown }): T => {
  assert.equal(r.ok, true, JSON.stringify(r));
  return r.value as T;
};

async function useTheApp(b: Backend): Promise<void> {
  await b.indexAsSystem();
  ok(await b.dispatch('profile.create', { displayName: 'Dana Admin', role: 'administrator' }));
  const found = ok<Page<RecordingRow>>(await b.dispatch('library.search', { text: 'Quackenbush' }));
  assert.equal(found.total, 1, 'the marker is in the index (so its absence from the files means something)');
  assert.equal(ok<Page<RecordingRow>>(await b.dispatch('library.search', { text: CARD_NUMBER })).total, 1);
  ok(await b.dispatch('recording.open', { id: 'C-MARK-1' }));
  ok(await b.dispatch('library.search', { text: CUSTOMER_NAME }));
}

test('no marker in earmark.db, its WAL and SHM, or any file of the data directory — open and after close', async () => {
  const t = temp();
  const keychain = new MemoryKeychain();
  const b = await createBackend({ dataDir: t.dataDir, storeRoot: t.storeRoot, openVault: keychain.open });
  try {
    await useTheApp(b);
    const files = fs.readdirSync(t.dataDir);
    assert.ok(files.includes(`${DB_FILE}-wal`) && files.includes(`${DB_FILE}-shm`), `WAL and SHM exist while open (${files.join(', ')})`);
    assert.ok(fs.statSync(path.join(t.dataDir, `${DB_FILE}-wal`)).size > 0, 'the WAL holds pages');
    assert.deepEqual(markerHits(t.dataDir), []);
    assert.equal(isPlaintextDatabase(path.join(t.dataDir, DB_FILE)), false);
    assert.equal(b.services.db.pragma('temp_store', { simple: true }), 2, 'temp_store = MEMORY: nothing spills to temp files');
    assert.equal(b.services.db.pragma('cipher', { simple: true }), 'sqlcipher');
  } finally {
    b.close();
  }
  assert.deepEqual(markerHits(t.dataDir), []);
  // The same directory and keychain open again with everything in place.
  const again = await createBackend({ dataDir: t.dataDir, openVault: keychain.open });
  try {
    assert.equal(again.services.recordings.count(), 2);
    assert.equal(again.services.audit.verify().intact, true);
  } finally {
    again.close();
  }
  t.done();
});

test('a wrong key or a missing key fails with DatabaseKeyError, not a crash, and leaves the file as it was', async () => {
  const t = temp();
  const keychain = new MemoryKeychain();
  const b = await createBackend({ dataDir: t.dataDir, storeRoot: t.storeRoot, openVault: keychain.open });
  await useTheApp(b);
  b.close();
  const file = path.join(t.dataDir, DB_FILE);
  const digest = () => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const before = digest();
  try {
    assert.throws(() => openDatabase(file, randomBytes(32)), (err: unknown) => {
      assert.ok(err instanceof DatabaseKeyError);
      assert.match((err as Error).message, /cannot be decrypted/);
      return true;
    });
    assert.throws(() => openDatabase(file, Buffer.alloc(5)), DatabaseKeyError);
    assert.throws(() => openDatabase(file, undefined as unknown as Buffer), /needs the database key/);
    // A keychain that lacks this installation's keys (reset, or another machine holding a copy).
    await assert.rejects(Services.open({ dataDir: t.dataDir, openVault: new MemoryKeychain().open }), (err: unknown) => {
      assert.ok(err instanceof DatabaseKeyError);
      assert.match((err as Error).message, /holds no key for the local database/);
      return true;
    });
    // The driver alone, without the key, sees no database at all.
    const raw = new Database(file);
    assert.throws(() => raw.prepare('SELECT * FROM sqlite_master').all(), /not a database/);
    raw.close();
    assert.equal(digest(), before, 'failed opens did not touch the file');
  } finally {
    t.done();
  }
});

test('a plaintext database from an earlier Earmark is encrypted on first open, keeping data, profiles and audit trail', async () => {
  const t = temp();
  fs.mkdirSync(t.dataDir);
  const file = path.join(t.dataDir, DB_FILE);
  // What the previous version wrote: plaintext SQLite in WAL mode, an unsigned audit head.
  const old = new Database(file);
  old.pragma('journal_mode = WAL');
  migrate(old);
  await indexStore(new FolderStore(t.storeRoot), old);
  old.prepare("INSERT INTO meta (key, value) VALUES ('store_root', ?)").run(t.storeRoot);
  old.prepare('INSERT INTO profiles (id, display_name, role, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)').run('p-old', 'Olga Old', 'legal', '2026-11-01T00:00:00Z', null);
  let prev = GENESIS_HASH;
  const insert = old.prepare(
    'INSERT INTO audit (seq, ts, actor_id, actor_name, role, device, command, target, outcome, detail, prev_hash, hash) VALUES (@seq, @ts, @actorId, @actorName, @role, @device, @command, @target, @outcome, @detail, @prevHash, @hash)',
  );
  for (let seq = 1; seq <= 3; seq++) {
    const e = seal({ seq, ts: `2026-11-0${seq}T10:00:00.000Z`, actorId: 'p-old', actorName: 'Olga Old', role: 'legal', device: 'old (12345678)', command: 'library.search', target: null, outcome: 'ok', detail: `search ${CUSTOMER_NAME}`, prevHash: prev });
    insert.run(e);
    prev = e.hash;
  }
  fs.writeFileSync(path.join(t.dataDir, ANCHOR_FILE), JSON.stringify({ seq: 3, hash: prev }));
  fs.writeFileSync(path.join(t.dataDir, 'device.json'), JSON.stringify({ id: 'legacy-installation-1' }));
  // Leave the WAL un-checkpointed, as a running app would.
  assert.ok(markerHits(t.dataDir).length > 0, 'positive control: the scanner finds the marker in a plaintext database');
  old.close();

  const keychain = new MemoryKeychain();
  const b = await createBackend({ dataDir: t.dataDir, openVault: keychain.open });
  try {
    assert.equal(isPlaintextDatabase(file), false);
    assert.deepEqual(markerHits(t.dataDir), [], 'no marker anywhere after the migration');
    assert.equal(b.services.recordings.count(), 2);
    assert.equal(b.services.profiles.get('p-old')?.displayName, 'Olga Old');
    assert.equal(b.services.storeStatus().root, t.storeRoot);
    const v = b.services.audit.verify();
    assert.equal(v.intact, true, 'the old trail verifies, its head now signed');
    assert.ok(v.checked >= 3);
    const oldest = b.services.audit.list({ offset: 0, limit: 500 }).rows.reverse().slice(0, 3);
    assert.deepEqual(oldest.map((r) => [r.seq, r.actorName]), [[1, 'Olga Old'], [2, 'Olga Old'], [3, 'Olga Old']]);
    assert.equal(readAnchor(path.join(t.dataDir, ANCHOR_FILE), (await b.services.vault.auditAnchorKey())).status, 'ok');
    assert.equal(b.services.device.id, 'legacy-installation-1', 'the installation keeps its id');
    assert.equal(ok<Page<RecordingRow>>(await b.dispatch('library.search', { text: 'Quackenbush' }, SYSTEM_ACTOR)).total, 1);
    assert.equal(b.services.audit.verify().intact, true);
  } finally {
    b.close();
  }
  assert.deepEqual(markerHits(t.dataDir), []);
  t.done();
});

test('a forged audit head is caught: unsigned, wrongly signed, or deleted after entries were cut', async () => {
  const t = temp();
  const b = await createBackend({ dataDir: t.dataDir, storeRoot: t.storeRoot, openVault: new MemoryKeychain().open });
  try {
    await useTheApp(b);
    const anchorFile = path.join(t.dataDir, ANCHOR_FILE);
    assert.equal(b.services.audit.verify().intact, true);
    const signed = JSON.parse(fs.readFileSync(anchorFile, 'utf8')) as { seq: number; hash: string; mac: string };
    assert.match(signed.mac, /^[0-9a-f]{64}$/);

    // Cut the last two entries and rewrite the head to match, as someone with file access would.
    b.services.db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    b.services.db.prepare('DELETE FROM audit WHERE seq > ?').run(signed.seq - 2);
    const newHead = b.services.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };

    fs.writeFileSync(anchorFile, JSON.stringify(newHead));
    let v = b.services.audit.verify();
    assert.equal(v.intact, false);
    assert.match(v.firstBad!.reason, /no signature/);

    fs.writeFileSync(anchorFile, JSON.stringify({ ...newHead, mac: signed.mac }));
    v = b.services.audit.verify();
    assert.equal(v.intact, false);
    assert.match(v.firstBad!.reason, /signature check/);

    fs.writeFileSync(anchorFile, JSON.stringify({ ...newHead, mac: 'f'.repeat(64) }));
    assert.equal(b.services.audit.verify().intact, false);

    fs.rmSync(anchorFile);
    v = b.services.audit.verify();
    assert.equal(v.intact, false);
    assert.match(v.firstBad!.reason, /missing/);

    fs.writeFileSync(anchorFile, JSON.stringify(signed));
    v = b.services.audit.verify();
    assert.equal(v.intact, false, 'the genuine head names entries that are gone');
    assert.match(v.firstBad!.reason, /removed from the end/);
  } finally {
    b.close();
    t.done();
  }
});
