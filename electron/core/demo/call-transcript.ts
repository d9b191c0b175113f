// The canonical transcript for a demo call. The synthetic voices come with no word timings, so each
// phrase's time is shared out over its words by length — close enough to highlight words as they
// play, which is all a demo needs.
import { CHANNEL_OF } from './call-audio';
import type { Timeline } from './call-timeline';
import { SPEECH_RATE, type Speaker } from './speech-assets';

export interface TranscriptWord {
  w: string;
  start: number;
  end: number;
}

export interface TranscriptSegment {
  speaker: Speaker;
  start: number;
  end: number;
  text: string;
  words: TranscriptWord[];
}

export interface Transcript {
  schemaVersion: 1;
  callId: string;
  language: string;
  source: string;
  speakers: { id: Speaker; label: string; channel: number }[];
  segments: TranscriptSegment[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Splits [start, end] over the words of `text` in proportion to their length in characters. */
export function spreadWords(text: string, start: number, end: number): TranscriptWord[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const total = words.reduce((n, w) => n + w.length, 0);
  const out: TranscriptWord[] = [];
  let chars = 0;
  for (const w of words) {
    const from = start + ((end - start) * chars) / total;
    chars += w.length;
    const to = start + ((end - start) * chars) / total;
    out.push({ w, start: round2(from), end: round2(to) });
  }
  return out;
}

export function buildTranscript(callId: string, timeline: Timeline, labels: Record<Speaker, string>): Transcript {
  const segments = timeline.placements
    .slice()
    .sort((a, b) => a.startFrame - b.startFrame)
    .map((p): TranscriptSegment => {
      const start = p.startFrame / SPEECH_RATE;
      const end = (p.startFrame + p.frames) / SPEECH_RATE;
      return { speaker: p.speaker, start: round2(start), end: round2(end), text: p.text, words: spreadWords(p.text, start, end) };
    });
  return {
    schemaVersion: 1,
    callId,
    language: 'en-US',
    source: 'earmark-demo',
    speakers: [
      { id: 'agent', label: labels.agent, channel: CHANNEL_OF.agent },
      { id: 'customer', label: labels.customer, channel: CHANNEL_OF.customer },
    ],
    segments,
  };
}
