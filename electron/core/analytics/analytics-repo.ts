// Talk analytics in the index: which recordings need analysing, and the stored results.
import type { TalkAnalytics } from '../../../shared/player-types';
import type { Db } from '../db/database';
import type { AudioRef } from '../store/recording-store';

export interface PendingAnalysis {
  rid: number;
  id: string;
  basis: string;
  audio: AudioRef;
  channelMap: { agent: number; customer: number };
}

export interface StoredAnalytics {
  analytics: TalkAnalytics | null;
  unavailable: string | null;
  basis: string;
}

export class AnalyticsRepo {
  constructor(private readonly db: Db) {}

  /** Recordings never analysed, or analysed from another version or with other settings. */
  pending(settingsKey: string): PendingAnalysis[] {
    const rows = this.db
      .prepare(
        `SELECT r.rid, r.id, r.version || '|' || @settings AS basis, r.audio_path, r.audio_format, r.audio_size, r.channel_agent, r.channel_customer
         FROM recordings r LEFT JOIN recording_analytics a ON a.rid = r.rid
         WHERE a.basis IS NULL OR a.basis != r.version || '|' || @settings
         ORDER BY r.rid`,
      )
      .all({ settings: settingsKey }) as {
      rid: number;
      id: string;
      basis: string;
      audio_path: string;
      audio_format: AudioRef['format'];
      audio_size: number;
      channel_agent: number;
      channel_customer: number;
    }[];
    return rows.map((r) => ({
      rid: r.rid,
      id: r.id,
      basis: r.basis,
      audio: { key: r.audio_path, format: r.audio_format, sizeBytes: r.audio_size },
      channelMap: { agent: r.channel_agent, customer: r.channel_customer },
    }));
  }

  save(rid: number, basis: string, result: { analytics: TalkAnalytics } | { unavailable: string }, at: string): void {
    const a = 'analytics' in result ? result.analytics : null;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO recording_analytics
           (rid, basis, dead_air_sec, overtalk_sec, agent_talk_sec, customer_talk_sec, talk_ratio, longest_monologue_sec, analytics, unavailable, analysed_at)
         SELECT @rid, @basis, @deadAir, @overtalk, @agent, @customer, @ratio, @monologue, @json, @unavailable, @at
         WHERE EXISTS (SELECT 1 FROM recordings WHERE rid = @rid)`,
      )
      .run({
        rid,
        basis,
        deadAir: a?.deadAirTotalSec ?? null,
        overtalk: a?.overtalkTotalSec ?? null,
        agent: a?.agentTalkSec ?? null,
        customer: a?.customerTalkSec ?? null,
        ratio: a?.talkRatio ?? null,
        monologue: a?.longestCustomerMonologue ? a.longestCustomerMonologue.end - a.longestCustomerMonologue.start : null,
        json: a ? JSON.stringify(a) : null,
        unavailable: 'unavailable' in result ? result.unavailable : null,
        at,
      });
  }

  get(id: string): StoredAnalytics | null {
    const r = this.db
      .prepare('SELECT a.analytics, a.unavailable, a.basis FROM recording_analytics a JOIN recordings r ON r.rid = a.rid WHERE r.id = ?')
      .get(id) as { analytics: string | null; unavailable: string | null; basis: string } | undefined;
    return r ? { analytics: r.analytics ? (JSON.parse(r.analytics) as TalkAnalytics) : null, unavailable: r.unavailable, basis: r.basis } : null;
  }
}
