// Lazily paged rows for one query. Pages (fixed size, keyed by offset) are fetched on demand as the
// table scrolls, cached in a Map, and dropped again when far from the viewport. A source belongs to
// one query: when the query changes the table makes a new source and disposes the old one, whose
// late responses are then ignored.
import type { Page } from '../../shared/types';

export type PageFetcher<T> = (offset: number, limit: number) => Promise<Page<T>>;

/** Pages kept on either side of the visible window before they are dropped. */
const KEEP_PAGES_AROUND = 4;

export class PagedSource<T> {
  readonly pageSize: number;
  private readonly fetchPage: PageFetcher<T>;
  private readonly onError: (error: unknown) => void;
  private readonly pages = new Map<number, T[]>();
  private readonly inflight = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private disposed = false;
  private version = 0;
  /** Null until the first page answers. */
  total: number | null = null;
  error: unknown = null;

  constructor(fetchPage: PageFetcher<T>, onError: (error: unknown) => void, pageSize = 200) {
    this.fetchPage = fetchPage;
    this.onError = onError;
    this.pageSize = pageSize;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** (Re)attach: effects call this on mount, dispose on unmount (StrictMode-safe). */
  activate(): void {
    this.disposed = false;
  }

  dispose(): void {
    this.disposed = true;
  }

  get loading(): boolean {
    return this.inflight.size > 0;
  }

  get cachedPageCount(): number {
    return this.pages.size;
  }

  /** Forget everything (after a failed first page, say) and start over. */
  retry(): void {
    this.pages.clear();
    this.total = null;
    this.error = null;
    this.bump();
    this.ensure(0, 0);
  }

  get(index: number): T | undefined {
    const offset = this.pageOffset(index);
    return this.pages.get(offset)?.[index - offset];
  }

  /** Make sure rows first..last (inclusive) are loaded or loading; drop pages far from them. */
  ensure(first: number, last: number): void {
    if (this.disposed) return;
    if (this.total === null) {
      // Until the first answer we do not know how many rows exist: ask for the top page only.
      if (!this.pages.has(0) && !this.inflight.has(0)) void this.load(0);
      return;
    }
    if (this.total === 0) return;
    first = Math.max(0, first);
    last = Math.min(this.total - 1, last);
    for (let offset = this.pageOffset(first); offset <= last; offset += this.pageSize) {
      if (!this.pages.has(offset) && !this.inflight.has(offset)) void this.load(offset);
    }
    this.evict(first, last);
  }

  private pageOffset(index: number): number {
    return Math.floor(index / this.pageSize) * this.pageSize;
  }

  private evict(first: number, last: number): void {
    const margin = KEEP_PAGES_AROUND * this.pageSize;
    for (const offset of [...this.pages.keys()]) {
      if (offset + this.pageSize <= first - margin || offset > last + margin) this.pages.delete(offset);
    }
  }

  private async load(offset: number): Promise<void> {
    this.inflight.add(offset);
    this.bump();
    try {
      const page = await this.fetchPage(offset, this.pageSize);
      if (this.disposed) return;
      this.pages.set(offset, page.rows);
      this.total = page.total;
      this.error = null;
    } catch (e) {
      if (this.disposed) return;
      this.error = e;
      if (this.total === null) this.total = 0;
      this.onError(e);
    } finally {
      this.inflight.delete(offset);
      if (!this.disposed) this.bump();
    }
  }

  private bump(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
