// QA reports: evaluations, average score, trend, the questions failed most, auto-fails and disputes,
// grouped by agent, team, queue, evaluator or form, with filters and CSV export.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReportQuery } from '../../../shared/catalogue/qa';
import type { QaFacets, QaReport, ReportGroupBy, ReportInterval } from '../../../shared/qa-types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { formatCount, formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { downloadText } from '../qa-common/download';
import { formatPercent } from '../../lib/format';
import { formatScore, localDay } from '../qa-common/qa-format';
import { TrendChart, type TrendPoint } from '../qa-common/TrendChart';
import { useEvaluation } from '../evaluation/store';
import './reports.css';

const GROUP_LABELS: Record<ReportGroupBy, string> = { agent: 'Agent', team: 'Team', queue: 'Queue', evaluator: 'Evaluator', form: 'Form' };
const INTERVAL_LABELS: Record<ReportInterval, string> = { day: 'Day', week: 'Week', month: 'Month' };

interface Filters {
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  interval: ReportInterval;
  agentId: string;
  team: string;
  queue: string;
  formId: string;
}

const INITIAL: Filters = { from: localDay(-90), to: localDay(0), groupBy: 'agent', interval: 'week', agentId: '', team: '', queue: '', formId: '' };

const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

function bucketLabel(bucket: string, interval: ReportInterval): string {
  const d = new Date(bucket.length === 10 ? `${bucket}T00:00:00Z` : bucket);
  if (Number.isNaN(d.getTime())) return bucket;
  return interval === 'month' ? monthFmt.format(d) : dayFmt.format(d);
}

function toQuery(f: Filters): ReportQuery {
  const q: ReportQuery = { groupBy: f.groupBy, interval: f.interval };
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.agentId) q.agentIds = [f.agentId];
  if (f.team) q.teams = [f.team];
  if (f.queue) q.queues = [f.queue];
  if (f.formId) q.formIds = [f.formId];
  return q;
}

