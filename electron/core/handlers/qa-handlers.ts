// QA commands: forms, evaluations, comments, agent review, sampling, calibration, reports.
// The repositories are built here from services.db. Who may touch what, beyond the permission the
// dispatcher checked: a draft belongs to its evaluator; a calibration evaluation is readable only
// as CalibrationRepo.canRead says (blind until you submit your own), through every command.
import type { qaCommands } from '../../../shared/catalogue/qa';
import { can, ROLE_LABELS } from '../../../shared/permissions';
import type { EvaluationDetail, FormDefinition, FormVersion } from '../../../shared/qa-types';
import type { Handlers } from '../dispatcher';
import { HandlerError, notFound } from '../errors';
import { calibrationView, CalibrationRepo } from '../qa/calibration';
import { toCsv } from '../qa/csv';
import { DEFAULT_FORMS } from '../qa/default-forms';
import { EvaluationRepo, type EvaluationRow } from '../qa/evaluation-repo';
import { FormRepo } from '../qa/form-repo';
import { ReportRepo } from '../qa/reports';
import { drawSample, newSeed, populationHash, SampleRepo } from '../qa/sampling';
import { scoreEvaluation } from '../qa/scoring';
import { sameWho, whoOf, type Who } from '../qa/who';
import type { Services } from '../services';
import { SYSTEM_ACTOR, type Actor } from '../session/session';

type QaCommand = keyof typeof qaCommands;

const SEEDED_KEY = 'qa_defaults_seeded';

/**
 * First run: publish the built-in forms once (an administrator may archive them afterwards; they do
 * not come back). Not an audit entry: nobody acted, and the versions record 'system' as their author.
 */
function seedDefaultForms(s: Services, forms: FormRepo): void {
  if (s.db.prepare('SELECT 1 FROM meta WHERE key = ?').get(SEEDED_KEY)) return;
  const at = s.now().toISOString();
  const system = whoOf(SYSTEM_ACTOR);
  s.db.transaction(() => {
    for (const f of DEFAULT_FORMS) {
      if (forms.exists(f.id)) continue;
      forms.create(f.definition, system, at, { id: f.id, builtIn: true });
      forms.publish(f.id, 1, system, at);
    }
    s.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(SEEDED_KEY, at);
  })();
}

