// A fixed-row-height virtualised table: only the rows in view (plus overscan) are in the DOM, and
// rows come from a PagedSource that fetches pages as the viewport moves.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode, type Ref, type RefObject } from 'react';
import type { PagedSource } from '../lib/paged-source';
import './table.css';

export interface Column<T> {
  id: string;
  label: string;
  /** A CSS grid track, e.g. "160px" or "minmax(140px, 1fr)". */
  width: string;
  sortField?: string;
  align?: 'left' | 'right';
  className?: string;
  render: (row: T) => ReactNode;
  /** Tooltip text for truncated cells. */
  title?: (row: T) => string | undefined;
}

export interface SortState {
  field: string;
  dir: 'asc' | 'desc';
}

interface Props<T> {
  source: PagedSource<T>;
  columns: Column<T>[];
  rowHeight?: number;
  minWidth?: number;
  ariaLabel: string;
  rowTestId: string;
  rowAttributes?: (row: T) => Record<string, string>;
  getKey: (row: T) => string;
  sort?: SortState;
  onSort?: (field: string) => void;
  selectedIndex: number | null;
  onSelect: (index: number) => void;
  onOpen?: (row: T, index: number) => void;
  empty: ReactNode;
  /** Lets the parent focus the table. */
  tableRef?: Ref<HTMLDivElement>;
}

const OVERSCAN = 10;
const FETCH_DELAY_MS = 40;

export function VirtualTable<T>(props: Props<T>) {
  const { source, columns, rowHeight = 34, minWidth = 900, selectedIndex, onSelect, onOpen, getKey } = props;
  useSyncExternalStore(source.subscribe, source.getVersion);
  const total = source.total;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const headRef = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [headHeight, setHeadHeight] = useState(36);

  const setRefs = useCallback(
    (el: HTMLDivElement | null) => {
      scrollRef.current = el;
      const r = props.tableRef;
      if (typeof r === 'function') r(el);
      else if (r) (r as RefObject<HTMLDivElement | null>).current = el;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.tableRef],
  );

  // Track the viewport height (it changes with the window and when a hidden screen is shown).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => {
      setViewport(el.clientHeight || 600);
      if (headRef.current) setHeadHeight(headRef.current.offsetHeight || 36);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new query starts at the top.
  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [source]);

  const frame = useRef(0);
  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (scrollRef.current) setScrollTop(scrollRef.current.scrollTop);
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const count = total ?? 0;
  const bodyViewport = Math.max(0, viewport - headHeight);
  const firstVisible = Math.floor(scrollTop / rowHeight);
  const lastVisible = Math.ceil((scrollTop + bodyViewport) / rowHeight);
  const first = Math.max(0, firstVisible - OVERSCAN);
  const last = Math.min(count - 1, lastVisible + OVERSCAN);

  // Fetch the pages for the window, after the scrollbar settles for a moment (dragging the thumb
  // across 100k rows must not request every page on the way).
  useEffect(() => {
    if (total === null) {
      source.ensure(0, 0);
      return;
    }
    const t = setTimeout(() => source.ensure(firstVisible - OVERSCAN, lastVisible + OVERSCAN), FETCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [source, total, firstVisible, lastVisible]);

  const scrollIntoView = (index: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const top = index * rowHeight;
    const bottom = top + rowHeight;
    const visibleBody = el.clientHeight - headHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (bottom > el.scrollTop + visibleBody) el.scrollTop = bottom - visibleBody;
  };

  const move = (index: number) => {
    if (count === 0) return;
    const i = Math.max(0, Math.min(count - 1, index));
    onSelect(i);
    scrollIntoView(i);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor(bodyViewport / rowHeight) - 1);
    const cur = selectedIndex ?? -1;
    switch (e.key) {
      case 'ArrowDown':
        move(cur + 1);
        break;
      case 'ArrowUp':
        move(cur <= 0 ? 0 : cur - 1);
        break;
      case 'PageDown':
        move(cur + page);
        break;
      case 'PageUp':
        move(cur - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(count - 1);
        break;
      case 'Enter': {
        if (selectedIndex === null || !onOpen) return;
        const row = source.get(selectedIndex);
        if (row) onOpen(row, selectedIndex);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  const template = columns.map((c) => c.width).join(' ');
  const rows: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const row = source.get(i);
    const top = i * rowHeight;
    const selected = i === selectedIndex;
    if (!row) {
      rows.push(
        <div key={`p${i}`} className="vt-row vt-placeholder" role="row" aria-rowindex={i + 2} style={{ transform: `translateY(${top}px)`, height: rowHeight, gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div key={c.id} className="vt-cell" role="cell">
              <span className="vt-skeleton" />
            </div>
          ))}
        </div>,
      );
      continue;
    }
    rows.push(
      <div
        key={getKey(row)}
        className={`vt-row${i % 2 ? ' vt-odd' : ''}${selected ? ' vt-selected' : ''}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={selected}
        data-testid={props.rowTestId}
        {...(props.rowAttributes ? props.rowAttributes(row) : {})}
        style={{ transform: `translateY(${top}px)`, height: rowHeight, gridTemplateColumns: template }}
        onMouseDown={() => onSelect(i)}
        onDoubleClick={() => onOpen?.(row, i)}
      >
        {columns.map((c) => (
          <div key={c.id} className={`vt-cell${c.align === 'right' ? ' vt-right' : ''}${c.className ? ` ${c.className}` : ''}`} role="cell" title={c.title?.(row)}>
            {c.render(row)}
          </div>
        ))}
      </div>,
    );
  }

  const loadingFirst = total === null;
  return (
    <div
      className="vt"
      ref={setRefs}
      role="table"
      aria-label={props.ariaLabel}
      aria-rowcount={count + 1}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div className="vt-inner" style={{ minWidth }}>
        <div className="vt-head" role="row" ref={headRef} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => {
            const sorted = props.sort && c.sortField && props.sort.field === c.sortField ? props.sort.dir : null;
            return (
              <div
                key={c.id}
                role="columnheader"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                className={`vt-th${c.align === 'right' ? ' vt-right' : ''}`}
              >
                {c.sortField && props.onSort ? (
                  <button type="button" className={`vt-sort${sorted ? ' vt-sorted' : ''}`} onClick={() => props.onSort!(c.sortField!)} data-testid={`sort-${c.sortField}`}>
                    <span>{c.label}</span>
                    <span className="vt-arrow" aria-hidden="true">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                    </span>
                  </button>
                ) : (
                  <span className="vt-label">{c.label}</span>
                )}
              </div>
            );
          })}
        </div>
        {loadingFirst ? (
          <div className="vt-state">
            <span className="spinner" aria-hidden="true" /> Loading…
          </div>
        ) : count === 0 && source.error ? (
          <div className="vt-state" role="alert">
            <div className="empty">
              <h2>Could not load</h2>
              <p>{source.error instanceof Error ? source.error.message : String(source.error)}</p>
              <button type="button" className="btn" onClick={() => source.retry()}>
                Try again
              </button>
            </div>
          </div>
        ) : count === 0 ? (
          <div className="vt-state">{props.empty}</div>
        ) : (
          <div className="vt-body" role="rowgroup" style={{ height: count * rowHeight }}>
            {rows}
          </div>
        )}
      </div>
    </div>
  );
}