export function ReportsScreen({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const changedTick = useEvaluation((s) => s.changedTick);
  const [filters, setFilters] = useState<Filters>(INITIAL);
  const [facets, setFacets] = useState<QaFacets | null>(null);
  const [report, setReport] = useState<QaReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState<null | 'evaluations' | 'summary'>(null);
  const [refreshTick, setRefreshTick] = useState(0);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  const datesBad = Boolean(filters.from && filters.to && filters.from > filters.to);
  const settled = useDebounced(filters, 200);
  const query = useMemo(() => toQuery(settled), [settled]);

  useEffect(() => {
    call('qa.facets', {}).then(setFacets, (e) => reportError(e, 'qa.facets'));
  }, [reportError, refreshTick]);

  useEffect(() => {
    if (datesBad) return;
    let live = true;
    setLoading(true);
    call('qa.reports.run', query).then(
      (r) => live && setReport(r),
      (e) => live && reportError(e, 'qa.reports.run'),
    ).finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query, datesBad, refreshTick, reportError]);

  // Coming back to the screen (or an evaluation submitted meanwhile) shows the latest numbers.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) setRefreshTick((t) => t + 1);
    wasActive.current = active;
  }, [active]);
  useEffect(() => {
    if (changedTick > 0) setRefreshTick((t) => t + 1);
  }, [changedTick]);

  const exportCsv = useCallback(
    async (kind: 'evaluations' | 'summary') => {
      setExporting(kind);
      try {
        const out = await call('qa.reports.exportCsv', { ...query, kind });
        downloadText(out.fileName, out.csv, 'text/csv');
      } catch (e) {
        reportError(e, 'qa.reports.exportCsv');
      } finally {
        setExporting(null);
      }
    },
    [query, reportError],
  );

  const trend: TrendPoint[] = useMemo(
    () => (report?.trend ?? []).map((p) => ({ label: bucketLabel(p.bucket, report!.interval), value: p.averageScore, count: p.evaluations })),
    [report],
  );
  const anyFilter = filters.agentId || filters.team || filters.queue || filters.formId;
  const t = report?.totals;
  const maxGroupEvals = Math.max(1, ...(report?.groups ?? []).map((g) => g.evaluations));

  return (
    <div className="qa-page reports" data-testid="reports-screen">
      <div className="qa-head">
        <div className="qa-title">
          <h1>QA reports</h1>
          <span className="muted">Submitted evaluations (current scores, after amendments) in the period they were submitted.</span>
        </div>
        <div className="qa-actions">
          <button type="button" className="btn" onClick={() => void exportCsv('summary')} disabled={!report || exporting !== null} data-testid="reports-export-summary">
            {exporting === 'summary' ? 'Exporting…' : 'Export summary CSV'}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void exportCsv('evaluations')} disabled={!report || exporting !== null} data-testid="reports-export">
            {exporting === 'evaluations' ? 'Exporting…' : 'Export evaluations CSV'}
          </button>
        </div>
      </div>

      <div className="qa-filters" role="search">
        <label className="field">
          <span className="field-label">From</span>
          <input className="input" type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} aria-invalid={datesBad || undefined} data-testid="reports-from" />
        </label>
        <label className="field">
          <span className="field-label">To</span>
          <input className="input" type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} aria-invalid={datesBad || undefined} data-testid="reports-to" />
        </label>
        <label className="field">
          <span className="field-label">Group by</span>
          <select className="select" value={filters.groupBy} onChange={(e) => set('groupBy', e.target.value as ReportGroupBy)} data-testid="reports-groupby">
            {Object.entries(GROUP_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Trend by</span>
          <select className="select" value={filters.interval} onChange={(e) => set('interval', e.target.value as ReportInterval)} data-testid="reports-interval">
            {Object.entries(INTERVAL_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <FacetSelect label="Agent" all="All agents" value={filters.agentId} onChange={(v) => set('agentId', v)} options={(facets?.agents ?? []).map((a) => [a.id, a.name])} testId="reports-agent" />
        <FacetSelect label="Team" all="All teams" value={filters.team} onChange={(v) => set('team', v)} options={(facets?.teams ?? []).map((x) => [x, x])} />
        <FacetSelect label="Queue" all="All queues" value={filters.queue} onChange={(v) => set('queue', v)} options={(facets?.queues ?? []).map((x) => [x, x])} />
        <FacetSelect label="Form" all="All forms" value={filters.formId} onChange={(v) => set('formId', v)} options={(facets?.forms ?? []).map((x) => [x.id, x.title])} />
        {anyFilter && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setFilters((f) => ({ ...f, agentId: '', team: '', queue: '', formId: '' }))}>
            Clear
          </button>
        )}
        {loading && <span className="spinner" aria-label="Loading" />}
      </div>
      {datesBad && <p className="field-error">The start date is after the end date.</p>}

      <div className="qa-kpis" data-testid="reports-totals" data-evaluations={t?.evaluations ?? ''}>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Evaluations</span>
          <span className="qa-kpi-value" data-testid="reports-count">
            {t ? formatCount(t.evaluations) : '—'}
          </span>
          <span className="qa-kpi-sub">{t ? `${formatCount(t.amended)} amended` : ''}</span>
        </div>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Average score</span>
          <span className="qa-kpi-value" data-testid="reports-average">
            {formatScore(t?.averageScore ?? null)}
          </span>
          <span className="qa-kpi-sub">out of 100</span>
        </div>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Auto-fails</span>
          <span className={`qa-kpi-value${t && t.autoFails > 0 ? ' kpi-bad' : ''}`}>{t ? formatCount(t.autoFails) : '—'}</span>
          <span className="qa-kpi-sub">{t && t.evaluations > 0 ? `${formatPercent(t.autoFails / t.evaluations)} of evaluations` : ''}</span>
        </div>
        <div className="qa-card qa-kpi">
          <span className="qa-kpi-label">Disputes</span>
          <span className="qa-kpi-value">{t ? formatCount(t.disputes) : '—'}</span>
          <span className="qa-kpi-sub">{t ? `${formatCount(t.openDisputes)} open` : ''}</span>
        </div>
      </div>

      <div className="qa-card">
        <div className="qa-card-head">
          <h2>Average score by {INTERVAL_LABELS[filters.interval].toLowerCase()}</h2>
        </div>
        <div className="qa-card-body">
          <TrendChart points={trend} testId="reports-trend" />
        </div>
      </div>

      <div className="reports-grid">
        <div className="qa-card">
          <div className="qa-card-head">
            <h2>By {GROUP_LABELS[report?.groupBy ?? filters.groupBy].toLowerCase()}</h2>
          </div>
          <div className="qa-table-wrap">
            {report && report.groups.length === 0 ? (
              <p className="qa-empty-note">No submitted evaluations match. Widen the period or clear filters.</p>
            ) : (
              <table className="qa-table" data-testid="reports-groups">
                <thead>
                  <tr>
                    <th>{GROUP_LABELS[report?.groupBy ?? filters.groupBy]}</th>
                    <th className="num">Evaluations</th>
                    <th className="num">Average</th>
                    <th className="num">Range</th>
                    <th className="num">Auto-fails</th>
                    <th className="num">Disputes</th>
                  </tr>
                </thead>
                <tbody>
                  {(report?.groups ?? []).map((g) => (
                    <tr key={g.key} data-testid="reports-group" data-key={g.key}>
                      <td>
                        <div className="group-cell">
                          <span>{g.label}</span>
                          <span className="bar group-bar">
                            <span className="bar-fill" style={{ width: `${(g.evaluations / maxGroupEvals) * 100}%` }} />
                          </span>
                        </div>
                      </td>
                      <td className="num">{formatCount(g.evaluations)}</td>
                      <td className="num">
                        <strong>{formatScore(g.averageScore)}</strong>
                      </td>
                      <td className="num subtle">
                        {formatScore(g.minScore)}–{formatScore(g.maxScore)}
                      </td>
                      <td className={`num${g.autoFails ? ' cell-bad' : ''}`}>{g.autoFails}</td>
                      <td className="num">{g.disputes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>

        <div className="qa-card">
          <div className="qa-card-head">
            <h2>Questions failed most</h2>
          </div>
          {report && report.failedQuestions.length === 0 ? (
            <p className="qa-empty-note">No failed questions in this selection.</p>
          ) : (
            <ol className="failed-list" data-testid="reports-failed">
              {(report?.failedQuestions ?? []).map((q) => (
                <li key={`${q.formId}:${q.questionId}`} className="failed-item">
                  <div className="failed-text">
                    <span>{q.text}</span>
                    <span className="subtle">
                      {q.formTitle} · {q.sectionTitle}
                      {q.criticalHits > 0 ? ` · ${q.criticalHits} critical` : ''}
                    </span>
                  </div>
                  <div className="failed-rate">
                    <span className="bar">
                      <span className="bar-fill bad" style={{ width: `${Math.round(q.failRate * 100)}%` }} />
                    </span>
                    <span className="failed-num">
                      {formatPercent(q.failRate)} <span className="subtle">({q.failed}/{q.answered})</span>
                    </span>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      {report && (
        <p className="subtle reports-foot">
          Generated {formatDateTime(report.generatedAt)} in {report.tookMs} ms.
        </p>
      )}
    </div>
  );
}

/** A filter menu over one facet: "All …" plus each value, labelled. */
function FacetSelect(p: { label: string; all: string; value: string; onChange(v: string): void; options: [value: string, label: string][]; testId?: string }) {
  return (
    <label className="field">
      <span className="field-label">{p.label}</span>
      <select className="select" value={p.value} onChange={(e) => p.onChange(e.target.value)} data-testid={p.testId}>
        <option value="">{p.all}</option>
        {p.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}
