import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export class DatabaseVersionError extends Error {}

/** The database cannot be decrypted with the key given (wrong key, destroyed key, or not a database). */
export class DatabaseKeyError extends Error {
  readonly code = 'database_key';
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseKeyError';
  }
}

export const DATABASE_KEY_BYTES = 32;
const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * SQLCipher 4 page encryption (AES-256-CBC + HMAC-SHA512 per page, the whole file including its header)
 * via SQLite3 Multiple Ciphers. The key is 32 random bytes from the keychain, passed raw (x'…'), so no
 * passphrase KDF runs on open. The pragmas come before anything reads the file.
 */
function applyKey(db: Db, key: Buffer, pragma: 'key' | 'rekey'): void {
  if (!Buffer.isBuffer(key) || key.length !== DATABASE_KEY_BYTES) throw new DatabaseKeyError(`the database key must be ${DATABASE_KEY_BYTES} bytes`);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  try {
    db.pragma(`${pragma} = "x'${key.toString('hex')}'"`);
  } catch {
    // The statement text holds the key: never let a driver message carry it further.
    throw new DatabaseKeyError(`the database could not be ${pragma === 'key' ? 'unlocked' : 'encrypted'}`);
  }
}

/** True when the file is an unencrypted SQLite database (written by Earmark before encryption). */
export function isPlaintextDatabase(file: string): boolean {
  if (!existsSync(file) || statSync(file).size < PLAINTEXT_HEADER.length) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(PLAINTEXT_HEADER.length);
    readSync(fd, head, 0, head.length, 0);
    return head.equals(PLAINTEXT_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * Encrypts, in place, a plaintext database written by an earlier Earmark: its WAL is checkpointed
 * and removed, VACUUM drops free pages still holding old rows, and the rekey rewrites every page under
 * the key inside one rollback-journal transaction (a crash leaves the old plaintext file intact and
 * the next start tries again). Limit: blocks of the old file the filesystem had already released are
 * beyond our reach.
 */
export function encryptPlaintextDatabase(file: string, key: Buffer, migrations: readonly Migration[] = MIGRATIONS): void {
  const db = new Database(file);
  try {
    // A database from a newer Earmark is refused before anything about it changes.
    checkNotNewer(db, migrations);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma('temp_store = MEMORY');
    db.exec('VACUUM');
    applyKey(db, key, 'rekey');
  } finally {
    db.close();
  }
}

/**
 * Opens (creating if needed) the encrypted local database in WAL mode and brings its schema up to
 * date; a plaintext database from an earlier version is encrypted first. Each migration runs in its
 * own transaction together with its version bump, so a crash mid-way leaves the database at the
 * previous version, never half-migrated. Temporary tables and sorts stay in memory (temp_store), so
 * nothing unencrypted is spilled to temp files.
 */
export function openDatabase(file: string, key: Buffer, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (!Buffer.isBuffer(key)) throw new DatabaseKeyError('openDatabase needs the database key from the vault');
  if (file !== ':memory:' && isPlaintextDatabase(file)) encryptPlaintextDatabase(file, key, migrations);
  const db = new Database(file);
  try {
    applyKey(db, key, 'key');
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new DatabaseKeyError(
          `the local database (${file}) cannot be decrypted with this installation's key: the key was destroyed or replaced, or the file is not an Earmark database`,
        );
      }
      throw err;
    }
    db.pragma('temp_store = MEMORY');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkNotNewer(db: Db, migrations: readonly Migration[]): number {
  const current = schemaVersion(db);
  const newest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > newest) {
    throw new DatabaseVersionError(
      `this database was written by a newer Earmark (schema ${current}, this build knows up to ${newest}); upgrade Earmark`,
    );
  }
  return current;
}

export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = checkNotNewer(db, migrations);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}

export { LATEST_VERSION };
