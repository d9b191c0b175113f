// The on-disk format of one encrypted cache file, as pure functions (no I/O).
//
//   header (128 bytes) | segment 0 | segment 1 | … | segment n-1
//   segment i = AES-256-GCM(fileKey, nonce_i, aad, plaintext[i·S, (i+1)·S)) ‖ tag (16 bytes)
//
// Every segment holds S plaintext bytes (the last one 1..S; an empty file has one empty segment),
// so any byte range maps to a few whole segments and is decrypted without reading the rest.
// nonce_i = noncePrefix (7 random bytes per file) ‖ i (u32 BE) ‖ lastFlag (1 on the final segment):
// the "STREAM" construction, so segments cannot be reordered (index in the nonce) and the file
// cannot be cut short (the segment the header says is last must carry the last flag).
// aad = "earmark-cache/1" ‖ binding (the entry's id and file token), so a segment or a whole file
// moved to another entry fails authentication.
// The per-file key is wrapped with AES-256-GCM under the master key; the header's fields
// (segment size, plaintext size, nonce prefix, key id) are the wrap's AAD, so editing the header
// makes the key unrecoverable rather than silently changing what is read.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export const MAGIC = Buffer.from('EMKC', 'latin1');
export const FORMAT_VERSION = 1;
export const HEADER_SIZE = 128;
export const TAG_SIZE = 16;
export const DEFAULT_SEGMENT_SIZE = 64 * 1024;
export const NONCE_PREFIX_SIZE = 7;
const KEY_SIZE = 32;
const WRAP_NONCE_SIZE = 12;
const KEY_ID_SIZE = 8;
const AAD_DOMAIN = 'earmark-cache/1\0';

// Header layout (offsets in bytes; integers little-endian).
const OFF = {
  magic: 0, // 4
  version: 4, // u8
  segmentSize: 8, // u32
  plaintextSize: 16, // u64
  noncePrefix: 24, // 7
  keyId: 32, // 8: which master key wrapped the file key
  wrapNonce: 40, // 12
  wrappedKey: 52, // 32
  wrapTag: 84, // 16; the rest of the header is zero
} as const;
const WRAP_TAG_OFFSET = OFF.wrapTag;
const RESERVED: readonly [number, number][] = [
  [5, 8],
  [12, 16],
  [31, 32],
  [OFF.wrapTag + TAG_SIZE, HEADER_SIZE],
];

/** Any failure to authenticate or parse a cache file: its bytes must never be served. */
export class CacheIntegrityError extends Error {
  constructor(
    message: string,
    readonly segment: number | null = null,
  ) {
    super(message);
    this.name = 'CacheIntegrityError';
  }
}

/** The file was written under another master key (e.g. a removed profile's): unreadable, not tampered. */
export class CacheKeyMismatchError extends CacheIntegrityError {
  constructor() {
    super('the entry was encrypted under a different cache master key');
    this.name = 'CacheKeyMismatchError';
  }
}

export interface FileHeader {
  segmentSize: number;
  plaintextSize: number;
  noncePrefix: Buffer;
  keyId: Buffer;
  wrapNonce: Buffer;
  wrappedKey: Buffer;
  wrapTag: Buffer;
}

export interface OpenedFile {
  header: FileHeader;
  fileKey: Buffer;
  /** AAD for every segment of this file. */
  aad: Buffer;
}

export function masterKeyId(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('earmark cache master key id').digest().subarray(0, KEY_ID_SIZE);
}

export function segmentCount(plaintextSize: number, segmentSize: number): number {
  return Math.max(1, Math.ceil(plaintextSize / segmentSize));
}

/** Plaintext length of segment i. */
export function segmentPlainLength(i: number, plaintextSize: number, segmentSize: number): number {
  const n = segmentCount(plaintextSize, segmentSize);
  if (i < 0 || i >= n) throw new RangeError(`segment ${i} out of 0..${n - 1}`);
  return i < n - 1 ? segmentSize : plaintextSize - (n - 1) * segmentSize;
}

