// Forms, evaluations, amendments, comments and agent review, all through the dispatcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../../electron/core/backend';
import type {
  DraftSaved,
  EvaluationComment,
  EvaluationDetail,
  FormDefinition,
  FormDetail,
  FormsFile,
  FormsImportReport,
  FormSummary,
  FormVersion,
} from '../../shared/qa-types';
import type { AuditEntry, Page } from '../../shared/types';
import { CUSTOMER_SERVICE_FORM } from '../../electron/core/qa/default-forms';
import { answerAll, become, callId, fails, ok, profile, qaEnv } from './qa-fixtures';

const CS = 'customer-service-call';
const COL = 'collections-compliance';

const audit = (b: Backend): AuditEntry[] => b.services.audit.list({ offset: 0, limit: 500 }).rows.reverse();

async function start(b: Backend, recordingId: string, formId = CS): Promise<EvaluationDetail> {
  return ok<EvaluationDetail>(await b.dispatch('qa.evaluations.start', { recordingId, formId }));
}

test('first run publishes the two built-in forms once, authored by the system', async () => {
  const e = await qaEnv();
  try {
    const sam = await profile(e.backend, 'Sam', 'qa_supervisor');
    const forms = ok<FormSummary[]>(await e.backend.dispatch('qa.forms.list', {}));
    assert.deepEqual(forms.map((f) => [f.id, f.title, f.publishedVersion, f.builtIn]), [
      [COL, 'Collections compliance', 1, true],
      [CS, 'Customer service call', 1, true],
    ]);
    const cs = ok<FormDetail>(await e.backend.dispatch('qa.forms.get', { formId: CS }));
    assert.deepEqual([cs.versions.length, cs.versions[0].createdBy, cs.versions[0].publishedBy], [1, 'system', 'system']);
    // Archiving a built-in form sticks: it is not seeded again on the next start.
    ok(await e.backend.dispatch('qa.forms.archive', { formId: COL, archived: true }));
    const b = await e.reopen();
    await become(b, sam);
    assert.deepEqual(ok<FormSummary[]>(await b.dispatch('qa.forms.list', {})).map((f) => f.id), [CS]);
    assert.equal(ok<FormDetail>(await b.dispatch('qa.forms.get', { formId: COL })).versions.length, 1);
  } finally {
    e.done();
  }
});

