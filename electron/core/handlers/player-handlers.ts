// The player's commands: a recording's transcript, and full-text search over all transcripts.
import type { Handlers } from '../dispatcher';
import { HandlerError, notFound } from '../errors';
import type { Services } from '../services';
import { StoreRecordError } from '../store/recording-store';
import { parseTranscript, TranscriptFormatError } from '../transcripts/parse-transcript';
import { TranscriptIndex } from '../transcripts/transcript-index';

export function playerHandlers(s: Services): Pick<Handlers, 'recording.transcript' | 'transcripts.search'> {
  return {
    'recording.transcript': async ({ id }) => {
      const rec = s.recordings.detail(id);
      if (!rec) throw notFound(`recording ${id}`);
      const status = new TranscriptIndex(s.db).status(id);
      if (!status) throw new HandlerError('not_found', `recording ${id} has no transcript`);
      // Read from the store, the source of truth: the index only holds what search needs.
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
    },
    'transcripts.search': ({ text, offset, limit }, ctx) => {
      const result = new TranscriptIndex(s.db).search(text, offset, limit);
      ctx.note(`text=${text}; hits ${offset}-${offset + result.hits.length} of ${result.total}`);
      return result;
    },
  };
}
