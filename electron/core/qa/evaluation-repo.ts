// Evaluations: drafts saved one durable transaction at a time, submission, amendments with their
// history, pinned comments and agent review. The schema (migration 4) refuses any change to a
// submitted evaluation that does not go through a recorded version, so this code cannot cheat either.
import { randomUUID } from 'node:crypto';
import type {
  Answers,
  DraftSaved,
  EvaluationComment,
  EvaluationSummary,
  EvaluationVersion,
  FormDefinition,
  PerformanceBand,
  ReviewEvent,
  ReviewStatus,
  ScoreResult,
} from '../../../shared/qa-types';
import type { EvaluationListQuery } from '../../../shared/catalogue/qa';
import type { Page, RecordingDetail } from '../../../shared/types';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/database';

type Statement = Database.Statement<unknown[]>;
import { endOf, startOf } from '../db/query-helpers';
import { HandlerError, notFound } from '../errors';
import { canonicalJson } from './form-repo';
import { answerProblems, scoreEvaluation } from './scoring';
import { ref, type Who } from './who';

export interface EvaluationRow {
  id: string;
  recording_id: string;
  form_id: string;
  form_version: number;
  evaluator_id: string | null;
  evaluator_name: string;
  agent_id: string;
  agent_name: string;
  team: string | null;
  queue: string | null;
  call_start_time: string;
  call_duration_sec: number;
  status: 'draft' | 'submitted';
  answers: string;
  revision: number;
  score: number | null;
  auto_failed: number;
  band: string | null;
  current_seq: number | null;
  review_status: ReviewStatus | null;
  disputed: number;
  amendments: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  submitted_ms: number | null;
  calibration_id: string | null;
  sample_item_id: string | null;
  form_title?: string;
}

