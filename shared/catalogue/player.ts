// The player: formats, waveforms, talk analytics, transcripts.
// Add commands here with command<Result>()({ permission, input, summary, target }) from './define'.
import { z } from 'zod';
import type { AnalyticsSettings, Transcript, TranscriptSearchResult } from '../player-types';
import { command, empty, recordingId, text } from './define';

export const transcriptSearchQuery = z
  .object({
    text: text(200).min(1, 'enter words to search for'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type TranscriptSearchQuery = z.input<typeof transcriptSearchQuery>;

export const playerCommands = {
  'recording.transcript': command<Transcript>()({
    // Reading what was said is listening to the call.
    permission: 'recording.listen',
    input: z.object({ id: recordingId }).strict(),
    summary: 'The transcript of a recording, in the canonical format',
    target: (i) => `recording:${i.id}`,
  }),
  'transcripts.search': command<TranscriptSearchResult>()({
    permission: 'recording.listen',
    input: transcriptSearchQuery,
    summary: 'Full-text search over every transcript: matching snippets and the moment in each call',
  }),
  'analytics.settings': command<AnalyticsSettings>()({
    permission: 'library.read',
    input: empty,
    summary: 'How talk analytics are computed (the dead-air threshold)',
  }),
  'analytics.configure': command<AnalyticsSettings>()({
    permission: 'store.manage',
    input: z.object({ deadAirThresholdSec: z.number().min(1, 'at least 1 second').max(300, 'at most 300 seconds') }).strict(),
    summary: 'Change the dead-air threshold; every call is analysed again',
    target: (i) => `dead-air>${i.deadAirThresholdSec}s`,
  }),
} as const;
