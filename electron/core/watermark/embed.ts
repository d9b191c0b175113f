// Embedding: for every 128-sample hop of each channel (at 8 kHz), take a windowed 256-point
// spectrum, scale the band's bins by 1 ± STRENGTH in the current symbol's pattern, and add back only
// the difference. Because the change is a gain on the signal's own spectrum, the mark is exactly
// as loud as the speech it rides on in every bin and frame — nothing where there is silence — and
// it is linear in the signal, so mixing marked channels to mono gives the marked mix.
import { ComplexFft } from './fft';
import { BIN_HI, BIN_LO, ENVELOPE_WINDOW, LOCAL_SNR_DB, NBINS, SHAPE_GAMMA, SHAPE_MAX, BLOCK_SYMBOLS, EMBED_GATE, FRAME, FRAMES_PER_SYMBOL, HOP, STRENGTH, WM_RATE, layout } from './layout';
import { encodePayload } from './payload-code';
import { resample } from './resample';

// sqrt-Hann analysis and synthesis windows at 50% overlap multiply to a Hann window that sums to
// exactly 1, so the added difference is the intended spectral change with no seams.
const WINDOW: Float64Array = Float64Array.from({ length: FRAME }, (_, i) => Math.sqrt(0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FRAME)));

/** The ±1 value each symbol of a block carries for this payload. */
export function symbolSigns(payload: Uint8Array): Int8Array {
  const coded = encodePayload(payload);
  const { syncSign, codedIndex } = layout();
  return Int8Array.from({ length: BLOCK_SYMBOLS }, (_, j) => (syncSign[j] !== 0 ? syncSign[j] : coded[codedIndex[j]]));
}

/**
 * Returns marked copies of `channels` (each channel its own Float32Array, samples in −1…1). The
 * payload is 1–8 bytes. Every channel is marked in step with the others, on one time grid that
 * starts at the first sample.
 */
export function embedWatermark(channels: Float32Array[], sampleRate: number, payload: Uint8Array): Float32Array[] {
  checkRate(sampleRate);
  const signs = symbolSigns(payload);
  return channels.map((x) => {
    const delta = deltaAt(x, sampleRate, signs, 0);
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i] + delta[i];
    return out;
  });
}

export function checkRate(sampleRate: number): void {
  if (!Number.isInteger(sampleRate) || sampleRate < WM_RATE) throw new RangeError(`the watermark needs audio sampled at 8 kHz or more, got ${sampleRate} Hz`);
}

/**
 * The mark for a stretch `x` of one channel whose first sample is sample `start` of the file.
 * `start` must lie on the embedding grid (a multiple of gridUnit(sampleRate)).
 */
export function deltaAt(x: Float32Array, sampleRate: number, signs: Int8Array, start: number): Float32Array {
  const start8k = (start * WM_RATE) / sampleRate;
  if (!Number.isInteger(start8k / HOP)) throw new RangeError(`sample ${start} is not on the ${sampleRate} Hz embedding grid`);
  const at8k = sampleRate === WM_RATE ? x : resample(x, sampleRate, WM_RATE);
  const delta8k = markDelta(at8k, signs, start8k / HOP);
  return sampleRate === WM_RATE ? delta8k : resample(delta8k, WM_RATE, sampleRate, x.length);
}