interface CommentRow {
  id: string;
  evaluation_id: string;
  position_sec: number;
  question_id: string | null;
  text: string;
  author_id: string | null;
  author_name: string;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT e.*, v.title AS form_title FROM qa_evaluations e JOIN qa_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version`;

/** The per-question outcome columns reports aggregate (see migration 4). */
export function outcomeColumns(result: ScoreResult): { failed: string; critical: string; skipped: string } {
  const ids = (f: (q: ScoreResult['questions'][number]) => boolean) => JSON.stringify(result.questions.filter(f).map((q) => q.questionId));
  return {
    failed: ids((q) => q.failed),
    critical: ids((q) => q.critical !== null),
    skipped: ids((q) => q.weight > 0 && q.max > 0 && !q.scored),
  };
}


function toSummary(r: EvaluationRow, bands: readonly PerformanceBand[]): EvaluationSummary {
  return {
    id: r.id,
    recordingId: r.recording_id,
    formId: r.form_id,
    formVersion: r.form_version,
    formTitle: r.form_title ?? r.form_id,
    evaluator: ref(r.evaluator_id, r.evaluator_name),
    agentId: r.agent_id,
    agentName: r.agent_name,
    team: r.team,
    queue: r.queue,
    callStartTime: r.call_start_time,
    callDurationSec: r.call_duration_sec,
    status: r.status,
    score: r.score,
    autoFailed: r.auto_failed === 1,
    band: bands.find((b) => b.label === r.band) ?? null,
    reviewStatus: r.review_status,
    amendments: r.amendments,
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    calibrationSessionId: r.calibration_id,
    sampleItemId: r.sample_item_id,
  };
}

function toComment(r: CommentRow): EvaluationComment {
  return {
    id: r.id,
    evaluationId: r.evaluation_id,
    positionSec: r.position_sec,
    questionId: r.question_id,
    text: r.text,
    author: ref(r.author_id, r.author_name),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Stored answers are canonical JSON, so "nothing changed" is a string comparison. */
export const storeAnswers = (a: Answers): string => canonicalJson(a);

export class EvaluationRepo {
  /** Bands of each form version an evaluation uses; such versions are published, hence immutable. */
  private readonly bands = new Map<string, PerformanceBand[]>();

  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  /** Prepared once per SQL text: autosave and bulk work run the same few statements over and over. */
  private sql(text: string): Statement {
    let st = this.statements.get(text);
    if (!st) this.statements.set(text, (st = this.db.prepare(text)));
    return st;
  }

  private bandsOf(r: EvaluationRow): PerformanceBand[] {
    const key = `${r.form_id}\0${r.form_version}`;
    let b = this.bands.get(key);
    if (!b) {
      const row = this.sql("SELECT json_extract(definition, '$.bands') AS bands FROM qa_form_versions WHERE form_id = ? AND version = ?").get(r.form_id, r.form_version) as { bands: string };
      b = JSON.parse(row.bands) as PerformanceBand[];
      this.bands.set(key, b);
    }
    return b;
  }

  summaryOf(r: EvaluationRow): EvaluationSummary {
    return toSummary(r, this.bandsOf(r));
  }

  row(id: string): EvaluationRow {
    const r = this.sql(`${SELECT} WHERE e.id = ?`).get(id) as EvaluationRow | undefined;
    if (!r) throw notFound(`evaluation ${id}`);
    return r;
  }

  summary(id: string): EvaluationSummary {
    return this.summaryOf(this.row(id));
  }

  answersOf(r: EvaluationRow): Answers {
    return JSON.parse(r.answers) as Answers;
  }

  /** The evaluator's own open draft of this call with this form (not a calibration one), to resume. */
  findDraft(recordingId: string, formId: string, evaluatorId: string | null): string | null {
    const r = this.sql("SELECT id FROM qa_evaluations WHERE recording_id = ? AND form_id = ? AND evaluator_id IS ? AND status = 'draft' AND calibration_id IS NULL ORDER BY created_at DESC LIMIT 1")
      .get(recordingId, formId, evaluatorId) as { id: string } | undefined;
    return r?.id ?? null;
  }

  start(
    rec: Pick<RecordingDetail, 'id' | 'agentId' | 'agentName' | 'team' | 'queue' | 'startTime' | 'durationSec'>,
    form: { formId: string; version: number; definition: FormDefinition },
    who: Who,
    at: string,
    link: { calibrationId?: string; sampleItemId?: string } = {},
  ): string {
    const id = randomUUID();
    const result = scoreEvaluation(form.definition, {});
    this.sql(
        `INSERT INTO qa_evaluations (id, recording_id, form_id, form_version, evaluator_id, evaluator_name, agent_id, agent_name, team, queue,
           call_start_time, call_duration_sec, status, answers, revision, score, auto_failed, band, created_at, updated_at, calibration_id, sample_item_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', '{}', 0, ?, 0, ?, ?, ?, ?, ?)`,
      )
      .run(
        id, rec.id, form.formId, form.version, who.id, who.name, rec.agentId, rec.agentName, rec.team, rec.queue, rec.startTime, rec.durationSec,
        result.score, result.band?.label ?? null, at, at, link.calibrationId ?? null, link.sampleItemId ?? null,
      );
    return id;
  }

  list(q: EvaluationListQuery & { offset: number; limit: number }, viewerId: string | null): Page<EvaluationSummary> {
    const where: string[] = [];
    const p: Record<string, unknown> = { viewer: viewerId };
    const add = (sql: string, name: string, value: unknown) => {
      where.push(sql);
      p[name] = value;
    };
    // Calibration evaluations are compared only in the calibration view; a list shows just your own.
    where.push('(e.calibration_id IS NULL OR e.evaluator_id IS @viewer)');
    if (q.recordingId) add('e.recording_id = @rec', 'rec', q.recordingId);
    if (q.agentIds?.length) add('e.agent_id IN (SELECT value FROM json_each(@agents))', 'agents', JSON.stringify(q.agentIds));
    if (q.evaluatorId) add('e.evaluator_id = @evaluator', 'evaluator', q.evaluatorId);
    if (q.mine) where.push('e.evaluator_id IS @viewer');
    if (q.status) add('e.status = @status', 'status', q.status);
    if (q.reviewStatus?.length) add('e.review_status IN (SELECT value FROM json_each(@review))', 'review', JSON.stringify(q.reviewStatus));
    if (q.formId) add('e.form_id = @form', 'form', q.formId);
    if (q.from) add('e.updated_at >= @from', 'from', startOf(q.from));
    if (q.to) add('e.updated_at < @to', 'to', endOf(q.to));
    const clause = `WHERE ${where.join(' AND ')}`;
    const total = (this.sql(`SELECT count(*) AS n FROM qa_evaluations e ${clause}`).get(p) as { n: number }).n;
    const rows = this.sql(`${SELECT} ${clause} ORDER BY e.updated_at DESC, e.id LIMIT @limit OFFSET @offset`).all({ ...p, limit: q.limit, offset: q.offset }) as EvaluationRow[];
    return { total, offset: q.offset, rows: rows.map((r) => this.summaryOf(r)) };
  }

  private checkAnswers(def: FormDefinition, answers: Answers): void {
    const problems = answerProblems(def, answers);
    if (problems.length) throw new HandlerError('conflict', `these answers do not fit the form: ${problems.slice(0, 5).join('; ')}`);
  }

  /** One transaction per save: once it returns, the draft survives a crash of the process. */
  saveDraft(id: string, answers: Answers, baseRevision: number, def: FormDefinition, at: string): DraftSaved {
    this.checkAnswers(def, answers);
    const result = scoreEvaluation(def, answers);
    const stored = storeAnswers(answers);
    return this.db.transaction((): DraftSaved => {
      const r = this.row(id);
      if (r.status !== 'draft') throw new HandlerError('conflict', 'this evaluation has been submitted; change it with an amendment');
      if (r.answers === stored) return { evaluationId: id, revision: r.revision, savedAt: r.updated_at, changed: false, result };
      if (r.revision !== baseRevision) {
        throw new HandlerError('conflict', `this draft was saved elsewhere since (revision ${r.revision}, you had ${baseRevision}); reopen it to continue`);
      }
      this.sql("UPDATE qa_evaluations SET answers = ?, revision = revision + 1, score = ?, auto_failed = ?, band = ?, updated_at = ? WHERE id = ? AND status = 'draft'")
        .run(stored, result.score, result.autoFailed ? 1 : 0, result.band?.label ?? null, at, id);
      return { evaluationId: id, revision: r.revision + 1, savedAt: at, changed: true, result };
    })();
  }

  submit(id: string, answers: Answers, baseRevision: number, def: FormDefinition, who: Who, at: string): ScoreResult {
    this.checkAnswers(def, answers);
    const result = scoreEvaluation(def, answers);
    if (!result.complete) throw new HandlerError('conflict', `answer every required question before submitting (${result.missingRequired.length} left)`);
    const stored = storeAnswers(answers);
    const o = outcomeColumns(result);
    this.db.transaction(() => {
      const r = this.row(id);
      if (r.status !== 'draft') throw new HandlerError('conflict', 'this evaluation has already been submitted');
      if (r.revision !== baseRevision && r.answers !== stored) {
        throw new HandlerError('conflict', `this draft was saved elsewhere since (revision ${r.revision}, you had ${baseRevision}); reopen it before submitting`);
      }
      this.sql(
          `INSERT INTO qa_evaluation_versions (evaluation_id, seq, kind, answers, score, auto_failed, reason, author_id, author_name, at, resolves_dispute)
           VALUES (?, 0, 'submission', ?, ?, ?, NULL, ?, ?, ?, 0)`,
        )
        .run(id, stored, result.score, result.autoFailed ? 1 : 0, who.id, who.name, at);
      this.sql(
          `UPDATE qa_evaluations SET status = 'submitted', answers = ?, revision = revision + 1, score = ?, auto_failed = ?, band = ?, current_seq = 0,
             review_status = CASE WHEN calibration_id IS NULL THEN 'pending' ELSE NULL END, updated_at = ?, submitted_at = ?, submitted_ms = ?,
             failed_q = ?, critical_q = ?, skipped_q = ? WHERE id = ?`,
        )
        .run(stored, result.score, result.autoFailed ? 1 : 0, result.band?.label ?? null, at, at, Date.parse(at), o.failed, o.critical, o.skipped, id);
    })();
    return result;
  }

  discard(id: string): void {
    this.db.transaction(() => {
      const r = this.row(id);
      if (r.status !== 'draft') throw new HandlerError('conflict', 'a submitted evaluation cannot be discarded');
      this.sql('DELETE FROM qa_evaluations WHERE id = ?').run(id);
    })();
  }

  amend(id: string, answers: Answers, reason: string, def: FormDefinition, who: Who, at: string, resolvesDispute = false): ScoreResult {
    this.checkAnswers(def, answers);
    const result = scoreEvaluation(def, answers);
    if (!result.complete) throw new HandlerError('conflict', `an amended evaluation must still answer every required question (${result.missingRequired.length} left)`);
    const stored = storeAnswers(answers);
    const o = outcomeColumns(result);
    this.db.transaction(() => {
      const r = this.row(id);
      if (r.status !== 'submitted') throw new HandlerError('conflict', 'only a submitted evaluation is amended; a draft is simply edited');
      if (r.answers === stored) throw new HandlerError('conflict', 'the amendment changes nothing: the answers are the same as now');
      const seq = (r.current_seq ?? 0) + 1;
      this.sql(
          `INSERT INTO qa_evaluation_versions (evaluation_id, seq, kind, answers, score, auto_failed, reason, author_id, author_name, at, resolves_dispute)
           VALUES (?, ?, 'amendment', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, seq, stored, result.score, result.autoFailed ? 1 : 0, reason, who.id, who.name, at, resolvesDispute ? 1 : 0);
      this.sql(
          `UPDATE qa_evaluations SET answers = ?, revision = revision + 1, score = ?, auto_failed = ?, band = ?, current_seq = ?, amendments = amendments + 1,
             updated_at = ?, failed_q = ?, critical_q = ?, skipped_q = ? WHERE id = ?`,
        )
        .run(stored, result.score, result.autoFailed ? 1 : 0, result.band?.label ?? null, seq, at, o.failed, o.critical, o.skipped, id);
    })();
    return result;
  }

  versions(id: string): EvaluationVersion[] {
    const rows = this.sql('SELECT * FROM qa_evaluation_versions WHERE evaluation_id = ? ORDER BY seq').all(id) as {
      seq: number;
      kind: 'submission' | 'amendment';
      answers: string;
      score: number | null;
      auto_failed: number;
      reason: string | null;
      author_id: string | null;
      author_name: string;
      at: string;
      resolves_dispute: number;
    }[];
    return rows.map((v) => ({
      seq: v.seq,
      kind: v.kind,
      answers: JSON.parse(v.answers) as Answers,
      score: v.score,
      autoFailed: v.auto_failed === 1,
      reason: v.reason,
      author: ref(v.author_id, v.author_name),
      at: v.at,
      resolvesDispute: v.resolves_dispute === 1,
    }));
  }

  /** The answers as first submitted (what a calibration compares: the blind answers). */
  submittedAnswers(id: string): Answers | null {
    const r = this.sql('SELECT answers FROM qa_evaluation_versions WHERE evaluation_id = ? AND seq = 0').get(id) as { answers: string } | undefined;
    return r ? (JSON.parse(r.answers) as Answers) : null;
  }

  // ── comments ──

  comments(evaluationId: string): EvaluationComment[] {
    return (this.sql('SELECT * FROM qa_comments WHERE evaluation_id = ? ORDER BY position_sec, created_at').all(evaluationId) as CommentRow[]).map(toComment);
  }

  comment(id: string): EvaluationComment {
    const r = this.sql('SELECT * FROM qa_comments WHERE id = ?').get(id) as CommentRow | undefined;
    if (!r) throw notFound(`comment ${id}`);
    return toComment(r);
  }

  addComment(evaluationId: string, c: { positionSec: number; text: string; questionId: string | null }, who: Who, at: string): EvaluationComment {
    const id = randomUUID();
    this.db.transaction(() => {
      this.sql('INSERT INTO qa_comments (id, evaluation_id, position_sec, question_id, text, author_id, author_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, evaluationId, c.positionSec, c.questionId, c.text, who.id, who.name, at, at);
      this.sql("UPDATE qa_evaluations SET updated_at = ? WHERE id = ? AND status = 'draft'").run(at, evaluationId);
    })();
    return this.comment(id);
  }

  updateComment(id: string, patch: { text?: string; positionSec?: number; questionId?: string | null }, at: string): EvaluationComment {
    const c = this.comment(id);
    this.sql('UPDATE qa_comments SET text = ?, position_sec = ?, question_id = ?, updated_at = ? WHERE id = ?')
      .run(patch.text ?? c.text, patch.positionSec ?? c.positionSec, patch.questionId === undefined ? c.questionId : patch.questionId, at, id);
    return this.comment(id);
  }

  deleteComment(id: string): void {
    this.sql('DELETE FROM qa_comments WHERE id = ?').run(id);
  }

  // ── agent review ──

  reviewEvents(id: string): ReviewEvent[] {
    const rows = this.sql('SELECT * FROM qa_review_events WHERE evaluation_id = ? ORDER BY seq').all(id) as {
      seq: number;
      action: ReviewEvent['action'];
      reason: string | null;
      recorded_by_id: string | null;
      recorded_by_name: string;
      at: string;
    }[];
    return rows.map((r) => ({ seq: r.seq, action: r.action, reason: r.reason, recordedBy: ref(r.recorded_by_id, r.recorded_by_name), at: r.at }));
  }

  /** Appends a review event and sets the review status, inside the caller's transaction if any. */
  recordReview(id: string, action: ReviewEvent['action'], reason: string | null, who: Who, at: string): void {
    this.db.transaction(() => {
      const r = this.row(id);
      if (r.status !== 'submitted' || r.calibration_id) throw new HandlerError('conflict', 'only a submitted evaluation of an agent can be reviewed');
      const from = r.review_status ?? 'pending';
      const allowed: Record<ReviewEvent['action'], ReviewStatus[]> = {
        acknowledged: ['pending', 'upheld', 'amended'],
        disputed: ['pending', 'acknowledged', 'upheld', 'amended'],
        upheld: ['disputed'],
        amended: ['disputed'],
      };
      if (!allowed[action].includes(from)) {
        throw new HandlerError('conflict', action === 'upheld' || action === 'amended' ? 'only a disputed evaluation can be resolved' : `the evaluation is already ${from}`);
      }
      const seq = (this.sql('SELECT coalesce(max(seq), 0) + 1 AS n FROM qa_review_events WHERE evaluation_id = ?').get(id) as { n: number }).n;
      this.sql('INSERT INTO qa_review_events (evaluation_id, seq, action, reason, recorded_by_id, recorded_by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, seq, action, reason, who.id, who.name, at);
      this.sql('UPDATE qa_evaluations SET review_status = ?, disputed = CASE WHEN ? THEN 1 ELSE disputed END, updated_at = ? WHERE id = ?')
        .run(action, action === 'disputed' ? 1 : 0, at, id);
    })();
  }

  /** Resolving by amending: the amendment and the review event commit together or not at all. */
  resolveByAmending(id: string, answers: Answers, note: string, def: FormDefinition, who: Who, at: string): void {
    this.db.transaction(() => {
      if (this.row(id).review_status !== 'disputed') throw new HandlerError('conflict', 'only a disputed evaluation can be resolved');
      this.amend(id, answers, note, def, who, at, true);
      this.recordReview(id, 'amended', note, who, at);
    })();
  }
}
