// Schema 4: QA scorecards — versioned forms, evaluations with their immutable submissions and
// amendments, pinned comments, agent review, sample draws, calibration sessions.
// Finality is enforced here as well as in code: published form versions, submitted evaluations,
// their versions, review events and sample draws refuse changes the way the audit trail does.
import type { Migration } from '../migrations';

const FINAL = "'a submitted evaluation is final: change it with an amendment'";

export const m004: Migration = {
  version: 4,
  name: 'QA: forms, evaluations, comments, reviews, samples, calibration',
  sql: `
    CREATE TABLE qa_forms (
      id         TEXT PRIMARY KEY,
      archived   INTEGER NOT NULL DEFAULT 0,
      built_in   INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE qa_form_versions (
      form_id      TEXT NOT NULL REFERENCES qa_forms(id) ON DELETE CASCADE,
      version      INTEGER NOT NULL,
      status       TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
      title        TEXT NOT NULL,
      definition   TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      created_by   TEXT NOT NULL,
      published_at TEXT,
      published_by TEXT,
      PRIMARY KEY (form_id, version)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX qa_form_one_published ON qa_form_versions(form_id) WHERE status = 'published';
    CREATE UNIQUE INDEX qa_form_one_draft     ON qa_form_versions(form_id) WHERE status = 'draft';
    -- A version that was published never changes; it may only step down from published to superseded.
    CREATE TRIGGER qa_form_version_frozen BEFORE UPDATE ON qa_form_versions
      WHEN OLD.status != 'draft' AND (
        NEW.definition IS NOT OLD.definition OR NEW.content_hash IS NOT OLD.content_hash OR NEW.title IS NOT OLD.title
        OR NEW.version != OLD.version OR NEW.form_id != OLD.form_id
        OR NEW.published_at IS NOT OLD.published_at OR NEW.published_by IS NOT OLD.published_by
        OR NOT (NEW.status = OLD.status OR (OLD.status = 'published' AND NEW.status = 'superseded')))
      BEGIN SELECT RAISE(ABORT, 'a published form version is final: edit the form to create a new version'); END;
    CREATE TRIGGER qa_form_version_kept BEFORE DELETE ON qa_form_versions
      WHEN OLD.status != 'draft'
      BEGIN SELECT RAISE(ABORT, 'a published form version is kept for the evaluations scored with it'); END;

    CREATE TABLE qa_evaluations (
      id                TEXT PRIMARY KEY,
      recording_id      TEXT NOT NULL,
      form_id           TEXT NOT NULL,
      form_version      INTEGER NOT NULL,
      evaluator_id      TEXT,
      evaluator_name    TEXT NOT NULL,
      agent_id          TEXT NOT NULL,
      agent_name        TEXT NOT NULL,
      team              TEXT,
      queue             TEXT,
      call_start_time   TEXT NOT NULL,
      call_duration_sec REAL NOT NULL,
      status            TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
      answers           TEXT NOT NULL,
      revision          INTEGER NOT NULL,
      score             REAL,
      auto_failed       INTEGER NOT NULL DEFAULT 0,
      band              TEXT,
      current_seq       INTEGER,
      review_status     TEXT CHECK (review_status IN ('pending', 'acknowledged', 'disputed', 'upheld', 'amended')),
      disputed          INTEGER NOT NULL DEFAULT 0,
      amendments        INTEGER NOT NULL DEFAULT 0,
      created_at        TEXT NOT NULL,
      updated_at        TEXT NOT NULL,
      submitted_at      TEXT,
      submitted_ms      INTEGER,
      calibration_id    TEXT,
      sample_item_id    TEXT,
      -- Per-question outcome of the current answers, for "questions failed most" without reading
      -- answers: JSON arrays of question ids that failed (0 points or critical), that hit a critical
      -- answer, and that could be scored but were not (N/A). Derived; rewritten with every change.
      failed_q          TEXT NOT NULL DEFAULT '[]',
      critical_q        TEXT NOT NULL DEFAULT '[]',
      skipped_q         TEXT NOT NULL DEFAULT '[]',
      FOREIGN KEY (form_id, form_version) REFERENCES qa_form_versions(form_id, version)
    );
    CREATE INDEX qa_eval_by_evaluator ON qa_evaluations(evaluator_id, updated_at);
    CREATE INDEX qa_eval_by_updated   ON qa_evaluations(updated_at);
    CREATE INDEX qa_eval_by_recording ON qa_evaluations(recording_id);
    CREATE INDEX qa_eval_by_sample    ON qa_evaluations(sample_item_id) WHERE sample_item_id IS NOT NULL;
    CREATE INDEX qa_eval_by_calibration ON qa_evaluations(calibration_id) WHERE calibration_id IS NOT NULL;
    -- What reports read: submitted, non-calibration evaluations by period and by each grouping. The
    -- period index covers every column a report aggregates, so a report over a period never reads
    -- the evaluation rows themselves (which carry the answers).
    CREATE INDEX qa_eval_rep_period    ON qa_evaluations(submitted_ms, agent_id, agent_name, team, queue, evaluator_id, evaluator_name, form_id, form_version,
      score, auto_failed, band, disputed, review_status, amendments, submitted_at, failed_q, critical_q, skipped_q) WHERE status = 'submitted' AND calibration_id IS NULL;
    CREATE INDEX qa_eval_rep_agent     ON qa_evaluations(agent_id, submitted_ms) WHERE status = 'submitted' AND calibration_id IS NULL;
    CREATE INDEX qa_eval_rep_team      ON qa_evaluations(team, submitted_ms) WHERE status = 'submitted' AND calibration_id IS NULL;
    CREATE INDEX qa_eval_rep_queue     ON qa_evaluations(queue, submitted_ms) WHERE status = 'submitted' AND calibration_id IS NULL;
    CREATE INDEX qa_eval_rep_evaluator ON qa_evaluations(evaluator_id, submitted_ms) WHERE status = 'submitted' AND calibration_id IS NULL;
    CREATE INDEX qa_eval_rep_form      ON qa_evaluations(form_id, submitted_ms) WHERE status = 'submitted' AND calibration_id IS NULL;

    -- The submission (seq 0) and every amendment, append-only.
    CREATE TABLE qa_evaluation_versions (
      evaluation_id    TEXT NOT NULL REFERENCES qa_evaluations(id),
      seq              INTEGER NOT NULL,
      kind             TEXT NOT NULL CHECK (kind IN ('submission', 'amendment')),
      answers          TEXT NOT NULL,
      score            REAL,
      auto_failed      INTEGER NOT NULL,
      reason           TEXT,
      author_id        TEXT,
      author_name      TEXT NOT NULL,
      at               TEXT NOT NULL,
      resolves_dispute INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (evaluation_id, seq),
      CHECK ((kind = 'submission' AND seq = 0) OR (kind = 'amendment' AND seq > 0 AND length(trim(reason)) >= 5))
    ) WITHOUT ROWID;
    CREATE TRIGGER qa_eval_version_no_update BEFORE UPDATE ON qa_evaluation_versions
      BEGIN SELECT RAISE(ABORT, 'evaluation history is append-only'); END;
    CREATE TRIGGER qa_eval_version_no_delete BEFORE DELETE ON qa_evaluation_versions
      BEGIN SELECT RAISE(ABORT, 'evaluation history is append-only'); END;

    -- A submitted evaluation's identity never changes, and its current answers and score are always
    -- exactly those of its latest recorded version: the only way to change them is to append one.
    CREATE TRIGGER qa_eval_final BEFORE UPDATE ON qa_evaluations
      WHEN OLD.status = 'submitted' AND (
        NEW.status != 'submitted' OR NEW.id != OLD.id OR NEW.recording_id != OLD.recording_id
        OR NEW.form_id != OLD.form_id OR NEW.form_version != OLD.form_version
        OR NEW.evaluator_id IS NOT OLD.evaluator_id OR NEW.evaluator_name != OLD.evaluator_name
        OR NEW.agent_id != OLD.agent_id OR NEW.call_start_time != OLD.call_start_time
        OR NEW.submitted_at IS NOT OLD.submitted_at OR NEW.submitted_ms IS NOT OLD.submitted_ms
        OR NEW.created_at != OLD.created_at OR NEW.calibration_id IS NOT OLD.calibration_id
        OR NEW.current_seq < OLD.current_seq OR NEW.amendments < OLD.amendments)
      BEGIN SELECT RAISE(ABORT, ${FINAL}); END;
    CREATE TRIGGER qa_eval_matches_version BEFORE UPDATE ON qa_evaluations
      WHEN NEW.status = 'submitted' AND NOT EXISTS (
        SELECT 1 FROM qa_evaluation_versions v
        WHERE v.evaluation_id = NEW.id AND v.seq = NEW.current_seq AND v.answers = NEW.answers
          AND v.score IS NEW.score AND v.auto_failed = NEW.auto_failed
          AND NOT EXISTS (SELECT 1 FROM qa_evaluation_versions w WHERE w.evaluation_id = NEW.id AND w.seq > NEW.current_seq))
      BEGIN SELECT RAISE(ABORT, ${FINAL}); END;
    CREATE TRIGGER qa_eval_born_draft BEFORE INSERT ON qa_evaluations
      WHEN NEW.status != 'draft'
      BEGIN SELECT RAISE(ABORT, 'an evaluation starts as a draft'); END;
    CREATE TRIGGER qa_eval_kept BEFORE DELETE ON qa_evaluations
      WHEN OLD.status = 'submitted'
      BEGIN SELECT RAISE(ABORT, ${FINAL}); END;

    CREATE TABLE qa_comments (
      id            TEXT PRIMARY KEY,
      evaluation_id TEXT NOT NULL REFERENCES qa_evaluations(id) ON DELETE CASCADE,
      position_sec  REAL NOT NULL,
      question_id   TEXT,
      text          TEXT NOT NULL,
      author_id     TEXT,
      author_name   TEXT NOT NULL,
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    );
    CREATE INDEX qa_comments_by_evaluation ON qa_comments(evaluation_id, position_sec);
    CREATE TRIGGER qa_comments_final_insert BEFORE INSERT ON qa_comments
      WHEN (SELECT status FROM qa_evaluations WHERE id = NEW.evaluation_id) = 'submitted'
      BEGIN SELECT RAISE(ABORT, ${FINAL}); END;
    CREATE TRIGGER qa_comments_final_update BEFORE UPDATE ON qa_comments
      WHEN (SELECT status FROM qa_evaluations WHERE id = OLD.evaluation_id) = 'submitted'
      BEGIN SELECT RAISE(ABORT, ${FINAL}); END;
    CREATE TRIGGER qa_comments_final_delete BEFORE DELETE ON qa_comments
      WHEN (SELECT status FROM qa_evaluations WHERE id = OLD.evaluation_id) = 'submitted'
      BEGIN SELECT RAISE(ABORT, ${FINAL}); END;

    CREATE TABLE qa_review_events (
      evaluation_id    TEXT NOT NULL REFERENCES qa_evaluations(id),
      seq              INTEGER NOT NULL,
      action           TEXT NOT NULL CHECK (action IN ('acknowledged', 'disputed', 'upheld', 'amended')),
      reason           TEXT,
      recorded_by_id   TEXT,
      recorded_by_name TEXT NOT NULL,
      at               TEXT NOT NULL,
      PRIMARY KEY (evaluation_id, seq)
    ) WITHOUT ROWID;
    CREATE TRIGGER qa_review_no_update BEFORE UPDATE ON qa_review_events
      BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;
    CREATE TRIGGER qa_review_no_delete BEFORE DELETE ON qa_review_events
      BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;

    -- A sample draw and what it picked are a record: nobody re-draws quietly or drops a call.
    CREATE TABLE qa_sample_draws (
      id              TEXT PRIMARY KEY,
      name            TEXT NOT NULL,
      drawn_by_id     TEXT,
      drawn_by_name   TEXT NOT NULL,
      drawn_at        TEXT NOT NULL,
      seed            TEXT NOT NULL,
      period_from     TEXT NOT NULL,
      period_to       TEXT NOT NULL,
      per_agent       INTEGER NOT NULL,
      filters         TEXT NOT NULL,
      form_id         TEXT NOT NULL REFERENCES qa_forms(id),
      population      INTEGER NOT NULL,
      population_hash TEXT NOT NULL,
      agents          INTEGER NOT NULL,
      items           INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX qa_sample_draws_by_time ON qa_sample_draws(drawn_at);
    CREATE TABLE qa_sample_items (
      id              TEXT PRIMARY KEY,
      draw_id         TEXT NOT NULL REFERENCES qa_sample_draws(id),
      agent_id        TEXT NOT NULL,
      position        INTEGER NOT NULL,
      recording_id    TEXT NOT NULL,
      agent_name      TEXT NOT NULL,
      team            TEXT,
      queue           TEXT,
      call_start_time TEXT NOT NULL,
      duration_sec    REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX qa_sample_items_by_draw ON qa_sample_items(draw_id, agent_id, position);
    CREATE TRIGGER qa_sample_draw_no_update BEFORE UPDATE ON qa_sample_draws
      BEGIN SELECT RAISE(ABORT, 'a sample draw is a record and cannot be changed'); END;
    CREATE TRIGGER qa_sample_draw_no_delete BEFORE DELETE ON qa_sample_draws
      BEGIN SELECT RAISE(ABORT, 'a sample draw is a record and cannot be changed'); END;
    CREATE TRIGGER qa_sample_item_no_update BEFORE UPDATE ON qa_sample_items
      BEGIN SELECT RAISE(ABORT, 'a sample draw is a record and cannot be changed'); END;
    CREATE TRIGGER qa_sample_item_no_delete BEFORE DELETE ON qa_sample_items
      BEGIN SELECT RAISE(ABORT, 'a sample draw is a record and cannot be changed'); END;

    CREATE TABLE qa_calibrations (
      id              TEXT PRIMARY KEY,
      title           TEXT NOT NULL,
      recording_id    TEXT NOT NULL,
      agent_name      TEXT NOT NULL,
      call_start_time TEXT NOT NULL,
      form_id         TEXT NOT NULL,
      form_version    INTEGER NOT NULL,
      owner_id        TEXT,
      owner_name      TEXT NOT NULL,
      reference_id    TEXT NOT NULL,
      status          TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      created_at      TEXT NOT NULL,
      closed_at       TEXT,
      FOREIGN KEY (form_id, form_version) REFERENCES qa_form_versions(form_id, version)
    ) WITHOUT ROWID;
    CREATE INDEX qa_calibrations_by_time ON qa_calibrations(created_at);
    CREATE TABLE qa_calibration_participants (
      session_id TEXT NOT NULL REFERENCES qa_calibrations(id),
      profile_id TEXT NOT NULL,
      name       TEXT NOT NULL,
      PRIMARY KEY (session_id, profile_id)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX qa_calibration_one_each ON qa_evaluations(calibration_id, evaluator_id) WHERE calibration_id IS NOT NULL;
  `,
};
