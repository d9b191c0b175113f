// Shared material for the watermark tests: realistic two-channel 8 kHz calls from the demo store,
// cut to a fixed length, and the SNR measures the inaudibility requirement is stated in.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoStore } from '../../electron/core/demo/demo-writer';
import { decodeWavFile, type PcmAudio } from '../../electron/core/watermark/wav-pcm';

/** `count` demo calls of at least `seconds`, each cut to exactly `seconds` (stereo, 8 kHz). */
export async function demoClips(count: number, seconds: number, seed = 11): Promise<PcmAudio[]> {
  const root = await mkdtemp(join(tmpdir(), 'earmark-wm-'));
  try {
    const { written } = await writeDemoStore(root, { count: count * 4, seed, now: new Date('2026-06-01T00:00:00Z') });
    const clips: PcmAudio[] = [];
    for (const f of written.filter((p) => p.endsWith('.wav'))) {
      const a = decodeWavFile(new Uint8Array(await readFile(f)));
      const n = Math.round(seconds * a.sampleRate);
      if (a.channels[0].length < n) continue;
      clips.push({ sampleRate: a.sampleRate, channels: a.channels.map((c) => c.slice(0, n)) });
      if (clips.length === count) break;
    }
    if (clips.length < count) throw new Error(`only ${clips.length} demo calls last ${seconds} s`);
    return clips;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Whole-file SNR of `marked` against `orig`, over all channels, in dB. */
export function snrDb(orig: Float32Array[], marked: Float32Array[]): number {
  let s = 0;
  let n = 0;
  orig.forEach((x, c) => {
    for (let i = 0; i < x.length; i++) {
      s += x[i] * x[i];
      const d = marked[c][i] - x[i];
      n += d * d;
    }
  });
  return 10 * Math.log10(s / n);
}

/**
 * The worst SNR of any 32 ms frame (per channel) that holds sound (above −50 dBFS): the mark must
 * stay 25 dB under the audio everywhere, not just on average.
 */
export function worstFrameSnrDb(orig: Float32Array[], marked: Float32Array[], rate: number): number {
  const len = Math.round(rate * 0.032);
  let worst = Infinity;
  orig.forEach((x, c) => {
    for (let a = 0; a + len <= x.length; a += len) {
      let s = 0;
      let n = 0;
      for (let i = a; i < a + len; i++) {
        s += x[i] * x[i];
        const d = marked[c][i] - x[i];
        n += d * d;
      }
      if (s / len < 1e-5 || n === 0) continue;
      worst = Math.min(worst, 10 * Math.log10(s / n));
    }
  });
  return worst;
}

export const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : null);
