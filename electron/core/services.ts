// The main process's services for one data directory and one store, composed once. Plain Node:
// the worker thread, the CLI and the tests all build exactly this, through the async Services.open
// (the keys come from the OS keychain, which answers asynchronously).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { IndexReport, SessionInfo, StoreStatus, Profile } from '../../shared/types';
import type { AnalyticsSettings } from '../../shared/player-types';
import { ROLE_PERMISSIONS } from '../../shared/permissions';
import { AuditLog } from './audit/audit-log';
import { EventBus } from './events';
import { DEFAULT_DEAD_AIR_SEC } from './analytics/talk-analytics';
import type { FileDialogs } from './dialogs';
import { DatabaseKeyError, isPlaintextDatabase, openDatabase, type Db } from './db/database';
import { writeFileAtomic } from './fs-atomic';
import { RecordingCache, type CacheSource } from './cache/recording-cache';
import { indexStore, type IndexProgress } from './indexer/indexer';
import { RecordingRepo } from './library/recording-repo';
import { CONTENT_TYPES, type MediaSource } from './media/media-handler';
import { actorFor, type Actor } from './session/session';
import { ProfileRepo } from './session/profile-repo';
import { FolderStore } from './store/folder-store';
import type { RecordingStore } from './store/recording-store';
import type { OpenVault } from './vault/key-vault';
import { openKeychainVault } from './vault/keychain-vault';
import { Vault } from './vault/vault';

export interface ServicesOptions {
  dataDir: string;
  /** The store to use; when omitted, the one this data directory was last indexed from. */
  storeRoot?: string;
  isDemo?: boolean;
  now?: () => Date;
  /** Opens this installation's key vault; the OS keychain unless a test injects its own. */
  openVault?: OpenVault;
  /** Native file dialogs (Electron), or the CLI's/tests' stand-ins; absent: commands that need one say so. */
  dialogs?: FileDialogs;
}

export const DB_FILE = 'earmark.db';
export const ANCHOR_FILE = 'audit-head.json';
export const DEVICE_FILE = 'device.json';
/** The encrypted recording cache's folder (see cache/recording-cache.ts). */
export const CACHE_DIR = 'cache';

/**
 * Everything "Remove all local data" deletes from a data directory, device.json last (it names the
 * installation whose keys are destroyed). A feature that keeps files in the data directory adds its
 * file or folder name here.
 */
