// The recording library: filters on the left, a virtualised, lazily paged table on the right.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Direction, RecordingRow, SortField } from '../../../shared/types';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { usePagedSource } from '../../components/usePagedSource';
import { formatCount, formatDateTime, formatDuration, capitalize } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { FilterPanel } from './FilterPanel';
import { TranscriptHits } from './TranscriptHits';
import { activeFilterCount, filterProblems, toQuery, useLibrary } from './store';
import './library.css';

const PAGE_SIZE = 200;
const SEARCH_DEBOUNCE_MS = 250;

const DIRECTION_ICON: Record<Direction, string> = { inbound: '↙', outbound: '↗', internal: '↔' };

const COLUMNS: Column<RecordingRow>[] = [
  { id: 'start', label: 'Start time', width: '188px', sortField: 'startTime', render: (r) => formatDateTime(r.startTime), title: (r) => r.startTime },
  { id: 'duration', label: 'Duration', width: '86px', sortField: 'durationSec', align: 'right', render: (r) => formatDuration(r.durationSec) },
  {
    id: 'agent',
    label: 'Agent',
    width: 'minmax(140px, 1.3fr)',
    sortField: 'agentName',
    render: (r) => r.agentName,
    title: (r) => `${r.agentName} (${r.agentId})${r.team ? ` · ${r.team}` : ''}`,
  },
  { id: 'queue', label: 'Queue', width: 'minmax(110px, 1fr)', sortField: 'queue', render: (r) => r.queue ?? <span className="subtle">—</span>, title: (r) => r.queue ?? undefined },
  {
    id: 'direction',
    label: 'Direction',
    width: '118px',
    sortField: 'direction',
    render: (r) => (
      <span className={`dir dir-${r.direction}`}>
        <span className="dir-icon" aria-hidden="true">
          {DIRECTION_ICON[r.direction]}
        </span>
        {capitalize(r.direction)}
      </span>
    ),
  },
  {
    id: 'customer',
    label: 'Customer ref',
    width: 'minmax(132px, 1fr)',
    sortField: 'customerRef',
    className: 'mono',
    render: (r) => r.customerRef ?? <span className="subtle">—</span>,
    title: (r) => r.customerRef ?? undefined,
  },
  { id: 'case', label: 'Case', width: 'minmax(96px, 0.9fr)', sortField: 'caseNumber', className: 'mono', render: (r) => r.caseNumber ?? <span className="subtle">—</span> },
  {
    id: 'tags',
    label: 'Tags',
    width: 'minmax(120px, 1.4fr)',
    render: (r) =>
      r.tags.length ? (
        <span className="chips">
          {r.tags.map((t) => (
            <span key={t} className="chip">
              {t}
            </span>
          ))}
        </span>
      ) : null,
    title: (r) => (r.tags.length ? r.tags.join(', ') : undefined),
  },
];

export function LibraryScreen({ active }: { active: boolean }) {
  const filters = useLibrary((s) => s.filters);
  const sort = useLibrary((s) => s.sort);
  const dir = useLibrary((s) => s.dir);
  const setFilter = useLibrary((s) => s.setFilter);
  const toggleSort = useLibrary((s) => s.toggleSort);
  const setFacets = useLibrary((s) => s.setFacets);
  const openRecording = useApp((s) => s.openRecording);
  const reportError = useApp((s) => s.reportError);
  const focusSearchTick = useApp((s) => s.focusSearchTick);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  const text = useDebounced(filters.text, SEARCH_DEBOUNCE_MS);
  const problems = filterProblems(filters);
  const blocked = Boolean(problems.dates || problems.duration || problems.talk);
  // While the filters are contradictory, keep showing the last valid search.
  const lastQuery = useRef(toQuery(filters, text, sort, dir));
  if (!blocked) lastQuery.current = toQuery(filters, text, sort, dir);
  const query = lastQuery.current;
  const key = JSON.stringify(query);

  const fetchPage = useCallback((offset: number, limit: number) => call('library.search', { ...query, offset, limit }), [query]);
  const onError = useCallback((e: unknown) => reportError(e, 'library.search'), [reportError]);
  const source = usePagedSource<RecordingRow>(key, fetchPage, onError, PAGE_SIZE);
  useSyncExternalStore(source.subscribe, source.getVersion);

  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => setSelected(null), [source]);

  useEffect(() => {
    let live = true;
    call('library.facets', {}).then(
      (f) => live && setFacets(f),
      (e) => live && reportError(e, 'library.facets'),
    );
    return () => {
      live = false;
    };
  }, [setFacets, reportError]);

  useEffect(() => {
    if (focusSearchTick === 0) return;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [focusSearchTick]);

  const total = source.total;
  const searching = source.loading || text !== filters.text;
  const filterCount = activeFilterCount(filters) + (text.trim() ? 1 : 0);
  const sortState = useMemo(() => ({ field: sort, dir }), [sort, dir]);

  return (
    <div className="library" data-active={active}>
      <FilterPanel />
      <div className="library-main">
        <div className="toolbar">
          <div className="search">
            <span className="search-icon" aria-hidden="true">
              <svg viewBox="0 0 16 16" width="14" height="14">
                <circle cx="7" cy="7" r="4.8" fill="none" stroke="currentColor" strokeWidth="1.6" />
                <path d="M10.6 10.6 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
              </svg>
            </span>
            <input
              ref={searchRef}
              className="input search-input"
              type="search"
              placeholder="Search calls and what was said in them…"
              aria-label="Search recordings"
              data-testid="library-search"
              value={filters.text}
              onChange={(e) => setFilter('text', e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.nativeEvent.isComposing)) {
                  e.preventDefault();
                  tableRef.current?.focus();
                  if (selected === null && (source.total ?? 0) > 0) setSelected(0);
                } else if (e.key === 'Escape' && filters.text) {
                  setFilter('text', '');
                }
              }}
            />
            {!filters.text && <kbd className="search-kbd">/</kbd>}
          </div>
          <div className="toolbar-info">
            {searching && <span className="spinner" aria-label="Searching" />}
            <span className="total" data-testid="library-total" data-total={total ?? ''}>
              {total === null ? 'Loading…' : `${formatCount(total)} ${total === 1 ? 'recording' : 'recordings'}`}
            </span>
            {filterCount > 0 && total !== null && <span className="subtle">matching {filterCount === 1 ? '1 filter' : `${filterCount} filters`}</span>}
          </div>
          <span className="toolbar-hint subtle">
            <kbd>↑</kbd> <kbd>↓</kbd> select · <kbd>Enter</kbd> open
          </span>
        </div>
        <TranscriptHits text={text} />
        <VirtualTable<RecordingRow>
          source={source}
          columns={COLUMNS}
          rowHeight={34}
          minWidth={980}
          ariaLabel="Recordings"
          rowTestId="library-row"
          rowAttributes={(r) => ({ 'data-id': r.id })}
          getKey={(r) => r.id}
          sort={sortState}
          onSort={(f) => toggleSort(f as SortField)}
          selectedIndex={selected}
          onSelect={setSelected}
          onOpen={(r) => openRecording(r.id)}
          tableRef={tableRef}
          empty={
            filterCount > 0 ? (
              <div className="empty">
                <h2>No recordings match</h2>
                <p>Try a wider date range or fewer filters.</p>
              </div>
            ) : (
              <div className="empty">
                <h2>The library is empty</h2>
                <p>No recordings have been indexed from the store yet.</p>
              </div>
            )
          }
        />
      </div>
    </div>
  );
}
