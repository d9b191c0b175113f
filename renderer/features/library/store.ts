// Library filters and sort. Kept in a store so they survive switching screens.
import { create } from 'zustand';
import type { LibraryQuery } from '../../../shared/commands';
import type { Direction, LibraryFacets, SortDir, SortField } from '../../../shared/types';
import { localDayBoundary } from '../../lib/format';

export interface LibraryFilters {
  text: string;
  from: string; // yyyy-mm-dd, local
  to: string;
  agentIds: string[];
  queues: string[];
  directions: Direction[];
  tags: string[];
  minMinutes: string;
  maxMinutes: string;
  /** Talk analytics: at least this much dead air / overtalk in total (seconds), agent:customer ratio bounds. */
  minDeadAirSec: string;
  minOvertalkSec: string;
  minTalkRatio: string;
  maxTalkRatio: string;
}

export const EMPTY_FILTERS: LibraryFilters = {
  text: '',
  from: '',
  to: '',
  agentIds: [],
  queues: [],
  directions: [],
  tags: [],
  minMinutes: '',
  maxMinutes: '',
  minDeadAirSec: '',
  minOvertalkSec: '',
  minTalkRatio: '',
  maxTalkRatio: '',
};

interface LibraryState {
  filters: LibraryFilters;
  sort: SortField;
  dir: SortDir;
  facets: LibraryFacets | null;
  selectedId: string | null;
  setFilter<K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]): void;
  clearFilters(): void;
  toggleSort(field: SortField): void;
  setFacets(facets: LibraryFacets | null): void;
  setSelectedId(id: string | null): void;
}

/** Sensible first direction per column: newest/longest first, text A→Z. */
const DEFAULT_DIR: Record<SortField, SortDir> = {
  startTime: 'desc',
  durationSec: 'desc',
  agentName: 'asc',
  queue: 'asc',
  direction: 'asc',
  customerRef: 'asc',
  caseNumber: 'asc',
};

export const useLibrary = create<LibraryState>()((set) => ({
  filters: EMPTY_FILTERS,
  sort: 'startTime',
  dir: 'desc',
  facets: null,
  selectedId: null,
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value } })),
  clearFilters: () => set({ filters: EMPTY_FILTERS }),
  toggleSort: (field) =>
    set((s) => (s.sort === field ? { dir: s.dir === 'asc' ? 'desc' : 'asc' } : { sort: field, dir: DEFAULT_DIR[field] })),
  setFacets: (facets) => set({ facets }),
  setSelectedId: (selectedId) => set({ selectedId }),
}));

/** A new profile starts with a clean library view. */
export function resetLibrary(): void {
  useLibrary.setState({ filters: EMPTY_FILTERS, sort: 'startTime', dir: 'desc', selectedId: null });
}

export function parseMinutes(v: string): number | undefined {
  if (v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Problems with the filters that should stop a search, shown next to the inputs. */
export function filterProblems(f: LibraryFilters): { duration?: string; dates?: string; talk?: string } {
  const out: { duration?: string; dates?: string; talk?: string } = {};
  const min = parseMinutes(f.minMinutes);
  const max = parseMinutes(f.maxMinutes);
  if ((f.minMinutes.trim() && min === undefined) || (f.maxMinutes.trim() && max === undefined)) out.duration = 'Enter minutes as a number, 0 or more.';
  else if (min !== undefined && max !== undefined && min > max) out.duration = 'The minimum is above the maximum.';
  if (f.from && f.to && f.from > f.to) out.dates = 'The start date is after the end date.';
  const talk = [f.minDeadAirSec, f.minOvertalkSec, f.minTalkRatio, f.maxTalkRatio];
  const minRatio = parseMinutes(f.minTalkRatio);
  const maxRatio = parseMinutes(f.maxTalkRatio);
  if (talk.some((v) => v.trim() && parseMinutes(v) === undefined)) out.talk = 'Enter numbers, 0 or more.';
  else if (minRatio !== undefined && maxRatio !== undefined && minRatio > maxRatio) out.talk = 'The minimum ratio is above the maximum.';
  return out;
}

export type LibrarySearch = Omit<LibraryQuery, 'offset' | 'limit'>;

/** The library.search input for the filters (minus paging), with empty filters left out. */
export function toQuery(f: LibraryFilters, text: string, sort: SortField, dir: SortDir): LibrarySearch {
  const q: LibrarySearch = { sort, dir };
  const t = text.trim();
  if (t) q.text = t;
  if (f.agentIds.length) q.agentIds = f.agentIds;
  if (f.queues.length) q.queues = f.queues;
  if (f.directions.length) q.directions = f.directions;
  if (f.tags.length) q.tags = f.tags;
  const from = f.from ? localDayBoundary(f.from, 'start') : undefined;
  const to = f.to ? localDayBoundary(f.to, 'end') : undefined;
  if (from) q.from = from;
  if (to) q.to = to;
  const min = parseMinutes(f.minMinutes);
  const max = parseMinutes(f.maxMinutes);
  if (min !== undefined) q.minDurationSec = Math.round(min * 60);
  if (max !== undefined) q.maxDurationSec = Math.round(max * 60);
  const deadAir = parseMinutes(f.minDeadAirSec);
  const overtalk = parseMinutes(f.minOvertalkSec);
  const minRatio = parseMinutes(f.minTalkRatio);
  const maxRatio = parseMinutes(f.maxTalkRatio);
  if (deadAir !== undefined) q.minDeadAirSec = deadAir;
  if (overtalk !== undefined) q.minOvertalkSec = overtalk;
  if (minRatio !== undefined) q.minTalkRatio = minRatio;
  if (maxRatio !== undefined) q.maxTalkRatio = maxRatio;
  return q;
}

export function activeFilterCount(f: LibraryFilters): number {
  return (
    (f.from ? 1 : 0) +
    (f.to ? 1 : 0) +
    (f.agentIds.length ? 1 : 0) +
    (f.queues.length ? 1 : 0) +
    (f.directions.length ? 1 : 0) +
    (f.tags.length ? 1 : 0) +
    (f.minMinutes.trim() ? 1 : 0) +
    (f.maxMinutes.trim() ? 1 : 0) +
    (f.minDeadAirSec.trim() ? 1 : 0) +
    (f.minOvertalkSec.trim() ? 1 : 0) +
    (f.minTalkRatio.trim() ? 1 : 0) +
    (f.maxTalkRatio.trim() ? 1 : 0)
  );
}
