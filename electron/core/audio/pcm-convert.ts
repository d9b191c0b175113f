// Linear samples from a WAV data section, one codec at a time. Every codec maps onto [-1, 1] with the
// same full-scale divisor the peaks use, so a waveform drawn from any path looks identical.
import { ALAW_TO_LINEAR, MULAW_TO_LINEAR } from './g711';
import type { WavCodec } from './wav';

/** Reads the sample at byte `at` as a float in [-1, 1] (floats are passed through unclamped). */
type SampleReader = (bytes: Uint8Array, view: DataView, at: number) => number;

export const BYTES_PER_SAMPLE: Record<WavCodec, number> = {
  pcm_u8: 1,
  pcm_s8: 1,
  pcm_s16le: 2,
  pcm_s24le: 3,
  pcm_s32le: 4,
  pcm_f32le: 4,
  pcm_f64le: 8,
  pcm_alaw: 1,
  pcm_mulaw: 1,
};

export const SAMPLE_READERS: Record<WavCodec, SampleReader> = {
  pcm_u8: (b, _v, at) => (b[at] - 128) / 128,
  pcm_s8: (b, _v, at) => ((b[at] << 24) >> 24) / 128,
  pcm_s16le: (_b, v, at) => v.getInt16(at, true) / 32768,
  pcm_s24le: (b, _v, at) => (((b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) << 8) >> 8) / 8388608,
  pcm_s32le: (_b, v, at) => v.getInt32(at, true) / 2147483648,
  pcm_f32le: (_b, v, at) => v.getFloat32(at, true),
  pcm_f64le: (_b, v, at) => v.getFloat64(at, true),
  pcm_alaw: (b, _v, at) => ALAW_TO_LINEAR[b[at]] / 32768,
  pcm_mulaw: (b, _v, at) => MULAW_TO_LINEAR[b[at]] / 32768,
};

/** Whole frames of interleaved bytes → one Float32Array per channel. */
export function deinterleave(codec: WavCodec, channels: number, bytes: Uint8Array): Float32Array[] {
  const size = BYTES_PER_SAMPLE[codec];
  const read = SAMPLE_READERS[codec];
  const frames = Math.floor(bytes.length / (size * channels));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Float32Array[] = [];
  for (let ch = 0; ch < channels; ch++) {
    const lane = new Float32Array(frames);
    for (let f = 0, at = ch * size; f < frames; f++, at += size * channels) lane[f] = read(bytes, view, at);
    out.push(lane);
  }
  return out;
}

/** Float in [-1, 1] → 16-bit sample; out-of-range and NaN (corrupt float files) are clamped/silenced. */
export function toInt16(x: number): number {
  if (!(x === x)) return 0;
  const s = Math.round(x * 32768);
  return s > 32767 ? 32767 : s < -32768 ? -32768 : s;
}

/** Whole frames of interleaved bytes → interleaved little-endian 16-bit PCM bytes, same channel order. */
export function toPcm16(codec: WavCodec, bytes: Uint8Array): Uint8Array {
  const size = BYTES_PER_SAMPLE[codec];
  const read = SAMPLE_READERS[codec];
  const samples = Math.floor(bytes.length / size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint8Array(samples * 2);
  const outView = new DataView(out.buffer);
  for (let i = 0, at = 0; i < samples; i++, at += size) outView.setInt16(i * 2, toInt16(read(bytes, view, at)), true);
  return out;
}
