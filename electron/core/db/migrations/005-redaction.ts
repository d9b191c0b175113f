// Schema 5: redaction marks, training clips and playlists, audio exports (with their watermark ids),
// legal holds and evidence packages. Exports and evidence records are history: they refuse changes
// and deletion the way the audit trail does, so "who exported what" cannot be rewritten.
import type { Migration } from '../migrations';

export const m005: Migration = {
  version: 5,
  name: 'redaction, clips, exports, legal holds, evidence',
  sql: `
    CREATE TABLE redaction_marks (
      id           TEXT PRIMARY KEY,
      recording_id TEXT NOT NULL,
      start_sec    REAL NOT NULL,
      end_sec      REAL NOT NULL,
      channels     TEXT,
      reason       TEXT NOT NULL,
      status       TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
      source       TEXT NOT NULL CHECK (source IN ('manual', 'detector')),
      note         TEXT,
      created_by   TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      reviewed_by  TEXT,
      reviewed_at  TEXT,
      CHECK (end_sec > start_sec AND start_sec >= 0)
    ) WITHOUT ROWID;
    CREATE INDEX redaction_marks_by_recording ON redaction_marks(recording_id, start_sec);

    CREATE TABLE clips (
      id           TEXT PRIMARY KEY,
      recording_id TEXT NOT NULL,
      start_sec    REAL NOT NULL,
      end_sec      REAL NOT NULL,
      title        TEXT NOT NULL,
      notes        TEXT NOT NULL DEFAULT '',
      tags         TEXT NOT NULL DEFAULT '[]',
      created_by   TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      CHECK (end_sec > start_sec AND start_sec >= 0)
    ) WITHOUT ROWID;
    CREATE INDEX clips_by_recording ON clips(recording_id, start_sec);
    CREATE INDEX clips_by_created ON clips(created_at);

    CREATE TABLE playlists (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      created_by  TEXT NOT NULL,
      created_at  TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE playlist_items (
      playlist_id TEXT NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
      position    INTEGER NOT NULL,
      clip_id     TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
      PRIMARY KEY (playlist_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX playlist_items_by_clip ON playlist_items(clip_id);

    CREATE TABLE audio_exports (
      id                 TEXT PRIMARY KEY,
      recording_id       TEXT NOT NULL,
      clip_id            TEXT,
      start_sec          REAL NOT NULL,
      end_sec            REAL NOT NULL,
      format             TEXT NOT NULL,
      redaction_mode     TEXT NOT NULL,
      redactions_applied INTEGER NOT NULL,
      reason             TEXT NOT NULL,
      case_ref           TEXT NOT NULL,
      exported_by_id     TEXT,
      exported_by        TEXT NOT NULL,
      exported_at        TEXT NOT NULL,
      file_name          TEXT NOT NULL,
      sha256             TEXT NOT NULL,
      bytes              INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX audio_exports_by_recording ON audio_exports(recording_id, exported_at);
    CREATE TRIGGER audio_exports_no_update BEFORE UPDATE ON audio_exports
      BEGIN SELECT RAISE(ABORT, 'export records are history and cannot change'); END;
    CREATE TRIGGER audio_exports_no_delete BEFORE DELETE ON audio_exports
      BEGIN SELECT RAISE(ABORT, 'export records are history and cannot change'); END;

    CREATE TABLE legal_holds (
      id             TEXT PRIMARY KEY,
      recording_id   TEXT NOT NULL,
      case_ref       TEXT NOT NULL,
      reason         TEXT NOT NULL,
      placed_by_id   TEXT,
      placed_by      TEXT NOT NULL,
      placed_at      TEXT NOT NULL,
      released_by    TEXT,
      released_at    TEXT,
      release_reason TEXT
    ) WITHOUT ROWID;
    CREATE INDEX legal_holds_by_recording ON legal_holds(recording_id, released_at);
    CREATE INDEX legal_holds_active ON legal_holds(released_at, placed_at);
    CREATE TRIGGER legal_holds_no_delete BEFORE DELETE ON legal_holds
      BEGIN SELECT RAISE(ABORT, 'legal holds are released, never deleted'); END;

    CREATE TABLE evidence_packages (
      id                 TEXT PRIMARY KEY,
      recording_id       TEXT NOT NULL,
      case_ref           TEXT NOT NULL,
      reason             TEXT NOT NULL,
      created_by         TEXT NOT NULL,
      created_at         TEXT NOT NULL,
      file_name          TEXT NOT NULL,
      package_sha256     TEXT NOT NULL,
      signer_fingerprint TEXT NOT NULL,
      includes_redacted  INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX evidence_by_recording ON evidence_packages(recording_id, created_at);
    CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence_packages
      BEGIN SELECT RAISE(ABORT, 'evidence records are history and cannot change'); END;
    CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence_packages
      BEGIN SELECT RAISE(ABORT, 'evidence records are history and cannot change'); END;
  `,
};
