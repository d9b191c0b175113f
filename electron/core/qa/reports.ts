// QA reports over submitted evaluations (calibration exercises excluded). Every query filters on
// the partial indexes of migration 4 (period, agent, team, queue, evaluator, form), aggregates in
// SQL and returns only what the screen shows; bench/qa-reports.ts compares it with a naive scan.
import type { FormDefinition, QaFacets, QaFailedQuestion, QaReport, QaReportGroup, QaTrendPoint, ReportGroupBy, ReportInterval } from '../../../shared/qa-types';
import type { ReportQuery } from '../../../shared/catalogue/qa';
import type { Db } from '../db/database';
import { endOf, startOf } from '../db/query-helpers';

export type ParsedReportQuery = ReportQuery & { groupBy: ReportGroupBy; interval: ReportInterval };

const GROUP: Record<ReportGroupBy, { key: string; label: string }> = {
  agent: { key: 'e.agent_id', label: 'max(e.agent_name)' },
  team: { key: "coalesce(e.team, '')", label: "coalesce(max(e.team), '(no team)')" },
  queue: { key: "coalesce(e.queue, '')", label: "coalesce(max(e.queue), '(no queue)')" },
  evaluator: { key: "coalesce(e.evaluator_id, '')", label: 'max(e.evaluator_name)' },
  form: { key: 'e.form_id', label: 'e.form_id' },
};

const DAY_MS = 86_400_000;

/** The WHERE clause shared by every report query. */
export function reportWhere(q: ReportQuery): { clause: string; params: Record<string, unknown> } {
  const where = ["e.status = 'submitted'", 'e.calibration_id IS NULL'];
  const params: Record<string, unknown> = {};
  const add = (sql: string, name: string, value: unknown) => {
    where.push(sql);
    params[name] = value;
  };
  if (q.from) add('e.submitted_ms >= @from', 'from', Date.parse(startOf(q.from)));
  if (q.to) add('e.submitted_ms < @to', 'to', Date.parse(endOf(q.to)));
  const list = (col: string, name: string, v: string[] | undefined) => {
    if (v?.length) add(`${col} IN (SELECT value FROM json_each(@${name}))`, name, JSON.stringify(v));
  };
  list('e.agent_id', 'agents', q.agentIds);
  list('e.team', 'teams', q.teams);
  list('e.queue', 'queues', q.queues);
  list('e.form_id', 'forms', q.formIds);
  list('e.evaluator_id', 'evaluators', q.evaluatorIds);
  return { clause: `WHERE ${where.join(' AND ')}`, params };
}

const avg1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Start of the bucket a timestamp falls in (UTC; weeks start on Monday). */
export function bucketOf(ms: number, interval: ReportInterval): string {
  const day = Math.floor(ms / DAY_MS);
  if (interval === 'day') return new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (interval === 'week') return new Date((Math.floor((day + 3) / 7) * 7 - 3) * DAY_MS).toISOString().slice(0, 10);
  return `${new Date(ms).toISOString().slice(0, 7)}-01`;
}

export class ReportRepo {
  constructor(private readonly db: Db) {}

  /** Titles and question texts, newest version first, for the forms a report mentions. */
  private formInfo(formIds: string[]): Map<string, { title: string; questions: Map<string, { text: string; section: string }> }> {
    const out = new Map<string, { title: string; questions: Map<string, { text: string; section: string }> }>();
    for (const id of formIds) {
      const versions = this.db.prepare("SELECT definition FROM qa_form_versions WHERE form_id = ? AND status != 'draft' ORDER BY version DESC").all(id) as { definition: string }[];
      const info = { title: id, questions: new Map<string, { text: string; section: string }>() };
      versions.forEach((v, i) => {
        const def = JSON.parse(v.definition) as FormDefinition;
        if (i === 0) info.title = def.title;
        for (const s of def.sections) for (const q of s.questions) if (!info.questions.has(q.id)) info.questions.set(q.id, { text: q.text, section: s.title });
      });
      out.set(id, info);
    }
    return out;
  }