/** Where segment i starts in the file. */
export function segmentOffset(i: number, segmentSize: number): number {
  return HEADER_SIZE + i * (segmentSize + TAG_SIZE);
}

export function encryptedFileSize(plaintextSize: number, segmentSize: number): number {
  return HEADER_SIZE + plaintextSize + segmentCount(plaintextSize, segmentSize) * TAG_SIZE;
}

/** The segments holding plaintext bytes [start, endInclusive]. */
export function segmentsForRange(start: number, endInclusive: number, segmentSize: number): { first: number; last: number } {
  return { first: Math.floor(start / segmentSize), last: Math.floor(endInclusive / segmentSize) };
}

export function segmentNonce(noncePrefix: Buffer, index: number, last: boolean): Buffer {
  if (noncePrefix.length !== NONCE_PREFIX_SIZE) throw new RangeError('nonce prefix must be 7 bytes');
  if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) throw new RangeError(`segment index ${index} out of range`);
  const n = Buffer.alloc(12);
  noncePrefix.copy(n, 0);
  n.writeUInt32BE(index, NONCE_PREFIX_SIZE);
  n[11] = last ? 1 : 0;
  return n;
}

export function segmentAad(binding: string): Buffer {
  return Buffer.from(AAD_DOMAIN + binding, 'utf8');
}

function headerFieldsAad(h: Pick<FileHeader, 'segmentSize' | 'plaintextSize' | 'noncePrefix' | 'keyId'>, binding: string): Buffer {
  const b = Buffer.alloc(OFF.keyId + KEY_ID_SIZE);
  MAGIC.copy(b, OFF.magic);
  b[OFF.version] = FORMAT_VERSION;
  b.writeUInt32LE(h.segmentSize, OFF.segmentSize);
  b.writeBigUInt64LE(BigInt(h.plaintextSize), OFF.plaintextSize);
  h.noncePrefix.copy(b, OFF.noncePrefix);
  h.keyId.copy(b, OFF.keyId);
  return Buffer.concat([b, segmentAad(binding)]);
}

export interface NewFile {
  header: Buffer;
  fileKey: Buffer;
  noncePrefix: Buffer;
  aad: Buffer;
}

/**
 * A fresh file: random per-file key and nonce prefix, the key wrapped under the master key.
 * `binding` names the entry (its id and file token) and goes into every AAD.
 */
export function newFile(masterKey: Buffer, binding: string, plaintextSize: number, segmentSize = DEFAULT_SEGMENT_SIZE, rand: (n: number) => Buffer = randomBytes): NewFile {
  checkMasterKey(masterKey);
  if (!Number.isSafeInteger(plaintextSize) || plaintextSize < 0) throw new RangeError(`bad plaintext size ${plaintextSize}`);
  if (!Number.isInteger(segmentSize) || segmentSize < 16 || segmentSize > 16 * 1024 * 1024) throw new RangeError(`bad segment size ${segmentSize}`);
  if (segmentCount(plaintextSize, segmentSize) > 0xffffffff) throw new RangeError('file too large for this segment size');
  const fileKey = rand(KEY_SIZE);
  const noncePrefix = rand(NONCE_PREFIX_SIZE);
  const wrapNonce = rand(WRAP_NONCE_SIZE);
  const keyId = masterKeyId(masterKey);
  const c = createCipheriv('aes-256-gcm', masterKey, wrapNonce);
  c.setAAD(headerFieldsAad({ segmentSize, plaintextSize, noncePrefix, keyId }, binding));
  const wrappedKey = Buffer.concat([c.update(fileKey), c.final()]);
  const header = Buffer.alloc(HEADER_SIZE);
  headerFieldsAad({ segmentSize, plaintextSize, noncePrefix, keyId }, '').copy(header, 0, 0, OFF.keyId + KEY_ID_SIZE);
  wrapNonce.copy(header, OFF.wrapNonce);
  wrappedKey.copy(header, OFF.wrappedKey);
  c.getAuthTag().copy(header, WRAP_TAG_OFFSET);
  return { header, fileKey, noncePrefix, aad: segmentAad(binding) };
}

