// The cache's bookkeeping in the database (migration 2): which token holds which recording, sizes,
// access times, per-entry time-to-live, pins, and the cache-wide limits (in `meta`).
import type { Db } from '../db/database';
import type { CacheLimits } from '../../../shared/cache-types';

export interface EntryRow {
  id: string;
  token: string;
  version: string;
  size: number;
  disk_bytes: number;
  created_ms: number;
  accessed_ms: number;
  ttl_ms: number | null;
  pin_reason: string | null;
}

export interface AuxRow {
  id: string;
  name: string;
  token: string;
  size: number;
}

export const DEFAULT_LIMITS: CacheLimits = { capBytes: 2 * 1024 ** 3, ttlSec: 30 * 24 * 3600 };
const CAP_KEY = 'cache_cap_bytes';
const TTL_KEY = 'cache_ttl_sec';

const SELECT_ENTRY = `SELECT e.*, p.reason AS pin_reason FROM cache_entries e LEFT JOIN cache_pins p ON p.id = e.id`;

export class CacheIndex {
  constructor(private readonly db: Db) {}

  limits(): CacheLimits {
    const get = (k: string) => (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(k) as { value: string } | undefined)?.value;
    const cap = Number(get(CAP_KEY));
    const ttl = Number(get(TTL_KEY));
    return {
      capBytes: Number.isFinite(cap) && cap > 0 ? cap : DEFAULT_LIMITS.capBytes,
      ttlSec: Number.isFinite(ttl) && ttl > 0 ? ttl : DEFAULT_LIMITS.ttlSec,
    };
  }

  setLimits(l: Partial<CacheLimits>): void {
    const put = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.db.transaction(() => {
      if (l.capBytes !== undefined) put.run(CAP_KEY, String(Math.round(l.capBytes)));
      if (l.ttlSec !== undefined) put.run(TTL_KEY, String(Math.round(l.ttlSec)));
    })();
  }

  get(id: string): EntryRow | null {
    return (this.db.prepare(`${SELECT_ENTRY} WHERE e.id = ?`).get(id) as EntryRow | undefined) ?? null;
  }

  all(): EntryRow[] {
    return this.db.prepare(`${SELECT_ENTRY} ORDER BY e.accessed_ms DESC`).all() as EntryRow[];
  }

  /** Oldest access first: the eviction order. */
  byAccess(): EntryRow[] {
    return this.db.prepare(`${SELECT_ENTRY} ORDER BY e.accessed_ms ASC`).all() as EntryRow[];
  }

  /** Replaces any previous entry of the recording (its aux rows go with it). */
  put(row: Omit<EntryRow, 'pin_reason'>): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM cache_entries WHERE id = ?').run(row.id);
      this.db
        .prepare('INSERT INTO cache_entries (id, token, version, size, disk_bytes, created_ms, accessed_ms, ttl_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(row.id, row.token, row.version, row.size, row.disk_bytes, row.created_ms, row.accessed_ms, row.ttl_ms);
    })();
  }

  touch(id: string, ms: number): void {
    this.db.prepare('UPDATE cache_entries SET accessed_ms = ? WHERE id = ? AND accessed_ms < ?').run(ms, id, ms);
  }

  /** Removes the entry's rows; returns the tokens whose files should go. */
  remove(id: string, token?: string): string[] {
    return this.db.transaction(() => {
      const e = this.db.prepare('SELECT token FROM cache_entries WHERE id = ?').get(id) as { token: string } | undefined;
      if (!e || (token !== undefined && e.token !== token)) return [];
      const aux = this.auxOf(id).map((a) => a.token);
      this.db.prepare('DELETE FROM cache_entries WHERE id = ?').run(id);
      return [e.token, ...aux];
    })();
  }

  auxOf(id: string): AuxRow[] {
    return this.db.prepare('SELECT * FROM cache_aux WHERE id = ? ORDER BY name').all(id) as AuxRow[];
  }

  aux(id: string, name: string): AuxRow | null {
    return (this.db.prepare('SELECT * FROM cache_aux WHERE id = ? AND name = ?').get(id, name) as AuxRow | undefined) ?? null;
  }

  /** Records an aux blob; returns the token it replaced, if any. */
  putAux(row: AuxRow, diskBytes: number): string | null {
    return this.db.transaction(() => {
      const old = this.aux(row.id, row.name);
      if (old) this.db.prepare('DELETE FROM cache_aux WHERE id = ? AND name = ?').run(row.id, row.name);
      this.db.prepare('INSERT INTO cache_aux (id, name, token, size) VALUES (?, ?, ?, ?)').run(row.id, row.name, row.token, row.size);
      this.db.prepare('UPDATE cache_entries SET disk_bytes = disk_bytes + ? WHERE id = ?').run(diskBytes, row.id);
      return old?.token ?? null;
    })();
  }

  removeAux(id: string, name: string): string | null {
    const old = this.aux(id, name);
    if (old) this.db.prepare('DELETE FROM cache_aux WHERE id = ? AND name = ?').run(id, name);
    return old?.token ?? null;
  }

  allTokens(): Set<string> {
    const rows = this.db.prepare('SELECT token FROM cache_entries UNION ALL SELECT token FROM cache_aux').all() as { token: string }[];
    return new Set(rows.map((r) => r.token));
  }

  pin(id: string, reason: string, ms: number): void {
    this.db.prepare('INSERT INTO cache_pins (id, reason, pinned_ms) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET reason = excluded.reason').run(id, reason, ms);
  }

  unpin(id: string): boolean {
    return this.db.prepare('DELETE FROM cache_pins WHERE id = ?').run(id).changes > 0;
  }

  totals(): { size: number; disk: number; items: number; pinned: number } {
    const t = this.db
      .prepare(
        `SELECT COALESCE(SUM(e.size), 0) AS size, COALESCE(SUM(e.disk_bytes), 0) AS disk, COUNT(*) AS items, COUNT(p.id) AS pinned
         FROM cache_entries e LEFT JOIN cache_pins p ON p.id = e.id`,
      )
      .get() as { size: number; disk: number; items: number; pinned: number };
    return t;
  }
}
