// Pure helpers behind the redaction UI: marks → waveform regions, which transcript words an accepted
// mark covers (the same rule the backend's redactTranscript uses, so the highlight and the "[card
// number]" text agree), lane names, list order. No DOM, so they can be unit-tested under Node.
import type { Transcript } from '../../../shared/player-types';
import { REDACTION_REASON_LABELS, type RedactionMark, type RedactionReason } from '../../../shared/redaction-types';
import type { WaveformRegion } from '../player/overlays';
import type { Lane } from '../player/player-model';

/** The overlay-region id of a mark on one lane; `markIdOf` reverses it. */
export const regionId = (markId: string, channel: number | null) => `redaction:${markId}:${channel ?? 'all'}`;
export function markIdOf(id: string): string | null {
  const m = /^redaction:(.+):(?:all|\d+)$/.exec(id);
  return m ? m[1]! : null;
}

/** Accepted and suggested marks as regions on their lane(s); rejected ones are not drawn. */
export function regionsFor(marks: readonly RedactionMark[], lanes: readonly Lane[], selectedId: string | null): WaveformRegion[] {
  const laneChannels = new Set(lanes.map((l) => l.channel));
  const out: WaveformRegion[] = [];
  for (const m of marks) {
    if (m.status === 'rejected') continue;
    const kind = m.status === 'accepted' ? 'redaction-accepted' : 'redaction-suggested';
    const cls = `${kind}${m.id === selectedId ? ' redaction-selected' : ''}`;
    const label = `${m.status === 'accepted' ? 'Redacted' : 'Suggested'}: ${REDACTION_REASON_LABELS[m.reason]} · ${laneNames(m.channels, lanes)}`;
    // Every lane, or one lane at a time (one region per marked lane the recording has).
    const chans = m.channels === null || lanes.length < 2 || lanes.every((l) => m.channels!.includes(l.channel)) ? [null] : m.channels.filter((c) => laneChannels.has(c));
    for (const c of chans) out.push({ id: regionId(m.id, c), start: m.start, end: m.end, kind: 'redaction', channel: c, label, className: cls });
  }
  return out;
}

export function laneNames(channels: readonly number[] | null, lanes: readonly Lane[]): string {
  if (channels === null || (lanes.length > 1 && lanes.every((l) => channels.includes(l.channel)))) return lanes.length > 1 ? 'Both lanes' : 'All';
  const names = channels.map((c) => lanes.find((l) => l.channel === c)?.label ?? `Channel ${c + 1}`);
  return names.join(' + ');
}

export type ChannelChoice = 'both' | number;

export function channelsOf(choice: ChannelChoice): number[] | null {
  return choice === 'both' ? null : [choice];
}

export function choiceOf(channels: readonly number[] | null, lanes: readonly Lane[]): ChannelChoice {
  if (channels === null || channels.length !== 1 || lanes.length < 2) return 'both';
  return channels[0]!;
}

/** Review order: pending suggestions first (the work to do), then accepted, each by time. */
export function reviewOrder(marks: readonly RedactionMark[]): RedactionMark[] {
  const rank = (m: RedactionMark) => (m.status === 'suggested' ? 0 : m.status === 'accepted' ? 1 : 2);
  return marks.filter((m) => m.status !== 'rejected').sort((a, b) => rank(a) - rank(b) || a.start - b.start || a.id.localeCompare(b.id));
}

/** The next item to select after `id` is reviewed: the next pending suggestion, else whatever follows. */
export function nextAfterReview(before: readonly RedactionMark[], id: string, after: readonly RedactionMark[]): string | null {
  const i = before.findIndex((m) => m.id === id);
  const pendingAfter = after.filter((m) => m.status === 'suggested' && m.id !== id);
  if (pendingAfter.length === 0) return id;
  const later = before.slice(i + 1).find((m) => pendingAfter.some((p) => p.id === m.id));
  return (later ?? pendingAfter[0]!).id;
}

/**
 * For each segment, the words an accepted mark covers on the speaker's channel and the mark's reason.
 * A word is covered when its middle is inside the mark or the mark overlaps at least half of it.
 */
export function coveredWords(t: Transcript, marks: readonly RedactionMark[]): Map<number, Map<number, RedactionReason>> {
  const accepted = marks.filter((m) => m.status === 'accepted');
  const out = new Map<number, Map<number, RedactionReason>>();
  if (accepted.length === 0) return out;
  const channelOf = new Map(t.speakers.map((s) => [s.id, s.channel]));
  t.segments.forEach((seg, s) => {
    const channel = channelOf.get(seg.speaker) ?? null;
    const applies = accepted.filter((m) => m.channels === null || channel === null || m.channels.includes(channel));
    if (!applies.length || seg.end < applies.reduce((a, m) => Math.min(a, m.start), Infinity)) return;
    seg.words.forEach((w, k) => {
      const mid = (w.start + w.end) / 2;
      const hit = applies.find(
        (m) => (mid >= m.start && mid <= m.end) || (w.start < m.end && w.end > m.start && Math.min(w.end, m.end) - Math.max(w.start, m.start) >= 0.5 * (w.end - w.start)),
      );
      if (!hit) return;
      const words = out.get(s) ?? new Map<number, RedactionReason>();
      words.set(k, hit.reason);
      out.set(s, words);
    });
  });
  return out;
}

/** A signature of the accepted marks: the redacted transcript is refetched when it changes. */
export function acceptedKey(marks: readonly RedactionMark[]): string {
  return marks
    .filter((m) => m.status === 'accepted')
    .map((m) => `${m.id}:${m.start}:${m.end}:${m.reason}:${m.channels?.join('+') ?? '*'}`)
    .sort()
    .join('|');
}

/** Comma- or newline-separated tags, trimmed, without duplicates. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  const lower = new Set<string>();
  for (const raw of text.split(/[,\n]/)) {
    const t = raw.trim().slice(0, 60);
    if (t && !lower.has(t.toLowerCase())) {
      lower.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}
