// Scoring an evaluation: a pure function of a form definition and the answers. docs/scoring.md states
// the rules with worked examples; test/unit/qa-scoring.test.ts checks exactly those examples.
// It lives in shared/ so the evaluation panel shows the same score live that the backend stores
// (electron/core/qa/scoring.ts re-exports it for the main process).
import type {
  AnswerValue,
  Answers,
  CriticalScope,
  FormDefinition,
  FormQuestion,
  FormStats,
  PerformanceBand,
  QuestionScore,
  ScoreResult,
  SectionScore,
} from './qa-types';

/**
 * One decimal, half up. The 1e-9 absorbs binary floating-point error, so 12.25 (stored as
 * 12.2499999…) rounds to 12.3 as a person computing by hand would.
 */
export function roundScore(x: number): number {
  const r = Math.floor(x * 10 + 0.5 + 1e-9) / 10;
  return Math.min(100, Math.max(0, r));
}

export function bandFor(bands: readonly PerformanceBand[], score: number | null): PerformanceBand | null {
  if (score === null) return null;
  let hit: PerformanceBand | null = null;
  for (const b of bands) if (score >= b.min && (hit === null || b.min >= hit.min)) hit = b;
  return hit;
}

/** The best points a question can earn (0 for free text). */
export function questionMax(q: FormQuestion): number {
  if (q.type === 'yes_no' || q.type === 'single_choice') return q.options.reduce((m, o) => Math.max(m, o.points), 0);
  if (q.type === 'scale') return q.ranges.reduce((m, r) => Math.max(m, r.points), 0);
  return 0;
}

interface Resolved {
  answered: boolean;
  na: boolean;
  earned: number;
  critical: CriticalScope | null;
}

const UNANSWERED: Resolved = { answered: false, na: false, earned: 0, critical: null };

/** What an answer means for its question; an answer that does not fit the question counts as unanswered. */
function resolve(q: FormQuestion, a: AnswerValue | undefined): Resolved {
  if (!a) return UNANSWERED;
  if (a.kind === 'na') return q.allowNa ? { answered: true, na: true, earned: 0, critical: null } : UNANSWERED;
  if (q.type === 'text') return a.kind === 'text' && a.text.trim() !== '' ? { answered: true, na: false, earned: 0, critical: null } : UNANSWERED;
  if (q.type === 'scale') {
    if (a.kind !== 'scale' || a.value < q.min || a.value > q.max) return UNANSWERED;
    const r = q.ranges.find((x) => a.value >= x.from && a.value <= x.to);
    return r ? { answered: true, na: false, earned: r.points, critical: r.critical } : UNANSWERED;
  }
  if (a.kind !== 'option') return UNANSWERED;
  const o = q.options.find((x) => x.id === a.optionId);
  return o ? { answered: true, na: false, earned: o.points, critical: o.critical } : UNANSWERED;
}

/** Answers that do not fit the form: the backend refuses to save them. Empty when all is well. */
export function answerProblems(def: FormDefinition, answers: Answers): string[] {
  const byId = new Map<string, FormQuestion>();
  for (const s of def.sections) for (const q of s.questions) byId.set(q.id, q);
  const out: string[] = [];
  for (const [id, a] of Object.entries(answers)) {
    const q = byId.get(id);
    if (!q) out.push(`the form has no question "${id}"`);
    else if (a.kind === 'na' && !q.allowNa) out.push(`"${q.text}" cannot be answered N/A`);
    else if (a.kind !== 'na') {
      const expected = q.type === 'text' ? 'text' : q.type === 'scale' ? 'scale' : 'option';
      if (a.kind !== expected) out.push(`"${q.text}" takes a ${expected} answer, not ${a.kind}`);
      else if (a.kind !== 'text' && !resolve(q, a).answered) out.push(`"${q.text}" has no answer ${a.kind === 'scale' ? a.value : JSON.stringify(a.optionId)}`);
    }
  }
  return out;
}

