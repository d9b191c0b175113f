// QA reports over submitted evaluations (calibration exercises excluded). Every query filters on
// the partial indexes of migration 4 (period, agent, team, queue, evaluator, form), aggregates in
// SQL and returns only what the screen shows; bench/qa-reports.ts compares it with a naive scan.
import type { FormDefinition, QaFacets, QaFailedQuestion, QaReport, QaReportGroup, QaTrendPoint, ReportGroupBy, ReportInterval } from '../../../shared/qa-types';
import type { ReportQuery } from '../../../shared/catalogue/qa';
import type { Db } from '../db/database';
import { questionMax } from './scoring';
import { endOf, startOf } from '../db/query-helpers';

export type ParsedReportQuery = ReportQuery & { groupBy: ReportGroupBy; interval: ReportInterval };

const GROUP: Record<ReportGroupBy, { key: string; label: string }> = {
  agent: { key: 'e.agent_id', label: 'e.agent_name' },
  team: { key: "coalesce(e.team, '')", label: "coalesce(e.team, '(no team)')" },
  queue: { key: "coalesce(e.queue, '')", label: "coalesce(e.queue, '(no queue)')" },
  evaluator: { key: "coalesce(e.evaluator_id, '')", label: 'e.evaluator_name' },
  form: { key: 'e.form_id', label: 'e.form_id' },
};

const DAY_MS = 86_400_000;

interface FormInfo {
  title: string;
  /** Question id → its text and section, from the newest version that has it. */
  questions: Map<string, { text: string; section: string }>;
  /** Version → the questions it can score (weight and points above 0). */
  scorable: Map<number, Set<string>>;
}

/**
 * The FROM and WHERE shared by every report query. For one person (agents or evaluators named) the
 * planner's pick, that column's index, reads a few rows. Otherwise the covering period index is named:
 * left alone, the planner would walk a grouping index and read every matching row, and a row carries
 * the answers (for a sixth of 100,000 evaluations that was about twice as slow as the covering scan).
 */
