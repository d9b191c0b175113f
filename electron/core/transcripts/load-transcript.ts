// A recording's transcript, read from the store (the source of truth; the index holds only what
// search needs) and parsed to the canonical form. null when the recording has none.
import type { Transcript } from '../../../shared/player-types';
import { HandlerError } from '../errors';
import type { Services } from '../services';
import { StoreRecordError } from '../store/recording-store';
import { parseTranscript, TranscriptFormatError } from './parse-transcript';
import { TranscriptIndex } from './transcript-index';

export async function loadTranscript(s: Services, id: string): Promise<Transcript | null> {
  const rec = s.recordings.detail(id);
  const status = rec ? new TranscriptIndex(s.db).status(id) : null;
  if (!rec || !status) return null;
  let text: string;
  try {
    text = await s.store.readTranscript(status.path);
  } catch (err) {
    if (err instanceof StoreRecordError) throw new HandlerError('unavailable', err.message);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new HandlerError('unavailable', `the transcript of ${id} is no longer in the store; re-index the store`);
    throw err;
  }
  try {
    return parseTranscript(text, status.path, { callId: id, channelMap: rec.channelMap });
  } catch (err) {
    if (err instanceof TranscriptFormatError) throw new HandlerError('unavailable', `the transcript ${status.path} cannot be read: ${err.message}`);
    throw err;
  }
}
