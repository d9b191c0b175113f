// Calibration: several evaluators score the same call blind, then compare. Blindness is one rule,
// applied by every command that can return an evaluation's content (see canRead): a calibration
// evaluation is readable by its own evaluator; by another participant only once that participant
// has submitted their own; by anyone else only after the session is closed.
import { randomUUID } from 'node:crypto';
import type {
  Answers,
  CalibrationAnswerSpread,
  CalibrationEvaluatorView,
  CalibrationParticipant,
  CalibrationQuestionView,
  CalibrationSession,
  CalibrationStatus,
  CalibrationView,
  FormDefinition,
  SampleItemStatus,
} from '../../../shared/qa-types';
import type { Db } from '../db/database';
import { HandlerError, notFound } from '../errors';
import { answerLabel, scoreEvaluation } from './scoring';
import { ref, sameWho, type Who } from './who';

interface SessionRow {
  id: string;
  title: string;
  recording_id: string;
  agent_name: string;
  call_start_time: string;
  form_id: string;
  form_version: number;
  owner_id: string | null;
  owner_name: string;
  reference_id: string;
  status: CalibrationStatus;
  created_at: string;
  closed_at: string | null;
  form_title: string;
}

interface ParticipantRow {
  profile_id: string;
  name: string;
  evaluation_id: string | null;
  status: 'draft' | 'submitted' | null;
  submitted_at: string | null;
}

export class CalibrationRepo {
  constructor(private readonly db: Db) {}

  private row(id: string): SessionRow {
    const r = this.db
      .prepare('SELECT c.*, v.title AS form_title FROM qa_calibrations c JOIN qa_form_versions v ON v.form_id = c.form_id AND v.version = c.form_version WHERE c.id = ?')
      .get(id) as SessionRow | undefined;
    if (!r) throw notFound(`calibration session ${id}`);
    return r;
  }

  private participants(id: string): ParticipantRow[] {
    return this.db
      .prepare(
        `SELECT p.profile_id, p.name, e.id AS evaluation_id, e.status, e.submitted_at
         FROM qa_calibration_participants p LEFT JOIN qa_evaluations e ON e.calibration_id = p.session_id AND e.evaluator_id = p.profile_id
         WHERE p.session_id = ? ORDER BY p.name`,
      )
      .all(id) as ParticipantRow[];
  }

