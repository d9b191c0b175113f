// Earmark's own transcript JSON (docs/store-format.md, "Canonical transcript"): validated strictly
// where the player depends on it (times, speakers) and leniently elsewhere (unknown fields ignored).
import { z } from 'zod';
import type { Transcript } from '../../../shared/player-types';
import { TranscriptFormatError } from './transcript-error';

const MAX_TIME = 1e7;
const time = z.number().min(0, 'must be 0 or more').max(MAX_TIME, 'is beyond any call length');
const word = z.object({ w: z.string().max(1000), start: time, end: time });

const schema = z.object({
  schemaVersion: z.literal(1, 'must be 1'),
  callId: z.string().min(1).max(128),
  language: z.string().trim().max(35).nullish(),
  source: z.string().trim().max(200).nullish(),
  speakers: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        label: z.string().max(200).nullish(),
        channel: z.number().int().min(0).max(63).nullish(),
      }),
    )
    .min(1, 'must name at least one speaker')
    .max(64),
  segments: z
    .array(
      z.object({
        speaker: z.string().min(1).max(64),
        start: time,
        end: time,
        text: z.string().max(100_000),
        words: z.array(word).max(100_000).nullish(),
      }),
    )
    .max(500_000),
});

export function looksCanonical(json: unknown): boolean {
  return typeof json === 'object' && json !== null && ('schemaVersion' in json || 'segments' in json);
}

export function fromCanonical(json: unknown): Transcript {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new TranscriptFormatError('invalid', `invalid transcript: ${first.join('; ')}`, 'canonical');
  }
  const t = parsed.data;
  const ids = new Set<string>();
  for (const s of t.speakers) {
    if (ids.has(s.id)) throw new TranscriptFormatError('invalid', `invalid transcript: speaker "${s.id}" is listed twice`, 'canonical');
    ids.add(s.id);
  }
  const segments = t.segments.map((s, i) => {
    if (!ids.has(s.speaker)) throw new TranscriptFormatError('invalid', `invalid transcript: segments.${i}.speaker "${s.speaker}" is not in speakers`, 'canonical');
    if (s.end < s.start) throw new TranscriptFormatError('invalid', `invalid transcript: segments.${i} ends (${s.end}) before it starts (${s.start})`, 'canonical');
    const words = (s.words ?? []).map((w, j) => {
      if (w.end < w.start) throw new TranscriptFormatError('invalid', `invalid transcript: segments.${i}.words.${j} ends before it starts`, 'canonical');
      return { w: w.w, start: w.start, end: w.end };
    });
    return { speaker: s.speaker, start: s.start, end: s.end, text: s.text, words };
  });
  // Stable: turns that start together keep the order the file gave them.
  segments.sort((a, b) => a.start - b.start);
  return {
    schemaVersion: 1,
    callId: t.callId,
    language: t.language || 'und',
    source: t.source || 'unknown',
    speakers: t.speakers.map((s) => ({ id: s.id, label: s.label?.trim() || s.id, channel: s.channel ?? null })),
    segments,
  };
}
