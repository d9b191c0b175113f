// The player's commands: a recording's transcript, and full-text search over all transcripts.
import type { Handlers } from '../dispatcher';
import { HandlerError, notFound } from '../errors';
import type { Services } from '../services';
import { loadTranscript } from '../transcripts/load-transcript';
import { TranscriptIndex } from '../transcripts/transcript-index';

export function playerHandlers(s: Services): Pick<Handlers, 'recording.transcript' | 'transcripts.search'> {
  return {
    'recording.transcript': async ({ id }) => {
      if (!s.recordings.detail(id)) throw notFound(`recording ${id}`);
      const t = await loadTranscript(s, id);
      if (!t) throw new HandlerError('not_found', `recording ${id} has no transcript`);
      return t;
    },
    'transcripts.search': ({ text, offset, limit }, ctx) => {
      const result = new TranscriptIndex(s.db).search(text, offset, limit);
      ctx.note(`text=${text}; hits ${offset}-${offset + result.hits.length} of ${result.total}`);
      return result;
    },
  };
}
