// QA scorecards: evaluation forms, evaluations, agent review, sampling, calibration and reports.
// Plain data only (structured clone and JSON safe). The zod schemas that validate the inputs live in
// shared/catalogue/qa.ts; the pure scoring function that turns answers into scores is shared/qa-scoring.ts
// (shared so the evaluation panel can update the score live without a command per keystroke).

// ───────────────────────────── Forms ─────────────────────────────

export type QuestionType = 'yes_no' | 'single_choice' | 'scale' | 'text';

/** What a critical answer fails: its own section (scores 0) or the whole evaluation (scores 0). */
export type CriticalScope = 'section' | 'form';

/** One option of a yes/no or single-choice question. */
export interface AnswerOption {
  /** Unique within its question; yes/no questions use exactly the ids 'yes' and 'no'. */
  id: string;
  label: string;
  /** Points earned by choosing this option (≥ 0). The question is worth its best option's points. */
  points: number;
  /** Choosing this option auto-fails the section or the whole evaluation; null when not critical. */
  critical: CriticalScope | null;
}

/** A band of a numeric scale: values from..to (inclusive) earn `points`. */
export interface ScaleRange {
  from: number;
  to: number;
  points: number;
  critical: CriticalScope | null;
  /** Optional words for the band, e.g. "Poor". */
  label: string | null;
}

interface QuestionBase {
  /** Stable across versions of a form, so reports can follow a question from version to version. Unique in the form. */
  id: string;
  text: string;
  /** Guidance for evaluators (what "yes" means). */
  help: string | null;
  /** Relative weight inside its section (≥ 0; 0 = informational, never counts). Ignored for text questions. */
  weight: number;
  /** The evaluator may answer N/A; an N/A answer leaves the question out of numerator and denominator. */
  allowNa: boolean;
  /** Must be answered (or N/A) before the evaluation can be submitted. */
  required: boolean;
}

export interface YesNoQuestion extends QuestionBase {
  type: 'yes_no';
  /** Exactly two options, ids 'yes' and 'no' (either may be critical, e.g. "no" to the disclosure). */
  options: AnswerOption[];
}

export interface SingleChoiceQuestion extends QuestionBase {
  type: 'single_choice';
  /** 2–20 options. */
  options: AnswerOption[];
}

export interface ScaleQuestion extends QuestionBase {
  type: 'scale';
  /** Integer scale, e.g. 1–5 (min < max, at most 100 steps). */
  min: number;
  max: number;
  /** Low/high end captions, e.g. "Poor" / "Excellent". */
  minLabel: string | null;
  maxLabel: string | null;
  /** Cover every integer min..max exactly once (validated). */
  ranges: ScaleRange[];
}

export interface TextQuestion extends QuestionBase {
  type: 'text';
}

export type FormQuestion = YesNoQuestion | SingleChoiceQuestion | ScaleQuestion | TextQuestion;

export interface FormSection {
  /** Unique in the form, stable across versions. */
  id: string;
  title: string;
  description: string | null;
  /** Relative weight of the section in the overall score (≥ 0). */
  weight: number;
  questions: FormQuestion[];
}

export type BandTone = 'fail' | 'warn' | 'ok' | 'good';

/** A performance band: scores ≥ min (and below the next band's min) get this label. */
export interface PerformanceBand {
  label: string;
  /** 0–100; the lowest band must start at 0. */
  min: number;
  tone: BandTone;
}

/** Everything an evaluator sees of a form; what a version freezes. */
export interface FormDefinition {
  title: string;
  description: string | null;
  sections: FormSection[];
  /** Sorted ascending by min, first min = 0. */
  bands: PerformanceBand[];
}

/**
 * draft: being edited, never used to score. published: the version new evaluations use (one per form).
 * superseded: an earlier published version; evaluations scored with it keep it.
 */
export type FormVersionStatus = 'draft' | 'published' | 'superseded';

export interface FormVersion {
  formId: string;
  version: number;
  status: FormVersionStatus;
  definition: FormDefinition;
  /** sha256 of the canonical JSON of the definition; identical definitions have identical hashes. */
  contentHash: string;
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  /** How many evaluations (draft or submitted) use this version. */
  evaluationCount: number;
}

/** The form editor's preview numbers (formStats in shared/qa-scoring.ts computes the same). */
export interface FormStats {
  sections: number;
  questions: number;
  scoredQuestions: number;
  criticalAnswers: number;
  /** Sum of every scored question's best points (raw, before weights). */
  maxPoints: number;
  /** The best possible overall score: 100 when anything is scored, else null. */
  maxScore: number | null;
}