export function parseHeader(buf: Buffer): FileHeader {
  if (buf.length < HEADER_SIZE) throw new CacheIntegrityError(`the file is shorter than its header (${buf.length} bytes)`);
  if (!buf.subarray(0, 4).equals(MAGIC)) throw new CacheIntegrityError('not an Earmark cache file (bad magic)');
  if (buf[OFF.version] !== FORMAT_VERSION) throw new CacheIntegrityError(`unknown cache format version ${buf[OFF.version]}`);
  const plaintextSize = buf.readBigUInt64LE(OFF.plaintextSize);
  if (plaintextSize > BigInt(Number.MAX_SAFE_INTEGER)) throw new CacheIntegrityError('implausible plaintext size');
  // Reserved bytes are not covered by the key wrap, so they must be exactly zero: no byte of the
  // header can change without the file being rejected.
  for (const [from, to] of RESERVED) {
    if (buf.subarray(from, to).some((b) => b !== 0)) throw new CacheIntegrityError('the header has non-zero reserved bytes');
  }
  const segmentSize = buf.readUInt32LE(OFF.segmentSize);
  if (segmentSize < 16) throw new CacheIntegrityError('implausible segment size');
  return {
    segmentSize,
    plaintextSize: Number(plaintextSize),
    noncePrefix: Buffer.from(buf.subarray(OFF.noncePrefix, OFF.noncePrefix + NONCE_PREFIX_SIZE)),
    keyId: Buffer.from(buf.subarray(OFF.keyId, OFF.keyId + KEY_ID_SIZE)),
    wrapNonce: Buffer.from(buf.subarray(OFF.wrapNonce, OFF.wrapNonce + WRAP_NONCE_SIZE)),
    wrappedKey: Buffer.from(buf.subarray(OFF.wrappedKey, OFF.wrappedKey + KEY_SIZE)),
    wrapTag: Buffer.from(buf.subarray(WRAP_TAG_OFFSET, WRAP_TAG_OFFSET + TAG_SIZE)),
  };
}

/** Parses the header and unwraps the file key; throws CacheIntegrityError if anything is off. */
export function openHeader(masterKey: Buffer, binding: string, headerBytes: Buffer): OpenedFile {
  checkMasterKey(masterKey);
  const header = parseHeader(headerBytes);
  if (!header.keyId.equals(masterKeyId(masterKey))) throw new CacheKeyMismatchError();
  const d = createDecipheriv('aes-256-gcm', masterKey, header.wrapNonce);
  d.setAAD(headerFieldsAad(header, binding));
  d.setAuthTag(header.wrapTag);
  let fileKey: Buffer;
  try {
    fileKey = Buffer.concat([d.update(header.wrappedKey), d.final()]);
  } catch {
    throw new CacheIntegrityError('the header does not authenticate (edited, or belongs to another entry)');
  }
  return { header, fileKey, aad: segmentAad(binding) };
}

/** Ciphertext ‖ tag of segment `index`. */
export function encryptSegment(fileKey: Buffer, noncePrefix: Buffer, aad: Buffer, index: number, last: boolean, plaintext: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', fileKey, segmentNonce(noncePrefix, index, last));
  c.setAAD(aad);
  const head = c.update(plaintext);
  const tail = c.final();
  return Buffer.concat([head, tail, c.getAuthTag()], plaintext.length + TAG_SIZE);
}

