// MPEG audio frame headers, read without decoding: the channel count and rate from the first frame,
// the exact duration from a Xing/Info or VBRI header when the encoder wrote one, and otherwise by
// walking the frame headers (a few bytes per frame, so minutes of audio cost milliseconds).
import { AudioFormatError } from './audio-error';
import { limitChunks, type OpenStream } from './byte-source';

export interface Mp3FrameHeader {
  /** 1 (MPEG-1), 2 (MPEG-2) or 2.5 (MPEG-2.5). */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  sampleRate: number;
  channels: 1 | 2;
  /** Bytes in this frame, header included. */
  frameLength: number;
  samplesPerFrame: number;
}

const BITRATES_KBPS: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const RATES: Record<string, number[]> = { '1': [44100, 48000, 32000], '2': [22050, 24000, 16000], '2.5': [11025, 12000, 8000] };

/** The frame header at `at`, or null if those bytes are not one (free-format frames count as not). */
export function parseFrameHeader(b: Uint8Array, at: number): Mp3FrameHeader | null {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return null;
  const v = (b[at + 1] >> 3) & 3;
  const l = (b[at + 1] >> 1) & 3;
  const bitrateIndex = b[at + 2] >> 4;
  const rateIndex = (b[at + 2] >> 2) & 3;
  if (v === 1 || l === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const version = v === 3 ? 1 : v === 2 ? 2 : 2.5;
  const layer = (4 - l) as 1 | 2 | 3;
  const kbps = BITRATES_KBPS[`${version === 1 ? 1 : 2}-${layer}`][bitrateIndex];
  const sampleRate = RATES[String(version)][rateIndex];
  const padding = (b[at + 2] >> 1) & 1;
  const samplesPerFrame = layer === 1 ? 384 : layer === 2 || version === 1 ? 1152 : 576;
  const frameLength =
    layer === 1 ? (Math.floor((12 * kbps * 1000) / sampleRate) + padding) * 4 : Math.floor(((samplesPerFrame / 8) * kbps * 1000) / sampleRate) + padding;
  return { version, layer, sampleRate, channels: b[at + 3] >> 6 === 3 ? 1 : 2, frameLength, samplesPerFrame };
}

const sameStream = (a: Mp3FrameHeader, b: Mp3FrameHeader) => a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;

/** Where the audio starts after an ID3v2 tag (0 when there is none); may lie beyond `head`. */
export function id3v2End(head: Uint8Array): number {
  if (head.length < 10 || head[0] !== 0x49 || head[1] !== 0x44 || head[2] !== 0x33) return 0;
  // Sizes are "syncsafe": 7 bits per byte, so a tag can never contain a false frame sync.
  if ((head[6] | head[7] | head[8] | head[9]) & 0x80) return 0;
  const size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9];
  return 10 + size + (head[5] & 0x10 ? 10 : 0);
}

export interface Mp3Head {
  first: Mp3FrameHeader;
  /** File offset of the first frame. */
  firstOffset: number;
  /** Offset of the first frame of audio (after a Xing/Info/VBRI frame, which holds none). */
  audioOffset: number;
  /** Exact duration from a Xing/Info or VBRI header; null when the file has none. */
  durationSec: number | null;
}

/**
 * Finds the first frame in `head` (bytes of the file starting at `base`) and reads its Xing/VBRI header.
 * A candidate counts only if another frame of the same stream follows it, or it ends the file, so
 * stray 0xFF bytes in a tag or junk are not mistaken for audio.
 */
