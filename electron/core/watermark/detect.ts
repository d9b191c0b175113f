// Blind detection: no original needed, no sample-exact alignment assumed.
//
// The input is mixed to mono and brought to 8 kHz. A 256-point spectrum every 32 samples is
// reduced to "whitened" log magnitudes (each bin minus its neighbourhood, so the speech envelope
// cancels and only the patchwork's up/down detail is left) and correlated with each of the 16
// patterns. For each of the 16 possible offsets within a symbol, those correlations are summed
// into per-symbol scores; the sync search then tries every offset and every position within the
// 356-symbol block and keeps the alignment whose known sync signs agree best, as a z-score. The
// data symbols at that alignment, summed over every repetition of the block in the file, go to the
// Viterbi decoder; a mark is reported only when the sync is strong AND the CRC checks.
import { ComplexFft } from './fft';
import { BIN_HI, BIN_LO, BLOCK_SYMBOLS, FRAME, NBINS, PATTERNS, SYMBOL, WM_RATE, layout } from './layout';
import { CODED_BITS, decodePayload } from './payload-code';
import { resample } from './resample';

export interface WatermarkDetection {
  found: boolean;
  /** The export id, exactly the bytes that were embedded; null when no mark was found. */
  payload: Uint8Array | null;
  /** 0…1: how far the evidence is above what unmarked audio produces. */
  confidence: number;
  /** The sync correlation as a z-score (unmarked audio: about N(0,1), the max over all tries ~4). */
  syncZ: number;
  /** Weighted share of payload soft bits that agree with the decoded message (0.5 = chance). */
  bitAgreement: number;
  /** Where the first whole block starts in the input, in seconds. */
  offsetSec: number | null;
  /** Seconds of audio that were analysed. */
  analysedSec: number;
}

const STEP = 32; // analysis hop: the alignment search resolution (4 ms)
const OFFSETS = SYMBOL / STEP;
/**
 * Analysis frames of a symbol, as multiples of STEP from its start: every other one of those whose
 * 256 samples lie within the symbol's marked span (its 512 samples plus the last frame's tail).
 */
const SYMBOL_FRAMES = [0, 2, 4, 6, 8, 10, 12];
const WHITEN = 5; // bins either side for the local mean
const CLIP = 3; // cap on a whitened log-magnitude, so one loud bin cannot dominate
const DETECT_GATE = 1e-9; // relative band power below which a frame is treated as silence (≈ −68 dBFS noise)
/** Alignments weaker than this are not decoded; the CRC makes the final call. */
const SYNC_Z_MIN = 4.5;
const CLIP_LEVEL = 0.995; // a sample at or beyond this on any channel counts as clipped
const RELATIVE_GATE = 10 ** (-38 / 10); // frames this far under the loud frames count as silence
const CANDIDATES = 6; // distinct block alignments decoded at most
/** Longer inputs are analysed over their first 30 minutes: more adds nothing to the verdict. */
export const MAX_DETECT_SECONDS = 1800;

export function detectWatermark(channels: Float32Array[], sampleRate: number): WatermarkDetection {
  if (channels.length === 0) throw new RangeError('no audio channels to examine');
  if (!Number.isFinite(sampleRate) || sampleRate < 4000) throw new RangeError(`unsupported sample rate ${sampleRate} Hz`);
  const limit = Math.min(channels[0].length, Math.ceil(MAX_DETECT_SECONDS * sampleRate));
  const mono = new Float32Array(limit);
  for (const ch of channels) for (let i = 0; i < limit; i++) mono[i] += ch[i] / channels.length;
  const x = sampleRate === WM_RATE ? mono : resample(mono, sampleRate, WM_RATE);
  return detectAt8k(x, clippedAt8k(channels, limit, sampleRate, x.length));
}

/**
 * Where any channel hits full scale (a +6 dB boost that clipped), as a prefix count at 8 kHz.
 * Clipping smears new harmonics over the band, so those frames only add noise and are skipped.
 */
function clippedAt8k(channels: Float32Array[], limit: number, sampleRate: number, length8k: number): Uint32Array {
  const prefix = new Uint32Array(length8k + 1);
  const ratio = sampleRate / WM_RATE;
  for (let i = 0; i < length8k; i++) {
    let hit = 0;
    const a = Math.floor(i * ratio);
    const b = Math.min(limit, Math.max(a + 1, Math.floor((i + 1) * ratio)));
    for (const ch of channels) {
      for (let j = a; j < b; j++) {
        const v = ch[j];
        if (v >= CLIP_LEVEL || v <= -CLIP_LEVEL) hit = 1;
      }
    }
    prefix[i + 1] = prefix[i] + hit;
  }
  return prefix;
}