  run(q: ParsedReportQuery, now: Date): QaReport {
    const t0 = performance.now();
    const { clause, params } = reportWhere(q);
    const g = GROUP[q.groupBy];

    const totals = this.db
      .prepare(
        `SELECT count(*) AS n, avg(e.score) AS avg, coalesce(sum(e.auto_failed), 0) AS af, coalesce(sum(e.disputed), 0) AS disputes,
           coalesce(sum(e.review_status = 'disputed'), 0) AS open, coalesce(sum(e.amendments > 0), 0) AS amended
         FROM qa_evaluations e ${clause}`,
      )
      .get(params) as { n: number; avg: number | null; af: number; disputes: number; open: number; amended: number };

    const groupRows = this.db
      .prepare(
        `SELECT ${g.key} AS k, ${g.label} AS label, count(*) AS n, avg(e.score) AS avg, min(e.score) AS mn, max(e.score) AS mx,
           sum(e.auto_failed) AS af, sum(e.disputed) AS disputes
         FROM qa_evaluations e ${clause} GROUP BY k`,
      )
      .all(params) as { k: string; label: string; n: number; avg: number | null; mn: number | null; mx: number | null; af: number; disputes: number }[];
    const bandRows = this.db
      .prepare(`SELECT ${g.key} AS k, coalesce(e.band, '—') AS band, count(*) AS n FROM qa_evaluations e ${clause} GROUP BY k, band`)
      .all(params) as { k: string; band: string; n: number }[];

    const trendExpr =
      q.interval === 'month'
        ? "substr(e.submitted_at, 1, 7) || '-01'"
        : q.interval === 'week'
          ? `((e.submitted_ms / ${DAY_MS} + 3) / 7) * 7 - 3`
          : `e.submitted_ms / ${DAY_MS}`;
    const trendRows = this.db
      .prepare(`SELECT ${trendExpr} AS b, count(*) AS n, avg(e.score) AS avg, sum(e.auto_failed) AS af FROM qa_evaluations e ${clause} GROUP BY b ORDER BY b`)
      .all(params) as { b: string | number; n: number; avg: number | null; af: number }[];

    const failedRows = this.db
      .prepare(
        `SELECT a.form_id AS form, a.question_id AS question, count(*) AS answered, sum(a.failed) AS failed, sum(a.critical) AS crit
         FROM qa_evaluation_answers a WHERE a.evaluation_id IN (SELECT e.id FROM qa_evaluations e ${clause})
         GROUP BY a.form_id, a.question_id HAVING sum(a.failed) > 0 ORDER BY failed DESC, answered DESC LIMIT 10`,
      )
      .all(params) as { form: string; question: string; answered: number; failed: number; crit: number }[];

    const formIds = new Set<string>(failedRows.map((r) => r.form));
    if (q.groupBy === 'form') for (const r of groupRows) formIds.add(r.k);
    const forms = this.formInfo([...formIds]);

    const bands = new Map<string, Record<string, number>>();
    for (const b of bandRows) bands.set(b.k, { ...(bands.get(b.k) ?? {}), [b.band]: b.n });
    const groups: QaReportGroup[] = groupRows
      .map((r) => ({
        key: r.k,
        label: q.groupBy === 'form' ? (forms.get(r.k)?.title ?? r.k) : r.label,
        evaluations: r.n,
        averageScore: avg1(r.avg),
        minScore: r.mn,
        maxScore: r.mx,
        autoFails: r.af,
        disputes: r.disputes,
        bands: bands.get(r.k) ?? {},
      }))
      .sort((a, b) => a.label.localeCompare(b.label));

    const trend: QaTrendPoint[] = trendRows.map((r) => ({
      bucket: typeof r.b === 'number' ? new Date(r.b * DAY_MS).toISOString().slice(0, 10) : r.b,
      evaluations: r.n,
      averageScore: avg1(r.avg),
      autoFails: r.af,
    }));

    const failedQuestions: QaFailedQuestion[] = failedRows.map((r) => {
      const f = forms.get(r.form);
      const qi = f?.questions.get(r.question);
      return {
        formId: r.form,
        formTitle: f?.title ?? r.form,
        questionId: r.question,
        text: qi?.text ?? r.question,
        sectionTitle: qi?.section ?? '',
        answered: r.answered,
        failed: r.failed,
        failRate: Math.round((r.failed / r.answered) * 1000) / 1000,
        criticalHits: r.crit,
      };
    });

    return {
      generatedAt: now.toISOString(),
      groupBy: q.groupBy,
      interval: q.interval,
      totals: { evaluations: totals.n, averageScore: avg1(totals.avg), autoFails: totals.af, disputes: totals.disputes, openDisputes: totals.open, amended: totals.amended },
      groups,
      trend,
      failedQuestions,
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
    };
  }

  /** Every submitted evaluation the filters select, oldest first, for the CSV export. */
  evaluationRows(q: ReportQuery): Record<string, unknown>[] {
    const { clause, params } = reportWhere(q);
    return this.db
      .prepare(
        `SELECT e.id, e.recording_id, e.call_start_time, e.call_duration_sec, e.agent_id, e.agent_name, e.team, e.queue, e.form_id, v.title AS form_title,
           e.form_version, e.evaluator_name, e.submitted_at, e.score, e.band, e.auto_failed, e.review_status, e.disputed, e.amendments, e.updated_at
         FROM qa_evaluations e JOIN qa_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version
         ${clause} ORDER BY e.submitted_ms, e.id`,
      )
      .all(params) as Record<string, unknown>[];
  }

  facets(): QaFacets {
    const base = "FROM qa_evaluations WHERE status = 'submitted' AND calibration_id IS NULL";
    const agents = this.db.prepare(`SELECT agent_id AS id, max(agent_name) AS name ${base} GROUP BY agent_id ORDER BY name`).all() as { id: string; name: string }[];
    const teams = (this.db.prepare(`SELECT DISTINCT team AS v ${base} AND team IS NOT NULL ORDER BY v`).all() as { v: string }[]).map((r) => r.v);
    const queues = (this.db.prepare(`SELECT DISTINCT queue AS v ${base} AND queue IS NOT NULL ORDER BY v`).all() as { v: string }[]).map((r) => r.v);
    const evaluators = this.db.prepare(`SELECT evaluator_id AS id, max(evaluator_name) AS name ${base} GROUP BY evaluator_id ORDER BY name`).all() as { id: string | null; name: string }[];
    const forms = (
      this.db
        .prepare("SELECT f.id, (SELECT title FROM qa_form_versions v WHERE v.form_id = f.id ORDER BY (v.status = 'published') DESC, v.version DESC LIMIT 1) AS title FROM qa_forms f ORDER BY title")
        .all() as { id: string; title: string }[]
    ).map((r) => ({ id: r.id, title: r.title }));
    return { agents, teams, queues, evaluators, forms };
  }
}
