// Blind calibration through the dispatcher: before submitting their own evaluation, an evaluator
// cannot read anyone else's answers, score or comments through ANY command; afterwards the
// comparison shows the spread, agreement and deviation from the reference evaluator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qaCommands } from '../../shared/catalogue/qa';
import type { CalibrationSession, CalibrationView, EvaluationDetail, QaReport } from '../../shared/qa-types';
import type { CommandEnvelope } from '../../shared/errors';
import { scoreEvaluation } from '../../electron/core/qa/scoring';
import { answerAll, become, callId, fails, ok, profile, qaEnv } from './qa-fixtures';

const CS = 'customer-service-call';
const SECRET_NOTE = 'SECRET-ANN-NOTE-7731';
const SECRET_COMMENT = 'SECRET-ANN-COMMENT-4410';

test('calibration is blind through every command until you submit, then compares answers', { timeout: 60_000 }, async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    const ann = await profile(b, 'Ann');
    const ben = await profile(b, 'Ben');
    const cat = await profile(b, 'Cat');
    const dan = await profile(b, 'Dan');
    const adm = await profile(b, 'Adm', 'administrator');
    await become(b, ann);
    const recordingId = callId(0, 4);
    const session = ok<CalibrationSession>(
      await b.dispatch('qa.calibration.create', { title: 'Week 45 calibration', recordingId, formId: CS, participantIds: [ann.id, ben.id, cat.id], referenceId: ann.id }),
    );
    fails(await b.dispatch('qa.calibration.create', { title: 'x', recordingId, formId: CS, participantIds: [ann.id, ben.id], referenceId: dan.id }), 'invalid_input');
    const tess = await profile(b, 'Tess', 'trainer');
    await become(b, ann);
    assert.match(fails(await b.dispatch('qa.calibration.create', { title: 'x', recordingId, formId: CS, participantIds: [ann.id, tess.id], referenceId: ann.id }), 'conflict').message, /Trainer/);

    // Ann (the reference) scores and submits, with a note and a comment nobody else may read yet.
    const annEval = ok<EvaluationDetail>(await b.dispatch('qa.calibration.join', { sessionId: session.id }));
    assert.equal(annEval.summary.calibrationSessionId, session.id);
    const def = annEval.form.definition;
    const annAnswers = { ...answerAll(def, 'best', SECRET_NOTE), 'cs-empathy': { kind: 'scale' as const, value: 4 }, 'cs-resolved': { kind: 'option' as const, optionId: 'next' } };
    const annComment = ok<{ id: string }>(await b.dispatch('qa.comments.add', { evaluationId: annEval.summary.id, positionSec: 3, text: SECRET_COMMENT }));
    const annSubmitted = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.submit', { evaluationId: annEval.summary.id, answers: annAnswers, baseRevision: 0 }));
    const annScore = annSubmitted.summary.score!;
    assert.ok(annScore > 0 && annScore < 100);
    // A calibration evaluation is final, and is not an agent's evaluation to review.
    fails(await b.dispatch('qa.evaluations.amend', { evaluationId: annEval.summary.id, answers: answerAll(def, 'best'), reason: 'changed my mind' }), 'conflict');
    fails(await b.dispatch('qa.review.record', { evaluationId: annEval.summary.id, outcome: 'acknowledged' }), 'conflict');

    // Ben starts his own evaluation; it stays empty so no score of his can coincide with Ann's.
    await become(b, ben);
    const benEval = ok<EvaluationDetail>(await b.dispatch('qa.calibration.join', { sessionId: session.id }));
    assert.equal(benEval.summary.score, null);
    assert.notEqual(benEval.summary.id, annEval.summary.id);

    const leaks = (label: string, r: CommandEnvelope<unknown>) => {
      const s = JSON.stringify(r);
      assert.ok(!s.includes(SECRET_NOTE) && !s.includes(SECRET_COMMENT), `${label} leaked Ann's note or comment: ${s.slice(0, 300)}`);
      assert.ok(!s.includes(`"score":${annScore}`) && !s.includes(`"averageScore":${annScore}`), `${label} leaked Ann's score`);
      // (Ben's own audit entries name the ids he typed himself; that is not a leak.)
      if (label.startsWith('qa.')) assert.ok(!(r.ok && s.includes(annEval.summary.id)), `${label} revealed Ann's evaluation id`);
    };
    const A = annEval.summary.id;
    const sweep: [string, unknown][] = [
      ['qa.evaluations.get', { evaluationId: A }],
      ['qa.evaluations.list', {}],
      ['qa.evaluations.list', { recordingId }],
      ['qa.evaluations.list', { evaluatorId: ann.id }],
      ['qa.evaluations.list', { status: 'submitted' }],
      ['qa.evaluations.start', { recordingId, formId: CS }],
      ['qa.evaluations.saveDraft', { evaluationId: A, answers: {}, baseRevision: 1 }],
      ['qa.evaluations.submit', { evaluationId: A, answers: annAnswers, baseRevision: 1 }],
      ['qa.evaluations.discard', { evaluationId: A }],
      ['qa.evaluations.amend', { evaluationId: A, answers: answerAll(def, 'best'), reason: 'let me see it' }],
      ['qa.comments.add', { evaluationId: A, positionSec: 1, text: 'hello' }],
      ['qa.comments.update', { commentId: annComment.id, text: 'edited' }],
      ['qa.comments.delete', { commentId: annComment.id }],
      ['qa.review.record', { evaluationId: A, outcome: 'acknowledged' }],
      ['qa.review.resolve', { evaluationId: A, resolution: 'upheld', note: 'upheld it' }],
      ['qa.calibration.create', { title: 'peek', recordingId, formId: CS, participantIds: [ben.id, ann.id], referenceId: ann.id }],
      ['qa.calibration.list', {}],
      ['qa.calibration.get', { sessionId: session.id }],
      ['qa.calibration.join', { sessionId: session.id }],
      ['qa.calibration.view', { sessionId: session.id }],
      ['qa.calibration.close', { sessionId: session.id }],
      ['qa.samples.draw', { from: '2026-11-01', to: '2026-11-30', perAgent: 6, formId: CS, seed: 'peek' }],
      ['qa.samples.list', {}],
      ['qa.samples.get', { drawId: 'none' }],
      ['qa.samples.verify', { drawId: 'none' }],
      ['qa.facets', {}],
      ['qa.reports.run', {}],
      ['qa.reports.run', { groupBy: 'evaluator' }],
      ['qa.reports.exportCsv', { kind: 'evaluations' }],
      ['qa.reports.exportCsv', { kind: 'summary', groupBy: 'evaluator' }],
      ['qa.forms.list', {}],
      ['qa.forms.get', { formId: CS }],
      ['qa.forms.create', { definition: { ...def, title: 'Copy' } }],
      ['qa.forms.saveDraft', { formId: CS, definition: def, basedOnVersion: 1 }],
      ['qa.forms.publish', { formId: CS, version: 2 }],
      ['qa.forms.discardDraft', { formId: CS }],
      ['qa.forms.duplicate', { formId: CS, title: 'Dup' }],
      ['qa.forms.archive', { formId: 'collections-compliance', archived: false }],
      ['qa.forms.export', {}],
      ['qa.forms.import', { file: { format: 'earmark-forms', schemaVersion: 1, exportedAt: '2026-11-20', forms: [] } }],
      ['audit.list', {}],
      ['audit.facets', {}],
      ['library.search', {}],
      ['recording.open', { id: recordingId }],
    ];
    for (const name of Object.keys(qaCommands)) assert.ok(sweep.some(([n]) => n === name), `the blindness sweep must try ${name}`);
    for (const [name, input] of sweep) leaks(name, await b.dispatch(name, input));
    assert.equal(fails(await b.dispatch('qa.evaluations.get', { evaluationId: A }), 'unavailable').message.includes('calibration'), true);
    fails(await b.dispatch('qa.calibration.view', { sessionId: session.id }), 'unavailable');
    const seen = ok<CalibrationSession>(await b.dispatch('qa.calibration.get', { sessionId: session.id }));
    assert.deepEqual(seen.participants.map((p) => [p.name, p.status, p.evaluationId === benEval.summary.id || p.evaluationId === null]), [
      ['Ann', 'submitted', true],
      ['Ben', 'draft', true],
      ['Cat', 'todo', true],
    ]);
    assert.equal(seen.canView, false);

    // Nor does the audit trail carry Ann's answers or score, even for someone who may read all of it.
    await become(b, adm);
    const trail = JSON.stringify(ok(await b.dispatch('audit.list', { limit: 500 })));
    assert.ok(!trail.includes(SECRET_NOTE) && !trail.includes(SECRET_COMMENT) && !trail.includes(`score ${annScore}`));
    // A non-participant cannot open the comparison while the session is open.
    await become(b, dan);
    fails(await b.dispatch('qa.calibration.view', { sessionId: session.id }), 'unavailable');
    fails(await b.dispatch('qa.evaluations.get', { evaluationId: A }), 'unavailable');

    // Ben submits; now he sees the comparison.
    await become(b, ben);
    const benAnswers = { ...answerAll(def, 'best', 'Ben says fine'), 'cs-accurate': { kind: 'option' as const, optionId: 'no' }, 'cs-hold': { kind: 'na' as const } };
    ok(await b.dispatch('qa.evaluations.submit', { evaluationId: benEval.summary.id, answers: benAnswers, baseRevision: 0 }));
    const readAnn = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.get', { evaluationId: A }));
    assert.equal(readAnn.comments[0].text, SECRET_COMMENT);
    const view = ok<CalibrationView>(await b.dispatch('qa.calibration.view', { sessionId: session.id }));
    const benScore = scoreEvaluation(def, benAnswers).score!;
    assert.deepEqual(view.evaluators.map((x) => [x.name, x.isReference, x.score, x.deviation]), [
      ['Ann', true, annScore, null],
      ['Ben', false, benScore, Math.round((benScore - annScore) * 10) / 10],
    ]);
    const q = (id: string) => view.questions.find((x) => x.questionId === id)!;
    // Ben differs from Ann on cs-accurate, cs-hold, cs-empathy and cs-resolved; agrees elsewhere.
    assert.equal(q('cs-accurate').agreement, 0.5);
    assert.deepEqual(q('cs-accurate').spread.map((s) => [s.label, s.count, s.isReference]).sort(), [['No', 1, false], ['Yes', 1, true]]);
    assert.equal(q('cs-greeting').agreement, 1);
    assert.equal(q('cs-greeting').agreementWithReference, 1);
    assert.equal(q('cs-hold').spread.find((s) => s.key === 'na')?.evaluators[0], 'Ben');
    assert.deepEqual(q('cs-coaching').texts.map((t) => t.evaluator).sort(), ['Ann', 'Ben']);
    const scored = view.questions.filter((x) => x.type !== 'text').length;
    assert.equal(view.evaluators[1].agreementWithReference, Math.round(((scored - 4) / scored) * 1000) / 1000);
    assert.equal(view.scoreSpread.range, Math.round(Math.abs(benScore - annScore) * 10) / 10);

    // Cat has not submitted: still blind. The owner closes the session; Dan may now look, Cat may not.
    await become(b, cat);
    fails(await b.dispatch('qa.calibration.view', { sessionId: session.id }), 'unavailable');
    fails(await b.dispatch('qa.calibration.close', { sessionId: session.id }), 'conflict');
    await become(b, ann);
    ok(await b.dispatch('qa.calibration.close', { sessionId: session.id }));
    await become(b, dan);
    assert.equal(ok<CalibrationView>(await b.dispatch('qa.calibration.view', { sessionId: session.id })).evaluators.length, 2);
    await become(b, cat);
    fails(await b.dispatch('qa.calibration.view', { sessionId: session.id }), 'unavailable');

    // Calibration exercises never count in the agents' reports.
    await become(b, adm);
    assert.equal(ok<QaReport>(await b.dispatch('qa.reports.run', {})).totals.evaluations, 0);
  } finally {
    e.done();
  }
});
