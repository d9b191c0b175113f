// Writes WAV files the way common tools do, so what we write (demo calls, exports) opens anywhere:
// the canonical 44-byte header for 16-bit PCM, and for G.711 an 18-byte fmt chunk (cbSize 0) plus
// the `fact` chunk that the spec requires for every non-PCM format, as sox and ffmpeg write.
import { encodeAlaw, encodeMulaw } from './g711';
import { WAVE_FORMAT } from './wav';

export type WavWriteCodec = 'pcm_s16le' | 'pcm_mulaw' | 'pcm_alaw';

export interface WavHeaderSpec {
  codec: WavWriteCodec;
  channels: number;
  sampleRate: number;
  /** Sample frames (one sample per channel) that will follow the header. */
  frames: number;
}

/**
 * The header for `frames` frames of audio. The data chunk follows it directly; when the data has an
 * odd number of bytes (G.711 with an odd frame×channel count) the caller must append one zero pad
 * byte, which the RIFF size here already counts.
 */
export function wavHeader(spec: WavHeaderSpec): Uint8Array {
  const { codec, channels, sampleRate, frames } = spec;
  if (!Number.isInteger(channels) || channels < 1 || channels > 0xffff) throw new RangeError(`channels must be 1–65535, got ${channels}`);
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > 0xffffffff) throw new RangeError(`sampleRate must be a positive integer, got ${sampleRate}`);
  if (!Number.isInteger(frames) || frames < 0) throw new RangeError(`frames must be a non-negative integer, got ${frames}`);
  const pcm = codec === 'pcm_s16le';
  const bytesPerSample = pcm ? 2 : 1;
  const blockAlign = channels * bytesPerSample;
  const dataLength = frames * blockAlign;
  const pad = dataLength & 1;
  const headerLength = pcm ? 44 : 58;
  const riffSize = headerLength - 8 + dataLength + pad;
  if (riffSize > 0xffffffff) throw new RangeError('audio too long for a RIFF WAV file (over 4 GiB)');

  const out = new Uint8Array(headerLength);
  const v = new DataView(out.buffer);
  let at = 0;
  const tag = (s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i);
    at += 4;
  };
  const u16 = (n: number) => {
    v.setUint16(at, n, true);
    at += 2;
  };
  const u32 = (n: number) => {
    v.setUint32(at, n, true);
    at += 4;
  };

  tag('RIFF');
  u32(riffSize);
  tag('WAVE');
  tag('fmt ');
  u32(pcm ? 16 : 18);
  u16(pcm ? WAVE_FORMAT.PCM : codec === 'pcm_mulaw' ? WAVE_FORMAT.MULAW : WAVE_FORMAT.ALAW);
  u16(channels);
  u32(sampleRate);
  u32(sampleRate * blockAlign);
  u16(blockAlign);
  u16(bytesPerSample * 8);
  if (!pcm) {
    u16(0); // cbSize: G.711 has no extra format bytes
    tag('fact');
    u32(4);
    u32(frames);
  }
  tag('data');
  u32(dataLength);
  return out;
}

/** A complete WAV file from interleaved 16-bit samples, encoded as `codec`. */
export function encodeWav(interleaved: Int16Array, channels: number, sampleRate: number, codec: WavWriteCodec): Uint8Array {
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`channels must be a positive integer, got ${channels}`);
  if (interleaved.length % channels !== 0) throw new RangeError(`${interleaved.length} samples is not a whole number of ${channels}-channel frames`);
  const frames = interleaved.length / channels;
  const header = wavHeader({ codec, channels, sampleRate, frames });
  let body: Uint8Array;
  if (codec === 'pcm_s16le') {
    body = new Uint8Array(interleaved.length * 2);
    const v = new DataView(body.buffer);
    // Explicit little-endian writes rather than reinterpreting the Int16Array's own bytes, so the
    // output is right on any host byte order.
    for (let i = 0; i < interleaved.length; i++) v.setInt16(i * 2, interleaved[i], true);
  } else {
    body = codec === 'pcm_mulaw' ? encodeMulaw(interleaved) : encodeAlaw(interleaved);
  }
  const out = new Uint8Array(header.length + body.length + (body.length & 1));
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}
