// Pure transcript helpers for the panel: a flat, time-ordered word index (so the word under the
// playhead is a binary search, not a scan of an hours-long call) and in-transcript search.
import type { Transcript } from '../../../shared/player-types';

export interface FlatWord {
  /** Index in the flat list. */
  i: number;
  segment: number;
  /** Index within its segment's words. */
  word: number;
  w: string;
  start: number;
  end: number;
}

export interface TranscriptIndex {
  words: FlatWord[];
  /** Segment index → [first flat word, one past the last]. */
  ranges: [number, number][];
}

export function indexTranscript(t: Transcript): TranscriptIndex {
  const words: FlatWord[] = [];
  const ranges: [number, number][] = [];
  t.segments.forEach((seg, s) => {
    const first = words.length;
    seg.words.forEach((w, k) => {
      if (Number.isFinite(w.start) && Number.isFinite(w.end)) words.push({ i: words.length, segment: s, word: k, w: w.w, start: w.start, end: w.end });
    });
    ranges.push([first, words.length]);
  });
  // Speech-to-text output is nearly always in order; make sure, the lookups depend on it.
  for (let k = 1; k < words.length; k++) {
    if (words[k]!.start < words[k - 1]!.start) {
      words.sort((a, b) => a.start - b.start || a.segment - b.segment || a.word - b.word);
      words.forEach((w, idx) => (w.i = idx));
      break;
    }
  }
  return { words, ranges };
}

/**
 * The word being spoken at `t`: the last word starting at or before `t`, as long as `t` is within
 * it or within a short pause after it (so the highlight does not flicker between words). -1 if none.
 */
export function activeWordAt(words: readonly FlatWord[], t: number, holdSec = 0.6): number {
  let lo = 0;
  let hi = words.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.start <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  return t <= words[found]!.end + holdSec ? found : -1;
}

/** The segment playing at `t` (for transcripts without word timings). -1 if none. */
export function activeSegmentAt(t: Transcript, time: number): number {
  let found = -1;
  t.segments.forEach((s, i) => {
    if (s.start <= time && time < s.end) found = i;
  });
  return found;
}

export interface SearchHit {
  segment: number;
  /** Word indexes within the segment covered by the hit (may be empty for text-only segments). */
  words: number[];
  start: number;
}

const norm = (s: string) =>
  s
    .toLocaleLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s']/gu, '');

/**
 * Hits for a query in word order. A query of several words matches consecutive words in one turn;
 * each query word matches a word that starts with it ("refund" finds "refunded"), punctuation and
 * case ignored.
 */
export function searchTranscript(t: Transcript, query: string): SearchHit[] {
  const terms = norm(query).split(/\s+/).filter(Boolean);
  if (!terms.length) return [];
  const hits: SearchHit[] = [];
  t.segments.forEach((seg, s) => {
    if (seg.words.length) {
      const ws = seg.words.map((w) => norm(w.w));
      for (let k = 0; k + terms.length <= ws.length; k++) {
        let ok = true;
        for (let j = 0; j < terms.length && ok; j++) {
          const w = ws[k + j]!;
          ok = j === terms.length - 1 ? w.startsWith(terms[j]!) : w === terms[j];
        }
        if (ok) hits.push({ segment: s, words: terms.map((_, j) => k + j), start: seg.words[k]!.start });
      }
    } else if (norm(seg.text).includes(terms.join(' '))) {
      hits.push({ segment: s, words: [], start: seg.start });
    }
  });
  return hits;
}
