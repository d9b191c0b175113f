import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createPeaksAccumulator } from '../../electron/core/audio/peaks';
import { parseWavHeader, type WavInfo } from '../../electron/core/audio/wav';
import { encodeWav } from '../../electron/core/audio/wav-writer';
import { simpleWav } from './wav-fixtures';

const RATE = 8000;
const SECONDS = 4;
const FRAMES = RATE * SECONDS;

/**
 * Two channels, 4 s: the left channel is a 0.5-amplitude tone for the first half and silent after;
 * the right is silent first and a 0.25 tone in the second half. Values are in [-1, 1].
 */
function signal(): [Float64Array, Float64Array] {
  const left = new Float64Array(FRAMES);
  const right = new Float64Array(FRAMES);
  for (let i = 0; i < FRAMES; i++) {
    // 200 Hz puts a crest in every 40-frame stretch, so every bucket sees the full amplitude.
    const tone = Math.sin((2 * Math.PI * 200 * i) / RATE + 0.3);
    if (i < FRAMES / 2) left[i] = 0.5 * tone;
    else right[i] = 0.25 * tone;
  }
  return [left, right];
}

function interleave16(): Int16Array {
  const [l, r] = signal();
  const out = new Int16Array(FRAMES * 2);
  for (let i = 0; i < FRAMES; i++) {
    out[i * 2] = Math.round(l[i] * 32767);
    out[i * 2 + 1] = Math.round(r[i] * 32767);
  }
  return out;
}

/** The same signal written by hand for the codecs wav-writer does not produce. */
function rawFile(formatCode: number, bits: number, write: (v: DataView, at: number, x: number) => void): Uint8Array {
  const [l, r] = signal();
  const bytes = bits / 8;
  const data = new Uint8Array(FRAMES * 2 * bytes);
  const v = new DataView(data.buffer);
  for (let i = 0; i < FRAMES; i++) {
    write(v, (i * 2) * bytes, l[i]);
    write(v, (i * 2 + 1) * bytes, r[i]);
  }
  return simpleWav({ formatCode, channels: 2, sampleRate: RATE, bits }, data);
}

const FILES: Record<string, () => Uint8Array> = {
  pcm_s16le: () => encodeWav(interleave16(), 2, RATE, 'pcm_s16le'),
  pcm_mulaw: () => encodeWav(interleave16(), 2, RATE, 'pcm_mulaw'),
  pcm_alaw: () => encodeWav(interleave16(), 2, RATE, 'pcm_alaw'),
  pcm_u8: () => rawFile(1, 8, (v, at, x) => v.setUint8(at, Math.round(x * 127) + 128)),
  pcm_s24le: () =>
    rawFile(1, 24, (v, at, x) => {
      const n = Math.round(x * 8388607);
      v.setUint8(at, n & 0xff);
      v.setUint8(at + 1, (n >> 8) & 0xff);
      v.setUint8(at + 2, (n >> 16) & 0xff);
    }),
  pcm_s32le: () => rawFile(1, 32, (v, at, x) => v.setInt32(at, Math.round(x * 2147483647), true)),
  pcm_f32le: () => rawFile(3, 32, (v, at, x) => v.setFloat32(at, x, true)),
  pcm_f64le: () => rawFile(3, 64, (v, at, x) => v.setFloat64(at, x, true)),
};

function peaksOf(file: Uint8Array, buckets: number, chunkSizes: number[] = [file.length]) {
  const info = parseWavHeader(file, file.length);
  const acc = createPeaksAccumulator(info, buckets);
  const data = file.subarray(info.dataOffset);
  let at = 0;
  for (let i = 0; at < data.length; i++) {
    const n = Math.max(1, chunkSizes[i % chunkSizes.length]);
    acc.push(data.subarray(at, at + n));
    at += n;
  }
  return { info, peaks: acc.finish() };
}

for (const [codec, make] of Object.entries(FILES)) {
  test(`${codec}: peaks follow who is loud when`, () => {
    const { info, peaks } = peaksOf(make(), 40);
    assert.equal(info.codec, codec);
    assert.equal(peaks.durationSec, SECONDS);
    assert.equal(peaks.channels.length, 2);
    const [left, right] = peaks.channels;
    assert.equal(left.length, 40);
    // G.711 quantises to within a few percent; linear PCM is near exact.
    const tol = codec === 'pcm_mulaw' || codec === 'pcm_alaw' ? 0.02 : 0.01;
    for (let b = 0; b < 40; b++) {
      const firstHalf = b < 20;
      assert.ok(Math.abs(left[b] - (firstHalf ? 0.5 : 0)) <= tol, `${codec} left[${b}] = ${left[b]}`);
      assert.ok(Math.abs(right[b] - (firstHalf ? 0 : 0.25)) <= tol, `${codec} right[${b}] = ${right[b]}`);
      assert.equal(left[b], Math.round(left[b] * 1000) / 1000);
    }
  });
}

test('property: chunk boundaries, even mid-frame, never change the result', () => {
  const files = Object.values(FILES).map((make) => make());
  const whole = files.map((f) => peaksOf(f, 37).peaks);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: files.length - 1 }),
      fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 20 }),
      (which, sizes) => {
        assert.deepEqual(peaksOf(files[which], 37, sizes).peaks, whole[which]);
      },
    ),
    { numRuns: 150 },
  );
});

test('bytes after the data section are not audio', () => {
  const file = encodeWav(new Int16Array(100), 1, RATE, 'pcm_s16le');
  const info = parseWavHeader(file, file.length);
  const acc = createPeaksAccumulator(info, 4);
  acc.push(file.subarray(info.dataOffset));
  acc.push(new Uint8Array(64).fill(0x7f)); // e.g. a trailing LIST chunk
  assert.deepEqual(acc.finish().channels, [[0, 0, 0, 0]]);
});

test('more buckets than frames: every bucket shows the frame that covers it', () => {
  const samples = Int16Array.from([16384, -32768, 8192]);
  const file = encodeWav(samples, 1, RATE, 'pcm_s16le');
  const { peaks } = peaksOf(file, 7);
  assert.deepEqual(peaks.channels[0], [0.5, 0.5, 1, 1, 0.25, 0.25, 0.25]);
});

test('an empty data section gives silent buckets', () => {
  const info: WavInfo = parseWavHeader(encodeWav(new Int16Array(0), 2, RATE, 'pcm_mulaw'), 58);
  const acc = createPeaksAccumulator(info, 3);
  acc.push(new Uint8Array(0));
  assert.deepEqual(acc.finish(), { channels: [[0, 0, 0], [0, 0, 0]], durationSec: 0 });
});

test('a stream that stops early leaves the rest silent rather than failing', () => {
  const file = FILES.pcm_s16le();
  const info = parseWavHeader(file, file.length);
  const acc = createPeaksAccumulator(info, 4);
  acc.push(file.subarray(info.dataOffset, info.dataOffset + info.dataLength / 4 + 3));
  const { channels } = acc.finish();
  assert.ok(channels[0][0] > 0.49);
  assert.deepEqual(channels[0].slice(1), [0, 0, 0]);
});

test('rejects nonsense bucket counts', () => {
  const info = parseWavHeader(FILES.pcm_s16le(), 1e6);
  assert.throws(() => createPeaksAccumulator(info, 0), RangeError);
  assert.throws(() => createPeaksAccumulator(info, 2.5), RangeError);
});
