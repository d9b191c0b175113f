// Reads a call's transcript from the store (whichever format it is in) into the index. A transcript
// that cannot be read never stops indexing: the call is indexed and the reason is kept for the player.
import type { RecordingStore, StoredRecording } from '../store/recording-store';
import { StoreRecordError } from '../store/recording-store';
import { detectTranscriptFormat, parseTranscript, TranscriptFormatError } from './parse-transcript';
import type { TranscriptIndex } from './transcript-index';

export async function indexTranscript(store: RecordingStore, index: TranscriptIndex, rec: StoredRecording): Promise<void> {
  const key = rec.transcriptKey;
  if (!key) {
    index.replace(rec.meta.callId, null);
    return;
  }
  try {
    const text = await store.readTranscript(key);
    const transcript = parseTranscript(text, key, { callId: rec.meta.callId, channelMap: rec.meta.channelMap });
    index.replace(rec.meta.callId, { path: key, transcript, format: detectTranscriptFormat(text, key) ?? 'canonical' });
  } catch (err) {
    if (err instanceof TranscriptFormatError || err instanceof StoreRecordError || (err as NodeJS.ErrnoException).code) {
      index.replace(rec.meta.callId, { path: key, error: `${key}: ${(err as Error).message}` });
      return;
    }
    throw err;
  }
}
