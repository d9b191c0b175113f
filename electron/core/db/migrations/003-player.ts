// Schema 3: talk analytics per recording, and every transcript's turns with a full-text index that
// finds the moment in the call (each turn is indexed with its time and word timings).
import type { Migration } from '../migrations';

export const m003: Migration = {
  version: 3,
  name: 'talk analytics, transcripts and transcript search',
  sql: `
    -- basis: the recording version and analysis settings these figures came from; a different
    -- basis means the call changed and is analysed again. analytics is the TalkAnalytics JSON, or
    -- NULL with unavailable saying why (a mono file, a format not decoded yet).
    CREATE TABLE recording_analytics (
      rid                   INTEGER PRIMARY KEY REFERENCES recordings(rid) ON DELETE CASCADE,
      basis                 TEXT NOT NULL,
      dead_air_sec          REAL,
      overtalk_sec          REAL,
      agent_talk_sec        REAL,
      customer_talk_sec     REAL,
      talk_ratio            REAL,
      longest_monologue_sec REAL,
      analytics             TEXT,
      unavailable           TEXT,
      analysed_at           TEXT NOT NULL
    );
    CREATE INDEX recording_analytics_by_dead_air ON recording_analytics(dead_air_sec);
    CREATE INDEX recording_analytics_by_overtalk ON recording_analytics(overtalk_sec);
    CREATE INDEX recording_analytics_by_ratio    ON recording_analytics(talk_ratio);

    -- One row per indexed transcript: what it was read as, or why it could not be read.
    CREATE TABLE transcripts (
      rid      INTEGER PRIMARY KEY REFERENCES recordings(rid) ON DELETE CASCADE,
      path     TEXT NOT NULL,
      format   TEXT,
      language TEXT,
      segments INTEGER NOT NULL DEFAULT 0,
      error    TEXT
    );

    -- Turns, with their words' timings (JSON [[word, start, end], ...]) to place a hit on the word.
    CREATE TABLE transcript_segments (
      id         INTEGER PRIMARY KEY,
      rid        INTEGER NOT NULL REFERENCES recordings(rid) ON DELETE CASCADE,
      seg        INTEGER NOT NULL,
      speaker    TEXT NOT NULL,
      label      TEXT NOT NULL,
      start_sec  REAL NOT NULL,
      end_sec    REAL NOT NULL,
      words      TEXT NOT NULL
    );
    CREATE UNIQUE INDEX transcript_segments_by_rid ON transcript_segments(rid, seg);

    -- rowid = transcript_segments.id. The text is stored so snippet() can highlight matches.
    CREATE VIRTUAL TABLE transcript_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2');

    -- The full-text rows have no foreign key: drop them with their recording.
    CREATE TRIGGER recordings_drop_transcript_fts BEFORE DELETE ON recordings
      BEGIN DELETE FROM transcript_fts WHERE rowid IN (SELECT id FROM transcript_segments WHERE rid = old.rid); END;
  `,
};
