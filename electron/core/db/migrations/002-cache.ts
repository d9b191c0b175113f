// Schema 2: the index of the encrypted recording cache. The cached bytes live in <data>/cache/ as
// encrypted files named by a random token; this table says which token holds which recording, how
// big it is and when it was last used, for the size cap, the time-to-live and pinning.
import type { Migration } from '../migrations';

export const m002: Migration = {
  version: 2,
  name: 'encrypted recording cache index',
  sql: `
    CREATE TABLE cache_entries (
      id          TEXT PRIMARY KEY,      -- recording id
      token       TEXT NOT NULL UNIQUE,  -- file name stem inside the cache folder (random)
      version     TEXT NOT NULL,         -- the store version that was cached
      size        INTEGER NOT NULL,      -- plaintext bytes
      disk_bytes  INTEGER NOT NULL,      -- encrypted bytes on disk, aux blobs included
      created_ms  INTEGER NOT NULL,
      accessed_ms INTEGER NOT NULL,
      ttl_ms      INTEGER                -- per-entry time-to-live; NULL uses the cache setting
    ) WITHOUT ROWID;
    CREATE INDEX cache_entries_by_access ON cache_entries(accessed_ms);

    CREATE TABLE cache_aux (
      id    TEXT NOT NULL REFERENCES cache_entries(id) ON DELETE CASCADE,
      name  TEXT NOT NULL,
      token TEXT NOT NULL UNIQUE,
      size  INTEGER NOT NULL,
      PRIMARY KEY (id, name)
    ) WITHOUT ROWID;

    -- Pins outlive entries: a recording on legal hold stays pinned while it is re-fetched.
    CREATE TABLE cache_pins (
      id        TEXT PRIMARY KEY,
      reason    TEXT NOT NULL,
      pinned_ms INTEGER NOT NULL
    ) WITHOUT ROWID;
  `,
};
