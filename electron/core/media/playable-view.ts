// What the player's media element is given for a recording: the stored bytes when Chromium plays
// them, otherwise a 16-bit PCM WAV synthesised on the fly. The synthetic file is a fixed 44-byte
// header plus converted frames, so any byte range of it maps arithmetically onto a range of the
// source: seeking is exact, nothing is decoded ahead, nothing is written to disk. It wraps any
// MediaSource, so a decrypting cache source can sit underneath it unchanged.
import { Readable } from 'node:stream';
import { AudioFormatError } from '../audio/audio-error';
import { toPcm16, BYTES_PER_SAMPLE } from '../audio/pcm-convert';
import { SNIFF_BYTES } from '../audio/sniff';
import { parseWavHeader, type WavInfo } from '../audio/wav';
import { wavHeader } from '../audio/wav-writer';
import type { MediaSource } from './media-handler';

export const PCM16_HEADER_BYTES = 44;

/**
 * Why Chromium (and Electron, which ships the same FFmpeg build) cannot play this WAV directly, or
 * null when it can. Measured with Debian's Chromium 156: it plays 8/16/24/32-bit PCM, 32-bit float,
 * µ-law, A-law, WAVE_FORMAT_EXTENSIBLE, RF64, up to 12 channels, chunks in any order and headers
 * left at 0 or 0xFFFFFFFF; it refuses 64-bit float (MediaError 4).
 */
export function needsTranscode(info: WavInfo): string | null {
  if (info.codec === 'pcm_f64le') return '64-bit floating-point WAV';
  return null;
}

// Every Range request resolves the view again, so the usual header is read in one small piece first.
const SMALL_HEAD = 4096;

async function readHead(source: MediaSource, bytes: number): Promise<Uint8Array> {
  const end = Math.min(source.size, bytes) - 1;
  const chunks: Uint8Array[] = [];
  for await (const c of source.open(0, end)) chunks.push(c as Uint8Array);
  return Buffer.concat(chunks);
}

/** The source as-is, or its 16-bit PCM view; never throws for bad audio (the player reports that). */
export async function playableView(source: MediaSource): Promise<MediaSource> {
  if (source.size < 12) return source;
  let head = await readHead(source, SMALL_HEAD);
  const tag = String.fromCharCode(...head.subarray(0, 4));
  if (tag !== 'RIFF' && tag !== 'RF64' && tag !== 'BW64') return source;
  let info: WavInfo;
  try {
    try {
      info = parseWavHeader(head, source.size);
    } catch (err) {
      // Long LIST/bext chunks before the audio: read as much as the indexer does and try again.
      if (!(err instanceof AudioFormatError && err.code === 'truncated' && head.length < source.size)) throw err;
      head = await readHead(source, SNIFF_BYTES);
      info = parseWavHeader(head, source.size);
    }
  } catch {
    return source;
  }
  return needsTranscode(info) ? pcm16View(source, info) : source;
}

/** A 16-bit PCM WAV view of a WAV source, same channels and rate; null if it would exceed RIFF's 4 GiB. */
export function pcm16View(source: MediaSource, info: WavInfo): MediaSource {
  const { channels, sampleRate, frames, codec, dataOffset } = info;
  const srcAlign = channels * BYTES_PER_SAMPLE[codec];
  const outAlign = channels * 2;
  let header: Uint8Array;
  try {
    header = wavHeader({ codec: 'pcm_s16le', channels, sampleRate, frames });
  } catch {
    return source;
  }
  const size = PCM16_HEADER_BYTES + frames * outAlign;

  async function* range(start: number, endInclusive: number): AsyncGenerator<Uint8Array> {
    if (start < PCM16_HEADER_BYTES) yield header.subarray(start, Math.min(endInclusive, PCM16_HEADER_BYTES - 1) + 1);
    if (endInclusive < PCM16_HEADER_BYTES) return;
    // Output data bytes [a, b] come from source frames [f0, f1].
    const a = Math.max(start, PCM16_HEADER_BYTES) - PCM16_HEADER_BYTES;
    const b = endInclusive - PCM16_HEADER_BYTES;
    const f0 = Math.floor(a / outAlign);
    const f1 = Math.floor(b / outAlign);
    let skip = a - f0 * outAlign;
    let remaining = b - a + 1;
    let carry = new Uint8Array(0);
    for await (const chunk of source.open(dataOffset + f0 * srcAlign, dataOffset + (f1 + 1) * srcAlign - 1)) {
      let bytes = chunk as Uint8Array;
      if (carry.length) bytes = Buffer.concat([carry, bytes]);
      const whole = bytes.length - (bytes.length % srcAlign);
      carry = bytes.slice(whole);
      if (whole === 0) continue;
      let out = toPcm16(codec, bytes.subarray(0, whole));
      if (skip) {
        out = out.subarray(skip);
        skip = 0;
      }
      if (out.length > remaining) out = out.subarray(0, remaining);
      remaining -= out.length;
      if (out.length) yield out;
      if (remaining <= 0) return;
    }
  }

  return {
    size,
    contentType: 'audio/wav',
    open: (start, endInclusive) => Readable.from(range(start, endInclusive), { objectMode: false }),
  };
}
