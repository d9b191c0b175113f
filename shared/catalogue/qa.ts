// QA: evaluation forms, evaluations, comments, agent review, sampling, calibration, reports.
// Types are in shared/qa-types.ts, form rules in shared/qa-form-rules.ts, scoring in shared/qa-scoring.ts.
//
// The flows, for the screens:
// - Score a call: qa.evaluations.start {recordingId, formId[, sampleItemId]} returns your draft (an
//   existing draft of yours for that call and form is resumed) → qa.evaluations.saveDraft (debounced,
//   with the revision you last got back) → qa.evaluations.submit. The live score in the panel comes
//   from scoreEvaluation() in shared/qa-scoring.ts, the same function the backend stores.
// - Comments: qa.comments.add/update/delete while the draft is yours; after submission they are final.
// - After submission: qa.evaluations.amend (reason required), qa.review.record (acknowledged |
//   disputed with the agent's reason), qa.review.resolve (upheld | amended with corrected answers).
// - Sampling: qa.samples.draw → qa.samples.get shows each call's status; start an evaluation with
//   the item's sampleItemId so its status follows.
// - Calibration: qa.calibration.create → each participant qa.calibration.join (their own draft;
//   saveDraft/submit as usual) → qa.calibration.view once they have submitted.
// - A refused action comes back as `conflict` (state forbids it), `not_found`, or `unavailable`
//   (blind calibration content).
//
// Autosave and the audit trail: every qa.evaluations.saveDraft is one audited command (the dispatcher
// audits everything), so the evaluation panel must debounce it — save ~1.5 s after the last change,
// and at once on submit, on leaving the panel and on window close — never per keystroke or on a timer.
// A save whose answers equal the stored ones writes nothing and says changed=false. The audit entry
// names the evaluation and the revision, never the answers.
import { z } from 'zod';
import type {
  CalibrationSession,
  CalibrationView,
  CsvExport,
  DraftSaved,
  EvaluationComment,
  EvaluationDetail,
  EvaluationSummary,
  FormDetail,
  FormsFile,
  FormsImportReport,
  FormSummary,
  FormVersion,
  QaFacets,
  QaReport,
  SampleDetail,
  SampleDraw,
  SampleVerification,
} from '../qa-types';
import type { Page } from '../types';
import { formProblems } from '../qa-form-rules';
import { command, isoDate, recordingId, text } from './define';

// ───────────── building blocks ─────────────

export const qaId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'not a valid id (letters, digits, - and _, at most 64)');
const label = (max: number) => z.string().trim().max(max);
const nullableText = (max: number) => z.string().trim().max(max).nullable().default(null);
const points = z.number().min(0, 'points cannot be negative').max(1000, 'at most 1000 points');
const weight = z.number().min(0, 'weights cannot be negative').max(1000, 'weights are at most 1000');
const critical = z.enum(['section', 'form']).nullable().default(null);

export const answerOptionSchema = z
  .object({ id: qaId, label: label(200), points, critical })
  .strict();

export const scaleRangeSchema = z
  .object({ from: z.number().int(), to: z.number().int(), points, critical, label: nullableText(60) })
  .strict();

const questionBase = {
  id: qaId,
  text: label(500),
  help: nullableText(2000),
  weight: weight.default(1),
  allowNa: z.boolean().default(false),
  required: z.boolean().default(true),
};

export const questionSchema = z.discriminatedUnion('type', [
  z.object({ ...questionBase, type: z.literal('yes_no'), options: z.array(answerOptionSchema).length(2, 'a yes/no question has exactly two options') }).strict(),
  z.object({ ...questionBase, type: z.literal('single_choice'), options: z.array(answerOptionSchema).min(1, 'add at least one option').max(20, 'at most 20 options') }).strict(),
  z
    .object({
      ...questionBase,
      type: z.literal('scale'),
      min: z.number().int().min(0).max(100),
      max: z.number().int().min(0).max(100),
      minLabel: nullableText(60),
      maxLabel: nullableText(60),
      ranges: z.array(scaleRangeSchema).min(1, 'add at least one range').max(101),
    })
    .strict(),
  z.object({ ...questionBase, type: z.literal('text') }).strict(),
]);

