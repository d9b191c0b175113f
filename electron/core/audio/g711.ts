// ITU-T G.711 companding: µ-law (North America/Japan) and A-law (everywhere else), the codecs
// almost every contact-center recorder writes. Decoding is a table lookup because peaks, playback
// and export all decode every byte of every file; encoding is only used to write files, so it
// stays arithmetic and table-free.

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

/** 16-bit linear sample → µ-law byte. Input outside the Int16 range is clamped. */
export function mulawEncode(sample: number): number {
  let s = clampInt16(sample);
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > MULAW_CLIP) s = MULAW_CLIP;
  s += MULAW_BIAS;
  // Segment = position of the highest set bit above the 7 bits the bias guarantees (0..7).
  const exponent = 31 - Math.clz32(s >> 7);
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  // Bits are inverted on the wire so that silence is 0xFF, which keeps lines busy with ones.
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function mulawDecodeArithmetic(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  return u & 0x80 ? -magnitude : magnitude;
}

/** 16-bit linear sample → A-law byte. Input outside the Int16 range is clamped. */
export function alawEncode(sample: number): number {
  // A-law works on 13-bit magnitudes; the low 3 bits of a 16-bit sample are below its resolution.
  let v = clampInt16(sample) >> 3;
  let mask: number;
  if (v >= 0) {
    mask = 0xd5;
  } else {
    mask = 0x55;
    v = -v - 1;
  }
  // Segment 0 and 1 share a step size; above that each segment doubles it.
  const seg = v < 0x20 ? 0 : 31 - Math.clz32(v) - 4;
  if (seg >= 8) return 0x7f ^ mask;
  const mantissa = seg < 2 ? (v >> 1) & 0x0f : (v >> seg) & 0x0f;
  return ((seg << 4) | mantissa) ^ mask;
}

function alawDecodeArithmetic(byte: number): number {
  // Even bits are inverted on the wire (0x55) for the same reason µ-law inverts everything.
  const a = (byte ^ 0x55) & 0xff;
  const seg = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  if (seg === 0) t += 8;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

function buildTable(decode: (byte: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let b = 0; b < 256; b++) table[b] = decode(b);
  return table;
}

/** µ-law byte → 16-bit linear sample. Shared and hot: treat as read-only. */
export const MULAW_TO_LINEAR: Int16Array = buildTable(mulawDecodeArithmetic);
/** A-law byte → 16-bit linear sample. Shared and hot: treat as read-only. */
export const ALAW_TO_LINEAR: Int16Array = buildTable(alawDecodeArithmetic);

export function mulawDecode(byte: number): number {
  return MULAW_TO_LINEAR[byte & 0xff];
}

export function alawDecode(byte: number): number {
  return ALAW_TO_LINEAR[byte & 0xff];
}

export function encodeMulaw(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = mulawEncode(samples[i]);
  return out;
}

export function decodeMulaw(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = MULAW_TO_LINEAR[bytes[i]];
  return out;
}

export function encodeAlaw(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = alawEncode(samples[i]);
  return out;
}

export function decodeAlaw(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = ALAW_TO_LINEAR[bytes[i]];
  return out;
}

function clampInt16(x: number): number {
  // NaN becomes silence rather than poisoning the bit arithmetic.
  if (!(x === x)) return 0;
  return x > 32767 ? 32767 : x < -32768 ? -32768 : Math.trunc(x);
}