export interface FormSummary {
  id: string;
  title: string;
  description: string | null;
  /** The version new evaluations use; null until first published. */
  publishedVersion: number | null;
  /** The open draft's version number, if someone is editing. */
  draftVersion: number | null;
  latestVersion: number;
  archived: boolean;
  /** Shipped with Earmark (seeded on first run). */
  builtIn: boolean;
  updatedAt: string;
  evaluationCount: number;
}

export interface FormDetail {
  summary: FormSummary;
  /** Every version, newest first. */
  versions: FormVersion[];
}

/** The JSON file `earmark forms export` writes and `forms import` reads. */
export interface FormsFile {
  format: 'earmark-forms';
  schemaVersion: 1;
  exportedAt: string;
  forms: FormsFileForm[];
}

export interface FormsFileForm {
  id: string;
  archived: boolean;
  builtIn: boolean;
  versions: {
    version: number;
    status: FormVersionStatus;
    definition: FormDefinition;
    createdAt: string;
    createdBy: string;
    publishedAt: string | null;
    publishedBy: string | null;
  }[];
}

export interface FormsImportReport {
  formsAdded: number;
  versionsAdded: number;
  /** Versions whose content already existed in that form. */
  versionsUnchanged: number;
  /** One line per form: what happened to it. */
  lines: string[];
}

// ───────────────────────────── Answers and scores ─────────────────────────────

export type AnswerValue =
  | { kind: 'option'; optionId: string } // yes_no and single_choice
  | { kind: 'scale'; value: number }
  | { kind: 'text'; text: string }
  | { kind: 'na' };

/** Question id → answer. Unanswered questions are absent. */
export type Answers = Record<string, AnswerValue>;

export interface QuestionScore {
  questionId: string;
  sectionId: string;
  answered: boolean;
  na: boolean;
  /** Counts towards the score: answered, not N/A, not text, weight > 0 and best points > 0. */
  scored: boolean;
  earned: number;
  /** The question's best points. */
  max: number;
  weight: number;
  /** The critical scope this answer triggered, if any. */
  critical: CriticalScope | null;
  /** Scored and earned 0 points, or triggered a critical: what "failed most" counts. */
  failed: boolean;
}

export interface SectionScore {
  sectionId: string;
  title: string;
  weight: number;
  /** 0–100 rounded to one decimal; null when nothing in it is scored (all N/A or unanswered) and not auto-failed. */
  score: number | null;
  /** Σ weight·earned/max and Σ weight over scored questions (unrounded). */
  earnedWeight: number;
  possibleWeight: number;
  /**
   * A section-critical answer zeroed it. A form-critical answer zeroes only the overall score: the
   * sections keep their own scores, so you still see where points were lost.
   */
  autoFailed: boolean;
  answered: number;
  questions: number;
}

export interface ScoreResult {
  /** 0–100 rounded to one decimal; null when nothing is scored yet. 0 when auto-failed. */
  score: number | null;
  autoFailed: boolean;
  /** Which answers caused auto-fails (section or form scope). */
  autoFailReasons: { questionId: string; sectionId: string; scope: CriticalScope }[];
  band: PerformanceBand | null;
  sections: SectionScore[];
  questions: QuestionScore[];
  answered: number;
  /** Required questions not yet answered (ids, in form order). */
  missingRequired: string[];
  /** Every required question answered: the evaluation can be submitted. */
  complete: boolean;
}

// ───────────────────────────── Evaluations ─────────────────────────────

export type EvaluationStatus = 'draft' | 'submitted';

/**
 * Agent review of a submitted evaluation (the supervisor records what the agent said).
 * pending → acknowledged | disputed; disputed → upheld | amended (the supervisor resolves it).
 */
export type ReviewStatus = 'pending' | 'acknowledged' | 'disputed' | 'upheld' | 'amended';

export interface PersonRef {
  id: string | null;
  name: string;
}

/** A row of an evaluation list. */
export interface EvaluationSummary {
  id: string;
  recordingId: string;
  formId: string;
  formVersion: number;
  formTitle: string;
  evaluator: PersonRef;
  /** From the recording at the time the evaluation started. */
  agentId: string;
  agentName: string;
  team: string | null;
  queue: string | null;
  callStartTime: string;
  callDurationSec: number;
  status: EvaluationStatus;
  /** Current score (after amendments); live score of the draft so far. */
  score: number | null;
  autoFailed: boolean;
  band: PerformanceBand | null;
  reviewStatus: ReviewStatus | null;
  /** Number of amendments after submission. */
  amendments: number;
  /** Bumped on every saved change; drafts are saved with the revision they were based on. */
  revision: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  calibrationSessionId: string | null;
  sampleItemId: string | null;
}

