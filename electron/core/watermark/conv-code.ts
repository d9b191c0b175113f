// Rate-1/3, constraint-length-7 convolutional code (generators 133, 171, 165 octal) with a
// soft-decision Viterbi decoder. Watermark bits arrive as noisy correlation sums, not clean 0/1s;
// soft Viterbi turns those into the most likely message, which is worth several dB over deciding
// each bit on its own.

const K = 7;
const STATES = 1 << (K - 1);
const GENERATORS = [0o133, 0o171, 0o165];
export const CODE_RATE_INV = GENERATORS.length;
export const TAIL_BITS = K - 1;

function parity(x: number): number {
  x ^= x >> 4;
  x ^= x >> 2;
  x ^= x >> 1;
  return x & 1;
}

// Output bits for every (state, input) pair, so encoder and decoder agree by construction.
const OUTPUTS: Uint8Array[] = (() => {
  const t = GENERATORS.map(() => new Uint8Array(STATES * 2));
  for (let s = 0; s < STATES; s++) {
    for (let u = 0; u < 2; u++) {
      const reg = (u << (K - 1)) | s;
      GENERATORS.forEach((g, i) => (t[i][s * 2 + u] = parity(reg & g)));
    }
  }
  return t;
})();

const nextState = (s: number, u: number) => ((u << (K - 1)) | s) >> 1;

/** Encodes `bits` (0/1) followed by K−1 zero tail bits, so the decoder knows the end state. */
export function convEncode(bits: Uint8Array): Uint8Array {
  const out = new Uint8Array((bits.length + TAIL_BITS) * CODE_RATE_INV);
  let s = 0;
  let o = 0;
  for (let i = 0; i < bits.length + TAIL_BITS; i++) {
    const u = i < bits.length ? bits[i] & 1 : 0;
    for (const t of OUTPUTS) out[o++] = t[s * 2 + u];
    s = nextState(s, u);
  }
  return out;
}

/**
 * Decodes soft values (positive means "coded bit 0 more likely", negative "1", magnitude = belief)
 * into `infoBits` message bits. The tail forces start and end in state 0.
 */
export function viterbiDecode(soft: Float64Array, infoBits: number): Uint8Array {
  const steps = infoBits + TAIL_BITS;
  if (soft.length !== steps * CODE_RATE_INV) throw new RangeError(`expected ${steps * CODE_RATE_INV} soft values, got ${soft.length}`);
  let metric = new Float64Array(STATES).fill(-Infinity);
  let next = new Float64Array(STATES);
  metric[0] = 0;
  // One byte per (step, state): which predecessor won.
  const from = new Uint8Array(steps * STATES);
  for (let t = 0; t < steps; t++) {
    next.fill(-Infinity);
    const base = t * CODE_RATE_INV;
    for (let s = 0; s < STATES; s++) {
      const m = metric[s];
      if (m === -Infinity) continue;
      for (let u = 0; u < (t < infoBits ? 2 : 1); u++) {
        let bm = 0;
        for (let g = 0; g < CODE_RATE_INV; g++) {
          const c = OUTPUTS[g][s * 2 + u];
          bm += c ? -soft[base + g] : soft[base + g];
        }
        const ns = nextState(s, u);
        const cand = m + bm;
        if (cand > next[ns]) {
          next[ns] = cand;
          from[t * STATES + ns] = s;
        }
      }
    }
    const tmp = metric;
    metric = next;
    next = tmp;
  }
  const out = new Uint8Array(infoBits);
  let s = 0;
  for (let t = steps - 1; t >= 0; t--) {
    const prev = from[t * STATES + s];
    // The input bit that led from prev to s is the top bit of s.
    if (t < infoBits) out[t] = (s >> (K - 2)) & 1;
    s = prev;
  }
  return out;
}
