import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fc from 'fast-check';
import {
  CacheIntegrityError,
  CacheKeyMismatchError,
  decryptSegment,
  encryptedFileSize,
  HEADER_SIZE,
  openHeader,
  openWhole,
  readRangeFrom,
  sealWhole,
  segmentCount,
  segmentNonce,
  segmentOffset,
  segmentPlainLength,
  segmentsForRange,
  TAG_SIZE,
} from '../../electron/core/cache/segment-format';

const KEY = crypto.randomBytes(32);
const SEG = 64; // small segments so short inputs span many of them

test('segment arithmetic', () => {
  assert.equal(segmentCount(0, SEG), 1, 'an empty file still has one (empty, last) segment');
  assert.equal(segmentCount(1, SEG), 1);
  assert.equal(segmentCount(64, SEG), 1);
  assert.equal(segmentCount(65, SEG), 2);
  assert.equal(segmentPlainLength(0, 65, SEG), 64);
  assert.equal(segmentPlainLength(1, 65, SEG), 1);
  assert.equal(segmentPlainLength(0, 0, SEG), 0);
  assert.throws(() => segmentPlainLength(2, 65, SEG), RangeError);
  assert.equal(segmentOffset(0, SEG), HEADER_SIZE);
  assert.equal(segmentOffset(3, SEG), HEADER_SIZE + 3 * (SEG + TAG_SIZE));
  assert.equal(encryptedFileSize(65, SEG), HEADER_SIZE + 65 + 2 * TAG_SIZE);
  assert.deepEqual(segmentsForRange(63, 64, SEG), { first: 0, last: 1 });
  assert.deepEqual(segmentsForRange(128, 128, SEG), { first: 2, last: 2 });
});

test('nonces are prefix ‖ index ‖ last flag, all distinct', () => {
  const prefix = Buffer.from('abcdefg');
  const a = segmentNonce(prefix, 1, false);
  assert.equal(a.length, 12);
  assert.deepEqual(a.subarray(0, 7), prefix);
  assert.equal(a.readUInt32BE(7), 1);
  assert.equal(a[11], 0);
  assert.equal(segmentNonce(prefix, 1, true)[11], 1);
  assert.notDeepEqual(segmentNonce(prefix, 0, false), segmentNonce(prefix, 1, false));
  assert.throws(() => segmentNonce(Buffer.alloc(6), 0, false), RangeError);
  assert.throws(() => segmentNonce(prefix, 2 ** 32, false), RangeError);
});

test('round trip: whole file and every range, including empty files', () => {
  for (const size of [0, 1, 63, 64, 65, 128, 1000]) {
    const plain = crypto.randomBytes(size);
    const file = sealWhole(KEY, 'C1\0tok', plain, SEG);
    assert.equal(file.length, encryptedFileSize(size, SEG));
    assert.deepEqual(openWhole(KEY, 'C1\0tok', file), plain, `size ${size}`);
  }
});

test('the file carries no plaintext and no key material', () => {
  const plain = Buffer.alloc(4096, 0x41);
  const file = sealWhole(KEY, 'C1\0tok', plain, SEG);
  assert.equal(file.indexOf(Buffer.alloc(32, 0x41)), -1);
  assert.equal(file.indexOf(KEY), -1);
  assert.equal(file.indexOf(Buffer.from('C1')), -1, 'the binding is authenticated, not stored');
});

test('a different master key is reported as a key mismatch; a different binding as tampering', () => {
  const file = sealWhole(KEY, 'C1\0tok', crypto.randomBytes(300), SEG);
  assert.throws(() => openWhole(crypto.randomBytes(32), 'C1\0tok', file), CacheKeyMismatchError);
  assert.throws(() => openWhole(KEY, 'C2\0tok', file), (e) => e instanceof CacheIntegrityError && !(e instanceof CacheKeyMismatchError));
});

test('every single flipped bit anywhere in the file is detected', () => {
  const plain = crypto.randomBytes(200);
  const file = sealWhole(KEY, 'C1\0tok', plain, SEG);
  for (let i = 0; i < file.length; i++) {
    const bad = Buffer.from(file);
    bad[i] ^= 1 << (i % 8);
    assert.throws(() => openWhole(KEY, 'C1\0tok', bad), CacheIntegrityError, `byte ${i}`);
  }
});

test('an empty file is authenticated too: its one empty segment carries a tag', () => {
  const file = sealWhole(KEY, 'C1\0tok', Buffer.alloc(0), SEG);
  assert.equal(file.length, HEADER_SIZE + TAG_SIZE);
  assert.deepEqual(openWhole(KEY, 'C1\0tok', file), Buffer.alloc(0));
  for (let i = HEADER_SIZE; i < file.length; i++) {
    const bad = Buffer.from(file);
    bad[i] ^= 1;
    assert.throws(() => openWhole(KEY, 'C1\0tok', bad), CacheIntegrityError, `tag byte ${i - HEADER_SIZE}`);
  }
});

