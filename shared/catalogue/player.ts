// The player: formats, waveforms, talk analytics, transcripts.
// Add commands here with command<Result>()({ permission, input, summary, target }) from './define'.
import { z } from 'zod';
import type { Transcript, TranscriptSearchResult } from '../player-types';
import { command, recordingId, text } from './define';

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
} as const;
