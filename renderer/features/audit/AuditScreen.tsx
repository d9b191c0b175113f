// The audit trail: newest first, paged lazily like the library, with filters and a chain check.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AuditQuery } from '../../../shared/commands';
import type { AuditEntry, AuditFacets, AuditOutcome, AuditVerification } from '../../../shared/types';
import { ROLE_LABELS } from '../../../shared/permissions';
import { call } from '../../api/client';
import { useApp } from '../../app/store';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { usePagedSource } from '../../components/usePagedSource';
import { formatCount, formatDateTimeSec, localDayBoundary } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import './audit.css';

const OUTCOMES: AuditOutcome[] = ['ok', 'denied', 'invalid', 'error'];
const OUTCOME_CLASS: Record<AuditOutcome, string> = { ok: 'chip-ok', denied: 'chip-warn', invalid: 'chip-bad', error: 'chip-bad' };

function roleLabel(role: AuditEntry['role']): string {
  return role === 'system' ? 'System' : ROLE_LABELS[role];
}

const COLUMNS: Column<AuditEntry>[] = [
  { id: 'seq', label: '#', width: '64px', align: 'right', className: 'mono subtle', render: (e) => e.seq },
  { id: 'ts', label: 'Time', width: '206px', render: (e) => formatDateTimeSec(e.ts), title: (e) => e.ts },
  { id: 'actor', label: 'User', width: 'minmax(130px, 1fr)', render: (e) => e.actorName, title: (e) => `${e.actorName}${e.actorId ? ` (${e.actorId})` : ''} on ${e.device}` },
  { id: 'role', label: 'Role', width: '140px', render: (e) => roleLabel(e.role) },
  { id: 'command', label: 'Action', width: 'minmax(130px, 0.9fr)', className: 'mono', render: (e) => e.command },
  { id: 'target', label: 'Target', width: 'minmax(150px, 1.1fr)', className: 'mono', render: (e) => e.target ?? <span className="subtle">—</span>, title: (e) => e.target ?? undefined },
  {
    id: 'outcome',
    label: 'Outcome',
    width: '96px',
    render: (e) => (
      <span className={`chip ${OUTCOME_CLASS[e.outcome]}`} data-testid="audit-outcome">
        {e.outcome}
      </span>
    ),
  },
  { id: 'detail', label: 'Detail', width: 'minmax(160px, 1.6fr)', render: (e) => e.detail ?? <span className="subtle">—</span>, title: (e) => e.detail ?? undefined },
];

interface Filters {
  text: string;
  command: string;
  actorId: string;
  outcome: '' | AuditOutcome;
  from: string;
  to: string;
}

const EMPTY: Filters = { text: '', command: '', actorId: '', outcome: '', from: '', to: '' };