export function readMp3Head(head: Uint8Array, base: number, fileSize: number): Mp3Head {
  for (let i = 0; i + 4 <= head.length; i++) {
    const h = parseFrameHeader(head, i);
    if (!h) continue;
    const next = i + h.frameLength;
    const confirmed = base + next === fileSize || (next + 4 <= head.length && ((n) => n !== null && sameStream(n, h))(parseFrameHeader(head, next)));
    if (!confirmed) continue;
    const info = readInfoFrame(head, i, h);
    return {
      first: h,
      firstOffset: base + i,
      audioOffset: base + (info ? next : i),
      // A file shorter than the stream the header describes was cut off: its frames must be counted.
      durationSec:
        info?.frames && !(info.bytes > 0 && base + i + info.bytes > fileSize)
          ? Math.max(0, info.frames * h.samplesPerFrame - info.delay - info.padding) / h.sampleRate
          : null,
    };
  }
  throw new AudioFormatError('corrupt', 'no MPEG audio frames were found in the MP3 file');
}

interface InfoFrame {
  frames: number;
  delay: number;
  padding: number;
  /** Bytes of the stream as the encoder finished it (0 when not stated). */
  bytes: number;
}

function readInfoFrame(b: Uint8Array, at: number, h: Mp3FrameHeader): InfoFrame | null {
  const u32 = (p: number) => (p + 4 <= b.length ? ((b[p] << 24) >>> 0) + (b[p + 1] << 16) + (b[p + 2] << 8) + b[p + 3] : 0);
  const tag = (p: number) => (p + 4 <= b.length ? String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3]) : '');
  // The Xing header sits after the side information, whose size depends on version and channels.
  const sideInfo = h.version === 1 ? (h.channels === 1 ? 17 : 32) : h.channels === 1 ? 9 : 17;
  const x = at + 4 + sideInfo;
  const xtag = tag(x);
  if (xtag === 'Xing' || xtag === 'Info') {
    const flags = u32(x + 4);
    let p = x + 8;
    let frames = 0;
    if (flags & 1) {
      frames = u32(p);
      p += 4;
    }
    let bytes = 0;
    if (flags & 2) {
      bytes = u32(p);
      p += 4;
    }
    if (flags & 4) p += 100;
    if (flags & 8) p += 4;
    // A LAME-style extension (LAME, or Lavc/Lavf from ffmpeg) records the encoder delay and padding,
    // which gapless decoding trims; the duration should match what the decoder produces.
    let delay = 0;
    let padding = 0;
    if (p + 24 <= b.length && /^(LAME|Lavc|Lavf|L3.9)/.test(tag(p))) {
      delay = (b[p + 21] << 4) | (b[p + 22] >> 4);
      padding = ((b[p + 22] & 0x0f) << 8) | b[p + 23];
    }
    return { frames, delay, padding, bytes };
  }
  if (tag(at + 36) === 'VBRI') return { frames: u32(at + 36 + 14), delay: 0, padding: 0, bytes: u32(at + 36 + 10) };
  return null;
}

/** Total audio samples per channel, by walking every frame header from `from` to the end of the file. */
export async function scanMp3Samples(open: OpenStream, fileSize: number, from: number, ref: Mp3FrameHeader): Promise<number> {
  let samples = 0;
  let pending: Uint8Array = new Uint8Array(0);
  let pendingStart = from;
  let pos = from;
  if (from >= fileSize) return 0;
  for await (const chunk of limitChunks(open(from, fileSize - 1), 256 * 1024)) {
    const chunkStart = pendingStart + pending.length;
    const chunkEnd = chunkStart + chunk.length;
    if (pos >= chunkEnd) {
      // The previous frame's body covers all of this chunk.
      pending = new Uint8Array(0);
      pendingStart = chunkEnd;
      continue;
    }
    if (pos >= chunkStart) pending = chunk.subarray(pos - chunkStart);
    else {
      const keep = pending.subarray(pos - pendingStart);
      const joined = new Uint8Array(keep.length + chunk.length);
      joined.set(keep);
      joined.set(chunk, keep.length);
      pending = joined;
    }
    pendingStart = pos;
    let i = 0;
    while (i + 4 <= pending.length) {
      const h = parseFrameHeader(pending, i);
      if (h && sameStream(h, ref)) {
        samples += h.samplesPerFrame;
        i += h.frameLength;
      } else i++; // junk between frames: resynchronise on the next header
    }
    pos = pendingStart + i;
  }
  return samples;
}
