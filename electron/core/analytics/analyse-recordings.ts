// The analysis pass after indexing: decodes each new or changed call once (streaming, constant
// memory) and stores its talk analytics. Unchanged calls are skipped by their stored basis, so a
// re-run on an unchanged store reads no audio.
import { AudioFormatError } from '../audio/audio-error';
import type { Db } from '../db/database';
import type { RecordingStore } from '../store/recording-store';
import { AnalyticsRepo } from './analytics-repo';
import { readRecordingPeaks } from './recording-peaks';
import { analyticsFromPeaks, DEFAULT_DEAD_AIR_SEC, type TalkAnalyticsOptions } from './talk-analytics';

/** Bumped whenever the analysis itself changes, so every call is analysed again. */
const ANALYSIS_VERSION = 1;

export interface AnalysisProgress {
  analysed: number;
  toAnalyse: number;
}

export interface AnalysisOptions {
  analytics?: TalkAnalyticsOptions;
  onProgress?: (p: AnalysisProgress) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

export function analysisSettingsKey(opts: TalkAnalyticsOptions = {}): string {
  return `a${ANALYSIS_VERSION}:${opts.deadAirThresholdSec ?? DEFAULT_DEAD_AIR_SEC}:${JSON.stringify({ ...opts, deadAirThresholdSec: undefined })}`;
}

export async function analyseRecordings(store: RecordingStore, db: Db, opts: AnalysisOptions = {}): Promise<AnalysisProgress> {
  const repo = new AnalyticsRepo(db);
  const now = opts.now ?? (() => new Date());
  const pending = repo.pending(analysisSettingsKey(opts.analytics));
  let analysed = 0;
  opts.onProgress?.({ analysed, toAnalyse: pending.length });
  for (const p of pending) {
    if (opts.signal?.aborted) throw new Error('analysis was cancelled');
    try {
      const peaks = await readRecordingPeaks(store, p.audio);
      const analytics = analyticsFromPeaks(peaks, p.channelMap, opts.analytics);
      repo.save(
        p.rid,
        p.basis,
        analytics ? { analytics } : { unavailable: 'Talk analytics need the agent and the customer on separate channels.' },
        now().toISOString(),
      );
    } catch (err) {
      // Audio gone since indexing: the next index run notices; nothing to store meanwhile.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      // One odd file never stops the pass (nor the indexing run it is part of): it is remembered as
      // not analysable until it changes.
      const why = err instanceof AudioFormatError ? err.message : `the audio could not be decoded (${err instanceof Error ? err.message : String(err)})`;
      repo.save(p.rid, p.basis, { unavailable: `Talk analytics are not available: ${why}` }, now().toISOString());
    } finally {
      analysed++;
      opts.onProgress?.({ analysed, toAnalyse: pending.length });
    }
  }
  return { analysed, toAnalyse: pending.length };
}