export const sectionSchema = z
  .object({
    id: qaId,
    title: label(200),
    description: nullableText(2000),
    weight: weight.default(1),
    questions: z.array(questionSchema).max(100, 'at most 100 questions in a section'),
  })
  .strict();

export const bandSchema = z
  .object({ label: label(60).min(1, 'name the band'), min: z.number().min(0).max(100), tone: z.enum(['fail', 'warn', 'ok', 'good']) })
  .strict();

/** A form as saved (a draft may still be incomplete); publishing also applies formProblems(…, 'publish'). */
export const formDefinitionSchema = z
  .object({
    title: label(200),
    description: nullableText(2000),
    sections: z.array(sectionSchema).max(50, 'at most 50 sections'),
    bands: z.array(bandSchema).max(10, 'at most 10 bands'),
  })
  .strict()
  .superRefine((def, ctx) => {
    for (const p of formProblems(def, 'draft')) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });

export const answerValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('option'), optionId: qaId }).strict(),
  z.object({ kind: z.literal('scale'), value: z.number().int().min(0).max(100) }).strict(),
  z.object({ kind: z.literal('text'), text: z.string().max(5000, 'at most 5000 characters') }).strict(),
  z.object({ kind: z.literal('na') }).strict(),
]);

export const answersSchema = z.record(qaId, answerValueSchema);

const formsFileVersion = z
  .object({
    version: z.number().int().min(1),
    status: z.enum(['draft', 'published', 'superseded']),
    definition: formDefinitionSchema,
    createdAt: isoDate,
    createdBy: label(200),
    publishedAt: isoDate.nullable(),
    publishedBy: label(200).nullable(),
  })
  .strict();

export const formsFileSchema = z
  .object({
    format: z.literal('earmark-forms'),
    schemaVersion: z.literal(1),
    exportedAt: isoDate,
    forms: z
      .array(
        z
          .object({
            id: qaId,
            archived: z.boolean().default(false),
            builtIn: z.boolean().default(false),
            versions: z.array(formsFileVersion).min(1).max(1000),
          })
          .strict(),
      )
      .max(1000),
  })
  .strict();

export const sampleFiltersSchema = z
  .object({
    queues: z.array(text(100)).max(200).optional(),
    teams: z.array(text(100)).max(200).optional(),
    agentIds: z.array(text(100)).max(500).optional(),
    directions: z.array(z.enum(['inbound', 'outbound', 'internal'])).max(3).optional(),
    minDurationSec: z.number().min(0).max(1e7).optional(),
    maxDurationSec: z.number().min(0).max(1e7).optional(),
    minDeadAirSec: z.number().min(0).max(1e7).optional(),
    maxDeadAirSec: z.number().min(0).max(1e7).optional(),
    minOvertalkSec: z.number().min(0).max(1e7).optional(),
    maxOvertalkSec: z.number().min(0).max(1e7).optional(),
  })
  .strict()
  .default({});

export const reportQuerySchema = z
  .object({
    groupBy: z.enum(['agent', 'team', 'queue', 'evaluator', 'form']).default('agent'),
    interval: z.enum(['day', 'week', 'month']).default('week'),
    /** Period of submission (dates inclusive, UTC). */
    from: isoDate.optional(),
    to: isoDate.optional(),
    agentIds: z.array(text(100)).max(500).optional(),
    teams: z.array(text(100)).max(200).optional(),
    queues: z.array(text(100)).max(200).optional(),
    formIds: z.array(qaId).max(200).optional(),
    evaluatorIds: z.array(text(100)).max(200).optional(),
  })
  .strict();
export type ReportQuery = z.input<typeof reportQuerySchema>;

