// docs/scoring.md's worked examples, exactly, plus property tests of the scoring rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { answerProblems, formStats, roundScore, scoreEvaluation } from '../../electron/core/qa/scoring';
import { formProblems } from '../../shared/qa-form-rules';
import { COLLECTIONS_FORM, CUSTOMER_SERVICE_FORM } from '../../electron/core/qa/default-forms';
import type { Answers, AnswerValue, FormDefinition, FormQuestion } from '../../shared/qa-types';

const yes = (): AnswerValue => ({ kind: 'option', optionId: 'yes' });
const no: AnswerValue = { kind: 'option', optionId: 'no' };
const opt = (optionId: string): AnswerValue => ({ kind: 'option', optionId });
const scale = (value: number): AnswerValue => ({ kind: 'scale', value });
const NA: AnswerValue = { kind: 'na' };

/** The example form of docs/scoring.md. */
function exampleForm(opts: { a2Critical?: boolean } = {}): FormDefinition {
  return {
    title: 'Example',
    description: null,
    bands: [
      { label: 'Needs improvement', min: 0, tone: 'fail' },
      { label: 'Meets expectations', min: 70, tone: 'ok' },
      { label: 'Exceeds expectations', min: 90, tone: 'good' },
    ],
    sections: [
      {
        id: 'A',
        title: 'Opening',
        description: null,
        weight: 1,
        questions: [
          { id: 'a1', type: 'yes_no', text: 'Greeted the customer', help: null, weight: 1, allowNa: false, required: true, options: [{ id: 'yes', label: 'Yes', points: 1, critical: null }, { id: 'no', label: 'No', points: 0, critical: null }] },
          {
            id: 'a2', type: 'yes_no', text: 'Verified identity', help: null, weight: 2, allowNa: true, required: true,
            options: [{ id: 'yes', label: 'Yes', points: 1, critical: null }, { id: 'no', label: 'No', points: 0, critical: opts.a2Critical === false ? null : 'section' }],
          },
        ],
      },
      {
        id: 'B',
        title: 'Resolution',
        description: null,
        weight: 3,
        questions: [
          {
            id: 'b1', type: 'single_choice', text: 'Resolution', help: null, weight: 2, allowNa: false, required: true,
            options: [
              { id: 'resolved', label: 'Resolved', points: 3, critical: null },
              { id: 'next', label: 'Next steps', points: 2, critical: null },
              { id: 'escalated', label: 'Escalated', points: 1, critical: null },
              { id: 'unresolved', label: 'Unresolved', points: 0, critical: null },
            ],
          },
          {
            id: 'b2', type: 'scale', text: 'Empathy', help: null, weight: 1, allowNa: false, required: true, min: 1, max: 5, minLabel: null, maxLabel: null,
            ranges: [
              { from: 1, to: 2, points: 0, critical: null, label: null },
              { from: 3, to: 3, points: 2, critical: null, label: null },
              { from: 4, to: 4, points: 3, critical: null, label: null },
              { from: 5, to: 5, points: 4, critical: null, label: null },
            ],
          },
          { id: 'b3', type: 'yes_no', text: 'Gave the mini-Miranda disclosure', help: null, weight: 1, allowNa: false, required: true, options: [{ id: 'yes', label: 'Yes', points: 1, critical: null }, { id: 'no', label: 'No', points: 0, critical: 'form' }] },
          { id: 'b4', type: 'text', text: 'Notes', help: null, weight: 0, allowNa: false, required: false },
        ],
      },
    ],
  };
}

const section = (r: ReturnType<typeof scoreEvaluation>, id: string) => r.sections.find((s) => s.sectionId === id)!;

test('the example form is publishable and its stats are what the editor previews', () => {
  assert.deepEqual(formProblems(exampleForm(), 'publish'), []);
  assert.deepEqual(formStats(exampleForm()), { sections: 2, questions: 6, scoredQuestions: 5, criticalAnswers: 2, maxPoints: 1 + 1 + 3 + 4 + 1, maxScore: 100 });
});

test('example 1 — weights: A 66.7, B 77.1, overall 74.5, meets expectations', () => {
  const r = scoreEvaluation(exampleForm(), { a1: no, a2: yes(), b1: opt('next'), b2: scale(4), b3: yes() });
  assert.equal(section(r, 'A').score, 66.7);
  assert.equal(section(r, 'B').score, 77.1);
  assert.equal(r.score, 74.5);
  assert.equal(r.band?.label, 'Meets expectations');
  assert.equal(r.autoFailed, false);
  assert.equal(r.complete, true);
});