test('editing a published form creates a new version; evaluations keep the version they were scored with', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    await profile(b, 'Sam');
    const def: FormDefinition = JSON.parse(JSON.stringify(CUSTOMER_SERVICE_FORM));
    def.title = 'Sales call';
    const created = ok<FormDetail>(await b.dispatch('qa.forms.create', { definition: def }));
    const id = created.summary.id;
    assert.equal(created.versions[0].status, 'draft');
    // A draft cannot be used to score.
    fails(await b.dispatch('qa.evaluations.start', { recordingId: callId(0, 0), formId: id }), 'conflict');
    // Saving the draft edits it in place (still version 1).
    def.description = 'v1';
    assert.equal(ok<FormVersion>(await b.dispatch('qa.forms.saveDraft', { formId: id, definition: def, basedOnVersion: 1 })).version, 1);
    ok(await b.dispatch('qa.forms.publish', { formId: id, version: 1 }));
    const ev1 = await start(b, callId(0, 0), id);
    assert.equal(ev1.form.version, 1);

    // Editing the published form starts version 2; a stale editor is refused.
    const v1Title = def.sections[0].questions[0].text;
    def.sections[0].questions[0].text = 'Greeted the customer warmly';
    const v2 = ok<FormVersion>(await b.dispatch('qa.forms.saveDraft', { formId: id, definition: def, basedOnVersion: 1 }));
    assert.deepEqual([v2.version, v2.status], [2, 'draft']);
    fails(await b.dispatch('qa.forms.saveDraft', { formId: id, definition: def, basedOnVersion: 1 }), 'conflict');
    // Publishing needs a complete form.
    const incomplete = JSON.parse(JSON.stringify(def)) as FormDefinition;
    incomplete.sections[0].questions[0].text = '';
    ok(await b.dispatch('qa.forms.saveDraft', { formId: id, definition: incomplete, basedOnVersion: 2 }));
    assert.match(fails(await b.dispatch('qa.forms.publish', { formId: id, version: 2 }), 'conflict').message, /needs its text/);
    ok(await b.dispatch('qa.forms.saveDraft', { formId: id, definition: def, basedOnVersion: 2 }));
    ok(await b.dispatch('qa.forms.publish', { formId: id, version: 2 }));

    const detail = ok<FormDetail>(await b.dispatch('qa.forms.get', { formId: id }));
    assert.deepEqual(detail.versions.map((v) => [v.version, v.status]), [[2, 'published'], [1, 'superseded']]);
    assert.equal(detail.versions[1].evaluationCount, 1);

    // The old evaluation still shows and scores with version 1; a new one gets version 2.
    const again = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.get', { evaluationId: ev1.summary.id }));
    assert.equal(again.form.version, 1);
    assert.equal(again.form.definition.sections[0].questions[0].text, v1Title);
    assert.equal((await start(b, callId(0, 1), id)).form.version, 2);

    // The database itself refuses to rewrite a published version, or to delete it.
    assert.throws(() => b.services.db.prepare("UPDATE qa_form_versions SET definition = '{}' WHERE form_id = ? AND version = 1").run(id), /published form version is final/);
    assert.throws(() => b.services.db.prepare('DELETE FROM qa_form_versions WHERE form_id = ? AND version = 1').run(id), /kept for the evaluations/);
    // Invalid definitions are refused at the door, with the path of the problem.
    const dup = JSON.parse(JSON.stringify(def)) as FormDefinition;
    dup.sections[1].questions[0].id = dup.sections[0].questions[0].id;
    const bad = fails(await b.dispatch('qa.forms.saveDraft', { formId: id, definition: dup, basedOnVersion: 2 }), 'invalid_input');
    assert.ok(bad.issues?.some((i) => i.path === 'definition.sections.1.questions.0.id'), JSON.stringify(bad.issues));
  } finally {
    e.done();
  }
});

test('drafts of forms can be discarded, forms duplicated and archived', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    await profile(b, 'Sam');
    const fresh = ok<FormDetail>(await b.dispatch('qa.forms.create', { definition: { ...CUSTOMER_SERVICE_FORM, title: 'Fresh' } }));
    assert.match(fails(await b.dispatch('qa.forms.discardDraft', { formId: fresh.summary.id }), 'conflict').message, /never published/);
    ok(await b.dispatch('qa.forms.saveDraft', { formId: CS, definition: { ...CUSTOMER_SERVICE_FORM, description: 'draft' }, basedOnVersion: 1 }));
    const back = ok<FormDetail>(await b.dispatch('qa.forms.discardDraft', { formId: CS }));
    assert.deepEqual(back.versions.map((v) => [v.version, v.status]), [[1, 'published']]);
    assert.equal(back.summary.draftVersion, null);
    fails(await b.dispatch('qa.forms.discardDraft', { formId: CS }), 'conflict');
    const copy = ok<FormDetail>(await b.dispatch('qa.forms.duplicate', { formId: CS, title: 'Customer service call (night shift)' }));
    assert.deepEqual([copy.versions.length, copy.versions[0].status, copy.versions[0].definition.title, copy.summary.builtIn], [1, 'draft', 'Customer service call (night shift)', false]);
    const archived = ok<FormSummary>(await b.dispatch('qa.forms.archive', { formId: CS, archived: true }));
    assert.equal(archived.archived, true);
    assert.match(fails(await b.dispatch('qa.evaluations.start', { recordingId: callId(0, 0), formId: CS }), 'conflict').message, /archived/);
    assert.ok(!ok<FormSummary[]>(await b.dispatch('qa.forms.list', {})).some((f) => f.id === CS));
    assert.ok(ok<FormSummary[]>(await b.dispatch('qa.forms.list', { includeArchived: true })).some((f) => f.id === CS));
  } finally {
    e.done();
  }
});