  create(
    s: { title: string; recording: { id: string; agentName: string; startTime: string }; formId: string; formVersion: number; participants: { id: string; name: string }[]; referenceId: string },
    who: Who,
    at: string,
  ): string {
    const id = randomUUID();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO qa_calibrations (id, title, recording_id, agent_name, call_start_time, form_id, form_version, owner_id, owner_name, reference_id, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
        )
        .run(id, s.title, s.recording.id, s.recording.agentName, s.recording.startTime, s.formId, s.formVersion, who.id, who.name, s.referenceId, at);
      const ins = this.db.prepare('INSERT INTO qa_calibration_participants (session_id, profile_id, name) VALUES (?, ?, ?)');
      for (const p of s.participants) ins.run(id, p.id, p.name);
    })();
    return id;
  }

  ids(status?: CalibrationStatus): string[] {
    return (this.db.prepare(`SELECT id FROM qa_calibrations ${status ? 'WHERE status = ?' : ''} ORDER BY created_at DESC`).all(...(status ? [status] : [])) as { id: string }[]).map((r) => r.id);
  }

  /** The evaluation of this participant in the session, if started. */
  evaluationOf(sessionId: string, profileId: string | null): { id: string; status: 'draft' | 'submitted' } | null {
    return (this.db.prepare('SELECT id, status FROM qa_evaluations WHERE calibration_id = ? AND evaluator_id IS ?').get(sessionId, profileId) as { id: string; status: 'draft' | 'submitted' } | undefined) ?? null;
  }

  isParticipant(sessionId: string, profileId: string | null): boolean {
    return profileId !== null && !!this.db.prepare('SELECT 1 FROM qa_calibration_participants WHERE session_id = ? AND profile_id = ?').get(sessionId, profileId);
  }

  /** May `viewer` see the answers and scores of others in this session? */
  canView(sessionId: string, viewerId: string | null): boolean {
    const s = this.row(sessionId);
    if (this.isParticipant(sessionId, viewerId)) return this.evaluationOf(sessionId, viewerId)?.status === 'submitted';
    return s.status === 'closed';
  }

  /** The single blindness rule for an evaluation's content (answers, score, comments, history). */
  canRead(evaluation: { calibration_id: string | null; evaluator_id: string | null }, viewerId: string | null): boolean {
    if (!evaluation.calibration_id) return true;
    if (viewerId !== null && sameWho(evaluation.evaluator_id, viewerId)) return true;
    return this.canView(evaluation.calibration_id, viewerId);
  }

  session(id: string, viewerId: string | null): CalibrationSession {
    const s = this.row(id);
    const participants: CalibrationParticipant[] = this.participants(id).map((p) => ({
      profileId: p.profile_id,
      name: p.name,
      isReference: p.profile_id === s.reference_id,
      status: (p.status ?? 'todo') as SampleItemStatus,
      evaluationId: p.profile_id === viewerId ? p.evaluation_id : null,
      submittedAt: p.submitted_at,
    }));
    const me = participants.find((p) => p.profileId === viewerId);
    return {
      id: s.id,
      title: s.title,
      recordingId: s.recording_id,
      agentName: s.agent_name,
      callStartTime: s.call_start_time,
      formId: s.form_id,
      formVersion: s.form_version,
      formTitle: s.form_title,
      owner: ref(s.owner_id, s.owner_name),
      status: s.status,
      createdAt: s.created_at,
      closedAt: s.closed_at,
      participants,
      canView: this.canView(id, viewerId),
      mine: { participant: !!me, owner: viewerId !== null && s.owner_id === viewerId, submitted: me?.status === 'submitted' },
    };
  }

  close(id: string, viewer: Who, at: string): void {
    const s = this.row(id);
    if (s.status === 'closed') throw new HandlerError('conflict', 'the session is already closed');
    if (!sameWho(s.owner_id, viewer.id) && viewer.id !== null) throw new HandlerError('conflict', `only ${s.owner_name}, who created the session, can close it`);
    this.db.prepare("UPDATE qa_calibrations SET status = 'closed', closed_at = ? WHERE id = ?").run(at, id);
  }

  /** Submitted evaluations of the session with their blind (first submitted) answers. */
  submitted(sessionId: string): { profileId: string; name: string; evaluationId: string; answers: Answers }[] {
    return (
      this.db
        .prepare(
          `SELECT p.profile_id, p.name, e.id AS evaluation_id, v.answers
           FROM qa_calibration_participants p
           JOIN qa_evaluations e ON e.calibration_id = p.session_id AND e.evaluator_id = p.profile_id AND e.status = 'submitted'
           JOIN qa_evaluation_versions v ON v.evaluation_id = e.id AND v.seq = 0
           WHERE p.session_id = ? ORDER BY p.name`,
        )
        .all(sessionId) as { profile_id: string; name: string; evaluation_id: string; answers: string }[]
    ).map((r) => ({ profileId: r.profile_id, name: r.name, evaluationId: r.evaluation_id, answers: JSON.parse(r.answers) as Answers }));
  }

  referenceOf(sessionId: string): string {
    return this.row(sessionId).reference_id;
  }
}

export interface CalibrationInput {
  profileId: string;
  name: string;
  evaluationId: string;
  answers: Answers;
}

const keyOf = (a: Answers[string] | undefined): string =>
  !a ? 'unanswered' : a.kind === 'na' ? 'na' : a.kind === 'option' ? `option:${a.optionId}` : a.kind === 'scale' ? `scale:${a.value}` : 'text';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Pure: the comparison of a calibration session's submitted evaluations. */
