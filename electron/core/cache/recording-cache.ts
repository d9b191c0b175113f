// The encrypted recording cache: audio fetched from the store is kept in <data>/cache/ as
// AES-256-GCM segmented files (segment-format.ts) under per-file keys wrapped by the master key.
// Policy: a size cap with least-recently-used eviction, a time-to-live, pins that outrank both, and
// clear-now. A file that fails authentication is never served: the entry is evicted, reported (the
// owner audits it) and fetched again. Aux blobs (e.g. waveform peaks) are encrypted the same way.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { addAbortSignal, Readable } from 'node:stream';
import type { CacheClearResult, CacheEntryInfo, CacheLimits, CacheStats, CacheVerifyReport, DownloadProgress } from '../../../shared/cache-types';
import type { Db } from '../db/database';
import { DownloadCancelledError, EncryptedFileReader, writeEncryptedFile } from './cache-file';
import { DecryptPool } from './decrypt-pool';
import { CacheIndex, type EntryRow } from './cache-index';
import { CacheIntegrityError, DEFAULT_SEGMENT_SIZE } from './segment-format';

export { CacheIntegrityError } from './segment-format';
export { DownloadCancelledError } from './cache-file';

/** Where a recording's bytes come from when they are not cached (the store). */
export interface CacheSource {
  /** The store's version of the recording; a cached copy of another version is stale. */
  version: string;
  /** Exact size in bytes. */
  size: number;
  /** The whole recording, streamed. */
  open(): Readable;
}

export interface RecordingCacheOptions {
  /** The cache folder (created 0700). */
  dir: string;
  db: Db;
  /** 32 bytes from the vault; wraps every per-file key. */
  masterKey: Buffer;
  now?: () => number;
  segmentSize?: number;
  /** A cached file failed authentication and was evicted: audit it. */
  onIntegrityFailure?(id: string, detail: string): void;
  onProgress?(p: DownloadProgress): void;
  /** An after-complete hook threw. */
  onHookError?(id: string, err: unknown): void;
  progressIntervalMs?: number;
  /** Test hook passed to the writer (slow writes for crash tests). */
  afterBatch?(): Promise<void> | void;
}

export type EntryCompleteHook = (id: string) => void | Promise<void>;

const EXT = '.emc';
const TMP_EXT = '.part';
const AUX_NAME = /^[a-z][a-z0-9-]{0,31}$/;
/** Open files kept for the next range request of the same recording (a player asks many times). */
const OPEN_READERS = 8;
/** Orphan files younger than this may belong to another process that is about to index them. */
const ORPHAN_GRACE_MS = 60_000;

interface Download {
  promise: Promise<EntryRow>;
  controller: AbortController;
  progress: DownloadProgress;
}

