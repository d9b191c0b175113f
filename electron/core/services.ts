// The main process's services for one data directory and one store, composed once. Plain Node:
// the worker thread, the CLI and the tests all build exactly this.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { IndexReport, SessionInfo, StoreStatus, Profile } from '../../shared/types';
import { ROLE_PERMISSIONS } from '../../shared/permissions';
import { AuditLog } from './audit/audit-log';
import { EventBus } from './events';
import { openDatabase, type Db } from './db/database';
import { writeFileAtomic } from './fs-atomic';
import { indexStore, type IndexProgress } from './indexer/indexer';
import { RecordingRepo } from './library/recording-repo';
import { CONTENT_TYPES, type MediaSource } from './media/media-handler';
import { actorFor, type Actor } from './session/session';
import { ProfileRepo } from './session/profile-repo';
import { FolderStore } from './store/folder-store';
import type { RecordingStore } from './store/recording-store';

export interface ServicesOptions {
  dataDir: string;
  /** The store to use; when omitted, the one this data directory was last indexed from. */
  storeRoot?: string;
  isDemo?: boolean;
  now?: () => Date;
}

export const DB_FILE = 'earmark.db';
export const ANCHOR_FILE = 'audit-head.json';

function deviceId(dataDir: string): string {
  const file = join(dataDir, 'device.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { id: string }).id;
  const id = randomUUID();
  writeFileAtomic(file, JSON.stringify({ id }));
  return id;
}

export class Services {
  readonly db: Db;
  readonly audit: AuditLog;
  readonly recordings: RecordingRepo;
  readonly profiles: ProfileRepo;
  readonly store: RecordingStore;
  readonly device: { id: string; name: string };
  readonly now: () => Date;
  /** Progress and change notifications for the renderer (see shared/events.ts). */
  readonly events = new EventBus();
  private actor: Actor;
  private readonly granted = new Set<string>();
  private indexing: Promise<IndexReport> | null = null;

  constructor(private readonly opts: ServicesOptions) {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    this.now = opts.now ?? (() => new Date());
    this.device = { id: deviceId(opts.dataDir), name: hostname() };
    this.db = openDatabase(join(opts.dataDir, DB_FILE));
    this.audit = new AuditLog({ db: this.db, device: `${this.device.name} (${this.device.id.slice(0, 8)})`, anchorFile: join(opts.dataDir, ANCHOR_FILE), now: this.now });
    this.recordings = new RecordingRepo(this.db);
    this.profiles = new ProfileRepo(this.db);
    const remembered = this.db.prepare("SELECT value FROM meta WHERE key = 'store_root'").get() as { value: string } | undefined;
    if (opts.storeRoot) this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('store_root', ?)").run(opts.storeRoot);
    this.store = new FolderStore(opts.storeRoot ?? remembered?.value ?? '');
    this.actor = actorFor(this.profiles.active());
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
    if (!rec) return null;
    const store = this.store;
    return {
      size: rec.audio.sizeBytes,
      contentType: CONTENT_TYPES[rec.audio.format] ?? 'application/octet-stream',
      open: (start, endInclusive) => store.readAudio(rec.audioKey, { start, endInclusive }),
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

  /** One indexing run at a time; a second caller shares the run in progress. */
  reindex(onProgress?: (p: IndexProgress) => void): Promise<IndexReport> {
    const progress = (state: 'running' | 'done' | 'failed', done: number, message: string | null = null) =>
      this.events.emit({ type: 'progress', taskId: 'index', kind: 'index', subject: null, label: 'Indexing the recording store', done, total: null, unit: 'items', state, message });
    this.indexing ??= indexStore(this.store, this.db, {
      now: this.now,
      onProgress: (p) => {
        progress('running', p.scanned);
        onProgress?.(p);
      },
    })
      .then(
        (report) => {
          progress('done', report.scanned);
          if (report.added + report.updated + report.removed > 0) this.events.emit({ type: 'library.changed' });
          return report;
        },
        (err: unknown) => {
          progress('failed', 0, err instanceof Error ? err.message : String(err));
          throw err;
        },
      )
      .finally(() => (this.indexing = null));
    return this.indexing;
  }

  close(): void {
    this.db.close();
  }
}