/** A comment pinned to a moment of the call, optionally about one question. */
export interface EvaluationComment {
  id: string;
  evaluationId: string;
  positionSec: number;
  questionId: string | null;
  text: string;
  author: PersonRef;
  createdAt: string;
  updatedAt: string;
}

/** The submission (seq 0) and each amendment (seq 1…), immutable once written. */
export interface EvaluationVersion {
  seq: number;
  kind: 'submission' | 'amendment';
  answers: Answers;
  score: number | null;
  autoFailed: boolean;
  /** Required for amendments; null for the submission. */
  reason: string | null;
  author: PersonRef;
  at: string;
  /** Amendment made to resolve a dispute. */
  resolvesDispute: boolean;
}

export interface ReviewEvent {
  seq: number;
  action: 'acknowledged' | 'disputed' | 'upheld' | 'amended';
  /** The agent's reason for a dispute; the supervisor's note for a resolution. */
  reason: string | null;
  recordedBy: PersonRef;
  at: string;
}

export interface EvaluationDetail {
  summary: EvaluationSummary;
  /** The exact form version it is scored with. */
  form: FormVersion;
  /** Draft: the saved answers; submitted: the current (latest amended) answers. */
  answers: Answers;
  result: ScoreResult;
  comments: EvaluationComment[];
  /** Submission then amendments, oldest first (empty for a draft). */
  versions: EvaluationVersion[];
  reviewEvents: ReviewEvent[];
  /** What the current actor may do with it now. */
  can: { edit: boolean; submit: boolean; amend: boolean; review: boolean; comment: boolean; discard: boolean };
}

export interface DraftSaved {
  evaluationId: string;
  revision: number;
  savedAt: string;
  /** False when the answers equalled the saved ones (nothing was written). */
  changed: boolean;
  result: ScoreResult;
}

// ───────────────────────────── Sampling ─────────────────────────────

export interface SampleFilters {
  queues?: string[];
  teams?: string[];
  agentIds?: string[];
  directions?: ('inbound' | 'outbound' | 'internal')[];
  minDurationSec?: number;
  maxDurationSec?: number;
  /** Dead air / overtalk totals in seconds (from talk analytics; only calls analysed are eligible when set). */
  minDeadAirSec?: number;
  maxDeadAirSec?: number;
  minOvertalkSec?: number;
  maxOvertalkSec?: number;
}

export type SampleItemStatus = 'todo' | 'draft' | 'submitted';

export interface SampleDraw {
  id: string;
  name: string;
  drawnBy: PersonRef;
  drawnAt: string;
  /** The random seed; the same seed, period, filters and calls give the same sample. */
  seed: string;
  /** Period of the calls' start times (dates inclusive). */
  from: string;
  to: string;
  perAgent: number;
  filters: SampleFilters;
  formId: string;
  /** Calls eligible after the filters, and sha256 of their ids: proves what the draw chose from. */
  population: number;
  populationHash: string;
  agents: number;
  items: number;
  /** Progress: how many items are done. */
  submitted: number;
  drafts: number;
}

export interface SampleItem {
  id: string;
  drawId: string;
  /** Order within its agent's pick (0-based). */
  position: number;
  recordingId: string;
  agentId: string;
  agentName: string;
  team: string | null;
  queue: string | null;
  callStartTime: string;
  durationSec: number;
  status: SampleItemStatus;
  evaluationId: string | null;
  evaluator: PersonRef | null;
  score: number | null;
}

export interface SampleDetail {
  draw: SampleDraw;
  items: SampleItem[];
}

export interface SampleVerification {
  drawId: string;
  reproducible: boolean;
  /** Population now vs then (recordings may have been added or removed since). */
  populationThen: number;
  populationNow: number;
  populationUnchanged: boolean;
  /** Recording ids in the stored sample but not in the re-drawn one, and vice versa. */
  missing: string[];
  extra: string[];
}

// ───────────────────────────── Calibration ─────────────────────────────

export type CalibrationStatus = 'open' | 'closed';

export interface CalibrationParticipant {
  profileId: string;
  name: string;
  isReference: boolean;
  /** Progress only, never answers or scores. */
  status: SampleItemStatus;
  /** Only the participant's own evaluation id is given to them; others see null. */
  evaluationId: string | null;
  submittedAt: string | null;
}

