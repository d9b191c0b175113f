// Set operations on sorted, disjoint time spans: what talk analytics is built from.
import type { TimeSpan } from '../../../shared/player-types';

export const spanLength = (s: TimeSpan): number => s.end - s.start;
export const totalLength = (spans: readonly TimeSpan[]): number => spans.reduce((n, s) => n + (s.end - s.start), 0);

/** Sorted, disjoint spans covering the same time as `spans` (overlapping or touching ones merged). */
export function union(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: TimeSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Where both sorted, disjoint lists have a span. */
export function intersect(a: readonly TimeSpan[], b: readonly TimeSpan[]): TimeSpan[] {
  const out: TimeSpan[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (end > start) out.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return out;
}

/** The parts of [from, to] that no span of a sorted, disjoint list covers. */
export function complement(spans: readonly TimeSpan[], from: number, to: number): TimeSpan[] {
  const out: TimeSpan[] = [];
  let at = from;
  for (const s of spans) {
    if (s.end <= at) continue;
    if (s.start >= to) break;
    if (s.start > at) out.push({ start: at, end: s.start });
    at = Math.max(at, s.end);
  }
  if (at < to) out.push({ start: at, end: to });
  return out;
}

/** Joins neighbours separated by less than `gap` seconds (sorted, disjoint input). */
export function bridge(spans: readonly TimeSpan[], gap: number): TimeSpan[] {
  const out: TimeSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start - last.end < gap) last.end = s.end;
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