export const LOCAL_DATA_ENTRIES: string[] = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`, ANCHOR_FILE, CACHE_DIR];

/** This data directory's installation id, or null before its first open. */
export function readInstallationId(dataDir: string): string | null {
  const file = join(dataDir, DEVICE_FILE);
  if (!existsSync(file)) return null;
  const id = (JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown }).id;
  if (typeof id !== 'string' || !id) throw new Error(`${file} is damaged: it names no installation id`);
  return id;
}

/** Deletes the data directory's files (after its keys are destroyed); the directory goes if left empty. */
export function removeLocalDataFiles(dataDir: string): void {
  for (const name of [...LOCAL_DATA_ENTRIES, DEVICE_FILE]) rmSync(join(dataDir, name), { recursive: true, force: true });
  for (const name of existsSync(dataDir) ? readdirSync(dataDir) : []) {
    if (name.endsWith('.tmp')) rmSync(join(dataDir, name), { force: true });
  }
  try {
    rmdirSync(dataDir);
  } catch {
    /* not empty (someone else's files) or already gone */
  }
}

/** What Services.open resolved asynchronously, handed to the synchronous constructor. */
interface Opened {
  vault: Vault;
  db: Db;
  anchorKey: Buffer;
  cacheMasterKey: Buffer;
  device: { id: string; name: string };
}

export class Services {
  readonly vault: Vault;
  readonly db: Db;
  readonly audit: AuditLog;
  readonly recordings: RecordingRepo;
  readonly profiles: ProfileRepo;
  readonly store: RecordingStore;
  readonly device: { id: string; name: string };
  readonly now: () => Date;
  /** Progress and change notifications for the renderer (see shared/events.ts). */
  readonly events = new EventBus();
  /** Where a command asks the person to pick a file; null where there is nobody to ask. */
  get dialogs(): FileDialogs | null {
    return this.opts.dialogs ?? null;
  }
  /** Recordings fetched from the store, kept encrypted on disk (size cap, TTL, pins). */
  readonly cache: RecordingCache;
  private actor: Actor;
  private readonly granted = new Set<string>();
  private indexing: Promise<IndexReport> | null = null;
  private keysDestroyed = false;

  /**
   * Opens the data directory: the keychain first (nothing is written if it is unreachable), then the
   * installation id, the database key and the encrypted database. Throws KeychainUnavailableError,
   * DatabaseKeyError or DatabaseVersionError with a message fit to show as is.
   */
  static async open(opts: ServicesOptions): Promise<Services> {
    const known = readInstallationId(opts.dataDir);
    const id = known ?? randomUUID();
    const vault = new Vault(await (opts.openVault ?? openKeychainVault)(id));
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    if (!known) writeFileAtomic(join(opts.dataDir, DEVICE_FILE), JSON.stringify({ id }));
    const dbFile = join(opts.dataDir, DB_FILE);
    // A key is minted only for a new or a still-plaintext database; an encrypted one without its key
    // stays closed rather than being silently replaced by an empty database.
    let dbKey = await vault.existingDatabaseKey();
    if (!dbKey) {
      if (existsSync(dbFile) && !isPlaintextDatabase(dbFile)) {
        throw new DatabaseKeyError(
          `the keychain holds no key for the local database in ${opts.dataDir} (its keys were destroyed, or the keychain was reset): the data cannot be decrypted. Remove that folder to start afresh`,
        );
      }
      dbKey = await vault.databaseKey();
    }
    const anchorKey = await vault.auditAnchorKey();
    const cacheMasterKey = await vault.cacheMasterKey();
    const db = openDatabase(dbFile, dbKey);
    try {
      return new Services(opts, { vault, db, anchorKey, cacheMasterKey, device: { id, name: hostname() } });
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private constructor(
    private readonly opts: ServicesOptions,
    opened: Opened,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.vault = opened.vault;
    this.db = opened.db;
    this.device = opened.device;
    this.audit = new AuditLog({
      db: this.db,
      device: `${this.device.name} (${this.device.id.slice(0, 8)})`,
      anchorFile: join(opts.dataDir, ANCHOR_FILE),
      anchorKey: opened.anchorKey,
      now: this.now,
    });
    this.recordings = new RecordingRepo(this.db);
    this.profiles = new ProfileRepo(this.db);
    const remembered = this.db.prepare("SELECT value FROM meta WHERE key = 'store_root'").get() as { value: string } | undefined;
    if (opts.storeRoot) this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('store_root', ?)").run(opts.storeRoot);
    this.store = new FolderStore(opts.storeRoot ?? remembered?.value ?? '');
    this.actor = actorFor(this.profiles.active());
    this.cache = new RecordingCache({
      dir: join(opts.dataDir, CACHE_DIR),
      db: this.db,
      masterKey: opened.cacheMasterKey,
      now: () => this.now().getTime(),
      onIntegrityFailure: (id, detail) =>
        this.audit.append({
          actorId: this.actor.profile?.id ?? null,
          actorName: this.actor.name,
          role: this.actor.principal,
          command: 'cache.integrity',
          target: `recording:${id}`,
          outcome: 'error',
          detail: `${detail}; it will be fetched again from the store`,
        }),
      onProgress: (p) =>
        this.events.emit({
          type: 'progress',
          taskId: `download:${p.id}`,
          kind: 'download',
          subject: p.id,
          label: `Downloading ${p.id}`,
          done: p.receivedBytes,
          total: p.totalBytes,
          unit: 'bytes',
          state: p.state,
          message: p.message ?? null,
        }),
    });
  }

  /** Where the cache fetches a recording from: its audio in the store, at the indexed version. */
  cacheSource(id: string): CacheSource | null {
    const rec = this.recordings.detail(id);
    const row = this.db.prepare('SELECT version FROM recordings WHERE id = ?').get(id) as { version: string } | undefined;
    if (!rec || !row) return null;
    const store = this.store;
    return { version: row.version, size: rec.audio.sizeBytes, open: () => store.readAudio(rec.audioKey) };
  }

  currentActor(): Actor {
    return this.actor;
  }

  switchTo(profile: Profile | null): void {
    this.granted.clear();
    this.profiles.setActive(profile?.id ?? null, this.now());
    this.actor = actorFor(profile);
  }

  grantMedia(id: string): void {
    this.granted.add(id);
  }

  /** The audio of a recording the current session has opened, or null (served as 404). */
  mediaSource(id: string): MediaSource | null {
    if (!this.granted.has(id)) {
      this.audit.append({
        actorId: this.actor.profile?.id ?? null,
        actorName: this.actor.name,
        role: this.actor.principal,
        command: 'media.read',
        target: `recording:${id}`,
        outcome: 'denied',
        detail: 'audio requested without opening the recording',
      });
      return null;
    }
    const rec = this.recordings.detail(id);
    const source = this.cacheSource(id);
    if (!rec || !source) return null;
    // Served from the encrypted cache, decrypted on the fly; fetched into it first when missing.
    return {
      size: rec.audio.sizeBytes,
      contentType: CONTENT_TYPES[rec.audio.format] ?? 'application/octet-stream',
      open: (start, endInclusive) => this.cache.openRange(id, source, start, endInclusive),
    };
  }

  storeStatus(): StoreStatus {
    return { kind: 'folder', root: this.store.location, isDemo: this.opts.isDemo ?? false, recordings: this.recordings.count(), lastIndex: this.recordings.lastIndex() };
  }

  sessionInfo(): SessionInfo {
    const principal = this.actor.principal === 'system' ? 'administrator' : this.actor.principal;
    return {
      profile: this.actor.profile,
      principal,
      permissions: [...ROLE_PERMISSIONS[principal]],
      profiles: this.profiles.list(),
      device: this.device,
      store: this.storeStatus(),
    };
  }

  /** Talk analytics settings of this device, kept in the encrypted database. */
  analyticsSettings(): AnalyticsSettings {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'analytics.deadAirThresholdSec'").get() as { value: string } | undefined;
    const sec = row ? Number(row.value) : NaN;
    return { deadAirThresholdSec: Number.isFinite(sec) && sec > 0 ? sec : DEFAULT_DEAD_AIR_SEC };
  }

  setAnalyticsSettings(s: AnalyticsSettings): AnalyticsSettings {
    this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('analytics.deadAirThresholdSec', ?)").run(String(s.deadAirThresholdSec));
    return this.analyticsSettings();
  }

  /** One indexing run at a time; a second caller shares the run in progress. */
  reindex(onProgress?: (p: IndexProgress) => void): Promise<IndexReport> {
    const progress = (state: 'running' | 'done' | 'failed', done: number, message: string | null = null) =>
      this.events.emit({ type: 'progress', taskId: 'index', kind: 'index', subject: null, label: 'Indexing the recording store', done, total: null, unit: 'items', state, message });
    if (this.indexing) return this.indexing;
    const threshold = this.analyticsSettings().deadAirThresholdSec;
    this.indexing = indexStore(this.store, this.db, {
      now: this.now,
      analytics: { deadAirThresholdSec: threshold },
      onProgress: (p) => {
        if (p.toAnalyse === undefined) progress('running', p.scanned);
        else {
          // The talk-analytics pass after the listing: one decode per new or changed call.
          const state = p.analysed === p.toAnalyse ? 'done' : 'running';
          this.events.emit({ type: 'progress', taskId: 'analysis', kind: 'analysis', subject: null, label: 'Analysing calls (talk analytics)', done: p.analysed ?? 0, total: p.toAnalyse, unit: 'items', state, message: null });
        }
        onProgress?.(p);
      },
    })
      .then(
        (report) => {
          progress('done', report.scanned);
          if (report.added + report.updated + report.removed + (report.analysed ?? 0) > 0) this.events.emit({ type: 'library.changed' });
          return report;
        },
        (err: unknown) => {
          progress('failed', 0, err instanceof Error ? err.message : String(err));
          throw err;
        },
      )
      .finally(() => (this.indexing = null))
      // The threshold changed while this run analysed with the old one: analyse again.
      .then((report) => (this.analyticsSettings().deadAirThresholdSec === threshold ? report : this.reindex(onProgress)));
    return this.indexing;
  }

  get dataDir(): string {
    return this.opts.dataDir;
  }

  /** True once "remove all local data" destroyed the keys: the backend then closes and deletes the files. */
  get destroyed(): boolean {
    return this.keysDestroyed;
  }

  /**
   * Crypto-shredding of one profile: its signing key first (if the keychain refuses, the profile
   * stays), then the profile itself. Audit entries keep the name it acted under.
   */
  async removeProfile(profileId: string): Promise<{ keyDestroyed: boolean; signedOut: boolean }> {
    const keyDestroyed = await this.vault.destroyProfileKey(profileId);
    const signedOut = this.actor.profile?.id === profileId;
    if (signedOut) this.switchTo(null);
    this.profiles.remove(profileId);
    return { keyDestroyed, signedOut };
  }

  /**
   * Destroys every key of this installation. The open connection keeps its derived key, so the
   * command's own audit entry is still written; the backend then closes and deletes the files.
   */
  async destroyKeys(): Promise<number> {
    const n = await this.vault.destroyAll();
    this.keysDestroyed = true;
    this.granted.clear();
    return n;
  }

  close(): void {
    this.cache.close();
    if (this.db.open) this.db.close();
  }
}