test('example 2 — N/A is out of numerator and denominator: A 100, B 87.5, overall 90.6', () => {
  const r = scoreEvaluation(exampleForm(), { a1: yes(), a2: NA, b1: opt('resolved'), b2: scale(3), b3: yes() });
  assert.equal(section(r, 'A').score, 100);
  assert.equal(section(r, 'B').score, 87.5);
  assert.equal(r.score, 90.6);
  assert.equal(r.band?.label, 'Exceeds expectations');
  const withNo = scoreEvaluation(exampleForm({ a2Critical: false }), { a1: yes(), a2: no, b1: opt('resolved'), b2: scale(3), b3: yes() });
  assert.equal(section(withNo, 'A').score, 33.3);
});

test('example 3 — a section auto-fail zeroes the section, which keeps its weight: overall 75.0', () => {
  const r = scoreEvaluation(exampleForm(), { a1: yes(), a2: no, b1: opt('resolved'), b2: scale(5), b3: yes() });
  assert.equal(section(r, 'A').score, 0);
  assert.equal(section(r, 'A').autoFailed, true);
  assert.equal(section(r, 'B').score, 100);
  assert.equal(r.score, 75);
  assert.equal(r.autoFailed, false);
  assert.equal(r.band?.label, 'Meets expectations');
  assert.deepEqual(r.autoFailReasons, [{ questionId: 'a2', sectionId: 'A', scope: 'section' }]);
  const notCritical = scoreEvaluation(exampleForm({ a2Critical: false }), { a1: yes(), a2: no, b1: opt('resolved'), b2: scale(5), b3: yes() });
  assert.equal(section(notCritical, 'A').score, 33.3);
});

test('example 4 — a form auto-fail scores 0; sections keep their own scores', () => {
  const r = scoreEvaluation(exampleForm(), { a1: yes(), a2: yes(), b1: opt('resolved'), b2: scale(5), b3: no });
  assert.equal(section(r, 'A').score, 100);
  assert.equal(section(r, 'B').score, 75);
  assert.equal(r.score, 0);
  assert.equal(r.autoFailed, true);
  assert.equal(r.band?.label, 'Needs improvement');
  assert.equal(r.questions.find((q) => q.questionId === 'b3')!.failed, true);
});

test('example 5 — a section auto-fail cannot be diluted by N/A or missing answers', () => {
  const r = scoreEvaluation(exampleForm(), { a2: no });
  assert.equal(section(r, 'A').score, 0);
  assert.equal(section(r, 'B').score, null);
  assert.equal(r.score, 0);
  assert.equal(r.autoFailed, false);
});

test('example 6 — nothing scored gives no score and no band; required questions are listed', () => {
  const r = scoreEvaluation(exampleForm(), { b4: { kind: 'text', text: 'Polite caller' }, a2: NA });
  assert.equal(r.score, null);
  assert.equal(r.band, null);
  assert.equal(r.answered, 2);
  assert.deepEqual(r.missingRequired, ['a1', 'b1', 'b2', 'b3']);
  assert.equal(r.complete, false);
});

test('example 7 — the overall score comes from unrounded section scores: 33.3, 60.4 → 53.6', () => {
  const r = scoreEvaluation(exampleForm({ a2Critical: false }), { a1: yes(), a2: no, b1: opt('escalated'), b2: scale(4), b3: yes() });
  assert.equal(section(r, 'A').score, 33.3);
  assert.equal(section(r, 'B').score, 60.4);
  assert.equal(r.score, 53.6);
});

test('rounding is half up to one decimal, immune to binary floating-point error', () => {
  assert.equal(roundScore(12.25), 12.3);
  assert.equal(roundScore(0.05), 0.1);
  assert.equal(roundScore(66.6666), 66.7);
  assert.equal(roundScore(74.44999), 74.4);
  assert.equal(roundScore(100), 100);
  assert.equal(roundScore(100.00000001), 100);
  assert.equal(roundScore(0), 0);
});

