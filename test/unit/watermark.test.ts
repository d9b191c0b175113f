import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectWatermark } from '../../electron/core/watermark/detect';
import { embedWatermark } from '../../electron/core/watermark/embed';
import { WatermarkEmbedder } from '../../electron/core/watermark/embed-stream';
import { CODED_BITS, decodePayload, encodePayload } from '../../electron/core/watermark/payload-code';
import { createPrng } from '../../electron/core/watermark/prng';
import { resample } from '../../electron/core/watermark/resample';
import type { PcmAudio } from '../../electron/core/watermark/wav-pcm';
import { decodeWavFile, encodeWav16 } from '../../electron/core/watermark/wav-pcm';
import { demoClips, hex, snrDb, worstFrameSnrDb } from './watermark-fixtures';

const PAYLOAD = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67]);
let clips: PcmAudio[];
let marked: Float32Array[];

test.before(async () => {
  clips = await demoClips(2, 70);
  marked = embedWatermark(clips[0].channels, 8000, PAYLOAD);
});

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
}

test('payload code: any 1–8 byte id survives encode → decode, also through heavy noise', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.integer(), (id, seed) => {
      const signs = encodePayload(id);
      assert.equal(signs.length, CODED_BITS);
      assert.equal(hex(decodePayload(Float64Array.from(signs)).payload), hex(id));
      // Each soft value: the sign plus Gaussian noise of 0.6 its size (raw error rate ≈ 5%).
      const next = createPrng(seed);
      const noisy = Float64Array.from(signs, (s) => s + 0.6 * gaussian(next));
      assert.equal(hex(decodePayload(noisy).payload), hex(id));
    }),
    { numRuns: 200 },
  );
});

test('payload code: the CRC rejects what pure noise decodes to', () => {
  const next = createPrng(99);
  let accepted = 0;
  for (let t = 0; t < 3000; t++) if (decodePayload(Float64Array.from({ length: CODED_BITS }, () => gaussian(next))).payload) accepted++;
  assert.equal(accepted, 0);
});

test('payload must be 1–8 bytes and the rate at least 8 kHz', () => {
  const x = [new Float32Array(8000)];
  assert.throws(() => embedWatermark(x, 8000, new Uint8Array(0)), RangeError);
  assert.throws(() => embedWatermark(x, 8000, new Uint8Array(9)), RangeError);
  assert.throws(() => embedWatermark(x, 6000, PAYLOAD), RangeError);
});

test('resampling keeps in-band tones and removes what the lower rate cannot hold', () => {
  const tone = (f: number, rate: number, n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * f * i) / rate));
  const x = tone(1000, 8000, 8000);
  const back = resample(resample(x, 8000, 44100), 44100, 8000);
  assert.equal(back.length, x.length);
  let err = 0;
  for (let i = 200; i < 7800; i++) err = Math.max(err, Math.abs(back[i] - x[i]));
  assert.ok(err < 0.01, `round-trip error ${err}`);
  const high = resample(tone(10000, 44100, 44100), 44100, 8000);
  let peak = 0;
  for (let i = 200; i < high.length - 200; i++) peak = Math.max(peak, Math.abs(high[i]));
  assert.ok(peak < 0.001, `a 10 kHz tone leaked into 8 kHz at ${peak}`);
});

test('a marked call carries the id; the mark stays ≥ 25 dB under the audio, overall and in every frame', () => {
  const r = detectWatermark(marked, 8000);
  assert.equal(r.found, true);
  assert.equal(hex(r.payload), hex(PAYLOAD));
  const snr = snrDb(clips[0].channels, marked);
  const worst = worstFrameSnrDb(clips[0].channels, marked, 8000);
  console.log(`watermark SNR: ${snr.toFixed(1)} dB overall, worst 32 ms frame ${worst.toFixed(1)} dB`);
  assert.ok(snr >= 25, `overall SNR ${snr}`);
  assert.ok(worst >= 25, `worst-frame SNR ${worst}`);
});

