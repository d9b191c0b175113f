// Applies accepted redaction marks to decoded audio. The marked samples on the marked channels are
// replaced exactly (silence, or a 1 kHz tone so listeners hear that something was removed); to
// avoid clicks the original audio fades out over a few milliseconds just before a mark and fades
// back in just after it. Nothing else changes. Pure: the input arrays are not modified.

export interface RedactionSpan {
  start: number;
  end: number;
  /** 0-based channels to redact; null means every channel. */
  channels: number[] | null;
}

export interface RedactOptions {
  mode: 'silence' | 'tone';
  /** Fade length outside each mark, in seconds. */
  fadeSec?: number;
  toneHz?: number;
  /** Tone level, linear (0.1 ≈ -20 dBFS). */
  toneLevel?: number;
}

export const DEFAULT_FADE_SEC = 0.005;

interface SampleSpan {
  from: number;
  to: number; // exclusive
}

/** Marks in samples for one channel, clamped, sorted and merged. */
export function channelSpans(spans: readonly RedactionSpan[], channel: number, sampleRate: number, length: number): SampleSpan[] {
  const raw = spans
    .filter((s) => s.channels === null || s.channels.includes(channel))
    .map((s) => ({ from: Math.max(0, Math.floor(s.start * sampleRate)), to: Math.min(length, Math.ceil(s.end * sampleRate)) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: SampleSpan[] = [];
  for (const s of raw) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

export function redactChannels(channels: readonly Float32Array[], sampleRate: number, spans: readonly RedactionSpan[], opts: RedactOptions): Float32Array[] {
  const fade = Math.max(0, Math.round((opts.fadeSec ?? DEFAULT_FADE_SEC) * sampleRate));
  const toneHz = opts.toneHz ?? 1000;
  const toneLevel = opts.toneLevel ?? 0.1;
  return channels.map((input, ch) => {
    const marks = channelSpans(spans, ch, sampleRate, input.length);
    if (marks.length === 0) return input.slice();
    const out = input.slice();
    // Fade the original out before each mark and in after it (raised cosine). Fades of neighbouring
    // marks may overlap: the lower gain wins, and a fade never reaches into a mark.
    const gain = new Map<number, number>();
    for (const m of marks) {
      for (let i = 1; i <= fade; i++) {
        const g = 0.5 - 0.5 * Math.cos((Math.PI * (i - 1)) / fade);
        for (const at of [m.from - i, m.to - 1 + i]) {
          if (at >= 0 && at < out.length && !inside(marks, at)) gain.set(at, Math.min(g, gain.get(at) ?? 1));
        }
      }
    }
    for (const [at, g] of gain) out[at] = input[at] * g;
    for (const m of marks) {
      const rampLen = Math.min(fade, Math.floor((m.to - m.from) / 2));
      for (let i = m.from; i < m.to; i++) {
        if (opts.mode === 'silence') out[i] = 0;
        else {
          // The tone ramps in and out inside the mark, so the mark's edges stay near zero.
          const edge = Math.min(i - m.from, m.to - 1 - i);
          const ramp = rampLen > 0 && edge < rampLen ? edge / rampLen : 1;
          out[i] = toneLevel * ramp * Math.sin((2 * Math.PI * toneHz * i) / sampleRate);
        }
      }
    }
    return out;
  });
}

function inside(marks: readonly SampleSpan[], i: number): boolean {
  for (const m of marks) if (i >= m.from && i < m.to) return true;
  return false;
}