const binding = (id: string, token: string) => `${id}\0${token}`;
const auxBinding = (id: string, name: string, token: string) => `${id}\0${token}\0aux:${name}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class RecordingCache {
  private readonly index: CacheIndex;
  private readonly dir: string;
  private readonly tmpDir: string;
  private readonly masterKey: Buffer;
  private readonly now: () => number;
  private readonly segmentSize: number;
  private readonly downloads = new Map<string, Download>();
  private readonly hooks = new Set<EntryCompleteHook>();
  private readonly pendingHooks = new Set<Promise<void>>();
  private readonly readers = new Map<string, { reader: Promise<EncryptedFileReader>; refs: number; gone: boolean }>();
  private closed = false;
  /** Worker threads for long sequential reads (started on first use). */
  private readonly pool = new DecryptPool();

  constructor(private readonly opts: RecordingCacheOptions) {
    if (!Buffer.isBuffer(opts.masterKey) || opts.masterKey.length !== 32) throw new RangeError('the cache master key must be 32 bytes');
    this.masterKey = Buffer.from(opts.masterKey);
    this.index = new CacheIndex(opts.db);
    this.dir = opts.dir;
    this.tmpDir = join(opts.dir, 'tmp');
    this.now = opts.now ?? Date.now;
    this.segmentSize = opts.segmentSize ?? DEFAULT_SEGMENT_SIZE;
    mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
    this.sweep();
  }

  // ---- paths and housekeeping ---------------------------------------------------------------------

  private fileOf(token: string): string {
    return join(this.dir, token + EXT);
  }

  private tmpOf(token: string): string {
    return join(this.tmpDir, `${token}.${process.pid}${TMP_EXT}`);
  }

  private unlink(tokens: Iterable<string>): void {
    for (const t of tokens) {
      const open = this.readers.get(t);
      if (open) {
        open.gone = true;
        this.readers.delete(t);
        if (open.refs === 0) void open.reader.then((r) => r.close()).catch(() => undefined);
      }
      try {
        rmSync(this.fileOf(t), { force: true });
      } catch {
        // Still open elsewhere (Windows): the next sweep removes it once it is no longer indexed.
      }
    }
  }

  /**
   * Removes what a crash can leave behind: temp files of dead processes, cache files no entry
   * names, and entries whose file is gone. Runs at start-up.
   */
  private sweep(): void {
    for (const name of readdirSync(this.tmpDir)) {
      const pid = Number(/\.(\d+)\.part$/.exec(name)?.[1]);
      if (!Number.isInteger(pid) || pid === process.pid || !alive(pid)) rmSync(join(this.tmpDir, name), { force: true });
    }
    const known = this.index.allTokens();
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith(EXT) || known.has(name.slice(0, -EXT.length))) continue;
      const file = join(this.dir, name);
      try {
        if (Date.now() - statSync(file).mtimeMs > ORPHAN_GRACE_MS) rmSync(file, { force: true });
      } catch {
        /* removed meanwhile */
      }
    }
    for (const row of this.index.all()) {
      try {
        statSync(this.fileOf(row.token));
      } catch {
        this.index.remove(row.id, row.token);
      }
    }
  }

  // ---- policy ---------------------------------------------------------------------------------------

  limits(): CacheLimits {
    return this.index.limits();
  }

  /** Changes the cap and/or time-to-live and applies them at once. */
  setLimits(l: Partial<CacheLimits>): CacheLimits {
    if (l.capBytes !== undefined && (!Number.isFinite(l.capBytes) || l.capBytes <= 0)) throw new RangeError('the cache size cap must be positive');
    if (l.ttlSec !== undefined && (!Number.isFinite(l.ttlSec) || l.ttlSec <= 0)) throw new RangeError('the time-to-live must be positive');
    this.index.setLimits(l);
    this.enforce();
    return this.limits();
  }

  private expired(row: EntryRow): boolean {
    if (row.pin_reason !== null) return false;
    const ttlMs = row.ttl_ms ?? this.limits().ttlSec * 1000;
    return row.created_ms + ttlMs <= this.now();
  }

  /**
   * Drops expired entries, then least recently used unpinned ones until the cache fits its cap.
   * `keep` (the entry just written) is never the one dropped for space.
   */
  enforce(keep?: string): void {
    const { capBytes } = this.limits();
    let disk = this.index.totals().disk;
    for (const row of this.index.byAccess()) {
      const tooBig = disk > capBytes && row.pin_reason === null && row.id !== keep;
      if (!this.expired(row) && !tooBig) continue;
      this.unlink(this.index.remove(row.id, row.token));
      disk -= row.disk_bytes;
    }
  }

  pin(id: string, reason: string): void {
    const why = reason.trim();
    if (!why) throw new RangeError('a pin needs a reason');
    this.index.pin(id, why.slice(0, 500), this.now());
  }

  unpin(id: string): boolean {
    const removed = this.index.unpin(id);
    if (removed) this.enforce();
    return removed;
  }

  evict(id: string): boolean {
    const tokens = this.index.remove(id);
    this.unlink(tokens);
    return tokens.length > 0;
  }

  /** "Clear cache now": every unpinned entry goes; pinned ones (legal hold) stay. */
  clear(): CacheClearResult {
    let removed = 0;
    let freedBytes = 0;
    let keptPinned = 0;
    for (const row of this.index.all()) {
      if (row.pin_reason !== null) {
        keptPinned++;
        continue;
      }
      this.unlink(this.index.remove(row.id, row.token));
      removed++;
      freedBytes += row.disk_bytes;
    }
    return { removed, freedBytes, keptPinned };
  }

  stats(): CacheStats {
    const t = this.index.totals();
    return { ...this.limits(), sizeBytes: t.size, diskBytes: t.disk, items: t.items, pinned: t.pinned, downloads: this.activeDownloads() };
  }

  list(): CacheEntryInfo[] {
    const iso = (ms: number) => new Date(ms).toISOString();
    const ttlMs = this.limits().ttlSec * 1000;
    return this.index.all().map((r) => ({
      id: r.id,
      sizeBytes: r.size,
      diskBytes: r.disk_bytes,
      createdAt: iso(r.created_ms),
      lastAccessAt: iso(r.accessed_ms),
      expiresAt: r.pin_reason !== null ? null : iso(r.created_ms + (r.ttl_ms ?? ttlMs)),
      pinned: r.pin_reason,
    }));
  }

  /** Whether a usable (complete, current, unexpired) copy is cached. */
  has(id: string, version?: string): boolean {
    const row = this.index.get(id);
    return !!row && (version === undefined || row.version === version) && !this.expired(row);
  }

  // ---- downloads ------------------------------------------------------------------------------------

  activeDownloads(): DownloadProgress[] {
    return [...this.downloads.values()].map((d) => ({ ...d.progress }));
  }

  cancelDownload(id: string): boolean {
    const d = this.downloads.get(id);
    if (!d) return false;
    d.controller.abort();
    return true;
  }

  /** Runs after each entry is completely written (e.g. to compute waveform peaks). Returns unsubscribe. */
  onEntryComplete(hook: EntryCompleteHook): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** Resolves once every after-complete hook started so far has finished. */
  async idle(): Promise<void> {
    while (this.pendingHooks.size) await Promise.allSettled([...this.pendingHooks]);
  }

  /** The cached entry for `id`, fetching it from `source` first if it is missing, stale or expired. */
  async ensure(id: string, source: CacheSource): Promise<EntryRow> {
    if (this.closed) throw new Error('the cache is closed');
    const row = this.index.get(id);
    if (row && row.version === source.version && row.size === source.size && !this.expired(row)) return row;
    const running = this.downloads.get(id);
    if (running) return running.promise;
    return this.download(id, source);
  }

  private download(id: string, source: CacheSource): Promise<EntryRow> {
    const controller = new AbortController();
    const progress: DownloadProgress = { id, receivedBytes: 0, totalBytes: source.size, state: 'running' };
    const interval = this.opts.progressIntervalMs ?? 150;
    let lastEmit = 0;
    const emit = (force: boolean) => {
      const t = Date.now();
      if (!force && t - lastEmit < interval) return;
      lastEmit = t;
      this.opts.onProgress?.({ ...progress });
    };
    const run = async (): Promise<EntryRow> => {
      const token = randomBytes(16).toString('hex');
      emit(true);
      try {
        const stream = addAbortSignal(controller.signal, source.open());
        const diskBytes = await writeEncryptedFile(this.fileOf(token), this.tmpOf(token), stream, {
          masterKey: this.masterKey,
          binding: binding(id, token),
          size: source.size,
          segmentSize: this.segmentSize,
          signal: controller.signal,
          onBytes: (n) => {
            progress.receivedBytes = n;
            emit(false);
          },
          afterBatch: this.opts.afterBatch,
        });
        if (this.closed) {
          this.unlink([token]);
          throw new DownloadCancelledError('the cache was closed during the download');
        }
        const t = this.now();
        const row = { id, token, version: source.version, size: source.size, disk_bytes: diskBytes, created_ms: t, accessed_ms: t, ttl_ms: null };
        const replaced = this.index.remove(id);
        this.index.put(row);
        this.unlink(replaced);
        progress.receivedBytes = source.size;
        progress.state = 'done';
        emit(true);
        this.enforce(id);
        this.runHooks(id);
        return this.index.get(id) ?? { ...row, pin_reason: null };
      } catch (err) {
        const cancelled = controller.signal.aborted || err instanceof DownloadCancelledError;
        progress.state = cancelled ? 'cancelled' : 'failed';
        progress.message = cancelled ? 'cancelled' : `the recording could not be fetched from the store (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
        emit(true);
        throw cancelled ? new DownloadCancelledError() : err;
      } finally {
        this.downloads.delete(id);
      }
    };
    const promise = run();
    this.downloads.set(id, { promise, controller, progress });
    // Callers that gave up waiting must not turn a cancellation into an unhandled rejection.
    promise.catch(() => undefined);
    return promise;
  }

  private runHooks(id: string): void {
    for (const hook of this.hooks) {
      const p: Promise<void> = (async () => hook(id))()
        .catch((err) => this.opts.onHookError?.(id, err))
        .finally(() => this.pendingHooks.delete(p));
      this.pendingHooks.add(p);
    }
  }

  // ---- reading --------------------------------------------------------------------------------------

  /** Evicts an entry that failed authentication and reports it (once per file). */
  private quarantine(row: EntryRow, err: CacheIntegrityError): void {
    const tokens = this.index.remove(row.id, row.token);
    if (tokens.length === 0) return; // somebody already did
    this.unlink(tokens);
    this.opts.onIntegrityFailure?.(row.id, `cached copy failed authentication: ${err.message}; evicted`);
  }

  /** A shared open reader of the entry's file (header already authenticated); release it after use. */
  private async acquire(row: EntryRow): Promise<{ reader: EncryptedFileReader; release(): void }> {
    let slot = this.readers.get(row.token);
    if (slot) this.readers.delete(row.token); // re-inserted below: the map's order is recency
    else slot = { reader: EncryptedFileReader.open(this.fileOf(row.token), this.masterKey, binding(row.id, row.token), this.pool), refs: 0, gone: false };
    this.readers.set(row.token, slot);
    slot.refs++;
    const s = slot;
    const release = () => {
      s.refs--;
      if (s.refs === 0 && (s.gone || !this.readers.has(row.token))) void s.reader.then((r) => r.close()).catch(() => undefined);
    };
    try {
      const reader = await s.reader;
      this.pruneReaders();
      return { reader, release };
    } catch (err) {
      if (this.readers.get(row.token) === s) this.readers.delete(row.token);
      s.refs--;
      throw err;
    }
  }

  private pruneReaders(): void {
    for (const [token, slot] of this.readers) {
      if (this.readers.size <= OPEN_READERS) break;
      if (slot.refs > 0) continue;
      this.readers.delete(token);
      void slot.reader.then((r) => r.close()).catch(() => undefined);
    }
  }

  /**
   * Plaintext [start, endInclusive] of a cached entry, decrypting only the segments involved.
   * Throws CacheIntegrityError (after evicting and reporting) if any segment is bad.
   */
  private async *readRow(row: EntryRow, start: number, endInclusive: number): AsyncGenerator<Buffer> {
    let lease: { reader: EncryptedFileReader; release(): void };
    try {
      lease = await this.acquire(row);
      if (lease.reader.size !== row.size) {
        lease.release();
        throw new CacheIntegrityError(`the file holds ${lease.reader.size} bytes, the index says ${row.size}`);
      }
    } catch (err) {
      if (err instanceof CacheIntegrityError) this.quarantine(row, err);
      else if ((err as NodeJS.ErrnoException).code === 'ENOENT' && this.index.get(row.id)?.token === row.token) {
        this.quarantine(row, new CacheIntegrityError('the cached file is missing'));
        throw new CacheIntegrityError('the cached file is missing');
      }
      throw err;
    }
    try {
      this.index.touch(row.id, this.now());
      yield* lease.reader.range(start, endInclusive);
    } catch (err) {
      if (err instanceof CacheIntegrityError) this.quarantine(row, err);
      throw err;
    } finally {
      lease.release();
    }
  }

  /** Cached bytes only (no fetching); null when the recording is not cached. */
  read(id: string, start = 0, endInclusive?: number): AsyncGenerator<Buffer> | null {
    const row = this.index.get(id);
    if (!row) return null;
    return this.readRow(row, start, endInclusive ?? row.size - 1);
  }

  /**
   * Bytes [start, endInclusive] of a recording for playback: fetched into the cache first if needed,
   * then decrypted on the fly. A cached copy that fails authentication is evicted and fetched again
   * once; the bad segment's bytes are never emitted.
   */
  openRange(id: string, source: CacheSource, start: number, endInclusive: number): Readable {
    return Readable.from(this.serve(id, source, start, endInclusive), { objectMode: false, highWaterMark: 1 });
  }

  private async *serve(id: string, source: CacheSource, start: number, endInclusive: number): AsyncGenerator<Buffer> {
    let pos = start;
    for (let attempt = 0; pos <= endInclusive; attempt++) {
      const row = await this.ensure(id, source);
      if (endInclusive >= row.size) throw new RangeError(`range end ${endInclusive} is past the recording (${row.size} bytes)`);
      try {
        for await (const chunk of this.readRow(row, pos, endInclusive)) {
          pos += chunk.length;
          yield chunk;
        }
      } catch (err) {
        const retriable = err instanceof CacheIntegrityError || (err as NodeJS.ErrnoException).code === 'ENOENT';
        if (!retriable || attempt >= 1) throw err;
      }
    }
  }

  // ---- aux blobs ------------------------------------------------------------------------------------

  /** Stores a small blob beside a cached entry, encrypted; it goes when the entry goes. */
  async putAux(id: string, name: string, bytes: Uint8Array): Promise<void> {
    if (!AUX_NAME.test(name)) throw new RangeError(`bad aux name "${name}"`);
    if (!this.index.get(id)) throw new Error(`recording ${id} is not cached`);
    const token = randomBytes(16).toString('hex');
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const disk = await writeEncryptedFile(this.fileOf(token), this.tmpOf(token), [data], {
      masterKey: this.masterKey,
      binding: auxBinding(id, name, token),
      size: data.length,
      segmentSize: this.segmentSize,
    });
    let replaced: string | null;
    try {
      replaced = this.index.putAux({ id, name, token, size: data.length }, disk);
    } catch (err) {
      this.unlink([token]); // the entry went while we wrote
      throw err;
    }
    if (replaced) this.unlink([replaced]);
  }

  /** The blob, or null when there is none (or it failed authentication: then it is removed and reported). */
  async getAux(id: string, name: string): Promise<Buffer | null> {
    const row = this.index.aux(id, name);
    if (!row) return null;
    try {
      const reader = await EncryptedFileReader.open(this.fileOf(row.token), this.masterKey, auxBinding(id, name, row.token));
      try {
        const parts: Buffer[] = [];
        if (reader.size === 0) await reader.verifyAll();
        else for await (const c of reader.range(0, reader.size - 1)) parts.push(c);
        return Buffer.concat(parts);
      } finally {
        await reader.close();
      }
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      if (!(err instanceof CacheIntegrityError) && !missing) throw err;
      const token = this.index.removeAux(id, name);
      if (token) this.unlink([token]);
      this.opts.onIntegrityFailure?.(id, `cached ${name} failed authentication: ${missing ? 'the file is missing' : (err as Error).message}; removed`);
      return null;
    }
  }

  // ---- verification ---------------------------------------------------------------------------------

  /** Authenticates every segment of every entry and aux blob; changes nothing. */
  async verify(): Promise<CacheVerifyReport> {
    const bad: CacheVerifyReport['bad'] = [];
    const rows = this.index.all();
    for (const row of rows) {
      const files = [
        { what: 'audio', token: row.token, bind: binding(row.id, row.token), size: row.size as number | null },
        ...this.index.auxOf(row.id).map((a) => ({ what: a.name, token: a.token, bind: auxBinding(row.id, a.name, a.token), size: a.size as number | null })),
      ];
      for (const f of files) {
        try {
          const reader = await EncryptedFileReader.open(this.fileOf(f.token), this.masterKey, f.bind, this.pool);
          try {
            if (f.size !== null && reader.size !== f.size) throw new CacheIntegrityError(`holds ${reader.size} bytes, the index says ${f.size}`);
            await reader.verifyAll();
          } finally {
            await reader.close();
          }
        } catch (err) {
          const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the cached file is missing' : (err as Error).message;
          bad.push({ id: row.id, reason: f.what === 'audio' ? reason : `${f.what}: ${reason}` });
        }
      }
    }
    return { checked: rows.length, bad };
  }

  /** Cancels downloads in progress; the cache refuses new work afterwards. */
  close(): void {
    this.closed = true;
    for (const d of this.downloads.values()) d.controller.abort();
    this.unlinkReaders();
    void this.pool.close();
  }

  private unlinkReaders(): void {
    for (const [token, slot] of this.readers) {
      this.readers.delete(token);
      slot.gone = true;
      if (slot.refs === 0) void slot.reader.then((r) => r.close()).catch(() => undefined);
    }
  }
}
