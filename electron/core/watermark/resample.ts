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

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
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
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0) throw new RangeError(`sample rates must be positive integers, got ${fromRate} → ${toRate}`);
  const len = outLength ?? Math.round((x.length * toRate) / fromRate);
  if (fromRate === toRate) {
    const out = new Float32Array(len);
    out.set(x.length > len ? x.subarray(0, len) : x);
    return out;
  }
  const h = filterTable();
  const out = new Float32Array(len);
  // Cut-off relative to the input rate: half the lower of the two rates, with a little guard band.
  const scale = Math.min(1, toRate / fromRate) * 0.92;
  const half = ZERO_CROSSINGS / scale; // filter half-width in input samples
  const n = x.length;
  // Counts of non-zero input samples, so stretches of digital silence (most of a watermark
  // difference signal) cost nothing.
  const nonZero = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) nonZero[i + 1] = nonZero[i] + (x[i] !== 0 ? 1 : 0);
  // Integer rates repeat the same fractional positions every to/gcd outputs: precompute one set of
  // taps per position (polyphase), so the inner loop is a plain multiply-add.
  const g = gcd(fromRate, toRate);
  const phases = toRate / g;
  const K = Math.ceil(half) + 1;
  const width = 2 * K + 1;
  const taps = new Float32Array(phases * width);
  for (let p = 0; p < phases; p++) {
    const frac = (p * g) / toRate;
    for (let k = -K; k <= K; k++) {
      const u = Math.abs(k - frac) * scale * TABLE_RES;
      const i = Math.floor(u);
      taps[p * width + k + K] = i + 1 < h.length ? scale * (h[i] + (h[i + 1] - h[i]) * (u - i)) : 0;
    }
  }
  for (let o = 0; o < len; o++) {
    const num = o * fromRate;
    const base = Math.floor(num / toRate);
    const p = (num - base * toRate) / g;
    const lo = base - K;
    const a = lo < 0 ? 0 : lo;
    const b = base + K + 1 > n ? n : base + K + 1;
    if (b <= a || nonZero[b] === nonZero[a]) continue;
    const off = p * width - lo;
    let acc = 0;
    for (let m = a; m < b; m++) acc += x[m] * taps[off + m];
    out[o] = acc;
  }
  return out;
}