/** The smallest step in input samples that is a whole number of 8 kHz hops (128 at 8 kHz, 3528 at 44.1 kHz). */
export function gridUnit(sampleRate: number): number {
  const g = gcd(sampleRate * HOP, WM_RATE);
  return (sampleRate * HOP) / g;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The mark to add to one 8 kHz channel whose first sample is hop `firstFrame` of the file's grid.
 * Frames are processed two at a time in one complex FFT.
 */
export function markDelta(x: Float32Array, signs: Int8Array, firstFrame = 0): Float32Array {
  const { patterns, patternOf } = layout();
  const fft = new ComplexFft(FRAME);
  const re = new Float64Array(FRAME);
  const im = new Float64Array(FRAME);
  const out = new Float32Array(x.length);
  const wA = new Float64Array(NBINS);
  const wB = new Float64Array(NBINS);
  const dr = new Float64Array(FRAME);
  const di = new Float64Array(FRAME);
  const frames = Math.ceil(x.length / HOP);
  for (let f = 0; f < frames; f += 2) {
    // Real frame A in re, real frame B in im.
    const gainA = frameGain(x, f, signs, firstFrame);
    const gainB = f + 1 < frames ? frameGain(x, f + 1, signs, firstFrame) : 0;
    if (gainA === 0 && gainB === 0) continue;
    load(x, f * HOP, re, gainA !== 0);
    load(x, (f + 1) * HOP, im, gainB !== 0);
    fft.forward(re, im);
    const pa = gainA !== 0 ? patterns[patternOf[symbolInBlock(firstFrame + f)]] : null;
    const pb = gainB !== 0 ? patterns[patternOf[symbolInBlock(firstFrame + f + 1)]] : null;
    // Unpack the two spectra, scale the band, and repack the two (Hermitian) differences so one
    // inverse FFT returns difference A in re and difference B in im.
    dr.fill(0);
    di.fill(0);
    const wa = pa ? bandWeights(re, im, 1, wA) : null;
    const wb = pb ? bandWeights(re, im, -1, wB) : null;
    for (let k = BIN_LO; k <= BIN_HI; k++) {
      const zr = re[k];
      const zi = im[k];
      const wr = re[FRAME - k];
      const wi = im[FRAME - k];
      const ga = pa && wa ? STRENGTH * gainA * pa[k - BIN_LO] * wa[k - BIN_LO] : 0;
      const gb = pb && wb ? STRENGTH * gainB * pb[k - BIN_LO] * wb[k - BIN_LO] : 0;
      const ar = ((zr + wr) / 2) * ga;
      const ai = ((zi - wi) / 2) * ga;
      const br = ((zi + wi) / 2) * gb;
      const bi = (-(zr - wr) / 2) * gb;
      dr[k] = ar - bi;
      di[k] = ai + br;
      dr[FRAME - k] = ar + bi;
      di[FRAME - k] = br - ai;
    }
    fft.inverse(dr, di);
    addWindowed(out, f * HOP, dr);
    addWindowed(out, (f + 1) * HOP, di);
  }
  limitToEnvelope(x, out);
  return out;
}

/**
 * A frame's mark spreads over its whole 32 ms, so just before a sudden onset it could stand out
 * against the quiet lead-in (pre-echo). Wherever the mark's short-term level would come within
 * LOCAL_SNR_DB of the audio's, it is turned down to that, so it follows the speech envelope at
 * millisecond scale too.
 */
function limitToEnvelope(x: Float32Array, d: Float32Array): void {
  const n = x.length;
  const half = ENVELOPE_WINDOW >> 1;
  const budget = 10 ** (-LOCAL_SNR_DB / 10);
  // Prefix sums of squares give any window's energy in O(1).
  const px = new Float64Array(n + 1);
  const pd = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    px[i + 1] = px[i] + x[i] * x[i];
    pd[i + 1] = pd[i] + d[i] * d[i];
  }
  for (let i = 0; i < n; i++) {
    if (d[i] === 0) continue;
    // The quieter side decides, so neither an onset nor a decay lets the mark show.
    const a = i - half < 0 ? 0 : i - half;
    const b = i + half > n ? n : i + half;
    const ex = Math.min(px[i + 1] - px[a], px[b] - px[i]) * 2;
    const ed = pd[b] - pd[a];
    if (ed > ex * budget) d[i] *= Math.sqrt((ex * budget) / ed);
  }
}

const symbolInBlock = (frame: number) => Math.floor(frame / FRAMES_PER_SYMBOL) % BLOCK_SYMBOLS;

/** The symbol's sign for frame `f`, or 0 when the frame is too quiet to carry a mark. */
function frameGain(x: Float32Array, f: number, signs: Int8Array, firstFrame: number): number {
  const start = f * HOP;
  const end = Math.min(x.length, start + FRAME);
  let e = 0;
  for (let i = start; i < end; i++) e += x[i] * x[i];
  if (e / FRAME < EMBED_GATE) return 0;
  return signs[symbolInBlock(firstFrame + f)];
}

function load(x: Float32Array, start: number, into: Float64Array, use: boolean): void {
  if (!use) {
    into.fill(0);
    return;
  }
  for (let i = 0; i < FRAME; i++) {
    const j = start + i;
    into[i] = j < x.length ? x[j] * WINDOW[i] : 0;
  }
}

function addWindowed(out: Float32Array, start: number, d: Float64Array): void {
  const end = Math.min(out.length, start + FRAME);
  for (let j = start; j < end; j++) out[j] += d[j - start] * WINDOW[j - start];
}

/**
 * Per-bin strength for one of the two packed frames (which = 1: the frame in re, −1: in im).
 * Detection compares log magnitudes, where a quiet bin moved by x% counts as much as a loud one
 * moved by x% but costs far less mark energy, so quieter bins get a larger share — limited, since
 * codecs drop the quietest detail — and the total is renormalised to the energy of a uniform change.
 */
function bandWeights(re: Float64Array, im: Float64Array, which: number, w: Float64Array): Float64Array {
  let total = 0;
  for (let k = BIN_LO; k <= BIN_HI; k++) {
    const zr = re[k];
    const zi = im[k];
    const wr = re[FRAME - k];
    const wi = im[FRAME - k];
    const r = which > 0 ? zr + wr : zi + wi;
    const i = which > 0 ? zi - wi : zr - wr;
    const p = (r * r + i * i) / 4;
    w[k - BIN_LO] = p;
    total += p;
  }
  if (total <= 0) return w.fill(0);
  const mean = total / NBINS;
  let shaped = 0;
  for (let k = 0; k < NBINS; k++) {
    const p = w[k];
    let g = Math.pow(p / mean + 1e-9, -SHAPE_GAMMA);
    if (g > SHAPE_MAX) g = SHAPE_MAX;
    w[k] = g;
    shaped += g * g * p;
  }
  const norm = Math.sqrt(total / shaped);
  for (let k = 0; k < NBINS; k++) w[k] *= norm;
  return w;
}
