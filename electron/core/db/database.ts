import Database from 'better-sqlite3-multiple-ciphers';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export class DatabaseVersionError extends Error {}

/**
 * Opens (creating if needed) the local database in WAL mode and brings its schema up to date.
 * Each migration runs in its own transaction together with its version bump, so a crash mid-way
 * leaves the database at the previous version, never half-migrated.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = new Database(file);
  try {
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

export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = schemaVersion(db);
  const newest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > newest) {
    throw new DatabaseVersionError(
      `this database was written by a newer Earmark (schema ${current}, this build knows up to ${newest}); upgrade Earmark`,
    );
  }
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
