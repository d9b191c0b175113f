import type { ReactNode } from 'react';
import { DIRECTIONS } from '../../../shared/types';
import { capitalize } from '../../lib/format';
import { CheckList } from './CheckList';
import { activeFilterCount, filterProblems, useLibrary, type LibraryFilters } from './store';

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="filter-section">
      <h3 className="filter-title">
        {title}
        {count ? <span className="filter-count">{count}</span> : null}
      </h3>
      {children}
    </section>
  );
}

function NumberField(props: { label: string; value: string; invalid: boolean; onChange: (v: string) => void; testId: string; placeholder?: string; hint?: string }) {
  return (
    <label className="mini-field" title={props.hint}>
      <span>{props.label}</span>
      <input
        className="input input-sm"
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        placeholder={props.placeholder ?? 'any'}
        value={props.value}
        aria-invalid={props.invalid ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    </label>
  );
}

export function FilterPanel() {
  const filters = useLibrary((s) => s.filters);
  const facets = useLibrary((s) => s.facets);
  const setFilter = useLibrary((s) => s.setFilter);
  const clearFilters = useLibrary((s) => s.clearFilters);
  const problems = filterProblems(filters);
  const active = activeFilterCount(filters);
  const set = <K extends keyof LibraryFilters>(k: K) => (v: LibraryFilters[K]) => setFilter(k, v);

  return (
    <aside className="filters" aria-label="Filters" data-testid="library-filters">
      <div className="filters-head">
        <h2>Filters</h2>
        <button type="button" className="btn btn-ghost btn-sm" disabled={active === 0} onClick={clearFilters} data-testid="library-clear-filters">
          Clear{active ? ` (${active})` : ''}
        </button>
      </div>

      <Section title="Date">
        <div className="filter-stack">
          <label className="mini-field">
            <span>From</span>
            <input className="input input-sm" type="date" value={filters.from} onChange={(e) => setFilter('from', e.target.value)} data-testid="library-from" />
          </label>
          <label className="mini-field">
            <span>To</span>
            <input className="input input-sm" type="date" value={filters.to} onChange={(e) => setFilter('to', e.target.value)} data-testid="library-to" />
          </label>
        </div>
        {problems.dates && <p className="field-error">{problems.dates}</p>}
      </Section>

      <Section title="Duration (minutes)">
        <div className="filter-row">
          <label className="mini-field">
            <span>Min</span>
            <input
              className="input input-sm"
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              placeholder="0"
              value={filters.minMinutes}
              aria-invalid={problems.duration ? true : undefined}
              onChange={(e) => setFilter('minMinutes', e.target.value)}
              data-testid="library-min-duration"
            />
          </label>
          <label className="mini-field">
            <span>Max</span>
            <input
              className="input input-sm"
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              placeholder="any"
              value={filters.maxMinutes}
              aria-invalid={problems.duration ? true : undefined}
              onChange={(e) => setFilter('maxMinutes', e.target.value)}
              data-testid="library-max-duration"
            />
          </label>
        </div>
        {problems.duration && <p className="field-error">{problems.duration}</p>}
      </Section>

      <Section title="Talk analytics">
        <div className="filter-row">
          <NumberField label="Dead air ≥ (s)" value={filters.minDeadAirSec} invalid={!!problems.talk} onChange={set('minDeadAirSec')} testId="library-min-dead-air" hint="Calls whose silences of over 5 s add up to at least this many seconds" />
          <NumberField label="Overtalk ≥ (s)" value={filters.minOvertalkSec} invalid={!!problems.talk} onChange={set('minOvertalkSec')} testId="library-min-overtalk" hint="Calls where both sides spoke at once for at least this many seconds in all" />
        </div>
        <div className="filter-row filter-row-gap">
          <NumberField label="Talk ratio min" value={filters.minTalkRatio} invalid={!!problems.talk} onChange={set('minTalkRatio')} testId="library-min-talk-ratio" placeholder="0" hint="Agent talk time ÷ customer talk time (2 = the agent spoke twice as long)" />
          <NumberField label="Max" value={filters.maxTalkRatio} invalid={!!problems.talk} onChange={set('maxTalkRatio')} testId="library-max-talk-ratio" hint="Agent talk time ÷ customer talk time" />
        </div>
        {problems.talk && <p className="field-error">{problems.talk}</p>}
      </Section>

      <Section title="Direction" count={filters.directions.length}>
        <div className="segmented" role="group" aria-label="Direction">
          {DIRECTIONS.map((d) => {
            const on = filters.directions.includes(d);
            return (
              <button
                key={d}
                type="button"
                aria-pressed={on}
                className={`segment${on ? ' on' : ''}`}
                data-testid={`library-direction-${d}`}
                onClick={() => setFilter('directions', on ? filters.directions.filter((x) => x !== d) : [...filters.directions, d])}
              >
                {capitalize(d)}
              </button>
            );
          })}
        </div>
      </Section>

      <Section title="Agent" count={filters.agentIds.length}>
        <CheckList
          testId="library-agents"
          placeholder="Find an agent"
          options={(facets?.agents ?? []).map((a) => ({ value: a.id, label: a.name, hint: a.id }))}
          selected={filters.agentIds}
          onChange={set('agentIds')}
        />
      </Section>

      <Section title="Queue" count={filters.queues.length}>
        <CheckList testId="library-queues" placeholder="Find a queue" options={(facets?.queues ?? []).map((q) => ({ value: q, label: q }))} selected={filters.queues} onChange={set('queues')} />
      </Section>

      <Section title="Tag" count={filters.tags.length}>
        <CheckList testId="library-tags" placeholder="Find a tag" options={(facets?.tags ?? []).map((t) => ({ value: t, label: t }))} selected={filters.tags} onChange={set('tags')} />
      </Section>
    </aside>
  );
}
