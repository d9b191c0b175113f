// How an export id becomes the bits the watermark carries, and back: 3 bits of length (1–8 bytes),
// the id padded to 64 bits, a CRC-16 over both (so detection can tell a real message from the best
// guess through noise), then the convolutional code and a scrambler so long runs of equal bits
// in the id do not make the mark repetitive.
import { CODE_RATE_INV, TAIL_BITS, convEncode, viterbiDecode } from './conv-code';
import { createPrng } from './prng';

export const MAX_PAYLOAD_BYTES = 8;
const LEN_BITS = 3;
const CRC_BITS = 16;
export const INFO_BITS = LEN_BITS + MAX_PAYLOAD_BYTES * 8 + CRC_BITS;
export const CODED_BITS = (INFO_BITS + TAIL_BITS) * CODE_RATE_INV;

const SCRAMBLE: Uint8Array = (() => {
  const next = createPrng(0x5eed_c0de);
  return Uint8Array.from({ length: CODED_BITS }, () => (next() < 0.5 ? 1 : 0));
})();

/** CRC-16/CCITT over a bit string, with a non-zero start so all-zero input does not give 0. */
function crc16(bits: Uint8Array, length: number): number {
  let crc = 0x1d0f;
  for (let i = 0; i < length; i++) {
    const top = ((crc >> 15) & 1) ^ bits[i];
    crc = (crc << 1) & 0xffff;
    if (top) crc ^= 0x1021;
  }
  return crc;
}

/** The ±1 symbol signs (bit 0 → +1) for a payload of 1–8 bytes. */
export function encodePayload(payload: Uint8Array): Int8Array {
  if (payload.length < 1 || payload.length > MAX_PAYLOAD_BYTES) {
    throw new RangeError(`the watermark payload must be 1–${MAX_PAYLOAD_BYTES} bytes, got ${payload.length}`);
  }
  const info = new Uint8Array(INFO_BITS);
  const n = payload.length - 1;
  for (let b = 0; b < LEN_BITS; b++) info[b] = (n >> (LEN_BITS - 1 - b)) & 1;
  for (let i = 0; i < payload.length; i++) {
    for (let b = 0; b < 8; b++) info[LEN_BITS + i * 8 + b] = (payload[i] >> (7 - b)) & 1;
  }
  const body = LEN_BITS + MAX_PAYLOAD_BYTES * 8;
  const crc = crc16(info, body);
  for (let b = 0; b < CRC_BITS; b++) info[body + b] = (crc >> (CRC_BITS - 1 - b)) & 1;
  return encodeInfoBits(info);
}

export interface DecodedPayload {
  payload: Uint8Array | null;
  /** Weighted share of the soft values that agree with the decoded message's code word (0.5 = chance). */
  agreement: number;
}

/** Soft values per coded bit (positive = +1 sign) → the payload, or null when the CRC fails. */
export function decodePayload(soft: Float64Array): DecodedPayload {
  const unscrambled = new Float64Array(CODED_BITS);
  for (let i = 0; i < CODED_BITS; i++) unscrambled[i] = SCRAMBLE[i] ? -soft[i] : soft[i];
  const info = viterbiDecode(unscrambled, INFO_BITS);
  const body = LEN_BITS + MAX_PAYLOAD_BYTES * 8;
  let crc = 0;
  for (let b = 0; b < CRC_BITS; b++) crc = (crc << 1) | info[body + b];
  const n = ((info[0] << 2) | (info[1] << 1) | info[2]) + 1;
  const payload = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let b = 0; b < 8; b++) v = (v << 1) | info[LEN_BITS + i * 8 + b];
    payload[i] = v;
  }
  // Bytes past the stated length are zero by construction; anything else is noise that slipped past.
  let padOk = true;
  for (let i = LEN_BITS + n * 8; i < body; i++) if (info[i]) padOk = false;
  const ok = padOk && crc === crc16(info, body);
  const expected = encodeInfoBits(info);
  let agree = 0;
  let total = 0;
  for (let i = 0; i < CODED_BITS; i++) {
    const w = Math.abs(soft[i]);
    total += w;
    if (Math.sign(soft[i]) === expected[i]) agree += w;
  }
  return { payload: ok ? payload : null, agreement: total > 0 ? agree / total : 0.5 };
}

function encodeInfoBits(info: Uint8Array): Int8Array {
  const coded = convEncode(info);
  const signs = new Int8Array(CODED_BITS);
  for (let i = 0; i < CODED_BITS; i++) signs[i] = (coded[i] ^ SCRAMBLE[i]) === 0 ? 1 : -1;
  return signs;
}
