// Encodes processed audio for export: 16-bit PCM WAV with a LIST/INFO chunk, or MP3 (lamejs, pure
// JavaScript: no ffmpeg) with an ID3v2.3 tag. Input is per-channel float samples in [-1, 1].
import { riffInfoChunk, id3v23Tag, type ExportMetadata } from './export-metadata';

export function toInt16(x: Float32Array): Int16Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = Math.round(x[i] * 32767);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

export function encodeExportWav(channels: readonly Float32Array[], sampleRate: number, meta: ExportMetadata): Uint8Array {
  const n = channels.length;
  const frames = channels[0]?.length ?? 0;
  const info = riffInfoChunk(meta);
  const dataLength = frames * n * 2;
  const out = Buffer.alloc(12 + 24 + info.length + 8 + dataLength);
  let at = 0;
  out.write('RIFF', at, 'ascii');
  out.writeUInt32LE(out.length - 8, at + 4);
  out.write('WAVE', at + 8, 'ascii');
  at += 12;
  out.write('fmt ', at, 'ascii');
  out.writeUInt32LE(16, at + 4);
  out.writeUInt16LE(1, at + 8);
  out.writeUInt16LE(n, at + 10);
  out.writeUInt32LE(sampleRate, at + 12);
  out.writeUInt32LE(sampleRate * n * 2, at + 16);
  out.writeUInt16LE(n * 2, at + 20);
  out.writeUInt16LE(16, at + 22);
  at += 24;
  out.set(info, at);
  at += info.length;
  out.write('data', at, 'ascii');
  out.writeUInt32LE(dataLength, at + 4);
  at += 8;
  const ints = channels.map(toInt16);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < n; c++) {
      out.writeInt16LE(ints[c][f], at);
      at += 2;
    }
  }
  return out;
}

// lamejs hands back Int8Arrays; view the same memory as bytes.
const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

interface LameModule {
  Mp3Encoder: new (channels: number, sampleRate: number, kbps: number) => { encodeBuffer(l: Int16Array, r?: Int16Array): Uint8Array; flush(): Uint8Array };
}

// lamejs ships as an ES module; tsc turns import() into require() in our CommonJS build, so keep a
// real dynamic import (works on Node 20 and the Node 22 inside Electron).
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<LameModule>;
let lame: Promise<LameModule> | null = null;

/** MPEG-1/2/2.5 sample rates lame encodes; others must be resampled first. */
export const MP3_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

export async function encodeExportMp3(
  channels: readonly Float32Array[],
  sampleRate: number,
  meta: ExportMetadata,
  opts: { kbps?: number; onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<Uint8Array> {
  if (!MP3_RATES.includes(sampleRate)) throw new RangeError(`MP3 cannot carry ${sampleRate} Hz audio`);
  if (channels.length < 1 || channels.length > 2) throw new RangeError('MP3 export takes mono or stereo audio');
  lame ??= importEsm('@breezystack/lamejs');
  const { Mp3Encoder } = await lame;
  // lame's bitrate ceiling depends on the MPEG version the rate falls in.
  const maxKbps = sampleRate < 16000 ? 64 : sampleRate < 32000 ? 160 : 320;
  const enc = new Mp3Encoder(channels.length, sampleRate, Math.min(opts.kbps ?? (sampleRate < 16000 ? 32 : 128), maxKbps));
  const left = toInt16(channels[0]);
  const right = channels.length > 1 ? toInt16(channels[1]) : undefined;
  const parts: Uint8Array[] = [id3v23Tag(meta)];
  const block = 1152 * 64;
  for (let i = 0; i < left.length; i += block) {
    if (opts.signal?.aborted) throw new Error('the export was cancelled');
    parts.push(bytes(enc.encodeBuffer(left.subarray(i, i + block), right?.subarray(i, i + block))));
    opts.onProgress?.(Math.min(1, (i + block) / left.length));
  }
  parts.push(bytes(enc.flush()));
  return Buffer.concat(parts);
}
