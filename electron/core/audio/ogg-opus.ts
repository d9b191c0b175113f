// What an Ogg Opus file says about itself without decoding: channels and pre-skip from the OpusHead
// packet, and the duration from the granule position of the last page (Opus always counts 48 kHz).
import { AudioFormatError } from './audio-error';

export const OPUS_RATE = 48000;

export interface OpusHead {
  channels: number;
  preSkip: number;
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

export function readOpusHead(head: Uint8Array): OpusHead {
  if (head.length < 27 || ascii(head, 0, 4) !== 'OggS') throw new AudioFormatError('not_audio', 'not an Ogg file');
  // The first page holds exactly one packet, OpusHead, after the segment table.
  const segments = head[26];
  const packet = 27 + segments;
  if (head.length < packet + 19) throw new AudioFormatError('truncated', 'the Ogg Opus file ends inside its header');
  if (ascii(head, packet, 8) !== 'OpusHead') throw new AudioFormatError('unsupported_codec', 'an Ogg file that is not Opus (only Ogg Opus is supported)');
  const channels = head[packet + 9];
  if (channels === 0) throw new AudioFormatError('no_channels', 'the Opus header says the audio has 0 channels');
  return { channels, preSkip: head[packet + 10] | (head[packet + 11] << 8) };
}

/**
 * Samples (at 48 kHz) up to the end of the last complete-looking page in `tail`, the last bytes of the
 * file; null when no page header is found there. The granule position counts pre-skip too.
 */
export function lastGranule(tail: Uint8Array): number | null {
  for (let i = tail.length - 27; i >= 0; i--) {
    if (tail[i] !== 0x4f || tail[i + 1] !== 0x67 || tail[i + 2] !== 0x67 || tail[i + 3] !== 0x53 || tail[i + 4] !== 0) continue;
    const view = new DataView(tail.buffer, tail.byteOffset + i + 6, 8);
    const lo = view.getUint32(0, true);
    const hi = view.getUint32(4, true);
    // -1 means "no packet ends on this page"; absurd values come from corruption. Look further back.
    if (hi === 0xffffffff || hi >= 0x200000) continue;
    return hi * 0x1_0000_0000 + lo;
  }
  return null;
}
