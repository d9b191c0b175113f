// Where one channel has speech, judged from its waveform peaks alone. Levels differ from line to line
// (a quiet handset, a hissy trunk), so thresholds are set relative to each channel's own noise floor
// and speech level; hysteresis and minimum durations keep clicks, breaths and the gaps between words
// from chopping speech into confetti.
import type { TimeSpan } from '../../../shared/player-types';
import { bridge } from './spans';

export interface SpeechActivityOptions {
  /** Bursts shorter than this are clicks or pops, dropped before anything else (s). */
  minBurstSec: number;
  /** Pauses shorter than this (between words, a breath) do not end a stretch of speech (s). */
  bridgeGapSec: number;
  /** Stretches shorter than this after bridging are not speech: a cough, a breath, a click pair (s). */
  minSpeechSec: number;
  /** Anything quieter than this is never speech, however quiet the line (dBFS). */
  absoluteFloorDb: number;
  /** Speech must stand at least this far above the channel's noise floor (dB). */
  minMarginDb: number;
  /** Where between noise floor and speech level (in dB) the "speech starts" threshold sits (0–1): high enough that breaths stay below it. */
  onFraction: number;
  /** How far below the start threshold the level must fall to end speech (dB). */
  hysteresisDb: number;
}

export const DEFAULT_SPEECH_OPTIONS: SpeechActivityOptions = {
  minBurstSec: 0.06,
  bridgeGapSec: 0.5,
  minSpeechSec: 0.25,
  absoluteFloorDb: -50,
  minMarginDb: 12,
  onFraction: 0.6,
  hysteresisDb: 6,
};

const SILENT_DB = -100;

function toDb(v: number): number {
  return v > 0 ? 20 * Math.log10(v) : SILENT_DB;
}

/** The value below which a fraction `q` of the (already sorted) values lie. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return SILENT_DB;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))];
}

export interface ChannelLevels {
  noiseFloorDb: number;
  speechLevelDb: number;
  /** Level at which speech starts; null when the channel never carries speech. */
  onDb: number | null;
  offDb: number | null;
}

/** The channel's noise floor, speech level and the thresholds derived from them. */
export function channelLevels(peaks: ArrayLike<number>, opts: SpeechActivityOptions = DEFAULT_SPEECH_OPTIONS): ChannelLevels {
  const db = new Float64Array(peaks.length);
  for (let i = 0; i < peaks.length; i++) {
    const v = peaks[i];
    db[i] = Number.isFinite(v) ? toDb(Math.abs(v)) : SILENT_DB;
  }
  db.sort();
  // Calls are mostly one side listening: the quiet tenth is the line, the loudest percent is speech.
  const noiseFloorDb = quantile(db, 0.1);
  const speechLevelDb = quantile(db, 0.99);
  if (speechLevelDb < opts.absoluteFloorDb || speechLevelDb - noiseFloorDb < opts.minMarginDb) {
    return { noiseFloorDb, speechLevelDb, onDb: null, offDb: null };
  }
  const onDb = Math.max(opts.absoluteFloorDb, noiseFloorDb + Math.max(opts.minMarginDb, opts.onFraction * (speechLevelDb - noiseFloorDb)));
  const offDb = Math.max(onDb - opts.hysteresisDb, noiseFloorDb + opts.minMarginDb / 2, opts.absoluteFloorDb - opts.hysteresisDb);
  return { noiseFloorDb, speechLevelDb, onDb, offDb };
}

/**
 * Sorted, disjoint spans (seconds) in which the channel carries speech. `peaks` are peak absolute
 * amplitudes in [0, 1], one per bucket of `durationSec / peaks.length` seconds.
 */
export function detectSpeech(peaks: ArrayLike<number>, durationSec: number, opts: SpeechActivityOptions = DEFAULT_SPEECH_OPTIONS): TimeSpan[] {
  const n = peaks.length;
  if (n === 0 || !(durationSec > 0)) return [];
  const { onDb, offDb } = channelLevels(peaks, opts);
  if (onDb === null || offDb === null) return [];
  const bucketSec = durationSec / n;
  const raw: TimeSpan[] = [];
  let from = -1;
  for (let i = 0; i < n; i++) {
    const v = peaks[i];
    const level = Number.isFinite(v) ? toDb(Math.abs(v)) : SILENT_DB;
    if (from < 0) {
      if (level >= onDb) from = i;
    } else if (level < offDb) {
      raw.push({ start: from * bucketSec, end: i * bucketSec });
      from = -1;
    }
  }
  if (from >= 0) raw.push({ start: from * bucketSec, end: durationSec });
  // Impulses first, so two clicks close together are not bridged into "speech".
  // (With buckets coarser than these limits, a single bucket is the finest we can tell apart.)
  const bursts = raw.filter((s) => s.end - s.start >= opts.minBurstSec - 1e-9);
  return bridge(bursts, opts.bridgeGapSec).filter((s) => s.end - s.start >= opts.minSpeechSec - 1e-9);
}