test('forms export and import: every version round-trips; importing again changes nothing', async () => {
  const a = await qaEnv();
  const c = await qaEnv();
  try {
    await profile(a.backend, 'Sam');
    await profile(c.backend, 'Kim');
    const def: FormDefinition = { ...JSON.parse(JSON.stringify(CUSTOMER_SERVICE_FORM)), title: 'Retention call' };
    const id = ok<FormDetail>(await a.backend.dispatch('qa.forms.create', { definition: def })).summary.id;
    ok(await a.backend.dispatch('qa.forms.publish', { formId: id, version: 1 }));
    def.description = 'second';
    ok(await a.backend.dispatch('qa.forms.saveDraft', { formId: id, definition: def, basedOnVersion: 1 }));
    ok(await a.backend.dispatch('qa.forms.publish', { formId: id, version: 2 }));
    const file = ok<FormsFile>(await a.backend.dispatch('qa.forms.export', {}));
    assert.equal(file.forms.length, 3);
    const json = JSON.parse(JSON.stringify(file)) as FormsFile;

    const r1 = ok<FormsImportReport>(await c.backend.dispatch('qa.forms.import', { file: json }));
    assert.deepEqual([r1.formsAdded, r1.versionsAdded, r1.versionsUnchanged], [1, 2, 2]);
    const imported = ok<FormDetail>(await c.backend.dispatch('qa.forms.get', { formId: id }));
    assert.deepEqual(imported.versions.map((v) => [v.version, v.status]), [[2, 'published'], [1, 'superseded']]);
    const original = ok<FormDetail>(await a.backend.dispatch('qa.forms.get', { formId: id }));
    assert.deepEqual(imported.versions.map((v) => v.contentHash), original.versions.map((v) => v.contentHash));
    const r2 = ok<FormsImportReport>(await c.backend.dispatch('qa.forms.import', { file: json }));
    assert.deepEqual([r2.formsAdded, r2.versionsAdded, r2.versionsUnchanged], [0, 0, 4]);
    // A malformed file is refused as invalid input, naming the field.
    const broken = JSON.parse(JSON.stringify(json));
    broken.forms[0].versions[0].definition.sections[0].weight = -1;
    fails(await c.backend.dispatch('qa.forms.import', { file: broken }), 'invalid_input');
  } finally {
    a.done();
    c.done();
  }
});