function detectAt8k(x: Float32Array, clipped: Uint32Array): WatermarkDetection {
  const analysedSec = x.length / WM_RATE;
  const none: WatermarkDetection = { found: false, payload: null, confidence: 0, syncZ: 0, bitAgreement: 0.5, offsetSec: null, analysedSec };
  const corr = patternCorrelations(x, clipped);
  const nFrames = corr.length / PATTERNS;
  const lastFrame = SYMBOL_FRAMES[SYMBOL_FRAMES.length - 1];
  // scores[o][i * PATTERNS + p]: symbol i at offset o (in STEPs) correlated with pattern p.
  const scores: Float32Array[] = [];
  for (let o = 0; o < OFFSETS; o++) {
    const n = nFrames > o + lastFrame ? Math.floor((nFrames - 1 - o - lastFrame) / OFFSETS) + 1 : 0;
    const s = new Float32Array(n * PATTERNS);
    for (let i = 0; i < n; i++) {
      for (const j of SYMBOL_FRAMES) {
        const f = (o + i * OFFSETS + j) * PATTERNS;
        for (let p = 0; p < PATTERNS; p++) s[i * PATTERNS + p] += corr[f + p];
      }
    }
    scores.push(s);
  }
  if (scores[0].length === 0) return none;

  const { patternOf, syncSign, codedIndex } = layout();
  type Candidate = { o: number; phase: number; z: number };
  const cands: Candidate[] = [];
  for (let o = 0; o < OFFSETS; o++) {
    const s = scores[o];
    const n = s.length / PATTERNS;
    for (let phase = 0; phase < BLOCK_SYMBOLS; phase++) {
      // Symbol i of the input is symbol (i + phase) mod BLOCK of the block pattern.
      let sum = 0;
      let sq = 0;
      for (let i = (BLOCK_SYMBOLS - phase) % 4; i < n; i += 4) {
        const j = (i + phase) % BLOCK_SYMBOLS;
        const v = s[i * PATTERNS + patternOf[j]];
        sum += syncSign[j] * v;
        sq += v * v;
      }
      if (sq > 0) cands.push({ o, phase, z: sum / Math.sqrt(sq) });
    }
  }
  if (cands.length === 0) return none;
  cands.sort((a, b) => b.z - a.z);
  const best = cands[0];
  let result: WatermarkDetection = { ...none, syncZ: best.z };
  const tried = new Set<number>();
  for (const c of cands) {
    if (c.z < SYNC_Z_MIN || tried.size >= CANDIDATES) break;
    if (tried.has(c.phase)) continue;
    tried.add(c.phase);
    const s = scores[c.o];
    const n = s.length / PATTERNS;
    const soft = new Float64Array(CODED_BITS);
    for (let i = 0; i < n; i++) {
      const j = (i + c.phase) % BLOCK_SYMBOLS;
      if (codedIndex[j] >= 0) soft[codedIndex[j]] += s[i * PATTERNS + patternOf[j]];
    }
    const d = decodePayload(soft);
    if (d.payload) {
      const startSym = (BLOCK_SYMBOLS - c.phase) % BLOCK_SYMBOLS;
      return {
        found: true,
        payload: d.payload,
        confidence: Math.min(1, Math.max(0, (c.z - SYNC_Z_MIN) / 6 + 0.5)),
        syncZ: c.z,
        bitAgreement: d.agreement,
        offsetSec: (c.o * STEP + startSym * SYMBOL) / WM_RATE,
        analysedSec,
      };
    }
    if (c === best) result = { ...result, bitAgreement: d.agreement };
  }
  return result;
}

/**
 * For every analysis frame (one per STEP samples), the whitened band's correlation with each
 * pattern, with each pattern's long-run mean removed so steady sounds (tones, hum) cancel out.
 */