export function qaHandlers(s: Services): Pick<Handlers, QaCommand> {
  const forms = new FormRepo(s.db);
  const evals = new EvaluationRepo(s.db);
  const samples = new SampleRepo(s.db);
  const calibration = new CalibrationRepo(s.db);
  const reports = new ReportRepo(s.db);
  seedDefaultForms(s, forms);

  const at = () => s.now().toISOString();
  const me = (actor: Actor): Who => whoOf(actor);

  const readable = (id: string, actor: Actor): EvaluationRow => {
    const r = evals.row(id);
    if (!calibration.canRead(r, me(actor).id)) {
      throw new HandlerError('unavailable', 'this evaluation belongs to a blind calibration session: submit your own evaluation in the session first');
    }
    return r;
  };

  const ownDraft = (id: string, actor: Actor): EvaluationRow => {
    const r = evals.row(id);
    if (!sameWho(r.evaluator_id, me(actor).id)) throw new HandlerError('conflict', `only ${r.evaluator_name} can change their own evaluation draft`);
    if (r.status !== 'draft') throw new HandlerError('conflict', 'this evaluation has been submitted; change it with an amendment');
    return r;
  };

  const formOf = (r: EvaluationRow): FormDefinition => forms.version(r.form_id, r.form_version).definition;

  const detail = (id: string, actor: Actor): EvaluationDetail => {
    const r = readable(id, actor);
    const form = forms.version(r.form_id, r.form_version);
    const answers = evals.answersOf(r);
    const own = sameWho(r.evaluator_id, me(actor).id);
    const draft = r.status === 'draft';
    const agentEval = !draft && !r.calibration_id;
    return {
      summary: evals.summaryOf(r),
      form,
      answers,
      result: scoreEvaluation(form.definition, answers),
      comments: evals.comments(id),
      versions: evals.versions(id),
      reviewEvents: evals.reviewEvents(id),
      can: { edit: draft && own, submit: draft && own, amend: agentEval, review: agentEval, comment: draft && own, discard: draft && own },
    };
  };

  /** Audit notes name revisions and counts; a calibration evaluation's score stays out of the trail. */
  const scoreNote = (r: EvaluationRow, score: number | null) => (r.calibration_id ? '' : `; score ${score ?? '-'}`);

  const requireRecording = (id: string) => {
    const rec = s.recordings.detail(id);
    if (!rec) throw notFound(`recording ${id}`);
    return rec;
  };

  const published = (formId: string): FormVersion => forms.published(formId);

  return {
    // ── forms ──
    'qa.forms.list': ({ includeArchived }) => forms.list(includeArchived),
    'qa.forms.get': ({ formId }) => forms.detail(formId),
    'qa.forms.create': ({ definition }, ctx) => {
      const id = forms.create(definition as FormDefinition, me(ctx.actor), at());
      ctx.note(`form ${id}`);
      return forms.detail(id);
    },
    'qa.forms.saveDraft': ({ formId, definition, basedOnVersion }, ctx) => {
      const v = forms.saveDraft(formId, definition as FormDefinition, basedOnVersion, me(ctx.actor), at());
      ctx.note(`draft v${v.version}`);
      return v;
    },
    'qa.forms.publish': ({ formId, version }, ctx) => forms.publish(formId, version, me(ctx.actor), at()),
    'qa.forms.discardDraft': ({ formId }) => {
      forms.discardDraft(formId, at());
      return forms.detail(formId);
    },
    'qa.forms.duplicate': ({ formId, version, title }, ctx) => {
      const d = forms.detail(formId);
      const source = version === undefined ? d.versions[0] : d.versions.find((v) => v.version === version);
      if (!source) throw notFound(`version ${version} of form ${formId}`);
      const id = forms.create({ ...source.definition, title }, me(ctx.actor), at());
      ctx.note(`copy ${id} from v${source.version}`);
      return forms.detail(id);
    },
    'qa.forms.archive': ({ formId, archived }) => {
      forms.setArchived(formId, archived, at());
      return forms.detail(formId).summary;
    },
    'qa.forms.export': ({ formIds }, ctx) => {
      const file = forms.exportFile(formIds, at());
      ctx.note(`${file.forms.length} form(s), ${file.forms.reduce((n, f) => n + f.versions.length, 0)} version(s)`);
      return file;
    },
    'qa.forms.import': ({ file }, ctx) => {
      const report = forms.importFile(file as Parameters<FormRepo['importFile']>[0], me(ctx.actor), at());
      ctx.note(`${report.formsAdded} form(s) added, ${report.versionsAdded} version(s) added, ${report.versionsUnchanged} unchanged`);
      return report;
    },

    // ── evaluations ──
    'qa.evaluations.start': ({ recordingId, formId, sampleItemId }, ctx) => {
      const rec = requireRecording(recordingId);
      const form = published(formId);
      const who = me(ctx.actor);
      if (sampleItemId) {
        const item = samples.item(sampleItemId);
        if (item.recordingId !== recordingId) throw new HandlerError('conflict', `sampled call ${sampleItemId} is ${item.recordingId}, not ${recordingId}`);
        const done = s.db.prepare("SELECT evaluator_name FROM qa_evaluations WHERE sample_item_id = ? AND status = 'submitted'").get(sampleItemId) as { evaluator_name: string } | undefined;
        if (done) throw new HandlerError('conflict', `this sampled call was already evaluated by ${done.evaluator_name}`);
      }
      const existing = evals.findDraft(recordingId, formId, who.id);
      if (existing) {
        ctx.note(`resumed ${existing}`);
        return detail(existing, ctx.actor);
      }
      const id = evals.start(rec, { formId, version: form.version, definition: form.definition }, who, at(), { sampleItemId });
      ctx.note(`evaluation ${id} with ${formId} v${form.version}`);
      return detail(id, ctx.actor);
    },
    'qa.evaluations.get': ({ evaluationId }, ctx) => detail(evaluationId, ctx.actor),
    'qa.evaluations.list': (q, ctx) => {
      const page = evals.list(q, me(ctx.actor).id);
      ctx.note(`${page.total} evaluation(s)`);
      return page;
    },
    'qa.evaluations.saveDraft': ({ evaluationId, answers, baseRevision }, ctx) => {
      const r = ownDraft(evaluationId, ctx.actor);
      const saved = evals.saveDraft(evaluationId, answers, baseRevision, formOf(r), at());
      ctx.note(saved.changed ? `revision ${saved.revision}; ${saved.result.answered} answered` : 'unchanged');
      return saved;
    },
    'qa.evaluations.submit': ({ evaluationId, answers, baseRevision }, ctx) => {
      const r = ownDraft(evaluationId, ctx.actor);
      const result = evals.submit(evaluationId, answers, baseRevision, formOf(r), me(ctx.actor), at());
      ctx.note(`submitted${scoreNote(r, result.score)}${!r.calibration_id && result.autoFailed ? ' (auto-fail)' : ''}`);
      return detail(evaluationId, ctx.actor);
    },
    'qa.evaluations.discard': ({ evaluationId }, ctx) => {
      ownDraft(evaluationId, ctx.actor);
      evals.discard(evaluationId);
      return null;
    },
    'qa.evaluations.amend': ({ evaluationId, answers, reason }, ctx) => {
      const r = readable(evaluationId, ctx.actor);
      if (r.calibration_id) throw new HandlerError('conflict', 'a calibration evaluation is final once submitted: it records what you scored blind');
      const result = evals.amend(evaluationId, answers, reason, formOf(r), me(ctx.actor), at());
      ctx.note(`amendment ${(r.current_seq ?? 0) + 1}; score ${r.score ?? '-'} → ${result.score ?? '-'}`);
      return detail(evaluationId, ctx.actor);
    },
    'qa.comments.add': ({ evaluationId, positionSec, text, questionId }, ctx) => {
      const r = ownDraft(evaluationId, ctx.actor);
      if (questionId && !formOf(r).sections.some((sec) => sec.questions.some((q) => q.id === questionId))) throw notFound(`question ${questionId} in this form`);
      if (positionSec > r.call_duration_sec + 1) throw new HandlerError('conflict', `the call is only ${r.call_duration_sec.toFixed(0)} s long`);
      return evals.addComment(evaluationId, { positionSec, text, questionId }, me(ctx.actor), at());
    },
    'qa.comments.update': ({ commentId, text, positionSec, questionId }, ctx) => {
      const c = evals.comment(commentId);
      const r = ownDraft(c.evaluationId, ctx.actor);
      if (questionId && !formOf(r).sections.some((sec) => sec.questions.some((q) => q.id === questionId))) throw notFound(`question ${questionId} in this form`);
      if (positionSec !== undefined && positionSec > r.call_duration_sec + 1) throw new HandlerError('conflict', `the call is only ${r.call_duration_sec.toFixed(0)} s long`);
      return evals.updateComment(commentId, { text, positionSec, questionId }, at());
    },
    'qa.comments.delete': ({ commentId }, ctx) => {
      const c = evals.comment(commentId);
      ownDraft(c.evaluationId, ctx.actor);
      evals.deleteComment(commentId);
      return null;
    },
    'qa.review.record': ({ evaluationId, outcome, reason }, ctx) => {
      readable(evaluationId, ctx.actor);
      evals.recordReview(evaluationId, outcome, reason?.trim() || null, me(ctx.actor), at());
      return detail(evaluationId, ctx.actor);
    },
    'qa.review.resolve': ({ evaluationId, resolution, note, answers }, ctx) => {
      const r = readable(evaluationId, ctx.actor);
      if (resolution === 'upheld') evals.recordReview(evaluationId, 'upheld', note, me(ctx.actor), at());
      else evals.resolveByAmending(evaluationId, answers!, note, formOf(r), me(ctx.actor), at());
      return detail(evaluationId, ctx.actor);
    },

    // ── sampling ──
    'qa.samples.draw': (input, ctx) => {
      published(input.formId);
      const seed = input.seed ?? newSeed();
      const id = samples.draw({ ...input, seed }, me(ctx.actor), at());
      const d = samples.detail(id);
      ctx.note(`sample ${id}: seed ${seed}, ${d.draw.items} call(s) from ${d.draw.population} eligible, ${d.draw.agents} agent(s)`);
      return d;
    },
    'qa.samples.list': ({ offset, limit }) => samples.list(offset, limit),
    'qa.samples.get': ({ drawId }) => samples.detail(drawId),
    'qa.samples.verify': ({ drawId }, ctx) => {
      const req = samples.request(drawId);
      const now = samples.candidates(req.from, req.to, req.filters);
      const again = new Set(drawSample(now, req.perAgent, req.seed).map((p) => p.recordingId));
      const then = new Set(req.picked);
      const missing = [...then].filter((x) => !again.has(x)).sort();
      const extra = [...again].filter((x) => !then.has(x)).sort();
      const v = {
        drawId,
        reproducible: missing.length === 0 && extra.length === 0,
        populationThen: req.population,
        populationNow: now.length,
        populationUnchanged: now.length === req.population && populationHash(now) === req.populationHash,
        missing,
        extra,
      };
      ctx.note(v.reproducible ? 'reproduced exactly' : `differs: ${missing.length} missing, ${extra.length} extra`);
      return v;
    },

    // ── calibration ──
    'qa.calibration.create': ({ title, recordingId, formId, participantIds, referenceId }, ctx) => {
      const rec = requireRecording(recordingId);
      const form = published(formId);
      const participants = participantIds.map((pid) => {
        const p = s.profiles.get(pid);
        if (!p) throw notFound(`profile ${pid}`);
        if (!can(p.role, 'qa.calibrate')) throw new HandlerError('conflict', `${p.displayName} (${ROLE_LABELS[p.role]}) cannot take part in calibration`);
        return { id: p.id, name: p.displayName };
      });
      const id = calibration.create({ title, recording: rec, formId, formVersion: form.version, participants, referenceId }, me(ctx.actor), at());
      ctx.note(`session ${id}: ${participants.length} evaluators`);
      return calibration.session(id, me(ctx.actor).id);
    },
    'qa.calibration.list': ({ status }, ctx) => calibration.ids(status).map((id) => calibration.session(id, me(ctx.actor).id)),
    'qa.calibration.get': ({ sessionId }, ctx) => calibration.session(sessionId, me(ctx.actor).id),
    'qa.calibration.join': ({ sessionId }, ctx) => {
      const who = me(ctx.actor);
      const session = calibration.session(sessionId, who.id);
      if (!session.mine.participant) throw new HandlerError('conflict', 'you are not an evaluator in this calibration session');
      const existing = calibration.evaluationOf(sessionId, who.id);
      if (existing) return detail(existing.id, ctx.actor);
      if (session.status === 'closed') throw new HandlerError('conflict', 'the calibration session is closed');
      const rec = s.recordings.detail(session.recordingId);
      if (!rec) throw new HandlerError('unavailable', `the call ${session.recordingId} is no longer in the library`);
      const form = forms.version(session.formId, session.formVersion);
      const id = evals.start(rec, { formId: form.formId, version: form.version, definition: form.definition }, who, at(), { calibrationId: sessionId });
      ctx.note(`evaluation ${id}`);
      return detail(id, ctx.actor);
    },
    'qa.calibration.view': ({ sessionId }, ctx) => {
      const who = me(ctx.actor);
      if (!calibration.canView(sessionId, who.id)) {
        throw new HandlerError('unavailable', 'the comparison opens once you have submitted your own evaluation in this session (or, if you are not an evaluator, once the session is closed)');
      }
      const session = calibration.session(sessionId, who.id);
      const def = forms.version(session.formId, session.formVersion).definition;
      return calibrationView(session, def, calibration.submitted(sessionId), calibration.referenceOf(sessionId));
    },
    'qa.calibration.close': ({ sessionId }, ctx) => {
      calibration.close(sessionId, me(ctx.actor), at());
      return calibration.session(sessionId, me(ctx.actor).id);
    },

    // ── reports ──
    'qa.facets': () => reports.facets(),
    'qa.reports.run': (q, ctx) => {
      const r = reports.run(q, s.now());
      ctx.note(`${r.totals.evaluations} evaluation(s) by ${q.groupBy}`);
      return r;
    },
    'qa.reports.exportCsv': ({ kind, ...q }, ctx) => {
      const day = s.now().toISOString().slice(0, 10);
      if (kind === 'summary') {
        const r = reports.run(q, s.now());
        const bandNames = [...new Set(r.groups.flatMap((g) => Object.keys(g.bands)))].sort();
        const csv = toCsv(
          [q.groupBy, 'evaluations', 'average_score', 'min_score', 'max_score', 'auto_fails', 'disputes', ...bandNames.map((b) => `band: ${b}`)],
          r.groups.map((g) => [g.label, g.evaluations, g.averageScore, g.minScore, g.maxScore, g.autoFails, g.disputes, ...bandNames.map((b) => g.bands[b] ?? 0)]),
        );
        ctx.note(`${r.groups.length} row(s)`);
        return { fileName: `earmark-qa-summary-by-${q.groupBy}-${day}.csv`, csv, rows: r.groups.length };
      }
      const rows = reports.evaluationRows(q);
      const csv = toCsv(
        ['evaluation_id', 'recording_id', 'call_start', 'call_duration_sec', 'agent_id', 'agent_name', 'team', 'queue', 'form_id', 'form_title', 'form_version', 'evaluator', 'submitted_at', 'score', 'band', 'auto_failed', 'review_status', 'disputed', 'amendments'],
        rows.map((r) => [
          r.id as string, r.recording_id as string, r.call_start_time as string, r.call_duration_sec as number, r.agent_id as string, r.agent_name as string,
          r.team as string | null, r.queue as string | null, r.form_id as string, r.form_title as string, r.form_version as number, r.evaluator_name as string,
          r.submitted_at as string, r.score as number | null, r.band as string | null, r.auto_failed === 1, r.review_status as string | null, r.disputed === 1, r.amendments as number,
        ]),
      );
      ctx.note(`${rows.length} evaluation(s)`);
      return { fileName: `earmark-evaluations-${day}.csv`, csv, rows: rows.length };
    },
  };
}
