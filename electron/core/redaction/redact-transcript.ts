// The transcript redacted consistently with the audio: every word an accepted mark covers on the
// speaker's channel becomes the mark's placeholder ("[card number]"), once per run of words.
import { REDACTION_PLACEHOLDER, type RedactionMark } from '../../../shared/redaction-types';
import type { Transcript, TranscriptWord } from '../../../shared/player-types';

export function redactTranscript(t: Transcript, marks: readonly RedactionMark[]): Transcript {
  const accepted = marks.filter((m) => m.status === 'accepted');
  if (accepted.length === 0) return t;
  const channelOf = new Map(t.speakers.map((s) => [s.id, s.channel]));
  const segments = t.segments.map((seg) => {
    const channel = channelOf.get(seg.speaker) ?? null;
    const applies = accepted.filter((m) => m.channels === null || channel === null || m.channels.includes(channel));
    if (applies.length === 0) return seg;
    const words: TranscriptWord[] = [];
    let lastMark: RedactionMark | null = null;
    for (const w of seg.words) {
      const mid = (w.start + w.end) / 2;
      const hit = applies.find((m) => (mid >= m.start && mid <= m.end) || (w.start < m.end && w.end > m.start && Math.min(w.end, m.end) - Math.max(w.start, m.start) >= 0.5 * (w.end - w.start)));
      if (!hit) {
        words.push(w);
        lastMark = null;
      } else if (hit === lastMark) {
        words[words.length - 1] = { ...words[words.length - 1], end: w.end };
      } else {
        words.push({ w: REDACTION_PLACEHOLDER[hit.reason], start: w.start, end: w.end });
        lastMark = hit;
      }
    }
    return { ...seg, words, text: words.map((w) => w.w).join(' ') };
  });
  return { ...t, segments };
}