export const evaluationListQuery = z
  .object({
    recordingId: recordingId.optional(),
    agentIds: z.array(text(100)).max(500).optional(),
    evaluatorId: text(100).optional(),
    /** Only the current actor's evaluations. */
    mine: z.boolean().optional(),
    status: z.enum(['draft', 'submitted']).optional(),
    reviewStatus: z.array(z.enum(['pending', 'acknowledged', 'disputed', 'upheld', 'amended'])).max(5).optional(),
    formId: qaId.optional(),
    /** Period of the last change (dates inclusive, UTC). */
    from: isoDate.optional(),
    to: isoDate.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type EvaluationListQuery = z.input<typeof evaluationListQuery>;

const reason = (what: string) => z.string().trim().min(5, `give a ${what} (at least 5 characters)`).max(2000);
const evaluationRef = z.object({ evaluationId: qaId }).strict();
const positionSec = z.number().min(0).max(1e7);

// ───────────── commands ─────────────

export const qaCommands = {
  // Forms
  'qa.forms.list': command<FormSummary[]>()({
    permission: 'qa.evaluate',
    input: z.object({ includeArchived: z.boolean().default(false) }).strict().default({ includeArchived: false }),
    summary: 'List evaluation forms',
  }),
  'qa.forms.get': command<FormDetail>()({
    permission: 'qa.evaluate',
    input: z.object({ formId: qaId }).strict(),
    summary: 'Open an evaluation form with all its versions',
    target: (i) => `form:${i.formId}`,
  }),
  'qa.forms.create': command<FormDetail>()({
    permission: 'qa.forms.manage',
    input: z.object({ definition: formDefinitionSchema }).strict(),
    summary: 'Create an evaluation form (as a draft)',
    target: (i) => `form:${i.definition.title.slice(0, 80)}`,
  }),
  'qa.forms.saveDraft': command<FormVersion>()({
    permission: 'qa.forms.manage',
    input: z
      .object({
        formId: qaId,
        definition: formDefinitionSchema,
        /** The version the editor loaded; if another version appeared since, the save is refused (conflict). */
        basedOnVersion: z.number().int().min(1),
      })
      .strict(),
    summary: 'Save the draft of an evaluation form; editing a published form starts a new version',
    target: (i) => `form:${i.formId}`,
  }),
  'qa.forms.publish': command<FormVersion>()({
    permission: 'qa.forms.manage',
    input: z.object({ formId: qaId, version: z.number().int().min(1) }).strict(),
    summary: 'Publish a draft version of an evaluation form',
    target: (i) => `form:${i.formId}@v${i.version}`,
  }),
  'qa.forms.discardDraft': command<FormDetail>()({
    permission: 'qa.forms.manage',
    input: z.object({ formId: qaId }).strict(),
    summary: 'Discard the unpublished draft of an evaluation form',
    target: (i) => `form:${i.formId}`,
  }),
  'qa.forms.duplicate': command<FormDetail>()({
    permission: 'qa.forms.manage',
    input: z.object({ formId: qaId, version: z.number().int().min(1).optional(), title: label(200).min(1, 'enter a title') }).strict(),
    summary: 'Copy an evaluation form into a new draft form',
    target: (i) => `form:${i.formId}`,
  }),
  'qa.forms.archive': command<FormSummary>()({
    permission: 'qa.forms.manage',
    input: z.object({ formId: qaId, archived: z.boolean() }).strict(),
    summary: 'Archive or restore an evaluation form',
    target: (i) => `form:${i.formId}`,
  }),
  'qa.forms.export': command<FormsFile>()({
    permission: 'qa.forms.manage',
    input: z.object({ formIds: z.array(qaId).max(1000).optional() }).strict().default({}),
    summary: 'Export evaluation forms with all their versions as JSON',
  }),
  'qa.forms.import': command<FormsImportReport>()({
    permission: 'qa.forms.manage',
    input: z.object({ file: formsFileSchema }).strict(),
    summary: 'Import evaluation forms from JSON',
  }),

  // Evaluations
  'qa.evaluations.start': command<EvaluationDetail>()({
    permission: 'qa.evaluate',
    input: z.object({ recordingId, formId: qaId, sampleItemId: qaId.optional() }).strict(),
    summary: 'Start scoring a call (or resume your draft of it)',
    target: (i) => `recording:${i.recordingId}`,
  }),
  'qa.evaluations.get': command<EvaluationDetail>()({
    permission: 'qa.evaluate',
    input: evaluationRef,
    summary: 'Open an evaluation',
    target: (i) => `evaluation:${i.evaluationId}`,
  }),
  'qa.evaluations.list': command<Page<EvaluationSummary>>()({
    permission: 'qa.evaluate',
    input: evaluationListQuery,
    summary: 'List evaluations',
  }),
  'qa.evaluations.saveDraft': command<DraftSaved>()({
    permission: 'qa.evaluate',
    input: z.object({ evaluationId: qaId, answers: answersSchema, baseRevision: z.number().int().min(0) }).strict(),
    summary: 'Save the answers of a draft evaluation',
    target: (i) => `evaluation:${i.evaluationId}`,
  }),
  'qa.evaluations.submit': command<EvaluationDetail>()({
    permission: 'qa.evaluate',
    input: z.object({ evaluationId: qaId, answers: answersSchema, baseRevision: z.number().int().min(0) }).strict(),
    summary: 'Submit an evaluation (final: later changes are amendments)',
    target: (i) => `evaluation:${i.evaluationId}`,
  }),
  'qa.evaluations.discard': command<null>()({
    permission: 'qa.evaluate',
    input: evaluationRef,
    summary: 'Discard a draft evaluation',
    target: (i) => `evaluation:${i.evaluationId}`,
  }),
  'qa.evaluations.amend': command<EvaluationDetail>()({
    permission: 'qa.evaluate',
    input: z.object({ evaluationId: qaId, answers: answersSchema, reason: reason('reason for the amendment') }).strict(),
    summary: 'Amend a submitted evaluation, with a reason',
    target: (i) => `evaluation:${i.evaluationId}`,
  }),
  'qa.comments.add': command<EvaluationComment>()({
    permission: 'qa.evaluate',
    input: z
      .object({ evaluationId: qaId, positionSec, text: label(2000).min(1, 'write the comment'), questionId: qaId.nullable().default(null) })
      .strict(),
    summary: 'Pin a comment to a moment of the call',
    target: (i) => `evaluation:${i.evaluationId}@${i.positionSec.toFixed(1)}s`,
  }),
  'qa.comments.update': command<EvaluationComment>()({
    permission: 'qa.evaluate',
    input: z
      .object({
        commentId: qaId,
        text: label(2000).min(1, 'write the comment').optional(),
        positionSec: positionSec.optional(),
        questionId: qaId.nullable().optional(),
      })
      .strict(),
    summary: 'Edit a comment of a draft evaluation',
    target: (i) => `comment:${i.commentId}`,
  }),
  'qa.comments.delete': command<null>()({
    permission: 'qa.evaluate',
    input: z.object({ commentId: qaId }).strict(),
    summary: 'Delete a comment of a draft evaluation',
    target: (i) => `comment:${i.commentId}`,
  }),
  'qa.review.record': command<EvaluationDetail>()({
    permission: 'qa.evaluate',
    input: z
      .object({ evaluationId: qaId, outcome: z.enum(['acknowledged', 'disputed']), reason: z.string().trim().max(2000).optional() })
      .strict()
      .refine((i) => i.outcome !== 'disputed' || (i.reason?.length ?? 0) >= 5, { message: "give the agent's reason for the dispute (at least 5 characters)", path: ['reason'] }),
    summary: "Record the agent's review: acknowledged or disputed",
    target: (i) => `evaluation:${i.evaluationId}`,
  }),
  'qa.review.resolve': command<EvaluationDetail>()({
    permission: 'qa.evaluate',
    input: z
      .object({
        evaluationId: qaId,
        resolution: z.enum(['upheld', 'amended']),
        note: reason('note on the resolution'),
        /** The corrected answers, when amending. */
        answers: answersSchema.optional(),
      })
      .strict()
      .refine((i) => i.resolution !== 'amended' || i.answers !== undefined, { message: 'amending needs the corrected answers', path: ['answers'] }),
    summary: 'Resolve a disputed evaluation by upholding or amending it',
    target: (i) => `evaluation:${i.evaluationId}`,
  }),

  // Sampling
  'qa.samples.draw': command<SampleDetail>()({
    permission: 'qa.evaluate',
    input: z
      .object({
        name: label(120).optional(),
        from: isoDate,
        to: isoDate,
        perAgent: z.number().int().min(1, 'draw at least one call per agent').max(100, 'at most 100 calls per agent'),
        /** Left out: a fresh random seed is chosen (and recorded). */
        seed: z.string().trim().min(1).max(64).optional(),
        formId: qaId,
        filters: sampleFiltersSchema,
      })
      .strict()
      .refine((i) => i.from <= i.to, { message: 'the period ends before it starts', path: ['to'] }),
    summary: 'Draw a random sample of calls per agent to evaluate',
  }),
  'qa.samples.list': command<Page<SampleDraw>>()({
    permission: 'qa.evaluate',
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }).strict().default({ offset: 0, limit: 50 }),
    summary: 'List sample draws',
  }),
  'qa.samples.get': command<SampleDetail>()({
    permission: 'qa.evaluate',
    input: z.object({ drawId: qaId }).strict(),
    summary: 'Open a sample draw and the status of its calls',
    target: (i) => `sample:${i.drawId}`,
  }),
  'qa.samples.verify': command<SampleVerification>()({
    permission: 'qa.evaluate',
    input: z.object({ drawId: qaId }).strict(),
    summary: 'Re-draw a sample from its seed and compare',
    target: (i) => `sample:${i.drawId}`,
  }),

  // Calibration
  'qa.calibration.create': command<CalibrationSession>()({
    permission: 'qa.calibrate',
    input: z
      .object({
        title: label(200).min(1, 'enter a title'),
        recordingId,
        formId: qaId,
        participantIds: z.array(text(64).min(1)).min(2, 'a calibration needs at least two evaluators').max(50),
        referenceId: text(64).min(1),
      })
      .strict()
      .refine((i) => i.participantIds.includes(i.referenceId), { message: 'the reference evaluator must be a participant', path: ['referenceId'] })
      .refine((i) => new Set(i.participantIds).size === i.participantIds.length, { message: 'a participant is listed twice', path: ['participantIds'] }),
    summary: 'Create a blind calibration session',
    target: (i) => `recording:${i.recordingId}`,
  }),
  'qa.calibration.list': command<CalibrationSession[]>()({
    permission: 'qa.calibrate',
    input: z.object({ status: z.enum(['open', 'closed']).optional() }).strict().default({}),
    summary: 'List calibration sessions',
  }),
  'qa.calibration.get': command<CalibrationSession>()({
    permission: 'qa.calibrate',
    input: z.object({ sessionId: qaId }).strict(),
    summary: 'Open a calibration session (who has submitted; never their answers)',
    target: (i) => `calibration:${i.sessionId}`,
  }),
  'qa.calibration.join': command<EvaluationDetail>()({
    permission: 'qa.calibrate',
    input: z.object({ sessionId: qaId }).strict(),
    summary: 'Start or resume your own evaluation in a calibration session',
    target: (i) => `calibration:${i.sessionId}`,
  }),
  'qa.calibration.view': command<CalibrationView>()({
    permission: 'qa.calibrate',
    input: z.object({ sessionId: qaId }).strict(),
    summary: 'Compare the evaluations of a calibration session (after submitting your own)',
    target: (i) => `calibration:${i.sessionId}`,
  }),
  'qa.calibration.close': command<CalibrationSession>()({
    permission: 'qa.calibrate',
    input: z.object({ sessionId: qaId }).strict(),
    summary: 'Close a calibration session',
    target: (i) => `calibration:${i.sessionId}`,
  }),

  // Reports
  'qa.facets': command<QaFacets>()({
    permission: 'qa.reports',
    input: z.object({}).strict().default({}),
    summary: 'Agents, teams, queues, evaluators and forms present in QA data',
  }),
  'qa.reports.run': command<QaReport>()({
    permission: 'qa.reports',
    input: reportQuerySchema,
    summary: 'QA report: evaluations, scores, trend, failed questions, auto-fails, disputes',
  }),
  'qa.reports.exportCsv': command<CsvExport>()({
    permission: 'qa.reports',
    input: reportQuerySchema.extend({ kind: z.enum(['summary', 'evaluations']).default('evaluations') }),
    summary: 'Export a QA report or its evaluations as CSV',
  }),
} as const;
