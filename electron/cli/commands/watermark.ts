// `earmark watermark embed|detect`: the forensic watermark from the command line, for testing and
// for identifying a leaked file outside the app. Detection reads WAV, MP3, Ogg Opus and FLAC.
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AudioFormatError } from '../../core/audio/audio-error';
import { MAX_DETECT_SECONDS, detectWatermark } from '../../core/watermark/detect';
import { embedWatermark } from '../../core/watermark/embed';
import { MAX_PAYLOAD_BYTES } from '../../core/watermark/payload-code';
import { readAudioFile } from '../../core/watermark/read-audio';
import { encodeWav16 } from '../../core/watermark/wav-pcm';
import { UsageError, one, requireFile, type CliCommand } from '../cli-kit';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function parsePayload(s: string | undefined): Uint8Array {
  if (!s) throw new UsageError('--payload HEX is required');
  const h = s.replace(/^0x/i, '');
  if (!/^[0-9a-f]+$/i.test(h) || h.length % 2 !== 0 || h.length / 2 > MAX_PAYLOAD_BYTES) {
    throw new UsageError(`--payload must be 1–${MAX_PAYLOAD_BYTES} bytes of hex (2–${MAX_PAYLOAD_BYTES * 2} hex digits), got "${s}"`);
  }
  return Uint8Array.from(Buffer.from(h, 'hex'));
}

async function read(file: string, maxSeconds?: number) {
  try {
    return await readAudioFile(file, statSync(file).size, maxSeconds);
  } catch (err) {
    if (err instanceof AudioFormatError) throw new UsageError(`${file}: ${err.message}`);
    throw err;
  }
}

export const watermarkCommand: CliCommand = {
  name: 'watermark',
  usage: ['earmark watermark embed IN OUT.wav --payload HEX', 'earmark watermark detect FILE [--json]'],
  valueFlags: ['payload'],
  async run(a, out) {
    const sub = a.positional[1];
    if (sub === 'embed') {
      const input = requireFile(a.positional[2], 'an input audio file');
      if (!a.positional[3]) throw new UsageError('watermark embed needs an output file (OUT.wav)');
      const output = resolve(a.positional[3]);
      const payload = parsePayload(one(a, 'payload'));
      const audio = await read(input);
      if (audio.sampleRate < 8000) throw new UsageError(`${input}: the watermark needs audio sampled at 8 kHz or more`);
      const marked = embedWatermark(audio.channels, audio.sampleRate, payload);
      writeFileSync(output, encodeWav16(marked, audio.sampleRate));
      out(a.json ? JSON.stringify({ out: output, payload: hex(payload) }) : `wrote ${output} carrying watermark ${hex(payload)}`);
      return 0;
    }
    if (sub === 'detect') {
      const file = requireFile(a.positional[2], 'an audio file');
      const audio = await read(file, MAX_DETECT_SECONDS);
      if (audio.channels.length === 0 || audio.sampleRate < 4000) throw new UsageError(`${file}: no audio the watermark detector can examine`);
      const r = detectWatermark(audio.channels, audio.sampleRate);
      const payload = r.payload ? hex(r.payload) : null;
      if (a.json) {
        out(JSON.stringify({ found: r.found, payload, confidence: round(r.confidence), syncZ: round(r.syncZ), offsetSec: r.offsetSec === null ? null : round(r.offsetSec) }));
      } else {
        out(r.found ? `watermark found: ${payload} (confidence ${round(r.confidence)})` : 'no watermark found');
      }
      return r.found ? 0 : 1;
    }
    throw new UsageError('watermark takes the subcommand embed or detect');
  },
};

const round = (v: number) => Math.round(v * 1000) / 1000;
