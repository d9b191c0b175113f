// Waveform peaks computed while the audio streams past, so a three-hour call costs the same memory
// as a thirty-second one: one running maximum per channel per bucket and at most one partial frame.
import type { Peaks } from '../../../shared/types';
import { ALAW_TO_LINEAR, MULAW_TO_LINEAR } from './g711';
import type { WavCodec, WavInfo } from './wav';

export interface PeaksAccumulator {
  /** Feeds the next bytes of the data section, in order; chunks may split a frame anywhere. */
  push(chunk: Uint8Array): void;
  /** Per channel, `buckets` peak absolute amplitudes in [0, 1], rounded to 3 decimals. */
  finish(): Peaks;
}

/** Absolute sample magnitude in the codec's own units, read at a byte offset. */
type MagnitudeReader = (bytes: Uint8Array, view: DataView, at: number) => number;

interface CodecReader {
  bytesPerSample: number;
  /** The magnitude of a full-scale sample, to map readings onto [0, 1]. */
  fullScale: number;
  read: MagnitudeReader;
}

const READERS: Record<WavCodec, CodecReader> = {
  pcm_u8: { bytesPerSample: 1, fullScale: 128, read: (b, _v, at) => Math.abs(b[at] - 128) },
  pcm_s8: { bytesPerSample: 1, fullScale: 128, read: (b, _v, at) => Math.abs((b[at] << 24) >> 24) },
  pcm_s16le: { bytesPerSample: 2, fullScale: 32768, read: (_b, v, at) => Math.abs(v.getInt16(at, true)) },
  pcm_s24le: {
    bytesPerSample: 3,
    fullScale: 8388608,
    read: (b, _v, at) => Math.abs(((b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) << 8) >> 8),
  },
  pcm_s32le: { bytesPerSample: 4, fullScale: 2147483648, read: (_b, v, at) => Math.abs(v.getInt32(at, true)) },
  // NaN never wins a `>` comparison, so corrupt float samples simply don't register.
  pcm_f32le: { bytesPerSample: 4, fullScale: 1, read: (_b, v, at) => Math.abs(v.getFloat32(at, true)) },
  pcm_f64le: { bytesPerSample: 8, fullScale: 1, read: (_b, v, at) => Math.abs(v.getFloat64(at, true)) },
  pcm_alaw: { bytesPerSample: 1, fullScale: 32768, read: (b, _v, at) => Math.abs(ALAW_TO_LINEAR[b[at]]) },
  pcm_mulaw: { bytesPerSample: 1, fullScale: 32768, read: (b, _v, at) => Math.abs(MULAW_TO_LINEAR[b[at]]) },
};

const MAX_BUCKETS = 1_000_000;

export function createPeaksAccumulator(info: WavInfo, buckets: number): PeaksAccumulator {
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > MAX_BUCKETS) {
    throw new RangeError(`buckets must be an integer from 1 to ${MAX_BUCKETS}, got ${buckets}`);
  }
  const reader = READERS[info.codec];
  const { channels, blockAlign } = info;
  if (!reader || channels < 1 || blockAlign !== channels * reader.bytesPerSample) {
    throw new RangeError(`inconsistent WavInfo: ${channels} channel(s) of ${info.codec} in ${blockAlign}-byte frames`);
  }
  const { read, bytesPerSample } = reader;
  const totalFrames = info.frames;
  // peaks[ch * buckets + bucket], in codec units until finish().
  const peaks = new Float64Array(channels * buckets);
  const carry = new Uint8Array(blockAlign);
  const carryView = new DataView(carry.buffer);
  let carryLength = 0;
  let bytesLeft = info.dataLength;
  let frame = 0;
  let bucket = 0;
  let nextBoundary = boundaryAfter(0);
  let finished = false;

  function boundaryAfter(b: number): number {
    // First frame that belongs to bucket b + 1.
    return Math.ceil(((b + 1) * totalFrames) / buckets);
  }

  function enterBucketOf(f: number): void {
    const target = Math.min(buckets - 1, Math.floor((f * buckets) / totalFrames));
    // With more buckets than frames some buckets get no frame of their own; they show the
    // frame that spans them instead of a gap.
    for (let b = bucket + 1; b < target; b++) {
      for (let ch = 0; ch < channels; ch++) peaks[ch * buckets + b] = peaks[ch * buckets + bucket];
    }
    bucket = target;
    nextBoundary = boundaryAfter(bucket);
  }

  function frames(bytes: Uint8Array, view: DataView, start: number, count: number): void {
    let at = start;
    for (let i = 0; i < count; i++, frame++) {
      if (frame >= nextBoundary) enterBucketOf(frame);
      for (let ch = 0, slot = bucket; ch < channels; ch++, slot += buckets, at += bytesPerSample) {
        const m = read(bytes, view, at);
        if (m > peaks[slot]) peaks[slot] = m;
      }
    }
  }

  return {
    push(chunk: Uint8Array): void {
      if (finished) throw new Error('peaks: push() after finish()');
      // Anything past the data section (trailing chunks, a pad byte) is not audio.
      const usable = Math.min(chunk.length, bytesLeft);
      if (usable <= 0) return;
      bytesLeft -= usable;
      let pos = 0;
      if (carryLength > 0) {
        const take = Math.min(blockAlign - carryLength, usable);
        carry.set(chunk.subarray(0, take), carryLength);
        carryLength += take;
        pos = take;
        if (carryLength < blockAlign) return;
        frames(carry, carryView, 0, 1);
        carryLength = 0;
      }
      const whole = Math.floor((usable - pos) / blockAlign);
      if (whole > 0) {
        frames(chunk, new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength), pos, whole);
        pos += whole * blockAlign;
      }
      if (pos < usable) {
        carry.set(chunk.subarray(pos, usable), 0);
        carryLength = usable - pos;
      }
    },
    finish(): Peaks {
      finished = true;
      // Buckets past the last frame, when there are more buckets than frames, belong to it too.
      if (totalFrames > 0 && frame >= totalFrames && bucket < buckets - 1) {
        for (let b = bucket + 1; b < buckets; b++) {
          for (let ch = 0; ch < channels; ch++) peaks[ch * buckets + b] = peaks[ch * buckets + bucket];
        }
      }
      const out: number[][] = [];
      for (let ch = 0; ch < channels; ch++) {
        const lane = new Array<number>(buckets);
        for (let b = 0; b < buckets; b++) {
          const v = Math.min(1, peaks[ch * buckets + b] / reader.fullScale);
          lane[b] = Math.round(v * 1000) / 1000;
        }
        out.push(lane);
      }
      return { channels: out, durationSec: info.durationSec };
    },
  };
}
