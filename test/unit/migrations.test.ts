import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { DatabaseVersionError, migrate, openDatabase as openWithKey, schemaVersion } from '../../electron/core/db/database';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../electron/core/db/migrations';

const KEY = randomBytes(32);
const openDatabase = (file: string, list?: readonly Migration[]) => openWithKey(file, KEY, list);
/** Opens an encrypted test database directly with the driver: the SQLCipher 4 scheme and the raw key. */
function rawEncrypted(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${KEY.toString('hex')}'"`);
  return db;
}

function tempDir(): { dir: string; done(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-migrations-'));
  return { dir, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

test('the migration list is strictly increasing from 1 and LATEST_VERSION is its last', () => {
  assert.ok(MIGRATIONS.length >= 1);
  MIGRATIONS.forEach((m, i) => assert.equal(m.version, i + 1, m.name));
  assert.equal(LATEST_VERSION, MIGRATIONS[MIGRATIONS.length - 1].version);
});

test('a fresh database ends at LATEST_VERSION, in WAL mode, with foreign keys on', () => {
  const t = tempDir();
  try {
    const db = openDatabase(path.join(t.dir, 'a.db'));
    try {
      assert.equal(schemaVersion(db), LATEST_VERSION);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      const names = tables(db);
      for (const n of ['meta', 'profiles', 'recordings', 'recording_tags', 'recordings_fts', 'index_problems', 'audit', 'audit_no_update', 'audit_no_delete']) {
        assert.ok(names.includes(n), `missing ${n}`);
      }
    } finally {
      db.close();
    }
  } finally {
    t.done();
  }
});

test('re-opening an up-to-date database applies nothing and keeps its data', () => {
  const t = tempDir();
  try {
    const file = path.join(t.dir, 'a.db');
    const db1 = openDatabase(file);
    db1.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    const before = tables(db1);
    db1.close();

    const db2 = openDatabase(file);
    try {
      assert.deepEqual(migrate(db2), [], 'nothing left to apply');
      assert.equal(schemaVersion(db2), LATEST_VERSION);
      assert.deepEqual(tables(db2), before);
      assert.deepEqual(db2.prepare("SELECT value FROM meta WHERE key = 'k'").get(), { value: 'v' });
    } finally {
      db2.close();
    }
  } finally {
    t.done();
  }
});

test('migrate reports exactly the versions it applied', () => {
  const db = new Database(':memory:');
  try {
    const list: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE two (y INTEGER);' },
    ];
    assert.deepEqual(migrate(db, list.slice(0, 1)), [1]);
    assert.deepEqual(migrate(db, list), [2]);
    assert.deepEqual(migrate(db, list), []);
    assert.equal(schemaVersion(db), 2);
  } finally {
    db.close();
  }
});

test('a database from a newer build is refused with DatabaseVersionError and left untouched', () => {
  const t = tempDir();
  try {
    const file = path.join(t.dir, 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    assert.throws(() => openDatabase(file), (err: unknown) => {
      assert.ok(err instanceof DatabaseVersionError);
      assert.match((err as Error).message, /newer Earmark/);
      return true;
    });
    const check = new Database(file);
    try {
      assert.equal(schemaVersion(check), LATEST_VERSION + 1);
      assert.deepEqual(tables(check), []);
    } finally {
      check.close();
    }
  } finally {
    t.done();
  }
});

test('a failing migration leaves the previous version and none of its tables', () => {
  const t = tempDir();
  try {
    const file = path.join(t.dir, 'fail.db');
    const list: Migration[] = [
      { version: 1, name: 'good', sql: 'CREATE TABLE good (x INTEGER);' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE partial (y INTEGER); CREATE INDEX partial_y ON partial(y); THIS IS NOT SQL;' },
      { version: 3, name: 'never', sql: 'CREATE TABLE never (z INTEGER);' },
    ];
    assert.throws(() => openDatabase(file, list), /syntax error/);
    const db = rawEncrypted(file);
    try {
      assert.equal(schemaVersion(db), 1);
      assert.deepEqual(tables(db), ['good']);
    } finally {
      db.close();
    }
    // Fixing the migration and re-opening continues from version 1.
    const fixed = [list[0], { ...list[1], sql: 'CREATE TABLE partial (y INTEGER);' }, list[2]];
    const db2 = openDatabase(file, fixed);
    try {
      assert.equal(schemaVersion(db2), 3);
      assert.deepEqual(tables(db2), ['good', 'never', 'partial']);
    } finally {
      db2.close();
    }
  } finally {
    t.done();
  }
});
