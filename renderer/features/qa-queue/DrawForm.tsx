// Drawing a random sample: N calls per agent in a period, with filters and an optional seed. The
// backend records the seed and a hash of the eligible calls, so anyone can re-draw and compare.
import { useEffect, useState } from 'react';
import type { SampleDetail, SampleFilters, FormSummary } from '../../../shared/qa-types';
import type { LibraryFacets } from '../../../shared/types';
import { call, isCommandError } from '../../api/client';
import { useApp } from '../../app/store';
import { CheckList } from '../library/CheckList';
import { LAST_FORM_KEY, localDay } from '../qa-common/qa-format';

interface Fields {
  name: string;
  from: string;
  to: string;
  perAgent: string;
  seed: string;
  formId: string;
  queues: string[];
  agentIds: string[];
  minMin: string;
  maxMin: string;
  minDeadAir: string;
  maxDeadAir: string;
  minOvertalk: string;
  maxOvertalk: string;
}

function num(v: string): number | undefined {
  if (!v.trim()) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : NaN;
}

export function DrawForm({ forms, onDrawn, onCancel }: { forms: FormSummary[]; onDrawn: (d: SampleDetail) => void; onCancel: () => void }) {
  const reportError = useApp((s) => s.reportError);
  const [facets, setFacets] = useState<LibraryFacets | null>(null);
  const [f, setF] = useState<Fields>({
    name: '',
    from: localDay(-7),
    to: localDay(0),
    perAgent: '4',
    seed: '',
    formId: forms.find((x) => x.id === localStorage.getItem(LAST_FORM_KEY))?.id ?? forms[0]?.id ?? '',
    queues: [],
    agentIds: [],
    minMin: '',
    maxMin: '',
    minDeadAir: '',
    maxDeadAir: '',
    minOvertalk: '',
    maxOvertalk: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Fields>(k: K, v: Fields[K]) => setF((x) => ({ ...x, [k]: v }));

  useEffect(() => {
    call('library.facets', {}).then(
      (fc) => {
        setFacets(fc);
        // Default the period to the last week of calls the library actually has.
        if (fc.latest) {
          const latest = new Date(fc.latest);
          const from = new Date(latest);
          from.setDate(from.getDate() - 6);
          const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
          setF((x) => ({ ...x, from: day(from), to: day(latest) }));
        }
      },
      (e) => reportError(e, 'library.facets'),
    );
  }, [reportError]);

  const perAgent = Number(f.perAgent);
  const numbers = [f.minMin, f.maxMin, f.minDeadAir, f.maxDeadAir, f.minOvertalk, f.maxOvertalk].map(num);
  const problem =
    !f.from || !f.to
      ? 'Choose the period.'
      : f.from > f.to
        ? 'The period ends before it starts.'
        : !Number.isInteger(perAgent) || perAgent < 1 || perAgent > 100
          ? 'Calls per agent: a whole number from 1 to 100.'
          : numbers.some((n) => Number.isNaN(n))
            ? 'Durations, dead air and overtalk are numbers, 0 or more.'
            : !f.formId
              ? 'Choose the form to score with.'
              : null;

  const draw = async () => {
    if (problem) return;
    const [minMin, maxMin, minDA, maxDA, minOT, maxOT] = numbers;
    const filters: SampleFilters = {};
    if (f.queues.length) filters.queues = f.queues;
    if (f.agentIds.length) filters.agentIds = f.agentIds;
    if (minMin !== undefined) filters.minDurationSec = Math.round(minMin * 60);
    if (maxMin !== undefined) filters.maxDurationSec = Math.round(maxMin * 60);
    if (minDA !== undefined) filters.minDeadAirSec = minDA;
    if (maxDA !== undefined) filters.maxDeadAirSec = maxDA;
    if (minOT !== undefined) filters.minOvertalkSec = minOT;
    if (maxOT !== undefined) filters.maxOvertalkSec = maxOT;
    setBusy(true);
    setError(null);
    try {
      const d = await call('qa.samples.draw', {
        ...(f.name.trim() ? { name: f.name.trim() } : {}),
        from: f.from,
        to: f.to,
        perAgent,
        ...(f.seed.trim() ? { seed: f.seed.trim() } : {}),
        formId: f.formId,
        filters,
      });
      onDrawn(d);
    } catch (e) {
      if (isCommandError(e) && e.code === 'invalid_input') setError(e.message);
      else reportError(e, 'qa.samples.draw');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="qa-card draw-form" data-testid="draw-form">
      <div className="qa-card-head">
        <h2>Draw a random sample</h2>
        <span className="subtle">The seed, filters and the eligible calls are recorded, so the draw can be checked later.</span>
      </div>
      <div className="qa-card-body draw-grid">
        <div className="draw-col">
          <label className="field">
            <span className="field-label">Name</span>
            <input className="input" value={f.name} onChange={(e) => set('name', e.target.value)} placeholder="e.g. Week 47 — Billing" maxLength={120} data-testid="draw-name" />
          </label>
          <div className="draw-row">
            <label className="field">
              <span className="field-label">Calls from</span>
              <input className="input" type="date" value={f.from} onChange={(e) => set('from', e.target.value)} data-testid="draw-from" />
            </label>
            <label className="field">
              <span className="field-label">to</span>
              <input className="input" type="date" value={f.to} onChange={(e) => set('to', e.target.value)} data-testid="draw-to" />
            </label>
          </div>
          <div className="draw-row">
            <label className="field">
              <span className="field-label">Calls per agent</span>
              <input className="input" type="number" min={1} max={100} value={f.perAgent} onChange={(e) => set('perAgent', e.target.value)} data-testid="draw-per-agent" />
            </label>
            <label className="field">
              <span className="field-label">Seed</span>
              <input className="input mono" value={f.seed} onChange={(e) => set('seed', e.target.value)} placeholder="random" maxLength={64} data-testid="draw-seed" />
            </label>
          </div>
          <label className="field">
            <span className="field-label">Score with form</span>
            <select className="select" value={f.formId} onChange={(e) => set('formId', e.target.value)} data-testid="draw-form-select">
              {forms.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title} (v{x.publishedVersion})
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="draw-col">
          <span className="field-label">Duration (minutes)</span>
          <div className="draw-row">
            <input className="input" inputMode="decimal" placeholder="min" value={f.minMin} onChange={(e) => set('minMin', e.target.value)} aria-label="Minimum duration in minutes" />
            <input className="input" inputMode="decimal" placeholder="max" value={f.maxMin} onChange={(e) => set('maxMin', e.target.value)} aria-label="Maximum duration in minutes" />
          </div>
          <span className="field-label">Dead air (seconds in total)</span>
          <div className="draw-row">
            <input className="input" inputMode="decimal" placeholder="min" value={f.minDeadAir} onChange={(e) => set('minDeadAir', e.target.value)} aria-label="Minimum dead air in seconds" />
            <input className="input" inputMode="decimal" placeholder="max" value={f.maxDeadAir} onChange={(e) => set('maxDeadAir', e.target.value)} aria-label="Maximum dead air in seconds" />
          </div>
          <span className="field-label">Overtalk (seconds in total)</span>
          <div className="draw-row">
            <input className="input" inputMode="decimal" placeholder="min" value={f.minOvertalk} onChange={(e) => set('minOvertalk', e.target.value)} aria-label="Minimum overtalk in seconds" />
            <input className="input" inputMode="decimal" placeholder="max" value={f.maxOvertalk} onChange={(e) => set('maxOvertalk', e.target.value)} aria-label="Maximum overtalk in seconds" />
          </div>
          <p className="subtle draw-note">Dead-air and overtalk filters keep only calls whose talk analytics have been computed.</p>
        </div>
        <div className="draw-col">
          <span className="field-label">Queues {f.queues.length ? `(${f.queues.length})` : '(all)'}</span>
          <CheckList testId="draw-queues" placeholder="Find a queue" options={(facets?.queues ?? []).map((q) => ({ value: q, label: q }))} selected={f.queues} onChange={(v) => set('queues', v)} />
        </div>
        <div className="draw-col">
          <span className="field-label">Agents {f.agentIds.length ? `(${f.agentIds.length})` : '(all)'}</span>
          <CheckList
            testId="draw-agents"
            placeholder="Find an agent"
            options={(facets?.agents ?? []).map((a) => ({ value: a.id, label: a.name, hint: a.id }))}
            selected={f.agentIds}
            onChange={(v) => set('agentIds', v)}
          />
        </div>
      </div>
      <div className="draw-foot">
        {(error || problem) && <span className="field-error">{error ?? problem}</span>}
        <span className="topbar-spacer" />
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void draw()} disabled={Boolean(problem) || busy} data-testid="draw-submit">
          {busy ? 'Drawing…' : 'Draw sample'}
        </button>
      </div>
    </div>
  );
}
