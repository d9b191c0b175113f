// Schema 1: profiles, the recording index and its full-text index, the append-only audit trail.
import type { Migration } from '../migrations';

export const m001: Migration = {
  version: 1,
  name: 'profiles, recordings index, audit trail',
  sql: `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE profiles (
      id           TEXT PRIMARY KEY,
      display_name TEXT NOT NULL,
      role         TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      last_used_at TEXT
    ) WITHOUT ROWID;

    -- rid is the stable integer key the full-text index refers to; id is the store's call id.
    CREATE TABLE recordings (
      rid              INTEGER PRIMARY KEY,
      id               TEXT NOT NULL UNIQUE,
      start_time       TEXT NOT NULL,
      start_ms         INTEGER NOT NULL,
      end_time         TEXT,
      duration_sec     REAL NOT NULL,
      direction        TEXT NOT NULL,
      agent_id         TEXT NOT NULL,
      agent_name       TEXT NOT NULL,
      team             TEXT,
      queue            TEXT,
      disposition      TEXT,
      ani              TEXT,
      dnis             TEXT,
      customer_id      TEXT,
      customer_account TEXT,
      customer_name    TEXT,
      case_number      TEXT,
      tags             TEXT NOT NULL DEFAULT '[]',
      consent          TEXT,
      channel_agent    INTEGER NOT NULL DEFAULT 0,
      channel_customer INTEGER NOT NULL DEFAULT 1,
      audio_path       TEXT NOT NULL,
      audio_format     TEXT NOT NULL,
      audio_codec      TEXT,
      audio_rate       INTEGER,
      audio_channels   INTEGER,
      audio_size       INTEGER NOT NULL,
      transcript_path  TEXT,
      sidecar_path     TEXT NOT NULL UNIQUE,
      version          TEXT NOT NULL,
      indexed_at       TEXT NOT NULL
    );
    CREATE INDEX recordings_by_start     ON recordings(start_ms);
    CREATE INDEX recordings_by_agent     ON recordings(agent_id, start_ms);
    CREATE INDEX recordings_by_queue     ON recordings(queue, start_ms);
    CREATE INDEX recordings_by_direction ON recordings(direction, start_ms);
    CREATE INDEX recordings_by_duration  ON recordings(duration_sec);
    CREATE INDEX recordings_by_agentname ON recordings(agent_name, start_ms);
    CREATE INDEX recordings_by_customer  ON recordings(customer_id, start_ms);
    CREATE INDEX recordings_by_case      ON recordings(case_number, start_ms);

    CREATE TABLE recording_tags (
      tag TEXT NOT NULL,
      rid INTEGER NOT NULL REFERENCES recordings(rid) ON DELETE CASCADE,
      PRIMARY KEY (tag, rid)
    ) WITHOUT ROWID;
    CREATE INDEX recording_tags_by_rid ON recording_tags(rid);

    CREATE VIRTUAL TABLE recordings_fts USING fts5(
      call_id, agent, queue, team, customer, case_number, tags, numbers, disposition,
      content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
    );

    -- Sidecars that failed to index, remembered with their version so an unchanged bad file
    -- is reported again without being parsed again.
    CREATE TABLE index_problems (
      sidecar_path TEXT PRIMARY KEY,
      version      TEXT NOT NULL,
      message      TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE audit (
      seq        INTEGER PRIMARY KEY,
      ts         TEXT NOT NULL,
      actor_id   TEXT,
      actor_name TEXT NOT NULL,
      role       TEXT NOT NULL,
      device     TEXT NOT NULL,
      command    TEXT NOT NULL,
      target     TEXT,
      outcome    TEXT NOT NULL,
      detail     TEXT,
      prev_hash  TEXT NOT NULL,
      hash       TEXT NOT NULL
    );
    CREATE INDEX audit_by_actor   ON audit(actor_id, seq);
    CREATE INDEX audit_by_command ON audit(command, seq);
    CREATE INDEX audit_by_ts      ON audit(ts);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
  `,
};
