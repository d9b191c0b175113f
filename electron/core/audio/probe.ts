// Everything the app needs to know about a recording before playing it: format, codec, channels,
// rate and exact duration. The head answers for WAV and FLAC; Opus needs its last page; MP3 needs
// its Xing/VBRI header or, failing that, a walk over the frame headers. Nothing is decoded unless a
// file leaves no other way (a FLAC or Ogg file that never states its length).
import { AudioFormatError } from './audio-error';
import { readRange, type OpenStream } from './byte-source';
import { decodeBlocks } from './decode-stream';
import { id3v2End, readMp3Head, scanMp3Samples, type Mp3Head } from './mp3-frames';
import { OPUS_RATE, lastGranule, readOpusHead } from './ogg-opus';
import { SNIFF_BYTES, detectFormat, sniffAudio, type AudioSniff } from './sniff';
import { parseWavHeader, type WavInfo } from './wav';

/** More channels than any recorder writes; a header claiming more is damaged, and would cost memory per channel. */
export const MAX_CHANNELS = 64;

export interface AudioProbe {
  format: AudioSniff['format'];
  codec: string;
  channels: number;
  sampleRate: number;
  durationSec: number;
  /** The parsed header, for WAV files (the decoder and the playable view need it). */
  wav: WavInfo | null;
  mp3: Mp3Head | null;
}

/** The facts the CLI prints and the index stores. */
export function probeSummary(p: AudioProbe): { codec: string; channels: number; sampleRate: number; durationSec: number } {
  return { codec: p.codec, channels: p.channels, sampleRate: p.sampleRate, durationSec: Math.round(p.durationSec * 1000) / 1000 };
}

/**
 * @param expect the format the file claims (its extension): bytes of another format are reported as
 *   such before anything else about them.
 * @throws AudioFormatError for anything that is not audio we can decode.
 */
export async function probeAudio(open: OpenStream, sizeBytes: number, expect?: AudioSniff['format']): Promise<AudioProbe> {
  if (sizeBytes <= 0) throw new AudioFormatError('empty', 'the audio file is empty');
  const head = await readRange(open, sizeBytes, 0, SNIFF_BYTES - 1);
  const detected = detectFormat(head);
  if (expect && detected && detected !== expect) {
    throw new AudioFormatError('wrong_format', `holds ${detected.toUpperCase()} data, not ${expect.toUpperCase()}`);
  }
  const sniff = sniffAudio(head, sizeBytes);
  let probe: AudioProbe;
  if (sniff.format === 'wav') {
    const wav = parseWavHeader(head, sizeBytes);
    probe = { format: 'wav', codec: wav.codec, channels: wav.channels, sampleRate: wav.sampleRate, durationSec: wav.durationSec, wav, mp3: null };
  } else if (sniff.format === 'mp3') {
    probe = await probeMp3(open, sizeBytes, head);
  } else if (sniff.format === 'opus') {
    const { preSkip, channels } = readOpusHead(head);
    const granule = lastGranule(await readRange(open, sizeBytes, Math.max(0, sizeBytes - SNIFF_BYTES), sizeBytes - 1));
    const durationSec = granule === null ? NaN : Math.max(0, granule - preSkip) / OPUS_RATE;
    probe = { format: 'opus', codec: 'opus', channels, sampleRate: OPUS_RATE, durationSec, wav: null, mp3: null };
  } else {
    probe = { format: 'flac', codec: 'flac', channels: sniff.channels ?? 0, sampleRate: sniff.sampleRate ?? 0, durationSec: sniff.durationSec ?? NaN, wav: null, mp3: null };
  }
  if (probe.channels > MAX_CHANNELS) {
    throw new AudioFormatError('unsupported_codec', `the file says it has ${probe.channels} channels; at most ${MAX_CHANNELS} are supported`);
  }
  if (Number.isNaN(probe.durationSec)) probe.durationSec = (await countDecodedFrames(open, sizeBytes, probe)) / probe.sampleRate;
  return probe;
}

async function probeMp3(open: OpenStream, sizeBytes: number, head: Uint8Array): Promise<AudioProbe> {
  const start = id3v2End(head);
  if (start >= sizeBytes) throw new AudioFormatError('truncated', 'the MP3 file ends inside its ID3 tag');
  const frames = start < head.length ? head.subarray(start) : await readRange(open, sizeBytes, start, start + SNIFF_BYTES - 1);
  const mp3 = readMp3Head(frames, start, sizeBytes);
  const { first } = mp3;
  const durationSec = mp3.durationSec ?? (await scanMp3Samples(open, sizeBytes, mp3.audioOffset, first)) / first.sampleRate;
  const codec = first.layer === 3 ? 'mp3' : `mp${first.layer}`;
  return { format: 'mp3', codec, channels: first.channels, sampleRate: first.sampleRate, durationSec, wav: null, mp3 };
}

/** The last resort for a length nobody wrote down: decode and count (still constant memory). */
async function countDecodedFrames(open: OpenStream, sizeBytes: number, probe: AudioProbe): Promise<number> {
  let frames = 0;
  for await (const block of decodeBlocks(open, sizeBytes, { ...probe, durationSec: 0 })) frames += block[0]?.length ?? 0;
  if (frames === 0) throw new AudioFormatError('corrupt', `no audio could be decoded from the ${probe.format.toUpperCase()} file`);
  return frames;
}
