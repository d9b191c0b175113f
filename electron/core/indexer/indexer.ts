// Copies the store's metadata into the local database, incrementally: an entry whose version is
// unchanged is neither read nor written, so re-running on an unchanged store does no work beyond the
// listing. A bad sidecar is recorded as a problem for that file and never stops the run.
import type { IndexProblem, IndexReport } from '../../../shared/types';
import { AudioFormatError } from '../audio/audio-error';
import { probeAudio } from '../audio/probe';
import type { AudioSniff } from '../audio/sniff';
import { storeOpener } from '../media/peaks-reader';
import type { Db } from '../db/database';
import { DuplicateCallError, RecordingRepo } from '../library/recording-repo';
import { StoreRecordError, type RecordingStore, type StoredRecording } from '../store/recording-store';
import { analyseRecordings } from '../analytics/analyse-recordings';
import type { TalkAnalyticsOptions } from '../analytics/talk-analytics';
import { indexTranscript } from '../transcripts/index-transcript';
import { TranscriptIndex } from '../transcripts/transcript-index';

export interface IndexProgress {
  scanned: number;
  changed: number;
  /** After the listing: calls whose talk analytics are computed so far, of those that need it. */
  analysed?: number;
  toAnalyse?: number;
}

export interface IndexOptions {
  now?: () => Date;
  onProgress?: (p: IndexProgress) => void;
  signal?: AbortSignal;
  pageSize?: number;
  /** Talk analytics settings (the dead-air threshold); changing them analyses every call again. */
  analytics?: TalkAnalyticsOptions;
}

export type AudioFacts = AudioSniff & { durationSec: number };

async function describe(store: RecordingStore, rec: StoredRecording): Promise<AudioFacts> {
  let sniff: AudioSniff;
  try {
    // The header, plus for MP3/Opus whatever else states the exact length (Xing, last page, frame walk).
    const { format, codec, channels, sampleRate, durationSec } = await probeAudio(storeOpener(store, rec.audio.key), rec.audio.sizeBytes, rec.audio.format);
    sniff = { format, codec, channels, sampleRate, durationSec };
  } catch (err) {
    if (err instanceof AudioFormatError) throw new StoreRecordError(rec.key, `audio ${rec.audio.key}: ${err.message}`);
    throw err;
  }
  if (sniff.format !== rec.audio.format) {
    throw new StoreRecordError(rec.key, `audio ${rec.audio.key} holds ${sniff.format.toUpperCase()} data, not ${rec.audio.format.toUpperCase()}`);
  }
  const m = rec.meta;
  const fromTimes = m.endTime ? (Date.parse(m.endTime) - Date.parse(m.startTime)) / 1000 : null;
  const durationSec = sniff.durationSec ?? m.durationSec ?? fromTimes;
  if (durationSec === null) {
    throw new StoreRecordError(rec.key, `the duration of ${rec.audio.key} is not in its header: add durationSec or endTime to the sidecar`);
  }
  return { ...sniff, durationSec };
}

export async function indexStore(store: RecordingStore, db: Db, opts: IndexOptions = {}): Promise<IndexReport> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const repo = new RecordingRepo(db);
  const transcripts = new TranscriptIndex(db);
  const known = repo.knownVersions();
  const seen = new Set<string>();
  const problems: IndexProblem[] = [];
  let scanned = 0;
  let added = 0;
  let updated = 0;
  let unchanged = 0;

  let cursor: string | null = null;
  do {
    if (opts.signal?.aborted) throw new Error('indexing was cancelled');
    const page = await store.list({ cursor, limit: opts.pageSize ?? 500 });
    for (const entry of page.entries) {
      scanned++;
      seen.add(entry.key);
      const before = known.get(entry.key);
      if (before && before.version === entry.version) {
        unchanged++;
        if (before.problem) problems.push({ file: entry.key, message: before.problem });
        continue;
      }
      try {
        const rec = await store.readRecording(entry.key);
        const audio = await describe(store, rec);
        const outcome = repo.upsert(rec, entry.version, audio, now().toISOString());
        await indexTranscript(store, transcripts, rec);
        if (outcome === 'added') added++;
        else updated++;
      } catch (err) {
        if (!(err instanceof StoreRecordError)) throw err;
        problems.push({ file: entry.key, message: err.message });
        // A duplicate depends on other files, not just this one: store no version so it is retried.
        repo.recordProblem(entry.key, err instanceof DuplicateCallError ? '' : entry.version, err.message);
      }
    }
    opts.onProgress?.({ scanned, changed: added + updated });
    cursor = page.cursor;
  } while (cursor);

  const removed = repo.removeBySidecar([...known.keys()].filter((k) => !seen.has(k)));
  const changed = added + updated;
  const analysis = await analyseRecordings(store, db, {
    analytics: opts.analytics,
    now,
    signal: opts.signal,
    onProgress: (p) => opts.onProgress?.({ scanned, changed, analysed: p.analysed, toAnalyse: p.toAnalyse }),
  });
  const report: IndexReport = { startedAt, finishedAt: now().toISOString(), scanned, added, updated, unchanged, removed, analysed: analysis.analysed, problems };
  repo.saveLastIndex(report);
  return report;
}
