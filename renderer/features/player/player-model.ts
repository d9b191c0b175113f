// Pure helpers behind the player: zoom limits, timeline spacing, which lane is whom, mute/solo gains,
// next/previous moment lookups. No DOM, so they can be unit-tested under Node.
import type { RecordingDetail } from '../../../shared/types';

/** The closest zoom: 100 px per second, i.e. 10 ms per pixel. */
export const MAX_PX_PER_SEC = 100;
/** Each zoom step multiplies or divides pixels-per-second by this. */
export const ZOOM_STEP = 2;

/** Zoom that shows the whole call in `widthPx`. */
export function fitPxPerSec(durationSec: number, widthPx: number): number {
  if (!(durationSec > 0) || !(widthPx > 0)) return MAX_PX_PER_SEC;
  return Math.min(MAX_PX_PER_SEC, widthPx / durationSec);
}

export function clampZoom(pxPerSec: number, fit: number): number {
  if (!Number.isFinite(pxPerSec)) return fit;
  return Math.max(fit, Math.min(MAX_PX_PER_SEC, pxPerSec));
}

/** "12 min per screen", "2 s per screen": what a zoom level means to a listener. */
export function describeZoom(pxPerSec: number, widthPx: number): string {
  const span = widthPx / Math.max(pxPerSec, 1e-9);
  if (span >= 3600) return `${(span / 3600).toFixed(span >= 36000 ? 0 : 1)} h in view`;
  if (span >= 60) return `${Math.round(span / 60)} min in view`;
  if (span >= 10) return `${Math.round(span)} s in view`;
  return `${span.toFixed(1)} s in view`;
}

const NICE_SECONDS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400];

/** Timeline notches ≥ 8 px apart, labels ≥ 80 px apart, labels on a multiple of the notch. */
export function timelineSpacing(pxPerSec: number): { tick: number; label: number } {
  const pick = (minPx: number) => NICE_SECONDS.find((s) => s * pxPerSec >= minPx) ?? NICE_SECONDS[NICE_SECONDS.length - 1]!;
  const label = pick(80);
  let tick = pick(8);
  while (Math.round((label * 1000) % (tick * 1000)) !== 0) tick = NICE_SECONDS[NICE_SECONDS.indexOf(tick) + 1] ?? label;
  return { tick, label };
}

/** 1:05, 1:02:05, or 12.5 s style labels for sub-second zoom. */
export function formatTimelineLabel(sec: number, labelStep: number): string {
  const whole = Math.floor(sec + 1e-6);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const base = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  if (labelStep >= 1) return base;
  const tenths = Math.round((sec - whole) * 10) % 10;
  return `${base}.${tenths}`;
}

export type LaneKind = 'agent' | 'customer' | 'mixed' | 'other';

export interface Lane {
  channel: number;
  label: string;
  kind: LaneKind;
}

/** Which lane shows whom, in channel order. */
export function lanesFor(channelCount: number, map: RecordingDetail['channelMap']): Lane[] {
  if (channelCount <= 1) return [{ channel: 0, label: 'Agent + customer', kind: 'mixed' }];
  return Array.from({ length: channelCount }, (_, i): Lane =>
    i === map.agent
      ? { channel: i, label: 'Agent', kind: 'agent' }
      : i === map.customer
        ? { channel: i, label: 'Customer', kind: 'customer' }
        : { channel: i, label: `Channel ${i + 1}`, kind: 'other' },
  );
}

export interface LaneMix {
  muted: boolean;
  solo: boolean;
}

/** Per-channel gain: with any lane soloed only soloed lanes sound; otherwise all but the muted. */
export function laneGains(mix: readonly LaneMix[]): number[] {
  const anySolo = mix.some((m) => m.solo);
  return mix.map((m) => (anySolo ? (m.solo ? 1 : 0) : m.muted ? 0 : 1));
}

export interface Moment {
  start: number;
  end?: number;
}

/** The first moment starting after `t` (with a little slack so pressing again moves on). */
export function nextMoment<T extends Moment>(moments: readonly T[], t: number): T | null {
  let best: T | null = null;
  for (const m of moments) if (m.start > t + 0.25 && (!best || m.start < best.start)) best = m;
  return best;
}

/** The last moment starting before `t`; a moment just jumped to (within 1 s) counts as passed. */
export function previousMoment<T extends Moment>(moments: readonly T[], t: number): T | null {
  let best: T | null = null;
  for (const m of moments) if (m.start < t - 1 && (!best || m.start > best.start)) best = m;
  return best;
}

/** The span containing `t`, if any (spans sorted or not). */
export function spanAt<T extends { start: number; end: number }>(spans: readonly T[], t: number): T | null {
  for (const s of spans) if (t >= s.start && t < s.end) return s;
  return null;
}

export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;
export const MIN_RATE = 0.5;
export const MAX_RATE = 3;

export function clampRate(rate: number): number {
  return Math.max(MIN_RATE, Math.min(MAX_RATE, Math.round(rate * 100) / 100));
}

/** The next faster or slower preset rate. */
export function stepRate(rate: number, dir: 1 | -1): number {
  if (dir > 0) return RATES.find((r) => r > rate + 1e-6) ?? MAX_RATE;
  return [...RATES].reverse().find((r) => r < rate - 1e-6) ?? MIN_RATE;
}

/** L pressed again speeds forward playback up, like a video editor's shuttle. */
export const SHUTTLE_FORWARD = [1, 1.5, 2, 3] as const;
/** J: rewind speeds (seconds of audio per second), the cursor runs backwards. */
export const SHUTTLE_REVERSE = [2, 4, 8, 16] as const;