test('a draft saves by revision, submits once complete, and is then final — in code and in the database', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    const sam = await profile(b, 'Sam');
    const ev = await start(b, callId(1, 0));
    const id = ev.summary.id;
    assert.deepEqual([ev.summary.status, ev.summary.revision, ev.summary.agentName, ev.summary.queue], ['draft', 0, 'Bob Baker', 'Collections']);
    // Starting again resumes the same draft.
    assert.equal((await start(b, callId(1, 0))).summary.id, id);

    const full = answerAll(ev.form.definition, 'best', 'great call');
    const partial = Object.fromEntries(Object.entries(full).slice(0, 3));
    const s1 = ok<DraftSaved>(await b.dispatch('qa.evaluations.saveDraft', { evaluationId: id, answers: partial, baseRevision: 0 }));
    assert.deepEqual([s1.revision, s1.changed, s1.result.complete], [1, true, false]);
    // Saving the same answers writes nothing; an out-of-date revision is refused.
    assert.equal(ok<DraftSaved>(await b.dispatch('qa.evaluations.saveDraft', { evaluationId: id, answers: partial, baseRevision: 1 })).changed, false);
    fails(await b.dispatch('qa.evaluations.saveDraft', { evaluationId: id, answers: full, baseRevision: 0 }), 'conflict');
    // Answers that do not fit the form are refused.
    fails(await b.dispatch('qa.evaluations.saveDraft', { evaluationId: id, answers: { 'cs-greeting': { kind: 'scale', value: 3 } }, baseRevision: 1 }), 'conflict');
    // Submitting an incomplete evaluation is refused.
    assert.match(fails(await b.dispatch('qa.evaluations.submit', { evaluationId: id, answers: partial, baseRevision: 1 }), 'conflict').message, /required question/);

    // Another supervisor cannot touch Sam's draft.
    await profile(b, 'Kim');
    fails(await b.dispatch('qa.evaluations.saveDraft', { evaluationId: id, answers: full, baseRevision: 1 }), 'conflict');
    await become(b, sam);

    const sub = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.submit', { evaluationId: id, answers: full, baseRevision: 1 }));
    assert.deepEqual([sub.summary.status, sub.summary.score, sub.summary.reviewStatus, sub.versions.length], ['submitted', 100, 'pending', 1]);
    assert.equal(sub.can.edit, false);
    fails(await b.dispatch('qa.evaluations.saveDraft', { evaluationId: id, answers: partial, baseRevision: 2 }), 'conflict');
    fails(await b.dispatch('qa.evaluations.submit', { evaluationId: id, answers: full, baseRevision: 2 }), 'conflict');
    fails(await b.dispatch('qa.evaluations.discard', { evaluationId: id }), 'conflict');

    // The schema refuses what the code refuses.
    const db = b.services.db;
    assert.throws(() => db.prepare('UPDATE qa_evaluations SET score = 12 WHERE id = ?').run(id), /final/);
    assert.throws(() => db.prepare("UPDATE qa_evaluations SET answers = '{}' WHERE id = ?").run(id), /final/);
    assert.throws(() => db.prepare("UPDATE qa_evaluations SET status = 'draft' WHERE id = ?").run(id), /final/);
    assert.throws(() => db.prepare('DELETE FROM qa_evaluations WHERE id = ?').run(id), /final/);
    assert.throws(() => db.prepare('UPDATE qa_evaluation_versions SET score = 1 WHERE evaluation_id = ?').run(id), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM qa_evaluation_versions WHERE evaluation_id = ?').run(id), /append-only/);
    assert.throws(
      () => db.prepare("INSERT INTO qa_comments (id, evaluation_id, position_sec, text, author_name, created_at, updated_at) VALUES ('x', ?, 1, 't', 'n', 'a', 'a')").run(id),
      /final/,
    );
    // A row cannot be born submitted either.
    assert.throws(() => db.prepare("INSERT INTO qa_evaluations SELECT 'copy', recording_id, form_id, form_version, evaluator_id, evaluator_name, agent_id, agent_name, team, queue, call_start_time, call_duration_sec, status, answers, revision, score, auto_failed, band, current_seq, review_status, disputed, amendments, created_at, updated_at, submitted_at, submitted_ms, calibration_id, sample_item_id, failed_q, critical_q, skipped_q FROM qa_evaluations WHERE id = ?").run(id), /starts as a draft/);

    // A discarded draft is gone.
    const other = await start(b, callId(1, 1));
    ok(await b.dispatch('qa.evaluations.discard', { evaluationId: other.summary.id }));
    fails(await b.dispatch('qa.evaluations.get', { evaluationId: other.summary.id }), 'not_found');
  } finally {
    e.done();
  }
});