test('silence stays silent: no mark in digital silence or line hiss, only where there is speech', () => {
  const speech = clips[1].channels[0].subarray(8000 * 10, 8000 * 40);
  const next = createPrng(5);
  const hiss = Float32Array.from({ length: 8000 * 3 }, () => (next() - 0.5) * 2 * 10 ** (-66 / 20));
  const x = new Float32Array(8000 * 3 + speech.length + hiss.length);
  x.set(speech, 8000 * 3);
  x.set(hiss, 8000 * 3 + speech.length);
  const [y] = embedWatermark([x], 8000, PAYLOAD);
  const edge = 300; // one analysis frame either side of the speech may carry its tail
  for (let i = 0; i < 8000 * 3 - edge; i++) assert.equal(y[i], x[i], `digital silence changed at ${i}`);
  for (let i = 8000 * 3 + speech.length + edge; i < x.length; i++) assert.equal(y[i], x[i], `hiss changed at ${i}`);
  let changed = 0;
  for (let i = 8000 * 3; i < 8000 * 3 + speech.length; i++) if (y[i] !== x[i]) changed++;
  assert.ok(changed > speech.length / 4, 'the speech itself carries the mark');
});

test('cutting at an arbitrary sample, gain, mono mix and 16-bit WAV round trip keep the id', () => {
  const start = 8000 * 7 + 1234;
  const cut = marked.map((c) => c.slice(start, start + 8000 * 60));
  const mono = [Float32Array.from(cut[0], (v, i) => (v + cut[1][i]) / 2)];
  const louder = cut.map((c) => Float32Array.from(c, (v) => Math.max(-1, Math.min(1, v * 2))));
  const quieter = cut.map((c) => Float32Array.from(c, (v) => v / 2));
  const wav = decodeWavFile(encodeWav16(cut, 8000));
  for (const [name, chans] of [['excerpt', cut], ['mono', mono], ['+6 dB', louder], ['−6 dB', quieter], ['wav16', wav.channels]] as const) {
    const r = detectWatermark(chans as Float32Array[], 8000);
    assert.equal(hex(r.payload), hex(PAYLOAD), name);
  }
});

test('embedding at 16 and 44.1 kHz, detecting at the file rate and after resampling to 8 kHz', () => {
  const short = clips[1].channels.map((c) => c.slice(0, 8000 * 62));
  const id = Uint8Array.from([0x42, 0x00, 0x00, 0x07]);
  for (const rate of [16000, 44100]) {
    const up = short.map((c) => resample(c, 8000, rate));
    const m = embedWatermark(up, rate, id);
    assert.ok(snrDb(up, m) >= 25);
    assert.equal(hex(detectWatermark(m, rate).payload), hex(id), `${rate} Hz`);
    assert.equal(hex(detectWatermark(m.map((c) => resample(c, rate, 8000)), 8000).payload), hex(id), `${rate} → 8000 Hz`);
  }
});

test('unmarked audio reports no mark: the call itself, silence, noise and tones', () => {
  const next = createPrng(3);
  const n = 8000 * 60;
  const cases: Record<string, Float32Array[]> = {
    'unmarked call': clips[1].channels,
    'digital silence': [new Float32Array(n)],
    'white noise': [Float32Array.from({ length: n }, () => (next() - 0.5) * 0.5)],
    '1 kHz tone': [Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 8000))],
    'two-tone (DTMF 5)': [Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 770 * i) / 8000) + 0.3 * Math.sin((2 * Math.PI * 1336 * i) / 8000))],
  };
  for (const [name, chans] of Object.entries(cases)) {
    const r = detectWatermark(chans, 8000);
    assert.equal(r.found, false, name);
    assert.equal(r.payload, null, name);
  }
});

test('streaming embedding in blocks of any size gives the same marked audio as the whole-file call', () => {
  const id = Uint8Array.from([0x10, 0x20, 0x30, 0x40, 0x50]);
  for (const rate of [8000, 44100]) {
    const src = clips[1].channels.map((c) => (rate === 8000 ? c.subarray(0, 8000 * 40) : resample(c.subarray(0, 8000 * 20), 8000, rate)));
    const whole = embedWatermark(src, rate, id);
    const e = new WatermarkEmbedder(rate, 2, id);
    const next = createPrng(rate);
    const got: Float32Array[][] = [];
    for (let at = 0; at < src[0].length; ) {
      const n = Math.min(src[0].length - at, 1 + Math.floor(next() * 30000));
      got.push(e.push(src.map((c) => c.slice(at, at + n))));
      at += n;
    }
    got.push(e.end());
    let at = 0;
    let worst = 0;
    for (const block of got) {
      for (let c = 0; c < 2; c++) for (let i = 0; i < block[c].length; i++) worst = Math.max(worst, Math.abs(block[c][i] - whole[c][at + i]));
      at += block[0].length;
    }
    assert.equal(at, src[0].length, `${rate} Hz: every sample comes back`);
    assert.ok(worst < 1e-6, `${rate} Hz: streaming differs by ${worst}`);
  }
});