export function reportWhere(q: ReportQuery): { from: string; clause: string; params: Record<string, unknown> } {
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
  const narrow = !!(q.agentIds?.length || q.evaluatorIds?.length);
  return { from: narrow ? 'qa_evaluations e' : 'qa_evaluations e INDEXED BY qa_eval_rep_period', clause: `WHERE ${where.join(' AND ')}`, params };
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
  private formInfo(formIds: string[]): Map<string, FormInfo> {
    const out = new Map<string, FormInfo>();
    for (const id of formIds) {
      const versions = this.db.prepare("SELECT version, definition FROM qa_form_versions WHERE form_id = ? AND status != 'draft' ORDER BY version DESC").all(id) as { version: number; definition: string }[];
      const info: FormInfo = { title: id, questions: new Map(), scorable: new Map() };
      versions.forEach((v, i) => {
        const def = JSON.parse(v.definition) as FormDefinition;
        if (i === 0) info.title = def.title;
        const scorable = new Set<string>();
        for (const s of def.sections)
          for (const q of s.questions) {
            if (!info.questions.has(q.id)) info.questions.set(q.id, { text: q.text, section: s.title });
            if (q.weight > 0 && questionMax(q) > 0) scorable.add(q.id);
          }
        info.scorable.set(v.version, scorable);
      });
      out.set(id, info);
    }
    return out;
  }

  run(q: ParsedReportQuery, now: Date): QaReport {
    const t0 = performance.now();
    const { from, clause, params } = reportWhere(q);
    const g = GROUP[q.groupBy];
    // One pass over the covering index: every number of the report and the per-evaluation outcome
    // arrays (a few question ids each), folded in JS. Two SQL aggregates plus a scan took longer.
    interface Acc { label: string; n: number; ns: number; ss: number; mn: number | null; mx: number | null; af: number; d: number; od: number; am: number; bands: Record<string, number> }
    const fresh = (label: string): Acc => ({ label, n: 0, ns: 0, ss: 0, mn: null, mx: null, af: 0, d: 0, od: 0, am: 0, bands: {} });
    const all = fresh('');
    const byGroup = new Map<string, Acc>();
    const byBucket = new Map<number | string, Acc>();
    const failed = new Map<string, number>();
    const critical = new Map<string, number>();
    const skipped = new Map<string, number>();
    const perVersion = new Map<string, number>();
    const count = (m: Map<string, number>, form: string, json: string) => {
      if (json === '[]') return;
      for (const id of JSON.parse(json) as string[]) {
        const k = `${form}\u0000${id}`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
    };
    const add = (a: Acc, score: number | null, af: number, disputed: number, review: string | null, amendments: number, band: string) => {
      a.n++;
      if (score !== null) {
        a.ns++;
        a.ss += score;
        a.mn = a.mn === null ? score : Math.min(a.mn, score);
        a.mx = a.mx === null ? score : Math.max(a.mx, score);
      }
      a.af += af;
      a.d += disputed;
      if (review === 'disputed') a.od++;
      if (amendments > 0) a.am++;
      a.bands[band] = (a.bands[band] ?? 0) + 1;
    };
    const rows = this.db
      .prepare(
        `SELECT ${g.key} AS k, ${g.label} AS label, e.submitted_ms, e.submitted_at, e.band, e.score, e.auto_failed, e.disputed, e.review_status,
           e.amendments, e.form_id, e.form_version, e.failed_q, e.critical_q, e.skipped_q FROM ${from} ${clause}`,
      )
      .raw(true);
    type Row = [string, string, number, string, string | null, number | null, number, number, string | null, number, string, number, string, string, string];
    for (const [k, label, ms, iso, band, score, af, disputed, review, amendments, form, version, f, c, sk] of rows.iterate(params) as IterableIterator<Row>) {
      const b = band ?? '—';
      add(all, score, af, disputed, review, amendments, b);
      let grp = byGroup.get(k);
      if (!grp) byGroup.set(k, (grp = fresh(label)));
      add(grp, score, af, disputed, review, amendments, b);
      const day = Math.floor(ms / DAY_MS);
      const bucket = q.interval === 'day' ? day : q.interval === 'week' ? Math.floor((day + 3) / 7) * 7 - 3 : iso.slice(0, 7);
      let bk = byBucket.get(bucket);
      if (!bk) byBucket.set(bucket, (bk = fresh('')));
      add(bk, score, af, disputed, review, amendments, b);
      const v = `${form}\u0000${version}`;
      perVersion.set(v, (perVersion.get(v) ?? 0) + 1);
      count(failed, form, f);
      count(critical, form, c);
      count(skipped, form, sk);
    }
    const topFailed = [...failed].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);

    const formIds = new Set<string>(topFailed.map(([k]) => k.split('\u0000')[0]));
    if (q.groupBy === 'form') for (const k of byGroup.keys()) formIds.add(k);
    const forms = this.formInfo([...formIds]);

    const mean = (a: Acc) => (a.ns ? avg1(a.ss / a.ns) : null);

    const groups: QaReportGroup[] = [...byGroup]
      .map(([k, a]) => ({
        key: k,
        label: q.groupBy === 'form' ? (forms.get(k)?.title ?? k) : a.label,
        evaluations: a.n,
        averageScore: mean(a),
        minScore: a.mn,
        maxScore: a.mx,
        autoFails: a.af,
        disputes: a.d,
        bands: a.bands,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));

    const trend: QaTrendPoint[] = [...byBucket]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([b, a]) => ({
        bucket: typeof b === 'number' ? new Date(b * DAY_MS).toISOString().slice(0, 10) : `${b}-01`,
        evaluations: a.n,
        averageScore: mean(a),
        autoFails: a.af,
      }));

    const failedQuestions: QaFailedQuestion[] = topFailed.map(([k, n]) => {
      const [form, question] = k.split('\u0000');
      const f = forms.get(form);
      const qi = f?.questions.get(question);
      // Scored = evaluations whose form version can score the question, minus those that did not (N/A).
      let possible = 0;
      for (const [v, c] of perVersion) {
        const [vf, vv] = v.split('\u0000');
        if (vf === form && f?.scorable.get(Number(vv))?.has(question)) possible += c;
      }
      const answered = Math.max(n, possible - (skipped.get(k) ?? 0));
      return {
        formId: form,
        formTitle: f?.title ?? form,
        questionId: question,
        text: qi?.text ?? question,
        sectionTitle: qi?.section ?? '',
        answered,
        failed: n,
        failRate: Math.round((n / answered) * 1000) / 1000,
        criticalHits: critical.get(k) ?? 0,
      };
    });

    return {
      generatedAt: now.toISOString(),
      groupBy: q.groupBy,
      interval: q.interval,
      totals: { evaluations: all.n, averageScore: mean(all), autoFails: all.af, disputes: all.d, openDisputes: all.od, amended: all.am },
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
