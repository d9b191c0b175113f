import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALAW_TO_LINEAR,
  MULAW_TO_LINEAR,
  alawDecode,
  alawEncode,
  decodeAlaw,
  decodeMulaw,
  encodeAlaw,
  encodeMulaw,
  mulawDecode,
  mulawEncode,
} from '../../electron/core/audio/g711';

const codecs = [
  { name: 'µ-law', encode: mulawEncode, decode: mulawDecode, table: MULAW_TO_LINEAR, smallStep: 8 },
  { name: 'A-law', encode: alawEncode, decode: alawDecode, table: ALAW_TO_LINEAR, smallStep: 16 },
];

test('µ-law decodes the known code points', () => {
  assert.equal(mulawDecode(0xff), 0); // positive zero: idle line
  assert.equal(mulawDecode(0x7f), 0); // negative zero
  assert.equal(mulawDecode(0x80), 32124);
  assert.equal(mulawDecode(0x00), -32124);
  assert.equal(mulawDecode(0xfe), 8);
  assert.equal(mulawDecode(0x7e), -8);
  assert.equal(mulawDecode(0xef), 132); // first code of segment 1
});

test('A-law decodes the known code points', () => {
  assert.equal(alawDecode(0xd5), 8);
  assert.equal(alawDecode(0x55), -8);
  assert.equal(alawDecode(0xaa), 32256);
  assert.equal(alawDecode(0x2a), -32256);
  assert.equal(alawDecode(0xd4), 24);
});

test('encoders map silence and full scale to the standard codes', () => {
  assert.equal(mulawEncode(0), 0xff);
  assert.equal(mulawEncode(32767), 0x80);
  assert.equal(mulawEncode(-32768), 0x00);
  assert.equal(alawEncode(0), 0xd5);
  assert.equal(alawEncode(-1), 0x55);
  assert.equal(alawEncode(32767), 0xaa);
  assert.equal(alawEncode(-32768), 0x2a);
});

test('encoders clamp out-of-range input and treat NaN as silence', () => {
  for (const c of codecs) {
    assert.equal(c.encode(1e9), c.encode(32767), c.name);
    assert.equal(c.encode(-1e9), c.encode(-32768), c.name);
    assert.equal(c.encode(Number.NaN), c.encode(0), c.name);
    assert.equal(c.encode(100.9), c.encode(100), c.name);
  }
});

test('the decode tables hold 256 values, odd-symmetric around zero', () => {
  for (const c of codecs) {
    assert.equal(c.table.length, 256);
    // Flipping the sign bit flips the sign of the sample.
    for (let b = 0; b < 128; b++) assert.equal(c.table[b] + c.table[b | 0x80], 0, `${c.name} 0x${b.toString(16)}`);
  }
});

test('every code decodes to a value that re-encodes to the same level', () => {
  for (const c of codecs) {
    for (let b = 0; b < 256; b++) {
      const v = c.decode(b);
      assert.equal(c.decode(c.encode(v)), v, `${c.name} byte 0x${b.toString(16)}`);
    }
  }
});

test('decode(encode(x)) is monotonic over the whole 16-bit range', () => {
  for (const c of codecs) {
    let prev = -Infinity;
    for (let x = -32768; x <= 32767; x++) {
      const y = c.decode(c.encode(x));
      assert.ok(y >= prev, `${c.name} not monotonic at ${x}`);
      prev = y;
    }
  }
});

test('quantisation error stays within one step (about 6% of the value, or the smallest step)', () => {
  for (const c of codecs) {
    for (let x = -32000; x <= 32000; x++) {
      const err = Math.abs(c.decode(c.encode(x)) - x);
      const bound = Math.max(c.smallStep, Math.abs(x) / 16);
      assert.ok(err <= bound, `${c.name}: ${x} came back ${err} off`);
    }
  }
});

test('array helpers agree with the per-sample functions', () => {
  const samples = new Int16Array(4096);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(Math.sin(i / 7) * 30000 * (i / samples.length));
  const mu = encodeMulaw(samples);
  const al = encodeAlaw(samples);
  for (let i = 0; i < samples.length; i++) {
    assert.equal(mu[i], mulawEncode(samples[i]));
    assert.equal(al[i], alawEncode(samples[i]));
  }
  const muBack = decodeMulaw(mu);
  const alBack = decodeAlaw(al);
  for (let i = 0; i < samples.length; i++) {
    assert.equal(muBack[i], MULAW_TO_LINEAR[mu[i]]);
    assert.equal(alBack[i], ALAW_TO_LINEAR[al[i]]);
  }
});
