// Renders a call timeline as the recorder would have captured it: agent on the left channel,
// customer on the right, 8 kHz stereo G.711 µ-law, over a faint line hiss so silence looks like
// a real line rather than digital zero.
import { encodeWav } from '../audio/wav-writer';
import type { Timeline } from './call-timeline';
import type { Random } from './random';
import { SPEECH_RATE, type Phrase, type Speaker } from './speech-assets';

export const CHANNEL_OF: Readonly<Record<Speaker, number>> = { agent: 0, customer: 1 };

// About -66 dBFS: audible only with the volume right up, like a quiet phone line.
const HISS = 16;

export function renderCallAudio(timeline: Timeline, phrases: ReadonlyMap<string, Phrase>, rnd: Random): Uint8Array {
  const frames = timeline.totalFrames;
  const mix = new Int16Array(frames * 2);
  for (let i = 0; i < mix.length; i++) mix[i] = Math.round((rnd.next() - 0.5) * 2 * HISS);
  // Each side sits at its own level, as two handsets on two lines would.
  const gain: Record<Speaker, number> = { agent: rnd.range(0.75, 1), customer: rnd.range(0.55, 0.95) };
  for (const p of timeline.placements) {
    const phrase = phrases.get(p.phraseId);
    if (!phrase) throw new Error(`unknown phrase "${p.phraseId}"`);
    const ch = CHANNEL_OF[p.speaker];
    const g = gain[p.speaker];
    const n = Math.min(p.frames, frames - p.startFrame);
    for (let i = 0; i < n; i++) {
      const at = (p.startFrame + i) * 2 + ch;
      const v = mix[at] + phrase.samples[i] * g;
      mix[at] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
  }
  return encodeWav(mix, 2, SPEECH_RATE, 'pcm_mulaw');
}
