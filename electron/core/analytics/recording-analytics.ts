// The talk analytics the player shows for an opened recording: the stored ones (what the library
// filters on), or — before the analysis pass has reached the call — computed now from the peaks the
// player was just given, which is the same function of the same data.
import type { Peaks } from '../../../shared/types';
import type { TalkAnalytics } from '../../../shared/player-types';
import type { Db } from '../db/database';
import { AnalyticsRepo } from './analytics-repo';
import { analyticsFromPeaks } from './talk-analytics';

export function recordingAnalytics(
  db: Db,
  id: string,
  channelMap: { agent: number; customer: number },
  peaks: Peaks | null,
): { analytics: TalkAnalytics | null; analyticsUnavailable: string | null } {
  const stored = new AnalyticsRepo(db).get(id);
  if (stored?.analytics) return { analytics: stored.analytics, analyticsUnavailable: null };
  if (peaks) {
    const analytics = analyticsFromPeaks(peaks, channelMap);
    if (analytics) return { analytics, analyticsUnavailable: null };
  }
  return { analytics: null, analyticsUnavailable: stored?.unavailable ?? 'Talk analytics need the waveform of both sides.' };
}