export interface CalibrationSession {
  id: string;
  title: string;
  recordingId: string;
  agentName: string;
  callStartTime: string;
  formId: string;
  formVersion: number;
  formTitle: string;
  owner: PersonRef;
  status: CalibrationStatus;
  createdAt: string;
  closedAt: string | null;
  participants: CalibrationParticipant[];
  /** May the current actor open the comparison (they submitted, or they facilitate a closed session)? */
  canView: boolean;
  /** The current actor's role in it. */
  mine: { participant: boolean; owner: boolean; submitted: boolean };
}

export interface CalibrationAnswerSpread {
  /** 'na', an option id, a scale value as a string, or 'unanswered'. */
  key: string;
  label: string;
  count: number;
  evaluators: string[];
  /** The reference evaluator gave this answer. */
  isReference: boolean;
}

export interface CalibrationQuestionView {
  questionId: string;
  sectionId: string;
  sectionTitle: string;
  text: string;
  type: QuestionType;
  spread: CalibrationAnswerSpread[];
  /** Share (0–1) of evaluators giving the most common answer. Null for text questions. */
  agreement: number | null;
  /** Share (0–1) of non-reference evaluators matching the reference's answer. */
  agreementWithReference: number | null;
  /** Text answers, by evaluator, for free-text questions. */
  texts: { evaluator: string; text: string }[];
}

export interface CalibrationEvaluatorView {
  profileId: string;
  name: string;
  evaluationId: string;
  isReference: boolean;
  score: number | null;
  autoFailed: boolean;
  /** score − reference score (percentage points); null for the reference or when either is null. */
  deviation: number | null;
  /** Share (0–1) of scored questions answered the same as the reference. */
  agreementWithReference: number | null;
  sectionScores: { sectionId: string; score: number | null }[];
}

export interface CalibrationView {
  session: CalibrationSession;
  /** Submitted evaluations only. */
  evaluators: CalibrationEvaluatorView[];
  questions: CalibrationQuestionView[];
  scoreSpread: { min: number | null; max: number | null; mean: number | null; stdDev: number | null; range: number | null };
  /** Mean of the per-question agreement over scored questions (0–1). */
  overallAgreement: number | null;
}

// ───────────────────────────── Reports ─────────────────────────────

export type ReportGroupBy = 'agent' | 'team' | 'queue' | 'evaluator' | 'form';
export type ReportInterval = 'day' | 'week' | 'month';

export interface QaReportGroup {
  key: string;
  label: string;
  evaluations: number;
  averageScore: number | null;
  minScore: number | null;
  maxScore: number | null;
  autoFails: number;
  disputes: number;
  /** Band label → count. */
  bands: Record<string, number>;
}

export interface QaTrendPoint {
  /** Start of the bucket (ISO date, UTC; weeks start on Monday). */
  bucket: string;
  evaluations: number;
  averageScore: number | null;
  autoFails: number;
}

export interface QaFailedQuestion {
  formId: string;
  formTitle: string;
  questionId: string;
  /** The question's text in its latest version seen in the results. */
  text: string;
  sectionTitle: string;
  /** Scored answers, and how many failed (0 points or a critical answer). */
  answered: number;
  failed: number;
  failRate: number;
  criticalHits: number;
}

export interface QaReport {
  generatedAt: string;
  groupBy: ReportGroupBy;
  interval: ReportInterval;
  totals: {
    evaluations: number;
    averageScore: number | null;
    autoFails: number;
    /** Evaluations whose review is disputed (open) or was disputed (resolved). */
    disputes: number;
    openDisputes: number;
    amended: number;
  };
  groups: QaReportGroup[];
  trend: QaTrendPoint[];
  /** Up to 10, most failed first. */
  failedQuestions: QaFailedQuestion[];
  /** Milliseconds the report queries took (shown small under the report). */
  tookMs: number;
}

export interface CsvExport {
  /** Suggested file name, e.g. earmark-evaluations-2026-11-24.csv. */
  fileName: string;
  /** RFC 4180: CRLF line ends, quoted where needed, formula-leading cells neutralised. */
  csv: string;
  rows: number;
}

/** Distinct values the QA screens offer as filters. */
export interface QaFacets {
  agents: { id: string; name: string }[];
  teams: string[];
  queues: string[];
  evaluators: PersonRef[];
  forms: { id: string; title: string }[];
}