test('answers that do not fit the form are reported, and count as unanswered in the score', () => {
  const f = exampleForm();
  assert.deepEqual(answerProblems(f, { a1: yes(), b2: scale(3) }), []);
  const bad: Answers = { zz: yes(), a1: NA, b1: opt('maybe'), b2: scale(9), b3: scale(1) };
  assert.equal(answerProblems(f, bad).length, 5);
  assert.equal(scoreEvaluation(f, bad).answered, 0);
});

test('the shipped forms are publishable, and the collections form fails on a missing mini-Miranda', () => {
  for (const f of [CUSTOMER_SERVICE_FORM, COLLECTIONS_FORM]) assert.deepEqual(formProblems(f, 'publish'), [], f.title);
  const miranda = COLLECTIONS_FORM.sections.flatMap((s) => s.questions).find((q) => q.id === 'col-mini-miranda')!;
  assert.equal(miranda.type, 'yes_no');
  assert.equal((miranda as Extract<FormQuestion, { type: 'yes_no' }>).options.find((o) => o.id === 'no')!.critical, 'form');
  const answers: Answers = {};
  for (const s of COLLECTIONS_FORM.sections)
    for (const q of s.questions) {
      if (q.type === 'yes_no') answers[q.id] = yes();
      if (q.type === 'single_choice') answers[q.id] = opt(q.options[0].id);
      if (q.type === 'scale') answers[q.id] = scale(q.max);
    }
  assert.equal(scoreEvaluation(COLLECTIONS_FORM, answers).score, 100);
  const failed = scoreEvaluation(COLLECTIONS_FORM, { ...answers, 'col-mini-miranda': no });
  assert.equal(failed.score, 0);
  assert.equal(failed.autoFailed, true);
});

test('form rules: duplicate ids, broken yes/no, overlapping and incomplete scales, bands', () => {
  const f = exampleForm();
  const broken: FormDefinition = JSON.parse(JSON.stringify(f));
  broken.sections[1].questions[0].id = 'a1';
  (broken.sections[0].questions[0] as Extract<FormQuestion, { type: 'yes_no' }>).options[1].id = 'nope';
  const sc = broken.sections[1].questions[1] as Extract<FormQuestion, { type: 'scale' }>;
  sc.ranges = [{ from: 1, to: 3, points: 0, critical: null, label: null }, { from: 3, to: 4, points: 1, critical: null, label: null }];
  broken.bands = [{ label: 'x', min: 10, tone: 'ok' }];
  const draft = formProblems(broken, 'draft').map((p) => p.message).join('\n');
  assert.match(draft, /question id "a1" is used twice/);
  assert.match(draft, /options "yes" and "no"/);
  assert.match(draft, /value 3 is in two ranges/);
  const publish = formProblems(broken, 'publish').map((p) => p.message).join('\n');
  assert.match(publish, /no range gives points for 5/);
  assert.match(publish, /lowest band must start at 0/);
  assert.deepEqual(formProblems({ title: '', sections: [], bands: [] }, 'draft'), []);
  assert.ok(formProblems({ title: '', sections: [], bands: [] }, 'publish').length >= 3);
});

// ── property tests ──

const critical = fc.constantFrom(null, null, null, 'section' as const, 'form' as const);
const weightArb = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 10, noNaN: true }));
const pointsArb = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 10, noNaN: true }));

const questionArb = (id: string): fc.Arbitrary<FormQuestion> =>
  fc.oneof(
    fc.record({ w: weightArb, na: fc.boolean(), y: pointsArb, n: pointsArb, cy: critical, cn: critical }).map(
      ({ w, na, y, n, cy, cn }): FormQuestion => ({ id, type: 'yes_no', text: id, help: null, weight: w, allowNa: na, required: true, options: [{ id: 'yes', label: 'Yes', points: y, critical: cy }, { id: 'no', label: 'No', points: n, critical: cn }] }),
    ),
    fc.record({ w: weightArb, na: fc.boolean(), opts: fc.array(fc.record({ p: pointsArb, c: critical }), { minLength: 1, maxLength: 5 }) }).map(
      ({ w, na, opts }): FormQuestion => ({ id, type: 'single_choice', text: id, help: null, weight: w, allowNa: na, required: true, options: opts.map((o, i) => ({ id: `o${i}`, label: `O${i}`, points: o.p, critical: o.c })) }),
    ),
    fc.record({ w: weightArb, na: fc.boolean(), pts: fc.array(fc.record({ p: pointsArb, c: critical }), { minLength: 5, maxLength: 5 }) }).map(
      ({ w, na, pts }): FormQuestion => ({
        id, type: 'scale', text: id, help: null, weight: w, allowNa: na, required: true, min: 1, max: 5, minLabel: null, maxLabel: null,
        ranges: pts.map((x, i) => ({ from: i + 1, to: i + 1, points: x.p, critical: x.c, label: null })),
      }),
    ),
    fc.constant<FormQuestion>({ id, type: 'text', text: id, help: null, weight: 0, allowNa: false, required: false }),
  );