function patternCorrelations(x: Float32Array, clipped?: Uint32Array): Float32Array {
  const { patterns } = layout();
  const nFrames = x.length >= FRAME ? Math.floor((x.length - FRAME) / STEP) + 1 : 0;
  const out = new Float32Array(nFrames * PATTERNS);
  const active = new Uint8Array(nFrames);
  const energy = new Float32Array(nFrames);
  const fft = new ComplexFft(FRAME);
  const re = new Float64Array(FRAME);
  const im = new Float64Array(FRAME);
  const window = Float64Array.from({ length: FRAME }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FRAME));
  const lo = BIN_LO - WHITEN;
  const hi = BIN_HI + WHITEN;
  const logA = new Float64Array(hi + 1);
  const logB = new Float64Array(hi + 1);
  const white = new Float64Array(NBINS);
  for (let f = 0; f < nFrames; f += 2) {
    const a = f * STEP;
    const b = (f + 1) * STEP;
    const hasB = f + 1 < nFrames;
    const okA = !clipped || clipped[a + FRAME] === clipped[a];
    const okB = hasB && (!clipped || clipped[b + FRAME] === clipped[b]);
    for (let i = 0; i < FRAME; i++) {
      re[i] = x[a + i] * window[i];
      im[i] = hasB ? x[b + i] * window[i] : 0;
    }
    fft.forward(re, im);
    let ea = 0;
    let eb = 0;
    for (let k = lo; k <= hi; k++) {
      const zr = re[k];
      const zi = im[k];
      const wr = re[FRAME - k];
      const wi = im[FRAME - k];
      const ar = zr + wr;
      const ai = zi - wi;
      const br = zi + wi;
      const bi = zr - wr;
      const pa = (ar * ar + ai * ai) / 4;
      const pb = (br * br + bi * bi) / 4;
      logA[k] = pa;
      logB[k] = pb;
      ea += pa;
      eb += pb;
    }
    const norm = (FRAME * FRAME) / 4; // Hann-windowed power of a full-scale bin, roughly
    if (okA && ea / (hi - lo + 1) / norm > DETECT_GATE) {
      whitenInto(logA, ea / (hi - lo + 1), white);
      correlate(white, patterns, out, f);
      active[f] = 1;
      energy[f] = ea;
    }
    if (okB && eb / (hi - lo + 1) / norm > DETECT_GATE) {
      whitenInto(logB, eb / (hi - lo + 1), white);
      correlate(white, patterns, out, f + 1);
      active[f + 1] = 1;
      energy[f + 1] = eb;
    }
  }
  // The embedder leaves frames near the noise floor unmarked; after a gain change they may pass the
  // absolute gate, so also drop frames far below the file's loud (speech) frames.
  const loud = Array.from(energy.filter((e, f) => active[f] === 1)).sort((p, q) => p - q);
  if (loud.length > 0) {
    const floor = loud[Math.floor(loud.length * 0.95)] * RELATIVE_GATE;
    for (let f = 0; f < nFrames; f++) {
      if (active[f] && energy[f] < floor) {
        active[f] = 0;
        out.fill(0, f * PATTERNS, (f + 1) * PATTERNS);
      }
    }
  }
  // Remove each pattern's mean over active frames.
  let count = 0;
  const mean = new Float64Array(PATTERNS);
  for (let f = 0; f < nFrames; f++) {
    if (!active[f]) continue;
    count++;
    for (let p = 0; p < PATTERNS; p++) mean[p] += out[f * PATTERNS + p];
  }
  if (count > 0) {
    for (let p = 0; p < PATTERNS; p++) mean[p] /= count;
    for (let f = 0; f < nFrames; f++) {
      if (!active[f]) continue;
      for (let p = 0; p < PATTERNS; p++) out[f * PATTERNS + p] -= mean[p];
    }
  }
  return out;
}

/** Power spectrum (in place: power → log power) → whitened band values. */
function whitenInto(power: Float64Array, meanPower: number, white: Float64Array): void {
  // A floor 60 dB under the frame's mean keeps bins a codec zeroed from becoming −∞.
  const floor = meanPower * 1e-6 + 1e-30;
  const lo = BIN_LO - WHITEN;
  const hi = BIN_HI + WHITEN;
  for (let k = lo; k <= hi; k++) power[k] = Math.log(power[k] + floor);
  let run = 0;
  for (let k = lo; k < lo + 2 * WHITEN + 1; k++) run += power[k];
  for (let k = BIN_LO; k <= BIN_HI; k++) {
    // run = sum of power[k-WHITEN … k+WHITEN]
    let v = power[k] - run / (2 * WHITEN + 1);
    if (v > CLIP) v = CLIP;
    else if (v < -CLIP) v = -CLIP;
    white[k - BIN_LO] = v;
    if (k + WHITEN + 1 <= hi) run += power[k + WHITEN + 1] - power[k - WHITEN];
  }
}

function correlate(white: Float64Array, patterns: Int8Array[], out: Float32Array, f: number): void {
  for (let p = 0; p < PATTERNS; p++) {
    const pat = patterns[p];
    let s = 0;
    for (let k = 0; k < NBINS; k++) s += pat[k] * white[k];
    out[f * PATTERNS + p] = s;
  }
}