export function calibrationView(session: CalibrationSession, def: FormDefinition, evaluations: CalibrationInput[], referenceId: string): Omit<CalibrationView, 'session'> & { session: CalibrationSession } {
  const results = new Map(evaluations.map((e) => [e.profileId, scoreEvaluation(def, e.answers)]));
  const reference = evaluations.find((e) => e.profileId === referenceId) ?? null;
  const refResult = reference ? results.get(reference.profileId)! : null;

  const questions: CalibrationQuestionView[] = [];
  const matchesPerEvaluator = new Map<string, { same: number; total: number }>(evaluations.map((e) => [e.profileId, { same: 0, total: 0 }]));
  for (const s of def.sections)
    for (const q of s.questions) {
      if (q.type === 'text') {
        questions.push({
          questionId: q.id,
          sectionId: s.id,
          sectionTitle: s.title,
          text: q.text,
          type: q.type,
          spread: [],
          agreement: null,
          agreementWithReference: null,
          texts: evaluations.flatMap((e) => (e.answers[q.id]?.kind === 'text' ? [{ evaluator: e.name, text: (e.answers[q.id] as { text: string }).text }] : [])),
        });
        continue;
      }
      const groups = new Map<string, CalibrationAnswerSpread>();
      for (const e of evaluations) {
        const a = e.answers[q.id];
        const key = keyOf(a);
        const g = groups.get(key) ?? { key: key.replace(/^(option|scale):/, ''), label: a ? answerLabel(q, a) : 'Unanswered', count: 0, evaluators: [], isReference: false };
        g.count++;
        g.evaluators.push(e.name);
        if (e.profileId === referenceId) g.isReference = true;
        groups.set(key, g);
      }
      const spread = [...groups.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
      const refKey = reference ? keyOf(reference.answers[q.id]) : null;
      const others = evaluations.filter((e) => e.profileId !== referenceId);
      if (refKey !== null)
        for (const e of others) {
          const m = matchesPerEvaluator.get(e.profileId)!;
          m.total++;
          if (keyOf(e.answers[q.id]) === refKey) m.same++;
        }
      questions.push({
        questionId: q.id,
        sectionId: s.id,
        sectionTitle: s.title,
        text: q.text,
        type: q.type,
        spread,
        agreement: evaluations.length ? round((spread[0]?.count ?? 0) / evaluations.length) : null,
        agreementWithReference: refKey !== null && others.length ? round(others.filter((e) => keyOf(e.answers[q.id]) === refKey).length / others.length) : null,
        texts: [],
      });
    }

  const evaluators: CalibrationEvaluatorView[] = evaluations.map((e) => {
    const r = results.get(e.profileId)!;
    const m = matchesPerEvaluator.get(e.profileId)!;
    const isReference = e.profileId === referenceId;
    return {
      profileId: e.profileId,
      name: e.name,
      evaluationId: e.evaluationId,
      isReference,
      score: r.score,
      autoFailed: r.autoFailed,
      deviation: !isReference && r.score !== null && refResult?.score != null ? round(r.score - refResult.score, 1) : null,
      agreementWithReference: !isReference && m.total > 0 ? round(m.same / m.total) : null,
      sectionScores: r.sections.map((x) => ({ sectionId: x.sectionId, score: x.score })),
    };
  });

  const scores = evaluators.map((e) => e.score).filter((x): x is number => x !== null);
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  const scored = questions.filter((q) => q.agreement !== null);
  return {
    session,
    evaluators,
    questions,
    scoreSpread: {
      min: scores.length ? Math.min(...scores) : null,
      max: scores.length ? Math.max(...scores) : null,
      mean: mean === null ? null : round(mean, 1),
      stdDev: mean === null ? null : round(Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length), 1),
      range: scores.length ? round(Math.max(...scores) - Math.min(...scores), 1) : null,
    },
    overallAgreement: scored.length ? round(scored.reduce((a, q) => a + q.agreement!, 0) / scored.length) : null,
  };
}
