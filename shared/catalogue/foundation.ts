// The foundation's commands: session and profiles, library, playback, audit trail, store.
import { z } from 'zod';
import { ROLES } from '../permissions';
import type {
  AuditEntry,
  AuditFacets,
  AuditVerification,
  IndexReport,
  LibraryFacets,
  OpenedRecording,
  Page,
  Profile,
  RecordingRow,
  SessionInfo,
  StoreStatus,
} from '../types';
import { command, empty, isoDate, recordingId, text } from './define';

export const librarySortFields = ['startTime', 'durationSec', 'agentName', 'queue', 'direction', 'customerRef', 'caseNumber'] as const;

export const libraryQuery = z
  .object({
    text: text(200).optional(),
    agentIds: z.array(text(100)).max(200).optional(),
    queues: z.array(text(100)).max(200).optional(),
    directions: z.array(z.enum(['inbound', 'outbound', 'internal'])).max(3).optional(),
    tags: z.array(text(100)).max(50).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    minDurationSec: z.number().min(0).max(1e7).optional(),
    maxDurationSec: z.number().min(0).max(1e7).optional(),
    // Talk analytics (shared/player-types): total dead air / overtalk at least this long, agent:customer ratio.
    minDeadAirSec: z.number().min(0).max(1e7).optional(),
    minOvertalkSec: z.number().min(0).max(1e7).optional(),
    minTalkRatio: z.number().min(0).max(1e6).optional(),
    maxTalkRatio: z.number().min(0).max(1e6).optional(),
    sort: z.enum(librarySortFields).default('startTime'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((q) => q.minDurationSec === undefined || q.maxDurationSec === undefined || q.minDurationSec <= q.maxDurationSec, {
    message: 'minimum duration is above the maximum',
  })
  .refine((q) => q.minTalkRatio === undefined || q.maxTalkRatio === undefined || q.minTalkRatio <= q.maxTalkRatio, {
    message: 'minimum talk ratio is above the maximum',
  });
export type LibraryQuery = z.input<typeof libraryQuery>;

export const auditQuery = z
  .object({
    text: text(200).optional(),
    actorId: text(100).optional(),
    command: text(100).optional(),
    outcome: z.enum(['ok', 'denied', 'invalid', 'error']).optional(),
    target: text(200).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AuditQuery = z.input<typeof auditQuery>;

export const foundationCommands = {
  'session.get': command<SessionInfo>()({
    permission: 'session.read',
    input: empty,
    summary: 'Who is signed in on this device, and the store in use',
  }),
  'profile.create': command<Profile>()({
    permission: 'session.switch',
    input: z
      .object({
        displayName: z.string().trim().min(1, 'enter a display name').max(80, 'display name is too long (80 characters at most)'),
        role: z.enum(ROLES),
      })
      .strict(),
    summary: 'Create a local profile and make it active',
    target: (i) => `profile:${i.displayName}`,
  }),
  'profile.select': command<Profile>()({
    permission: 'session.switch',
    input: z.object({ profileId: text(64).min(1) }).strict(),
    summary: 'Make an existing local profile active',
    target: (i) => `profile:${i.profileId}`,
  }),
  'profile.signOut': command<null>()({
    permission: 'session.switch',
    input: empty,
    summary: 'Leave the active profile',
  }),
  'library.search': command<Page<RecordingRow>>()({
    permission: 'library.read',
    input: libraryQuery,
    summary: 'Search and page through the recording library',
  }),
  'library.facets': command<LibraryFacets>()({
    permission: 'library.read',
    input: empty,
    summary: 'Agents, queues, tags and dates present in the library',
  }),
  'recording.open': command<OpenedRecording>()({
    permission: 'recording.listen',
    input: z.object({ id: recordingId }).strict(),
    summary: 'Open a recording for listening: metadata, waveform and access to its audio',
    target: (i) => `recording:${i.id}`,
  }),
  'recording.play': command<null>()({
    permission: 'recording.listen',
    input: z.object({ id: recordingId, positionSec: z.number().min(0).max(1e7) }).strict(),
    summary: 'Record that playback started',
    target: (i) => `recording:${i.id}@${i.positionSec.toFixed(1)}s`,
  }),
  'audit.list': command<Page<AuditEntry>>()({
    permission: 'audit.read.own',
    input: auditQuery,
    summary: 'Page through the audit trail',
  }),
  'audit.facets': command<AuditFacets>()({
    permission: 'audit.read.own',
    input: empty,
    summary: 'Commands and actors present in the audit trail',
  }),
  'audit.verify': command<AuditVerification>()({
    permission: 'audit.verify',
    input: empty,
    summary: 'Walk the hash chain and report the first entry that fails',
  }),
  'store.status': command<StoreStatus>()({
    permission: 'library.read',
    input: empty,
    summary: 'The recording store and the last indexing run',
  }),
  'store.reindex': command<IndexReport>()({
    permission: 'store.manage',
    input: empty,
    summary: 'Index the recording store now',
  }),
} as const;