test('amendments need a reason and keep the full history; agent review and dispute resolution are recorded', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    await profile(b, 'Sam');
    const ev = await start(b, callId(0, 2));
    const id = ev.summary.id;
    const best = answerAll(ev.form.definition, 'best');
    ok(await b.dispatch('qa.evaluations.submit', { evaluationId: id, answers: best, baseRevision: 0 }));

    const changed = { ...best, 'cs-accurate': { kind: 'option' as const, optionId: 'no' } };
    const noReason = fails(await b.dispatch('qa.evaluations.amend', { evaluationId: id, answers: changed, reason: '  ' }), 'invalid_input');
    assert.match(noReason.message, /reason/);
    fails(await b.dispatch('qa.evaluations.amend', { evaluationId: id, answers: best, reason: 'no change at all' }), 'conflict');
    const a1 = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.amend', { evaluationId: id, answers: changed, reason: 'Misheard the account balance given' }));
    assert.ok(a1.summary.score! < 100);
    assert.deepEqual(a1.versions.map((v) => [v.seq, v.kind, v.score]), [[0, 'submission', 100], [1, 'amendment', a1.summary.score]]);
    assert.equal(a1.versions[1].reason, 'Misheard the account balance given');
    assert.deepEqual(a1.versions[0].answers, best, 'the submitted answers are kept');
    assert.equal(a1.summary.amendments, 1);

    // Review: a dispute needs the agent's reason; only a disputed evaluation can be resolved.
    fails(await b.dispatch('qa.review.resolve', { evaluationId: id, resolution: 'upheld', note: 'Nothing to resolve' }), 'conflict');
    fails(await b.dispatch('qa.review.record', { evaluationId: id, outcome: 'disputed' }), 'invalid_input');
    const d = ok<EvaluationDetail>(await b.dispatch('qa.review.record', { evaluationId: id, outcome: 'disputed', reason: 'I did give the correct balance at 01:10' }));
    assert.equal(d.summary.reviewStatus, 'disputed');
    fails(await b.dispatch('qa.review.record', { evaluationId: id, outcome: 'disputed', reason: 'again and again' }), 'conflict');
    fails(await b.dispatch('qa.review.resolve', { evaluationId: id, resolution: 'amended', note: 'Agent is right' }), 'invalid_input');
    const r = ok<EvaluationDetail>(await b.dispatch('qa.review.resolve', { evaluationId: id, resolution: 'amended', note: 'Agent is right, balance was correct', answers: best }));
    assert.equal(r.summary.reviewStatus, 'amended');
    assert.equal(r.summary.score, 100);
    assert.deepEqual(r.versions.map((v) => [v.seq, v.resolvesDispute]), [[0, false], [1, false], [2, true]]);
    assert.deepEqual(r.reviewEvents.map((x) => [x.action, x.reason]), [
      ['disputed', 'I did give the correct balance at 01:10'],
      ['amended', 'Agent is right, balance was correct'],
    ]);
    ok(await b.dispatch('qa.review.record', { evaluationId: id, outcome: 'acknowledged' }));

    // A second evaluation: disputed and upheld.
    const ev2 = await start(b, callId(0, 3));
    ok(await b.dispatch('qa.evaluations.submit', { evaluationId: ev2.summary.id, answers: best, baseRevision: 0 }));
    ok(await b.dispatch('qa.review.record', { evaluationId: ev2.summary.id, outcome: 'disputed', reason: 'I was not on this call' }));
    const up = ok<EvaluationDetail>(await b.dispatch('qa.review.resolve', { evaluationId: ev2.summary.id, resolution: 'upheld', note: 'Agent id confirmed by the PBX log' }));
    assert.equal(up.summary.reviewStatus, 'upheld');
    assert.equal(up.versions.length, 1);
    assert.throws(() => b.services.db.prepare('DELETE FROM qa_review_events').run(), /append-only/);

    // Every step is in the audit trail, naming the evaluation and never its answers.
    const trail = audit(b).filter((x) => x.target === `evaluation:${id}`);
    assert.deepEqual(trail.map((x) => `${x.command}:${x.outcome}`), [
      'qa.evaluations.submit:ok',
      'qa.evaluations.amend:invalid',
      'qa.evaluations.amend:error',
      'qa.evaluations.amend:ok',
      'qa.review.resolve:error',
      'qa.review.record:invalid',
      'qa.review.record:ok',
      'qa.review.record:error',
      'qa.review.resolve:invalid',
      'qa.review.resolve:ok',
      'qa.review.record:ok',
    ].filter((s) => !s.endsWith(':invalid')));
    for (const x of audit(b)) assert.doesNotMatch(x.detail ?? '', /optionId|"kind"/);
  } finally {
    e.done();
  }
});

