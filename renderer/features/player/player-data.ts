// What the player reads beyond recording.open: the talk analytics that come with the opened
// recording, and the transcript, which has its own command (asked for only when the store has one,
// so calls without a transcript do not leave failed reads in the audit trail).
import type { OpenedRecording, RecordingDetail } from '../../../shared/types';
import type { TalkAnalytics, Transcript } from '../../../shared/player-types';
import { call, isCommandError } from '../../api/client';

export function analyticsOf(opened: OpenedRecording): TalkAnalytics | null {
  const a = opened.analytics;
  return a && Array.isArray(a.deadAir) && Array.isArray(a.overtalk) ? a : null;
}

export type TranscriptResult = { status: 'ok'; transcript: Transcript } | { status: 'none' };

export async function loadTranscript(r: RecordingDetail): Promise<TranscriptResult> {
  if (!r.hasTranscript) return { status: 'none' };
  try {
    const transcript = await call('recording.transcript', { id: r.id });
    return transcript && Array.isArray(transcript.segments) ? { status: 'ok', transcript } : { status: 'none' };
  } catch (e) {
    if (isCommandError(e) && e.code === 'not_found') return { status: 'none' };
    throw e;
  }
}