export function scoreEvaluation(def: FormDefinition, answers: Answers): ScoreResult {
  const questions: QuestionScore[] = [];
  const sections: SectionScore[] = [];
  const autoFailReasons: ScoreResult['autoFailReasons'] = [];
  const missingRequired: string[] = [];
  let answered = 0;
  let formFailed = false;
  let overallNum = 0;
  let overallDen = 0;

  for (const s of def.sections) {
    let num = 0;
    let den = 0;
    let sectionFailed = false;
    let sectionAnswered = 0;
    for (const q of s.questions) {
      const r = resolve(q, answers[q.id]);
      const max = questionMax(q);
      const scored = r.answered && !r.na && q.type !== 'text' && q.weight > 0 && max > 0;
      if (scored) {
        num += (q.weight * r.earned) / max;
        den += q.weight;
      }
      if (r.critical) {
        autoFailReasons.push({ questionId: q.id, sectionId: s.id, scope: r.critical });
        if (r.critical === 'form') formFailed = true;
        else sectionFailed = true;
      }
      if (r.answered) {
        answered++;
        sectionAnswered++;
      } else if (q.required) missingRequired.push(q.id);
      questions.push({
        questionId: q.id,
        sectionId: s.id,
        answered: r.answered,
        na: r.na,
        scored,
        earned: r.earned,
        max,
        weight: q.weight,
        critical: r.critical,
        failed: (scored && r.earned === 0) || r.critical !== null,
      });
    }
    // A section auto-fail zeroes the section but it still counts with its full weight, even when
    // everything else in it is N/A: a critical failure can never be diluted away.
    const exact = sectionFailed ? 0 : den > 0 ? (100 * num) / den : null;
    if (exact !== null && s.weight > 0) {
      overallNum += s.weight * exact;
      overallDen += s.weight;
    }
    sections.push({
      sectionId: s.id,
      title: s.title,
      weight: s.weight,
      score: exact === null ? null : roundScore(exact),
      earnedWeight: num,
      possibleWeight: den,
      autoFailed: sectionFailed,
      answered: sectionAnswered,
      questions: s.questions.length,
    });
  }

  // The overall score is computed from the unrounded section percentages and rounded once.
  const score = formFailed ? 0 : overallDen > 0 ? roundScore(overallNum / overallDen) : null;
  return {
    score,
    autoFailed: formFailed,
    autoFailReasons,
    band: bandFor(def.bands, score),
    sections,
    questions,
    answered,
    missingRequired,
    complete: missingRequired.length === 0,
  };
}

export function formStats(def: FormDefinition): FormStats {
  let questions = 0;
  let scoredQuestions = 0;
  let criticalAnswers = 0;
  let maxPoints = 0;
  for (const s of def.sections)
    for (const q of s.questions) {
      questions++;
      const max = questionMax(q);
      if (q.type !== 'text' && q.weight > 0 && max > 0 && s.weight > 0) {
        scoredQuestions++;
        maxPoints += max;
      }
      if (q.type === 'yes_no' || q.type === 'single_choice') criticalAnswers += q.options.filter((o) => o.critical).length;
      if (q.type === 'scale') criticalAnswers += q.ranges.filter((r) => r.critical).length;
    }
  return { sections: def.sections.length, questions, scoredQuestions, criticalAnswers, maxPoints, maxScore: scoredQuestions > 0 ? 100 : null };
}

/** A short label for an answer (calibration spreads, CSV exports). */
export function answerLabel(q: FormQuestion, a: AnswerValue | undefined): string {
  if (!a) return '—';
  if (a.kind === 'na') return 'N/A';
  if (a.kind === 'text') return a.text;
  if (a.kind === 'scale') return String(a.value);
  if (q.type === 'yes_no' || q.type === 'single_choice') return q.options.find((o) => o.id === a.optionId)?.label ?? a.optionId;
  return a.optionId;
}
