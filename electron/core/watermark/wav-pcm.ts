// Whole-file WAV ↔ float channels for the watermark CLI and tests: every variant parseWavHeader
// accepts (8/16/24/32-bit PCM, float, A-law, µ-law, RIFF/RF64, extensible) in, 16-bit PCM out.
import { AudioFormatError } from '../audio/audio-error';
import { ALAW_TO_LINEAR, MULAW_TO_LINEAR } from '../audio/g711';
import { parseWavHeader } from '../audio/wav';
import { encodeWav } from '../audio/wav-writer';

export interface PcmAudio {
  channels: Float32Array[];
  sampleRate: number;
}

/** Decodes a complete WAV file into one Float32Array per channel (−1…1). */
export function decodeWavFile(bytes: Uint8Array): PcmAudio {
  const info = parseWavHeader(bytes.subarray(0, Math.min(bytes.length, 1 << 20)), bytes.length);
  const { channels: nch, frames, codec, dataOffset } = info;
  if (dataOffset + info.dataLength > bytes.length) throw new AudioFormatError('truncated', 'the WAV file ends before its audio data');
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataOffset, info.dataLength);
  const out = Array.from({ length: nch }, () => new Float32Array(frames));
  const bps = info.bitsPerSample / 8;
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < nch; c++) {
      const at = (f * nch + c) * bps;
      let v: number;
      switch (codec) {
        case 'pcm_u8': v = (view.getUint8(at) - 128) / 128; break;
        case 'pcm_s8': v = view.getInt8(at) / 128; break;
        case 'pcm_s16le': v = view.getInt16(at, true) / 32768; break;
        case 'pcm_s24le': v = ((view.getInt8(at + 2) << 16) | (view.getUint8(at + 1) << 8) | view.getUint8(at)) / 8388608; break;
        case 'pcm_s32le': v = view.getInt32(at, true) / 2147483648; break;
        case 'pcm_f32le': v = view.getFloat32(at, true); break;
        case 'pcm_f64le': v = view.getFloat64(at, true); break;
        case 'pcm_mulaw': v = MULAW_TO_LINEAR[view.getUint8(at)] / 32768; break;
        case 'pcm_alaw': v = ALAW_TO_LINEAR[view.getUint8(at)] / 32768; break;
      }
      out[c][f] = Number.isFinite(v) ? v : 0;
    }
  }
  return { channels: out, sampleRate: info.sampleRate };
}

/** Float channels → a 16-bit PCM WAV file (rounded, clipped to the 16-bit range). */
export function encodeWav16(channels: Float32Array[], sampleRate: number): Uint8Array {
  const nch = channels.length;
  const frames = nch ? channels[0].length : 0;
  const inter = new Int16Array(frames * nch);
  for (let c = 0; c < nch; c++) {
    const ch = channels[c];
    for (let f = 0; f < frames; f++) {
      const v = Math.round(ch[f] * 32768);
      inter[f * nch + c] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
  }
  return encodeWav(inter, nch, sampleRate, 'pcm_s16le');
}
