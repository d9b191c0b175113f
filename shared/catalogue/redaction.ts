// Redaction, training clips, exports, watermarks, legal holds and evidence packages.
import { z } from 'zod';
import type { Transcript } from '../player-types';
import {
  REDACTION_REASONS,
  type Clip,
  type EvidenceCheck,
  type EvidenceRecord,
  type ExportRecord,
  type LeakIdentification,
  type LegalHold,
  type Playlist,
  type RedactionMark,
} from '../redaction-types';
import { command, empty, recordingId, text } from './define';

const seconds = z.number().min(0).max(1e7);
const id = z.string().trim().min(1).max(64);
const channels = z.array(z.number().int().min(0).max(63)).min(1).max(64).nullable();
/** A task id the renderer picks, so it can follow progress events and cancel before the command returns. */
const taskId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a task id');
const required = (what: string, max: number) => z.string().trim().min(1, `enter ${what}`).max(max, `${what} is too long (${max} characters at most)`);
const endAfterStart: [(v: { start?: number; end?: number }) => boolean, { message: string; path: string[] }] = [
  (v) => v.start === undefined || v.end === undefined || v.end > v.start,
  { message: 'the end must be after the start', path: ['end'] },
];

export const redactionCommands = {
  'redaction.list': command<RedactionMark[]>()({
    permission: 'recording.listen',
    input: z.object({ recordingId }).strict(),
    summary: 'The redaction marks and suggestions of a recording',
    target: (i) => `recording:${i.recordingId}`,
  }),
  'redaction.suggest': command<RedactionMark[]>()({
    permission: 'redaction.mark',
    input: z.object({ recordingId }).strict(),
    summary: 'Suggest redactions from the transcript (card numbers, codes, dates of birth…)',
    target: (i) => `recording:${i.recordingId}`,
  }),
  'redaction.add': command<RedactionMark>()({
    permission: 'redaction.mark',
    input: z
      .object({ recordingId, start: seconds, end: seconds, channels, reason: z.enum(REDACTION_REASONS) })
      .strict()
      .refine(...endAfterStart),
    summary: 'Mark a region of a recording for redaction',
    target: (i) => `recording:${i.recordingId}@${i.start.toFixed(2)}-${i.end.toFixed(2)}s`,
  }),
  'redaction.update': command<RedactionMark>()({
    permission: 'redaction.mark',
    input: z
      .object({ id, start: seconds.optional(), end: seconds.optional(), channels: channels.optional(), reason: z.enum(REDACTION_REASONS).optional() })
      .strict()
      .refine(...endAfterStart),
    summary: 'Change a redaction mark',
    target: (i) => `redaction:${i.id}`,
  }),
  'redaction.review': command<RedactionMark>()({
    permission: 'redaction.mark',
    input: z.object({ id, decision: z.enum(['accept', 'reject']) }).strict(),
    summary: 'Accept or reject a suggested redaction',
    target: (i) => `redaction:${i.id}`,
  }),
  'redaction.remove': command<null>()({
    permission: 'redaction.mark',
    input: z.object({ id }).strict(),
    summary: 'Remove a redaction mark',
    target: (i) => `redaction:${i.id}`,
  }),
  'redaction.transcript': command<Transcript | null>()({
    permission: 'recording.listen',
    input: z.object({ recordingId }).strict(),
    summary: 'The transcript with accepted redactions applied',
    target: (i) => `recording:${i.recordingId}`,
  }),

  'clips.list': command<Clip[]>()({
    permission: 'recording.listen',
    input: z.object({ recordingId: recordingId.optional(), text: text(200).optional(), tag: text(100).optional() }).strict().default({}),
    summary: 'Training clips',
  }),
  'clips.create': command<Clip>()({
    permission: 'clips.manage',
    input: z
      .object({ recordingId, start: seconds, end: seconds, title: required('a title', 200), notes: text(4000).default(''), tags: z.array(text(60)).max(30).default([]) })
      .strict()
      .refine(...endAfterStart),
    summary: 'Save a region of a call as a training clip',
    target: (i) => `recording:${i.recordingId}@${i.start.toFixed(2)}-${i.end.toFixed(2)}s`,
  }),
  'clips.update': command<Clip>()({
    permission: 'clips.manage',
    input: z
      .object({ id, start: seconds.optional(), end: seconds.optional(), title: required('a title', 200).optional(), notes: text(4000).optional(), tags: z.array(text(60)).max(30).optional() })
      .strict()
      .refine(...endAfterStart),
    summary: 'Change a training clip',
    target: (i) => `clip:${i.id}`,
  }),
  'clips.delete': command<null>()({
    permission: 'clips.manage',
    input: z.object({ id }).strict(),
    summary: 'Delete a training clip',
    target: (i) => `clip:${i.id}`,
  }),
  'playlists.list': command<Playlist[]>()({
    permission: 'recording.listen',
    input: empty,
    summary: 'Playlists of training clips',
  }),
  'playlists.save': command<Playlist>()({
    permission: 'clips.manage',
    input: z
      .object({ id: id.optional(), name: required('a name', 120), description: text(2000).default(''), clipIds: z.array(id).max(500).default([]) })
      .strict(),
    summary: 'Create or change a playlist of clips for a class',
    target: (i) => (i.id ? `playlist:${i.id}` : `playlist:${i.name}`),
  }),
  'playlists.delete': command<null>()({
    permission: 'clips.manage',
    input: z.object({ id }).strict(),
    summary: 'Delete a playlist (its clips stay)',
    target: (i) => `playlist:${i.id}`,
  }),

  'export.audio': command<ExportRecord | null>()({
    permission: 'export.audio',
    input: z
      .object({
        taskId,
        recordingId,
        clipId: id.optional(),
        start: seconds.optional(),
        end: seconds.optional(),
        format: z.enum(['wav', 'mp3']).default('wav'),
        redactionMode: z.enum(['silence', 'tone']).default('silence'),
        reason: required('the reason for the export', 500),
        caseRef: required('a case or ticket reference', 120),
      })
      .strict()
      .refine(...endAfterStart),
    summary: 'Export audio, redacted and watermarked, to a file the person chooses',
    target: (i) => `recording:${i.recordingId}${i.clipId ? ` clip:${i.clipId}` : ''} case:${i.caseRef}`,
  }),
  'export.cancel': command<{ cancelled: boolean }>()({
    permission: 'export.audio',
    input: z.object({ taskId }).strict(),
    summary: 'Cancel an export that is running',
    target: (i) => `task:${i.taskId}`,
  }),
  'export.list': command<ExportRecord[]>()({
    permission: 'export.audio',
    input: z.object({ recordingId: recordingId.optional() }).strict().default({}),
    summary: 'Audio exports made on this device',
  }),
  'watermark.identify': command<LeakIdentification | null>()({
    permission: 'watermark.identify',
    input: empty,
    summary: 'Identify a leaked file: read its forensic watermark and name the export',
  }),

  'legal.holds': command<LegalHold[]>()({
    permission: 'legal.hold',
    input: z.object({ recordingId: recordingId.optional(), includeReleased: z.boolean().default(false) }).strict().default({ includeReleased: false }),
    summary: 'Legal holds, active or all',
  }),
  'legal.hold.place': command<LegalHold>()({
    permission: 'legal.hold',
    input: z.object({ recordingId, caseRef: required('a case reference', 120), reason: required('a reason', 500) }).strict(),
    summary: 'Place a legal hold on a recording (pinned in the cache, cannot be purged)',
    target: (i) => `recording:${i.recordingId} case:${i.caseRef}`,
  }),
  'legal.hold.release': command<LegalHold>()({
    permission: 'legal.hold',
    input: z.object({ holdId: id, reason: required('a reason for the release', 500) }).strict(),
    summary: 'Release a legal hold',
    target: (i) => `hold:${i.holdId}`,
  }),
  'evidence.export': command<EvidenceRecord | null>()({
    permission: 'evidence.export',
    input: z
      .object({ taskId, recordingId, caseRef: required('a case reference', 120), reason: required('a reason', 500), includeRedacted: z.boolean().default(true) })
      .strict(),
    summary: 'Export a signed evidence package to a file the person chooses',
    target: (i) => `recording:${i.recordingId} case:${i.caseRef}`,
  }),
  'evidence.list': command<EvidenceRecord[]>()({
    permission: 'evidence.export',
    input: z.object({ recordingId: recordingId.optional() }).strict().default({}),
    summary: 'Evidence packages exported on this device',
  }),
  'evidence.verify': command<EvidenceCheck | null>()({
    permission: 'library.read',
    input: empty,
    summary: 'Verify an evidence package the person chooses',
  }),
} as const;
