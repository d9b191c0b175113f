// Shared by the importers: words with speakers → the canonical transcript's turns, and the speaker
// ids every importer agrees on.
import type { TranscriptSegment, TranscriptSpeaker, TranscriptWord } from '../../../shared/player-types';

/** A pause at least this long starts a new turn even when the same person goes on (s). */
export const TURN_GAP_SEC = 2;

export interface SpokenWord extends TranscriptWord {
  speaker: string;
}

export interface ChannelMap {
  agent: number;
  customer: number;
}

export const DEFAULT_CHANNEL_MAP: ChannelMap = { agent: 0, customer: 1 };

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Consecutive words by one speaker, split at long pauses, in time order. */
export function groupTurns(words: readonly SpokenWord[]): TranscriptSegment[] {
  const sorted = words.map((w, i) => ({ w, i })).sort((a, b) => a.w.start - b.w.start || a.i - b.i);
  const out: TranscriptSegment[] = [];
  let current: TranscriptSegment | null = null;
  for (const { w } of sorted) {
    const word: TranscriptWord = { w: w.w, start: round3(w.start), end: round3(Math.max(w.start, w.end)) };
    if (current && current.speaker === w.speaker && word.start - current.end < TURN_GAP_SEC) {
      current.words.push(word);
      current.end = Math.max(current.end, word.end);
    } else {
      current = { speaker: w.speaker, start: word.start, end: word.end, text: '', words: [word] };
      out.push(current);
    }
  }
  for (const s of out) s.text = s.words.map((w) => w.w).join(' ');
  return out;
}

/** The speaker entry for a channel, named agent/customer when the channel map says so. */
export function channelSpeaker(channel: number, map: ChannelMap): TranscriptSpeaker {
  if (channel === map.agent) return { id: 'agent', label: 'Agent', channel };
  if (channel === map.customer) return { id: 'customer', label: 'Customer', channel };
  return { id: `ch_${channel}`, label: `Channel ${channel + 1}`, channel };
}

/** The speaker entry for a name from a caption or a diarisation label. */
export function namedSpeaker(name: string, map: ChannelMap): TranscriptSpeaker {
  const label = name.trim() || 'Speaker';
  if (/^agent\b/i.test(label)) return { id: 'agent', label, channel: map.agent };
  if (/^(customer|caller|client)\b/i.test(label)) return { id: 'customer', label, channel: map.customer };
  const slug = label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return { id: slug || 'speaker', label, channel: null };
}

/** Splits [start, end] over the words of `text` in proportion to their length in characters. */
export function spreadWords(words: readonly string[], start: number, end: number): TranscriptWord[] {
  const total = words.reduce((n, w) => n + w.length, 0) || 1;
  const out: TranscriptWord[] = [];
  let chars = 0;
  for (const w of words) {
    const from = start + ((end - start) * chars) / total;
    chars += w.length;
    out.push({ w, start: from, end: start + ((end - start) * chars) / total });
  }
  return out;
}
