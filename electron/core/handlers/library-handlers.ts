import type { Handlers } from '../dispatcher';
import { HandlerError, notFound } from '../errors';
import { AudioFormatError } from '../audio/audio-error';
import { DownloadCancelledError } from '../cache/recording-cache';
import { cachedPeaks } from '../media/cached-peaks';
import type { Services } from '../services';
import { recordingAnalytics } from '../analytics/recording-analytics';

export function libraryHandlers(s: Services): Pick<Handlers, 'library.search' | 'library.facets' | 'recording.open' | 'recording.play' | 'store.status' | 'store.reindex'> {
  return {
    'library.search': (q, ctx) => {
      const page = s.recordings.search(q);
      const filters = Object.entries(q)
        .filter(([k, v]) => !['offset', 'limit', 'sort', 'dir'].includes(k) && v !== undefined && !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`);
      ctx.note(`${filters.join(' ') || 'all'}; rows ${q.offset}-${q.offset + page.rows.length} of ${page.total}`);
      return page;
    },
    'library.facets': () => s.recordings.facets(),
    'recording.open': async ({ id }) => {
      const rec = s.recordings.detail(id);
      if (!rec) throw notFound(`recording ${id}`);
      const { audioKey, ...recording } = rec;
      let peaks = null;
      let peaksUnavailable: string | null = null;
      const source = s.cacheSource(id);
      if (!source) throw notFound(`recording ${id}`);
      try {
        // Fetched into the encrypted cache (download progress goes out as events); peaks are
        // computed once while it streams through and kept encrypted beside it.
        peaks = await cachedPeaks(s.cache, id, source);
      } catch (err) {
        if (err instanceof DownloadCancelledError) throw new HandlerError('conflict', `the download of ${id} was cancelled`);
        if (err instanceof AudioFormatError) peaksUnavailable = `The waveform cannot be drawn: ${err.message}`;
        else if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new HandlerError('unavailable', `the audio of ${id} is no longer in the store; re-index the store`);
        else throw err;
      }
      s.grantMedia(id);
      return { recording, peaks, peaksUnavailable, ...recordingAnalytics(s.db, id, recording.channelMap, peaks) };
    },
    'recording.play': ({ id }) => {
      if (!s.recordings.detail(id)) throw notFound(`recording ${id}`);
      return null;
    },
    'store.status': () => s.storeStatus(),
    'store.reindex': () => s.reindex(),
  };
}
