// The watermark's shape in time and frequency, shared by embedder and detector.
//
// Everything happens at 8 kHz in 256-sample frames (32 ms, 31.25 Hz bins). A *symbol* is 512
// samples (64 ms) and carries one ±1 value by nudging the magnitudes of the bins between 312 and
// 3375 Hz — where G.711, 8 kHz resampling, MP3 and Opus all keep the signal — up or down by a few
// percent in one of 16 pseudo-random "patchwork" patterns. A *block* is 356 symbols (22.8 s): every
// fourth symbol is sync (a known sign), the rest carry the interleaved, coded payload. Blocks repeat
// back to back for the whole file, so any 60-second excerpt holds more than two of them.
//
// Inaudibility: the change is a gain on the audio's own spectrum, so the mark follows the speech
// in every bin and frame and is exactly zero in silence; quieter bins get a larger relative share
// (they cost less energy for the same effect on the log-magnitude detector); and a final limiter
// keeps the mark ≥ LOCAL_SNR_DB under the audio in every ~12 ms stretch, so onsets show no
// pre-echo. Detection is the subject of detect.ts.
import { CODED_BITS } from './payload-code';
import { createPrng, shuffle } from './prng';

export const WM_RATE = 8000;
export const FRAME = 256;
export const HOP = 128;
export const SYMBOL = 512;
export const FRAMES_PER_SYMBOL = SYMBOL / HOP;
export const BIN_LO = 10;
export const BIN_HI = 108;
export const NBINS = BIN_HI - BIN_LO + 1;
export const PATTERNS = 16;
/** Adjacent bins that move together, so the pattern survives codecs that smear fine detail. */
export const BIN_GROUP = 3;
export const SYNC_EVERY = 4;
export const BLOCK_SYMBOLS = (CODED_BITS * SYNC_EVERY) / (SYNC_EVERY - 1);
if (!Number.isInteger(BLOCK_SYMBOLS)) throw new Error('the coded payload must fill the data slots of a block exactly');

/**
 * Relative magnitude change per marked bin before shaping. In practice the envelope limiter below
 * is what sets the level (≈ 28.5 dB SNR overall on calls, ≥ 25 dB in every 32 ms frame).
 */
export const STRENGTH = 0.07;
/** How strongly quiet bins are favoured (0: uniform) and the cap on any bin's share. */
export const SHAPE_GAMMA = 0.75;
export const SHAPE_MAX = 8;

/** The mark never comes closer than this to the audio in any ENVELOPE_WINDOW-sample stretch. */
export const LOCAL_SNR_DB = 26;
export const ENVELOPE_WINDOW = 96;

/** Frames quieter than this mean square (about −60 dBFS) carry no mark: silence stays silent. */
export const EMBED_GATE = 1e-6;

export interface Layout {
  /** PATTERNS × NBINS signs (±1), balanced: as many bins go up as down. */
  patterns: Int8Array[];
  /** For each symbol of a block, which pattern it uses. */
  patternOf: Uint8Array;
  /** For each symbol of a block: the known sign of a sync symbol, 0 for a data symbol. */
  syncSign: Int8Array;
  /** For each symbol of a block: the coded bit it carries, −1 for a sync symbol. */
  codedIndex: Int16Array;
}

let cached: Layout | null = null;

export function layout(): Layout {
  if (cached) return cached;
  const next = createPrng(0x4541524d); // "EARM"
  const groups = Math.ceil(NBINS / BIN_GROUP);
  const patterns: Int8Array[] = [];
  for (let p = 0; p < PATTERNS; p++) {
    const signs = shuffle(Array.from({ length: groups }, (_, i) => (i % 2 === 0 ? 1 : -1)), next);
    patterns.push(Int8Array.from({ length: NBINS }, (_, k) => signs[Math.floor(k / BIN_GROUP)]));
  }
  const patternOf = Uint8Array.from({ length: BLOCK_SYMBOLS }, () => Math.floor(next() * PATTERNS));
  const syncSign = new Int8Array(BLOCK_SYMBOLS);
  const codedIndex = new Int16Array(BLOCK_SYMBOLS).fill(-1);
  // Spread each coded bit's neighbours far apart in time, so a pause in speech costs scattered
  // bits the code can repair rather than a run it cannot.
  const order = shuffle(Array.from({ length: CODED_BITS }, (_, i) => i), next);
  let d = 0;
  for (let j = 0; j < BLOCK_SYMBOLS; j++) {
    if (j % SYNC_EVERY === 0) syncSign[j] = next() < 0.5 ? 1 : -1;
    else codedIndex[j] = order[d++];
  }
  cached = { patterns, patternOf, syncSign, codedIndex };
  return cached;
}