const formArb: fc.Arbitrary<FormDefinition> = fc
  .array(fc.tuple(weightArb, fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 4 })
  .chain((secs) =>
    fc.tuple(...secs.map(([w, n], si) => fc.tuple(fc.constant(w), fc.tuple(...Array.from({ length: n }, (_, qi) => questionArb(`q${si}_${qi}`)))))).map((sections) => ({
      title: 'P',
      description: null,
      bands: [{ label: 'low', min: 0, tone: 'fail' as const }, { label: 'high', min: 70, tone: 'good' as const }],
      sections: sections.map(([w, qs], si) => ({ id: `s${si}`, title: `S${si}`, description: null, weight: w, questions: qs })),
    })),
  );

/** Any answer a question can take (or none). */
const answerFor = (q: FormQuestion): fc.Arbitrary<AnswerValue | undefined> => {
  const na = q.allowNa ? [fc.constant<AnswerValue>({ kind: 'na' })] : [];
  if (q.type === 'text') return fc.oneof(fc.constant(undefined), fc.constant<AnswerValue>({ kind: 'text', text: 'note' }));
  if (q.type === 'scale') return fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 5 }).map((v): AnswerValue => ({ kind: 'scale', value: v })), ...na);
  return fc.oneof(fc.constant(undefined), fc.constantFrom(...q.options.map((o) => o.id)).map((id): AnswerValue => ({ kind: 'option', optionId: id })), ...na);
};

const formAndAnswers = formArb.chain((form) => {
  const qs = form.sections.flatMap((s) => s.questions);
  return fc.tuple(...qs.map(answerFor)).map((vals) => {
    const answers: Answers = {};
    qs.forEach((q, i) => {
      if (vals[i] !== undefined) answers[q.id] = vals[i]!;
    });
    return { form, answers };
  });
});

test('property: every score and section score is null or within 0–100', () => {
  fc.assert(
    fc.property(formAndAnswers, ({ form, answers }) => {
      const r = scoreEvaluation(form, answers);
      for (const x of [r.score, ...r.sections.map((s) => s.score)]) assert.ok(x === null || (x >= 0 && x <= 100), `score ${x}`);
    }),
    { numRuns: 500 },
  );
});

test('property: N/A is the same as leaving the question out, and never changes other answers', () => {
  fc.assert(
    fc.property(formAndAnswers, fc.nat(), ({ form, answers }, pick) => {
      const naAble = form.sections.flatMap((s) => s.questions).filter((q) => q.allowNa);
      fc.pre(naAble.length > 0);
      const q = naAble[pick % naAble.length];
      const withNa = scoreEvaluation(form, { ...answers, [q.id]: { kind: 'na' } });
      const without = { ...answers };
      delete without[q.id];
      const left = scoreEvaluation(form, without);
      assert.equal(withNa.score, left.score);
      assert.deepEqual(withNa.sections.map((s) => [s.score, s.earnedWeight, s.possibleWeight]), left.sections.map((s) => [s.score, s.earnedWeight, s.possibleWeight]));
      const others = (r: typeof withNa) => r.questions.filter((x) => x.questionId !== q.id).map((x) => [x.weight, x.earned, x.max, x.scored]);
      assert.deepEqual(others(withNa), others(scoreEvaluation(form, answers)));
    }),
    { numRuns: 500 },
  );
});

test('property: a form-critical answer always gives 0, and only it sets autoFailed', () => {
  fc.assert(
    fc.property(formAndAnswers, ({ form, answers }) => {
      const r = scoreEvaluation(form, answers);
      const formCritical = r.questions.some((q) => q.critical === 'form');
      assert.equal(r.autoFailed, formCritical);
      if (formCritical) assert.equal(r.score, 0);
      for (const s of r.sections) if (s.autoFailed) assert.equal(s.score, 0);
    }),
    { numRuns: 500 },
  );
});
