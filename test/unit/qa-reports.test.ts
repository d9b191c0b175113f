// QA reports and CSV export through the dispatcher, on evaluations submitted on known days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../../electron/core/backend';
import type { Answers, CsvExport, EvaluationDetail, QaFacets, QaReport } from '../../shared/qa-types';
import { csvCell, toCsv } from '../../electron/core/qa/csv';
import { bucketOf } from '../../electron/core/qa/reports';
import { answerAll, callId, ok, profile, qaEnv } from './qa-fixtures';

const CS = 'customer-service-call';
const COL = 'collections-compliance';

async function evaluate(b: Backend, recordingId: string, formId: string, edit: (a: Answers) => Answers = (a) => a): Promise<EvaluationDetail> {
  const ev = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.start', { recordingId, formId }));
  return ok<EvaluationDetail>(await b.dispatch('qa.evaluations.submit', { evaluationId: ev.summary.id, answers: edit(answerAll(ev.form.definition, 'best')), baseRevision: 0 }));
}

test('reports: counts, averages, trend, questions failed most, auto-fails and disputes, with filters and CSV', async () => {
  let clock = new Date('2026-11-09T09:00:00Z'); // a Monday
  const e = await qaEnv(() => clock);
  const b = e.backend;
  try {
    await profile(b, 'Sam');
    // Monday: Alice 100 and a weaker one; Bob fails the mini-Miranda (auto-fail).
    await evaluate(b, callId(0, 0), CS);
    const weak = await evaluate(b, callId(0, 1), CS, (a) => ({ ...a, 'cs-accurate': { kind: 'option', optionId: 'no' }, 'cs-no-interrupt': { kind: 'option', optionId: 'no' } }));
    const failed = await evaluate(b, callId(1, 0), COL, (a) => ({ ...a, 'col-mini-miranda': { kind: 'option', optionId: 'no' } }));
    assert.equal(failed.summary.score, 0);
    // Next week: Carol, disputed; Alice again with the same missed question.
    clock = new Date('2026-11-17T15:00:00Z');
    const carol = await evaluate(b, callId(2, 0), CS, (a) => ({ ...a, 'cs-no-interrupt': { kind: 'option', optionId: 'no' } }));
    ok(await b.dispatch('qa.review.record', { evaluationId: carol.summary.id, outcome: 'disputed', reason: 'The customer interrupted me' }));
    await evaluate(b, callId(0, 2), CS, (a) => ({ ...a, 'cs-no-interrupt': { kind: 'option', optionId: 'no' } }));
    // A draft never counts.
    ok(await b.dispatch('qa.evaluations.start', { recordingId: callId(2, 1), formId: CS }));

    const r = ok<QaReport>(await b.dispatch('qa.reports.run', { groupBy: 'agent', interval: 'week' }));
    assert.equal(r.totals.evaluations, 5);
    assert.deepEqual([r.totals.autoFails, r.totals.disputes, r.totals.openDisputes], [1, 1, 1]);
    const scores = [100, weak.summary.score!, 0, carol.summary.score!, carol.summary.score!];
    assert.equal(r.totals.averageScore, Math.round((scores.reduce((x, y) => x + y, 0) / 5) * 10) / 10);
    assert.deepEqual(r.groups.map((g) => [g.label, g.evaluations, g.autoFails, g.disputes]), [
      ['Alice Able', 3, 0, 0],
      ['Bob Baker', 1, 1, 0],
      ['Carol Chen', 1, 0, 1],
    ]);
    const alice = r.groups[0];
    assert.equal(alice.maxScore, 100);
    assert.equal(alice.minScore, weak.summary.score);
    assert.equal(Object.values(alice.bands).reduce((x, y) => x + y, 0), 3);
    assert.deepEqual(r.trend.map((t) => [t.bucket, t.evaluations, t.autoFails]), [['2026-11-09', 3, 1], ['2026-11-16', 2, 0]]);
    // "Let the customer finish" was missed three times; the mini-Miranda once, as a critical.
    assert.deepEqual(r.failedQuestions[0], {
      formId: CS,
      formTitle: 'Customer service call',
      questionId: 'cs-no-interrupt',
      text: 'Let the customer finish without interrupting',
      sectionTitle: 'Soft skills',
      answered: 4,
      failed: 3,
      failRate: 0.75,
      criticalHits: 0,
    });
    const miranda = r.failedQuestions.find((q) => q.questionId === 'col-mini-miranda')!;
    assert.deepEqual([miranda.failed, miranda.criticalHits, miranda.formTitle], [1, 1, 'Collections compliance']);

    // Filters and other groupings.
    const blue = ok<QaReport>(await b.dispatch('qa.reports.run', { groupBy: 'team', teams: ['Blue'] }));
    assert.deepEqual(blue.groups.map((g) => [g.label, g.evaluations]), [['Blue', 1]]);
    const firstWeek = ok<QaReport>(await b.dispatch('qa.reports.run', { groupBy: 'queue', from: '2026-11-09', to: '2026-11-15', interval: 'day' }));
    assert.deepEqual(firstWeek.groups.map((g) => [g.label, g.evaluations]), [['Billing', 2], ['Collections', 1]]);
    assert.deepEqual(firstWeek.trend.map((t) => t.bucket), ['2026-11-09']);
    const byForm = ok<QaReport>(await b.dispatch('qa.reports.run', { groupBy: 'form', interval: 'month' }));
    assert.deepEqual(byForm.groups.map((g) => [g.label, g.evaluations]), [['Collections compliance', 1], ['Customer service call', 4]]);
    assert.deepEqual(byForm.trend.map((t) => t.bucket), ['2026-11-01']);
    assert.equal(ok<QaReport>(await b.dispatch('qa.reports.run', { agentIds: ['a-2'], formIds: [COL] })).totals.evaluations, 1);
    const facets = ok<QaFacets>(await b.dispatch('qa.facets', {}));
    assert.deepEqual([facets.agents.length, facets.teams, facets.queues], [3, ['Blue', 'Red'], ['Billing', 'Collections']]);

    // CSV: one row per evaluation, RFC 4180.
    const csv = ok<CsvExport>(await b.dispatch('qa.reports.exportCsv', { kind: 'evaluations' }));
    assert.equal(csv.rows, 5);
    const lines = csv.csv.split('\r\n');
    assert.equal(lines.length, 7); // header, 5 rows, final empty after the last CRLF
    assert.match(lines[0], /^evaluation_id,recording_id,call_start,/);
    assert.ok(lines.some((l) => l.includes(',Bob Baker,Red,Collections,collections-compliance,Collections compliance,1,Sam,') && l.includes(',0,Non-compliant,true,pending,')));
    assert.equal(csv.fileName, 'earmark-evaluations-2026-11-17.csv');
    const summary = ok<CsvExport>(await b.dispatch('qa.reports.exportCsv', { kind: 'summary', groupBy: 'team' }));
    assert.equal(summary.csv.split('\r\n')[0].split(',').slice(0, 7).join(','), 'team,evaluations,average_score,min_score,max_score,auto_fails,disputes');
    assert.equal(summary.rows, 2);
    const filtered = ok<CsvExport>(await b.dispatch('qa.reports.exportCsv', { kind: 'evaluations', agentIds: ['a-3'] }));
    assert.equal(filtered.rows, 1);
  } finally {
    e.done();
  }
});

test('csv: quoting, line breaks, and cells a spreadsheet would run as formulas', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(csvCell('+1 555'), "'+1 555");
  assert.equal(csvCell('-5'), "'-5");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell(-5), '-5');
  assert.equal(csvCell(12.5), '12.5');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(true), 'true');
  assert.equal(toCsv(['a', 'b'], [[1, 'x'], [null, 'y,z']]), 'a,b\r\n1,x\r\n,"y,z"\r\n');
});

test('trend buckets: UTC days, Monday weeks, months', () => {
  const t = Date.parse('2026-11-15T23:59:59Z'); // a Sunday
  assert.equal(bucketOf(t, 'day'), '2026-11-15');
  assert.equal(bucketOf(t, 'week'), '2026-11-09');
  assert.equal(bucketOf(Date.parse('2026-11-16T00:00:00Z'), 'week'), '2026-11-16');
  assert.equal(bucketOf(t, 'month'), '2026-11-01');
  assert.equal(bucketOf(Date.parse('1970-01-01T00:00:00Z'), 'week'), '1969-12-29');
});
