// bench/qa-reports: 100,000 submitted evaluations (60 agents, 6 teams, 6 queues, a year of days,
// both built-in forms). Earmark's indexed SQL report against the naive way (load every evaluation,
// filter, parse the answers and re-score them in JS). Prints both timings and the ratio, in one run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/db/database';
import { DEFAULT_FORMS } from '../electron/core/qa/default-forms';
import { EvaluationRepo } from '../electron/core/qa/evaluation-repo';
import { FormRepo } from '../electron/core/qa/form-repo';
import { ReportRepo, bucketOf, type ParsedReportQuery } from '../electron/core/qa/reports';
import { scoreEvaluation } from '../electron/core/qa/scoring';
import { seededRandom } from '../electron/core/qa/sampling';
import type { Answers, FormDefinition, QaReport } from '../shared/qa-types';

const N = Number(process.env.BENCH_EVALUATIONS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-qa-'));
const db = openDatabase(join(dir, 'bench.db'), randomBytes(32));
const forms = new FormRepo(db);
const evals = new EvaluationRepo(db);
const reports = new ReportRepo(db);
const who = { id: 'bench', name: 'Bench Supervisor' };
const rand = seededRandom('bench', 'qa');
const t0 = Date.parse('2025-11-01T09:00:00Z');

for (const f of DEFAULT_FORMS) {
  forms.create(f.definition, who, '2025-10-01T00:00:00Z', { id: f.id, builtIn: true });
  forms.publish(f.id, 1, who, '2025-10-01T00:00:00Z');
}
const defs = DEFAULT_FORMS.map((f) => ({ id: f.id, def: f.definition }));

/** Mostly good answers, some misses, the odd critical: a realistic spread of scores. */
function answersFor(def: FormDefinition): Answers {
  const a: Answers = {};
  for (const s of def.sections)
    for (const q of s.questions) {
      if (q.type === 'text') continue;
      if (q.allowNa && rand() < 0.1) a[q.id] = { kind: 'na' };
      else if (q.type === 'scale') a[q.id] = { kind: 'scale', value: q.min + Math.floor(rand() * (q.max - q.min + 1)) };
      else {
        const miss = rand() < (q.options.some((o) => o.critical) ? 0.01 : 0.15);
        const sorted = [...q.options].sort((x, y) => y.points - x.points);
        a[q.id] = { kind: 'option', optionId: (miss ? sorted[sorted.length - 1] : sorted[0]).id };
      }
    }
  return a;
}

const t = performance.now();
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    const agent = i % 60;
    const f = defs[i % 7 === 0 ? 1 : 0];
    const at = new Date(t0 + Math.floor((i / N) * 365 * 86_400_000)).toISOString();
    const rec = {
      id: `C${String(i).padStart(7, '0')}`,
      agentId: `a-${100 + agent}`,
      agentName: `Agent ${agent}`,
      team: `Team ${agent % 6}`,
      queue: ['Billing', 'Tech Support', 'Collections', 'Sales', 'Retention', 'Payments'][i % 6],
      startTime: at,
      durationSec: 60 + (i % 900),
    };
    const id = evals.start(rec, { formId: f.id, version: 1, definition: f.def }, who, at);
    evals.submit(id, answersFor(f.def), 0, f.def, who, at);
    if (i % 50 === 0) evals.recordReview(id, 'disputed', 'the agent disagrees', who, at);
  }
})();
console.log(`bench/qa-reports: ${N} submitted evaluations written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

/** The naive report: every evaluation into JS, filtered, answers parsed and re-scored. */
function naive(q: ParsedReportQuery): Pick<QaReport, 'totals'> & { groups: number; trend: number; failed: string } {
  const from = q.from ? Date.parse(`${q.from}T00:00:00Z`) : -Infinity;
  const to = q.to ? Date.parse(`${q.to}T00:00:00Z`) + 86_400_000 : Infinity;
  const rows = db.prepare('SELECT * FROM qa_evaluations').all() as Record<string, unknown>[];
  const defsById = new Map(defs.map((d) => [d.id, d.def]));
  const hits = rows.filter(
    (r) =>
      r.status === 'submitted' && r.calibration_id === null && (r.submitted_ms as number) >= from && (r.submitted_ms as number) < to &&
      (!q.agentIds || q.agentIds.includes(r.agent_id as string)) && (!q.teams || q.teams.includes(r.team as string)),
  );
  const groups = new Set(hits.map((r) => r[q.groupBy === 'team' ? 'team' : 'agent_id']));
  const trend = new Set(hits.map((r) => bucketOf(r.submitted_ms as number, q.interval)));
  const failed = new Map<string, number>();
  let sum = 0;
  let scored = 0;
  for (const r of hits) {
    const res = scoreEvaluation(defsById.get(r.form_id as string)!, JSON.parse(r.answers as string) as Answers);
    if (res.score !== null) {
      sum += res.score;
      scored++;
    }
    for (const x of res.questions) if (x.failed) failed.set(x.questionId, (failed.get(x.questionId) ?? 0) + 1);
  }
  const top = [...failed].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return {
    totals: {
      evaluations: hits.length,
      averageScore: scored ? Math.round((sum / scored) * 10) / 10 : null,
      autoFails: hits.filter((r) => r.auto_failed === 1).length,
      disputes: hits.filter((r) => r.disputed === 1).length,
      openDisputes: hits.filter((r) => r.review_status === 'disputed').length,
      amended: hits.filter((r) => (r.amendments as number) > 0).length,
    },
    groups: groups.size,
    trend: trend.size,
    failed: top ? top[0] : '',
  };
}

const cases: { name: string; q: ParsedReportQuery }[] = [
  { name: 'all year, by agent, weekly trend', q: { groupBy: 'agent', interval: 'week' } },
  { name: 'one month, by team, daily trend', q: { groupBy: 'team', interval: 'day', from: '2026-03-01', to: '2026-03-31' } },
  { name: 'one agent, all year, monthly', q: { groupBy: 'agent', interval: 'month', agentIds: ['a-107'] } },
  { name: 'one team, one quarter, weekly', q: { groupBy: 'agent', interval: 'week', teams: ['Team 2'], from: '2026-01-01', to: '2026-03-31' } },
];

const time = (f: () => unknown, reps: number) => {
  f();
  const s = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - s) / reps;
};

for (const c of cases) {
  const ours = reports.run(c.q, new Date());
  const theirs = naive(c.q);
  if (ours.totals.evaluations !== theirs.totals.evaluations || ours.totals.autoFails !== theirs.totals.autoFails || ours.totals.disputes !== theirs.totals.disputes) {
    throw new Error(`${c.name}: totals differ ${JSON.stringify(ours.totals)} vs ${JSON.stringify(theirs.totals)}`);
  }
  if (ours.groups.length !== theirs.groups || ours.trend.length !== theirs.trend) throw new Error(`${c.name}: groups or trend differ`);
  if (ours.failedQuestions[0]?.questionId !== theirs.failed) throw new Error(`${c.name}: most failed question differs`);
  const to = time(() => reports.run(c.q, new Date()), 5);
  const tn = time(() => naive(c.q), 2);
  console.log(
    `${c.name.padEnd(36)} ${String(ours.totals.evaluations).padStart(6)} evals  ours ${to.toFixed(1).padStart(7)} ms  naive ${tn.toFixed(0).padStart(6)} ms  speed-up ${(tn / to).toFixed(1).padStart(6)}x`,
  );
}
db.close();
rmSync(dir, { recursive: true, force: true });
