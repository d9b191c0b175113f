// Domain types that cross the main/renderer boundary. Plain data only: everything here must survive
// structured clone (IPC, worker postMessage) and JSON (CLI --json).
import type { Permission, Principal, Role } from './permissions';
import type { TalkAnalytics } from './player-types';

export type Direction = 'inbound' | 'outbound' | 'internal';
export const DIRECTIONS: readonly Direction[] = ['inbound', 'outbound', 'internal'];

export interface Profile {
  id: string;
  displayName: string;
  role: Role;
  createdAt: string;
}

export interface DeviceInfo {
  id: string;
  name: string;
}

export interface SessionInfo {
  profile: Profile | null;
  principal: Principal;
  permissions: Permission[];
  profiles: Profile[];
  device: DeviceInfo;
  store: StoreStatus;
}

export interface StoreStatus {
  kind: 'folder';
  root: string;
  isDemo: boolean;
  recordings: number;
  lastIndex: IndexReport | null;
}

export interface IndexProblem {
  file: string;
  message: string;
}

export interface IndexReport {
  startedAt: string;
  finishedAt: string;
  scanned: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Calls whose talk analytics were computed in this run (new or changed audio). */
  analysed?: number;
  problems: IndexProblem[];
}

/** One row of the library table. */
export interface RecordingRow {
  id: string;
  startTime: string;
  durationSec: number;
  agentId: string;
  agentName: string;
  team: string | null;
  queue: string | null;
  direction: Direction;
  customerRef: string | null;
  caseNumber: string | null;
  tags: string[];
}

export interface ConsentInfo {
  announcementPlayed: boolean;
  allPartyRequired: boolean | null;
  jurisdiction: string | null;
}

export interface AudioInfo {
  file: string;
  format: 'wav' | 'mp3' | 'opus' | 'flac';
  codec: string | null;
  sampleRate: number | null;
  channels: number | null;
  sizeBytes: number;
}

export interface RecordingDetail extends RecordingRow {
  endTime: string | null;
  ani: string | null;
  dnis: string | null;
  disposition: string | null;
  customerName: string | null;
  consent: ConsentInfo | null;
  /** Which audio channel carries whom (0-based). */
  channelMap: { agent: number; customer: number };
  audio: AudioInfo;
  hasTranscript: boolean;
}

export interface Peaks {
  /** One array per channel, values in [0, 1] (peak absolute amplitude per bucket). */
  channels: number[][];
  durationSec: number;
}

export interface OpenedRecording {
  recording: RecordingDetail;
  peaks: Peaks | null;
  /** Why there are no peaks, when there are none (e.g. a format decoded later). */
  peaksUnavailable: string | null;
  /** Dead air, overtalk and talk time (shared/player-types); null when not computed (see analyticsUnavailable). */
  analytics: TalkAnalytics | null;
  analyticsUnavailable: string | null;
}

export type SortField = 'startTime' | 'durationSec' | 'agentName' | 'queue' | 'direction' | 'customerRef' | 'caseNumber';
export type SortDir = 'asc' | 'desc';

export interface Page<T> {
  total: number;
  offset: number;
  rows: T[];
}

export interface LibraryFacets {
  agents: { id: string; name: string }[];
  queues: string[];
  tags: string[];
  earliest: string | null;
  latest: string | null;
}

export type AuditOutcome = 'ok' | 'denied' | 'invalid' | 'error';

export interface AuditEntry {
  seq: number;
  ts: string;
  actorId: string | null;
  actorName: string;
  role: Principal | 'system';
  device: string;
  command: string;
  target: string | null;
  outcome: AuditOutcome;
  detail: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditVerification {
  intact: boolean;
  checked: number;
  headSeq: number;
  /** The first entry that does not match, and why. */
  firstBad: { seq: number; reason: string } | null;
}

export interface AuditFacets {
  commands: string[];
  actors: { id: string | null; name: string }[];
}
