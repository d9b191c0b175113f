// The player's commands: a recording's transcript, and full-text search over all transcripts.
import type { Handlers } from '../dispatcher';
import { HandlerError, notFound } from '../errors';
import type { Services } from '../services';
import { loadTranscript } from '../transcripts/load-transcript';
import { TranscriptIndex } from '../transcripts/transcript-index';

export function playerHandlers(s: Services, logError?: (msg: string) => void): Pick<Handlers, 'recording.transcript' | 'transcripts.search' | 'analytics.settings' | 'analytics.configure'> {
  return {
    'recording.transcript': async ({ id }) => {
      if (!s.recordings.detail(id)) throw notFound(`recording ${id}`);
      const t = await loadTranscript(s, id);
      if (!t) throw new HandlerError('not_found', `recording ${id} has no transcript`);
      return t;
    },
    'analytics.settings': () => s.analyticsSettings(),
    'analytics.configure': (i, ctx) => {
      const before = s.analyticsSettings();
      const after = s.setAnalyticsSettings(i);
      if (after.deadAirThresholdSec !== before.deadAirThresholdSec) {
        // Every call is analysed again with the new threshold, in the background (progress as events).
        void s.reindex().catch((err: Error) => logError?.(`re-analysis after a threshold change failed: ${err.message}`));
        ctx.note(`dead air over ${before.deadAirThresholdSec} s → over ${after.deadAirThresholdSec} s; re-analysing every call`);
      }
      return after;
    },
    'transcripts.search': ({ text, offset, limit }, ctx) => {
      const result = new TranscriptIndex(s.db).search(text, offset, limit);
      ctx.note(`text=${text}; hits ${offset}-${offset + result.hits.length} of ${result.total}`);
      return result;
    },
  };
}