export function AuditScreen({ active }: { active: boolean }) {
  const reportError = useApp((s) => s.reportError);
  const canReadAll = useApp((s) => s.session?.permissions.includes('audit.read.all') ?? false);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [facets, setFacets] = useState<AuditFacets | null>(null);
  const [refreshTick, setRefreshTick] = useState(0);
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const text = useDebounced(filters.text, 250);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  const datesBad = Boolean(filters.from && filters.to && filters.from > filters.to);
  const query = useMemo(() => {
    const q: Omit<AuditQuery, 'offset' | 'limit'> = {};
    if (text.trim()) q.text = text.trim();
    if (filters.command) q.command = filters.command;
    if (filters.actorId) q.actorId = filters.actorId;
    if (filters.outcome) q.outcome = filters.outcome;
    if (!datesBad) {
      const from = filters.from ? localDayBoundary(filters.from, 'start') : undefined;
      const to = filters.to ? localDayBoundary(filters.to, 'end') : undefined;
      if (from) q.from = from;
      if (to) q.to = to;
    }
    return q;
  }, [text, filters.command, filters.actorId, filters.outcome, filters.from, filters.to, datesBad]);
  const key = JSON.stringify([query, refreshTick]);
  const fetchPage = useCallback((offset: number, limit: number) => call('audit.list', { ...query, offset, limit }), [query]);
  const onError = useCallback((e: unknown) => reportError(e, 'audit.list'), [reportError]);
  const source = usePagedSource<AuditEntry>(key, fetchPage, onError, 200);
  useSyncExternalStore(source.subscribe, source.getVersion);
  useEffect(() => setSelected(null), [source]);

  const loadFacets = useCallback(() => {
    call('audit.facets', {}).then(setFacets, (e) => reportError(e, 'audit.facets'));
  }, [reportError]);
  useEffect(loadFacets, [loadFacets]);

  // Coming back to the screen shows what happened meanwhile.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) setRefreshTick((t) => t + 1);
    wasActive.current = active;
  }, [active]);

  const refresh = () => {
    setRefreshTick((t) => t + 1);
    loadFacets();
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await call('audit.verify', {}));
    } catch (e) {
      reportError(e, 'audit.verify');
    } finally {
      setVerifying(false);
    }
  };

  const total = source.total;
  const anyFilter = Object.values(filters).some(Boolean);

  return (
    <div className="audit">
      <div className="audit-head">
        <div className="audit-title">
          <h1>Audit trail</h1>
          <span className="muted">
            {canReadAll ? 'Every action on this device, newest first.' : 'Your own actions, newest first.'} Entries are hash-chained; verify to detect tampering.
          </span>
        </div>
        <div className="audit-actions">
          <button type="button" className="btn" onClick={refresh} data-testid="audit-refresh">
            <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
              <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            Refresh
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void verify()} disabled={verifying} data-testid="audit-verify">
            {verifying ? 'Verifying…' : 'Verify integrity'}
          </button>
        </div>
      </div>

      {verification && (
        <div
          className={`verify-banner ${verification.intact ? 'verify-ok' : 'verify-bad'}`}
          role="status"
          data-testid="audit-verify-result"
          data-intact={verification.intact}
        >
          <span className="verify-icon" aria-hidden="true">
            {verification.intact ? '✓' : '!'}
          </span>
          <span className="verify-text">
            {verification.intact ? (
              <>
                <strong>Trail intact — {formatCount(verification.checked)} entries verified</strong>
                <span>The hash chain is unbroken up to entry #{verification.headSeq}.</span>
              </>
            ) : (
              <>
                <strong>
                  Tampering detected at entry #{verification.firstBad?.seq ?? '?'}: {verification.firstBad?.reason ?? 'the chain does not match'}
                </strong>
                <span>{formatCount(verification.checked)} entries checked. Entries from this point on cannot be trusted.</span>
              </>
            )}
          </span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setVerification(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}

      <div className="audit-filters" role="search">
        <input
          className="input audit-search"
          type="search"
          placeholder="Search user, action, target, detail…"
          aria-label="Search the audit trail"
          value={filters.text}
          onChange={(e) => set('text', e.target.value)}
          data-testid="audit-search"
        />
        <select className="select" value={filters.command} onChange={(e) => set('command', e.target.value)} aria-label="Action" data-testid="audit-command">
          <option value="">All actions</option>
          {(facets?.commands ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select className="select" value={filters.actorId} onChange={(e) => set('actorId', e.target.value)} aria-label="User" data-testid="audit-actor">
          <option value="">All users</option>
          {(facets?.actors ?? [])
            .filter((a): a is { id: string; name: string } => a.id !== null)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
        </select>
        <select className="select" value={filters.outcome} onChange={(e) => set('outcome', e.target.value as Filters['outcome'])} aria-label="Outcome" data-testid="audit-outcome-filter">
          <option value="">All outcomes</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <label className="inline-field">
          <span>From</span>
          <input className="input" type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} aria-invalid={datesBad || undefined} data-testid="audit-from" />
        </label>
        <label className="inline-field">
          <span>To</span>
          <input className="input" type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} aria-invalid={datesBad || undefined} data-testid="audit-to" />
        </label>
        {anyFilter && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setFilters(EMPTY)}>
            Clear
          </button>
        )}
        <span className="topbar-spacer" />
        <span className="total" data-testid="audit-total" data-total={total ?? ''}>
          {source.loading && <span className="spinner" aria-hidden="true" />} {total === null ? 'Loading…' : `${formatCount(total)} ${total === 1 ? 'entry' : 'entries'}`}
        </span>
      </div>
      {datesBad && <p className="field-error audit-error">The start date is after the end date.</p>}

      <VirtualTable<AuditEntry>
        source={source}
        columns={COLUMNS}
        rowHeight={34}
        minWidth={1080}
        ariaLabel="Audit entries"
        rowTestId="audit-row"
        rowAttributes={(e) => ({ 'data-command': e.command, 'data-outcome': e.outcome, 'data-seq': String(e.seq) })}
        getKey={(e) => String(e.seq)}
        selectedIndex={selected}
        onSelect={setSelected}
        empty={
          <div className="empty">
            <h2>{anyFilter ? 'No entries match' : 'No entries yet'}</h2>
            <p>{anyFilter ? 'Try fewer filters or a wider date range.' : 'Actions appear here as they happen.'}</p>
          </div>
        }
      />
    </div>
  );
}