/** The plaintext of segment `index`, or CacheIntegrityError: never returns unauthenticated bytes. */
export function decryptSegment(file: OpenedFile, index: number, sealed: Buffer): Buffer {
  const { header } = file;
  const n = segmentCount(header.plaintextSize, header.segmentSize);
  if (index >= n) throw new CacheIntegrityError(`segment ${index} is past the end`, index);
  const expected = segmentPlainLength(index, header.plaintextSize, header.segmentSize) + TAG_SIZE;
  if (sealed.length !== expected) throw new CacheIntegrityError(`segment ${index} is truncated (${sealed.length} of ${expected} bytes)`, index);
  const d = createDecipheriv('aes-256-gcm', file.fileKey, segmentNonce(header.noncePrefix, index, index === n - 1));
  d.setAAD(file.aad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE));
  try {
    const head = d.update(sealed.subarray(0, sealed.length - TAG_SIZE));
    const tail = d.final();
    return tail.length ? Buffer.concat([head, tail]) : head;
  } catch {
    throw new CacheIntegrityError(`segment ${index} does not authenticate`, index);
  }
}

/** Encrypts a whole buffer into a complete file (small blobs, tests). */
export function sealWhole(masterKey: Buffer, binding: string, plaintext: Buffer, segmentSize = DEFAULT_SEGMENT_SIZE): Buffer {
  const f = newFile(masterKey, binding, plaintext.length, segmentSize);
  const n = segmentCount(plaintext.length, segmentSize);
  const parts = [f.header];
  for (let i = 0; i < n; i++) {
    parts.push(encryptSegment(f.fileKey, f.noncePrefix, f.aad, i, i === n - 1, plaintext.subarray(i * segmentSize, Math.min(plaintext.length, (i + 1) * segmentSize))));
  }
  return Buffer.concat(parts);
}

/** Decrypts a whole file held in memory; the file must be exactly as long as its header says. */
export function openWhole(masterKey: Buffer, binding: string, file: Buffer): Buffer {
  const opened = openHeader(masterKey, binding, file.subarray(0, HEADER_SIZE));
  const { segmentSize, plaintextSize } = opened.header;
  if (file.length !== encryptedFileSize(plaintextSize, segmentSize)) {
    throw new CacheIntegrityError(`the file is ${file.length} bytes, its header says ${encryptedFileSize(plaintextSize, segmentSize)}`);
  }
  // An empty file still has its one (empty, last) segment, whose tag must authenticate.
  if (plaintextSize === 0) return decryptSegment(opened, 0, file.subarray(HEADER_SIZE));
  return readRangeFrom(opened, (off, len) => file.subarray(off, off + len), 0, plaintextSize - 1);
}

/**
 * Plaintext bytes [start, endInclusive] given a way to read raw file bytes; decrypts only the
 * segments the range touches. An empty range (endInclusive < start) returns an empty buffer.
 */
export function readRangeFrom(file: OpenedFile, read: (offset: number, length: number) => Buffer, start: number, endInclusive: number): Buffer {
  const { segmentSize, plaintextSize } = file.header;
  if (endInclusive < start) return Buffer.alloc(0);
  if (start < 0 || endInclusive >= plaintextSize) throw new RangeError(`range ${start}-${endInclusive} outside 0..${plaintextSize - 1}`);
  const { first, last } = segmentsForRange(start, endInclusive, segmentSize);
  const out: Buffer[] = [];
  for (let i = first; i <= last; i++) {
    const len = segmentPlainLength(i, plaintextSize, segmentSize) + TAG_SIZE;
    const plain = decryptSegment(file, i, read(segmentOffset(i, segmentSize), len));
    const from = i === first ? start - i * segmentSize : 0;
    const to = i === last ? endInclusive - i * segmentSize + 1 : plain.length;
    out.push(plain.subarray(from, to));
  }
  return out.length === 1 ? out[0] : Buffer.concat(out);
}

function checkMasterKey(k: Buffer): void {
  if (!Buffer.isBuffer(k) || k.length !== KEY_SIZE) throw new RangeError('the cache master key must be 32 bytes');
}