test('comments pin to a play position and optionally a question, and freeze on submission', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    await profile(b, 'Sam');
    const ev = await start(b, callId(2, 0));
    const id = ev.summary.id;
    const c1 = ok<EvaluationComment>(await b.dispatch('qa.comments.add', { evaluationId: id, positionSec: 7.5, text: 'Interrupted the customer', questionId: 'cs-no-interrupt' }));
    const c2 = ok<EvaluationComment>(await b.dispatch('qa.comments.add', { evaluationId: id, positionSec: 2.25, text: 'Nice greeting' }));
    assert.equal(c2.questionId, null);
    fails(await b.dispatch('qa.comments.add', { evaluationId: id, positionSec: 2, text: 'x', questionId: 'no-such' }), 'not_found');
    fails(await b.dispatch('qa.comments.add', { evaluationId: id, positionSec: 600, text: 'past the end' }), 'conflict');
    fails(await b.dispatch('qa.comments.add', { evaluationId: id, positionSec: 1, text: '' }), 'invalid_input');
    const moved = ok<EvaluationComment>(await b.dispatch('qa.comments.update', { commentId: c1.id, positionSec: 8, questionId: null }));
    assert.deepEqual([moved.positionSec, moved.questionId, moved.text], [8, null, 'Interrupted the customer']);
    const d = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.get', { evaluationId: id }));
    assert.deepEqual(d.comments.map((c) => [c.positionSec, c.text]), [[2.25, 'Nice greeting'], [8, 'Interrupted the customer']]);
    ok(await b.dispatch('qa.comments.delete', { commentId: c2.id }));
    ok(await b.dispatch('qa.evaluations.submit', { evaluationId: id, answers: answerAll(ev.form.definition, 'best'), baseRevision: 0 }));
    fails(await b.dispatch('qa.comments.add', { evaluationId: id, positionSec: 1, text: 'late' }), 'conflict');
    fails(await b.dispatch('qa.comments.update', { commentId: c1.id, text: 'edited' }), 'conflict');
    fails(await b.dispatch('qa.comments.delete', { commentId: c1.id }), 'conflict');
    assert.equal(ok<EvaluationDetail>(await b.dispatch('qa.evaluations.get', { evaluationId: id })).comments.length, 1);
  } finally {
    e.done();
  }
});

test('permissions: trainers cannot evaluate, auditors read reports but cannot score or edit forms', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    await profile(b, 'Tess', 'trainer');
    fails(await b.dispatch('qa.evaluations.start', { recordingId: callId(0, 0), formId: CS }), 'denied');
    fails(await b.dispatch('qa.reports.run', {}), 'denied');
    await profile(b, 'Aud', 'auditor');
    ok(await b.dispatch('qa.reports.run', {}));
    ok(await b.dispatch('qa.reports.exportCsv', {}));
    fails(await b.dispatch('qa.evaluations.list', {}), 'denied');
    fails(await b.dispatch('qa.forms.saveDraft', { formId: CS, definition: CUSTOMER_SERVICE_FORM, basedOnVersion: 1 }), 'denied');
    fails(await b.dispatch('qa.calibration.list', {}), 'denied');
    const denied = audit(b).filter((x) => x.outcome === 'denied').map((x) => x.command);
    assert.deepEqual(denied, ['qa.evaluations.start', 'qa.reports.run', 'qa.evaluations.list', 'qa.forms.saveDraft', 'qa.calibration.list']);
  } finally {
    e.done();
  }
});

test('the evaluation list filters by agent, status and review, newest change first', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    await profile(b, 'Sam');
    const a = await start(b, callId(0, 0));
    const c = await start(b, callId(2, 0));
    ok(await b.dispatch('qa.evaluations.submit', { evaluationId: c.summary.id, answers: answerAll(c.form.definition, 'best'), baseRevision: 0 }));
    const all = ok<Page<{ id: string }>>(await b.dispatch('qa.evaluations.list', {}));
    assert.equal(all.total, 2);
    assert.deepEqual(ok<Page<{ id: string }>>(await b.dispatch('qa.evaluations.list', { agentIds: ['a-1'] })).rows.map((r) => r.id), [a.summary.id]);
    assert.deepEqual(ok<Page<{ id: string }>>(await b.dispatch('qa.evaluations.list', { status: 'submitted' })).rows.map((r) => r.id), [c.summary.id]);
    assert.deepEqual(ok<Page<{ id: string }>>(await b.dispatch('qa.evaluations.list', { reviewStatus: ['pending'] })).rows.map((r) => r.id), [c.summary.id]);
    assert.equal(ok<Page<{ id: string }>>(await b.dispatch('qa.evaluations.list', { recordingId: callId(2, 0) })).total, 1);
  } finally {
    e.done();
  }
});
