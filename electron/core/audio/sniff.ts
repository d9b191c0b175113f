// What kind of audio a file holds, from its first bytes only — enough for the index (codec, channels,
// rate, and duration where the header states it) without reading or decoding the whole file.
import { AudioFormatError } from './audio-error';
import { id3v2End, readMp3Head } from './mp3-frames';
import { OPUS_RATE, readOpusHead } from './ogg-opus';
import { parseWavHeader } from './wav';

export const SNIFF_BYTES = 64 * 1024;

export interface AudioSniff {
  format: 'wav' | 'mp3' | 'opus' | 'flac';
  codec: string;
  channels: number | null;
  sampleRate: number | null;
  durationSec: number | null;
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** The container, from magic bytes alone (nothing else is checked); null when it is none of ours. */
export function detectFormat(head: Uint8Array): AudioSniff['format'] | null {
  const tag4 = ascii(head, 0, 4);
  if (tag4 === 'RIFF' || tag4 === 'RF64' || tag4 === 'BW64') return 'wav';
  if (tag4 === 'fLaC') return 'flac';
  if (tag4 === 'OggS') return 'opus';
  if (ascii(head, 0, 3) === 'ID3' || (head.length > 1 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return 'mp3';
  return null;
}

export function sniffAudio(head: Uint8Array, fileSize: number): AudioSniff {
  if (fileSize === 0 || head.length === 0) throw new AudioFormatError('empty', 'the audio file is empty');
  const tag4 = ascii(head, 0, 4);
  if (tag4 === 'RIFF' || tag4 === 'RF64' || tag4 === 'BW64') {
    const w = parseWavHeader(head, fileSize);
    return { format: 'wav', codec: w.codec, channels: w.channels, sampleRate: w.sampleRate, durationSec: w.durationSec };
  }
  if (tag4 === 'fLaC') return sniffFlac(head);
  if (tag4 === 'OggS') {
    // The duration needs the last page (see probe.ts); the head gives the rest.
    return { format: 'opus', codec: 'opus', channels: readOpusHead(head).channels, sampleRate: OPUS_RATE, durationSec: null };
  }
  if (ascii(head, 0, 3) === 'ID3' || (head.length > 1 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return sniffMp3(head, fileSize);
  throw new AudioFormatError('not_audio', 'not a recognised audio file (expected WAV, MP3, Ogg Opus or FLAC)');
}

function sniffMp3(head: Uint8Array, fileSize: number): AudioSniff {
  const start = id3v2End(head);
  // A large ID3 tag (cover art) can push the first frame past the head; probe.ts reads on from there.
  if (start >= head.length) return { format: 'mp3', codec: 'mp3', channels: null, sampleRate: null, durationSec: null };
  const m = readMp3Head(head.subarray(start), start, fileSize);
  const codec = m.first.layer === 3 ? 'mp3' : `mp${m.first.layer}`;
  return { format: 'mp3', codec, channels: m.first.channels, sampleRate: m.first.sampleRate, durationSec: m.durationSec };
}

function sniffFlac(b: Uint8Array): AudioSniff {
  // STREAMINFO is always the first metadata block: sample rate (20 bits), channels-1 (3), bps-1 (5), total samples (36).
  if (b.length < 4 + 4 + 18) throw new AudioFormatError('truncated', 'the FLAC header is incomplete');
  if ((b[4] & 0x7f) !== 0) throw new AudioFormatError('bad_header', 'the FLAC file does not start with its STREAMINFO block');
  const p = 8 + 10;
  const sampleRate = (b[p] << 12) | (b[p + 1] << 4) | (b[p + 2] >> 4);
  const channels = ((b[p + 2] >> 1) & 0x07) + 1;
  const totalSamples = (b[p + 3] & 0x0f) * 2 ** 32 + ((b[p + 4] << 24) >>> 0) + (b[p + 5] << 16) + (b[p + 6] << 8) + b[p + 7];
  if (sampleRate === 0) throw new AudioFormatError('bad_header', 'the FLAC header gives a sample rate of 0');
  return { format: 'flac', codec: 'flac', channels, sampleRate, durationSec: totalSamples > 0 ? totalSamples / sampleRate : null };
}
