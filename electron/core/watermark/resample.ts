// Band-limited resampling between any two rates (windowed sinc, Kaiser window). The watermark lives
// at 8 kHz so it sits inside the telephone band whatever the file's rate; embedding at 16 or
// 44.1 kHz takes the audio down to 8 kHz and brings the mark back up, and detection brings every
// input down. Both directions map sample 0 to time 0 with a zero-phase filter, so the mark stays
// time-aligned with the audio it was computed from.

const ZERO_CROSSINGS = 12;
const TABLE_RES = 512; // filter table entries per zero crossing
const KAISER_BETA = 8;

let table: Float32Array | null = null;

function filterTable(): Float32Array {
  if (table) return table;
  const n = ZERO_CROSSINGS * TABLE_RES + 2;
  const t = new Float32Array(n);
  const i0b = besselI0(KAISER_BETA);
  for (let i = 0; i < n; i++) {
    const u = i / TABLE_RES;
    if (u >= ZERO_CROSSINGS) continue;
    const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    const r = u / ZERO_CROSSINGS;
    t[i] = sinc * (besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0b);
  }
  table = t;
  return t;
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/**
 * Resamples `x` from `fromRate` to `toRate`. The output has `outLength` samples (default:
 * round(x.length · toRate / fromRate)). When going down, content above 46% of the new rate is
 * removed first, so nothing aliases.
 */
export function resample(x: Float32Array, fromRate: number, toRate: number, outLength?: number): Float32Array {
  if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError(`sample rates must be positive, got ${fromRate} → ${toRate}`);
  const len = outLength ?? Math.round((x.length * toRate) / fromRate);
  if (fromRate === toRate) {
    const out = new Float32Array(len);
    out.set(x.length > len ? x.subarray(0, len) : x);
    return out;
  }
  const h = filterTable();
  const out = new Float32Array(len);
  const step = fromRate / toRate; // input samples per output sample
  // Cut-off relative to the input rate: half the lower of the two rates, with a little guard band.
  const scale = Math.min(1, toRate / fromRate) * 0.92;
  const half = ZERO_CROSSINGS / scale; // filter half-width in input samples
  const gain = scale;
  const res = TABLE_RES * scale;
  const n = x.length;
  for (let o = 0; o < len; o++) {
    const t = o * step;
    let lo = Math.ceil(t - half);
    let hi = Math.floor(t + half);
    if (lo < 0) lo = 0;
    if (hi > n - 1) hi = n - 1;
    let acc = 0;
    for (let m = lo; m <= hi; m++) {
      const u = Math.abs(m - t) * res;
      const i = u | 0;
      const f = u - i;
      acc += x[m] * (h[i] + (h[i + 1] - h[i]) * f);
    }
    out[o] = acc * gain;
  }
  return out;
}