test('swapped, dropped, duplicated and foreign segments are detected', () => {
  const plain = crypto.randomBytes(SEG * 4);
  const file = sealWhole(KEY, 'C1\0tok', plain, SEG);
  const segLen = SEG + TAG_SIZE;
  const seg = (f: Buffer, i: number) => f.subarray(segmentOffset(i, SEG), segmentOffset(i, SEG) + segLen);
  const header = file.subarray(0, HEADER_SIZE);
  const build = (order: number[], from: Buffer[] = order.map(() => file)) => Buffer.concat([header, ...order.map((i, k) => seg(from[k], i))]);

  assert.throws(() => openWhole(KEY, 'C1\0tok', build([1, 0, 2, 3])), CacheIntegrityError, 'swap');
  assert.throws(() => openWhole(KEY, 'C1\0tok', build([0, 1, 2, 2])), CacheIntegrityError, 'duplicate');
  assert.throws(() => openWhole(KEY, 'C1\0tok', build([0, 1, 2])), CacheIntegrityError, 'truncated by a whole segment');
  assert.throws(() => openWhole(KEY, 'C1\0tok', file.subarray(0, file.length - 1)), CacheIntegrityError, 'truncated by a byte');

  // The same plaintext under another entry: segments moved across files never authenticate.
  const other = sealWhole(KEY, 'C2\0tok2', plain, SEG);
  assert.throws(() => openWhole(KEY, 'C1\0tok', build([0, 1, 2, 3], [file, other, file, file])), CacheIntegrityError, 'foreign segment');

  // A file cut after segment 2 with its header edited to match: the header no longer authenticates.
  const cut = Buffer.from(build([0, 1, 2]));
  cut.writeBigUInt64LE(BigInt(SEG * 3), 16);
  assert.throws(() => openWhole(KEY, 'C1\0tok', cut), CacheIntegrityError, 'header edited to hide truncation');
});

test('a range decrypts only the segments it touches', () => {
  const plain = crypto.randomBytes(SEG * 10 + 7);
  const file = sealWhole(KEY, 'C1\0tok', plain, SEG);
  const opened = openHeader(KEY, 'C1\0tok', file.subarray(0, HEADER_SIZE));
  const touched: number[] = [];
  const read = (off: number, len: number) => {
    touched.push((off - HEADER_SIZE) / (SEG + TAG_SIZE));
    return file.subarray(off, off + len);
  };
  assert.deepEqual(readRangeFrom(opened, read, SEG * 3 + 5, SEG * 4 + 2), plain.subarray(SEG * 3 + 5, SEG * 4 + 3));
  assert.deepEqual(touched, [3, 4]);
  // A corrupted segment outside the range does not matter; inside it, it throws.
  const bad = Buffer.from(file);
  bad[segmentOffset(7, SEG) + 3] ^= 0xff;
  const readBad = (off: number, len: number) => bad.subarray(off, off + len);
  assert.deepEqual(readRangeFrom(opened, readBad, 0, SEG - 1), plain.subarray(0, SEG));
  assert.throws(() => readRangeFrom(opened, readBad, SEG * 7, SEG * 7), (e) => e instanceof CacheIntegrityError && e.segment === 7);
  assert.throws(() => decryptSegment(opened, 11, Buffer.alloc(SEG + TAG_SIZE)), CacheIntegrityError);
});

test('property: any range of any file decrypts to exactly the same plaintext bytes', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 2000 }),
      fc.integer({ min: 16, max: 300 }),
      fc.nat(),
      fc.nat(),
      (bytes, segSize, a, b) => {
        const plain = Buffer.from(bytes);
        const file = sealWhole(KEY, 'id\0t', plain, segSize);
        const opened = openHeader(KEY, 'id\0t', file.subarray(0, HEADER_SIZE));
        const s = a % plain.length;
        const e = s + (b % (plain.length - s));
        const got = readRangeFrom(opened, (off, len) => file.subarray(off, off + len), s, e);
        assert.deepEqual(got, plain.subarray(s, e + 1));
      },
    ),
    { numRuns: 300 },
  );
});

test('property: any single-byte change to a sealed file is detected', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 700 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, where, xor) => {
      const file = sealWhole(KEY, 'id\0t', Buffer.from(bytes), 64);
      const bad = Buffer.from(file);
      bad[where % bad.length] ^= xor;
      assert.throws(() => openWhole(KEY, 'id\0t', bad), CacheIntegrityError);
    }),
    { numRuns: 1000 },
  );
});

test('property: parsing arbitrary bytes as a header never crashes with anything but CacheIntegrityError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (bytes) => {
      assert.throws(() => openWhole(KEY, 'id\0t', Buffer.from(bytes)), CacheIntegrityError);
    }),
    { numRuns: 500 },
  );
});
