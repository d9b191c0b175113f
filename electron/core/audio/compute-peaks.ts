// Waveform peaks for any supported recording, from the streaming decoder: one running maximum per
// channel per bucket, so a two-hour call costs the same memory as a ten-second one. This is what the
// cache stores (encrypted) when a recording is first cached, and what recording.open returns.
import type { Peaks } from '../../../shared/types';
import type { OpenStream } from './byte-source';
import { blockRate, decodeBlocks, type AudioBlock } from './decode-stream';
import { probeAudio, type AudioProbe } from './probe';
import type { OpusDecodeRate } from './wasm-decoders';

export interface PeaksOptions {
  /** Resolution for short calls; long calls are capped at `maxBuckets`. */
  peaksPerSecond?: number;
  maxBuckets?: number;
  signal?: AbortSignal;
  /** A probe already made for this file, to skip reading the header again. */
  probe?: AudioProbe;
}

export const DEFAULT_PEAKS_PER_SECOND = 100;
export const DEFAULT_MAX_BUCKETS = 20000;
const PEAKS_OPUS_RATE: OpusDecodeRate = 16000;

export interface BlockPeaks {
  push(block: AudioBlock): void;
  finish(): Peaks;
}

/** Peaks over `totalFrames` frames (what the header promises); frames beyond it land in the last bucket. */
export function createBlockPeaks(channels: number, totalFrames: number, requestedBuckets: number, durationSec: number): BlockPeaks {
  if (!Number.isInteger(requestedBuckets) || requestedBuckets < 1) throw new RangeError(`buckets must be a positive integer, got ${requestedBuckets}`);
  // Never more buckets than frames, so no bucket is left without a sample of its own.
  const buckets = Math.max(1, Math.min(requestedBuckets, Math.floor(totalFrames)));
  const peaks = new Float64Array(channels * buckets);
  const firstFrameOf = (b: number) => Math.ceil((b * totalFrames) / buckets);
  let frame = 0;
  return {
    push(block) {
      const n = block[0]?.length ?? 0;
      let i = 0;
      while (i < n) {
        const b = Math.min(buckets - 1, Math.floor(((frame + i) * buckets) / totalFrames));
        const end = b === buckets - 1 ? n : Math.min(n, Math.max(i + 1, firstFrameOf(b + 1) - frame));
        for (let ch = 0; ch < channels; ch++) {
          const lane = block[ch];
          let max = peaks[ch * buckets + b];
          for (let k = i; k < end; k++) {
            const v = lane[k] < 0 ? -lane[k] : lane[k];
            // NaN never wins a comparison, so a corrupt float sample simply doesn't register.
            if (v > max) max = v;
          }
          peaks[ch * buckets + b] = max;
        }
        i = end;
      }
      frame += n;
    },
    finish() {
      const out: number[][] = [];
      for (let ch = 0; ch < channels; ch++) {
        const lane = new Array<number>(buckets);
        for (let b = 0; b < buckets; b++) lane[b] = Math.round(Math.min(1, peaks[ch * buckets + b]) * 1000) / 1000;
        out.push(lane);
      }
      return { channels: out, durationSec };
    },
  };
}

/**
 * Streams, decodes and reduces one recording to peaks.
 * @throws AudioFormatError when the file is not audio we can decode (empty, truncated, damaged…).
 */
export async function computePeaks(open: OpenStream, sizeBytes: number, opts: PeaksOptions = {}): Promise<Peaks> {
  const probe = opts.probe ?? (await probeAudio(open, sizeBytes));
  const perSecond = opts.peaksPerSecond ?? DEFAULT_PEAKS_PER_SECOND;
  const maxBuckets = opts.maxBuckets ?? DEFAULT_MAX_BUCKETS;
  // Peaks are at most 100 per second: Opus decoded at 16 kHz draws the same waveform, faster.
  const decode = { opusRate: PEAKS_OPUS_RATE };
  const totalFrames = Math.round(probe.durationSec * blockRate(probe, decode));
  const buckets = Math.max(1, Math.min(maxBuckets, Math.ceil(probe.durationSec * perSecond)));
  if (totalFrames === 0) return { channels: Array.from({ length: probe.channels }, () => new Array<number>(buckets).fill(0)), durationSec: 0 };
  const acc = createBlockPeaks(probe.channels, totalFrames, buckets, probe.durationSec);
  for await (const block of decodeBlocks(open, sizeBytes, probe, decode)) {
    if (opts.signal?.aborted) throw new Error('computing the waveform was cancelled');
    acc.push(block);
  }
  return acc.finish();
}
