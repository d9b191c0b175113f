import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MULAW_TO_LINEAR, ALAW_TO_LINEAR } from '../../electron/core/audio/g711';
import { parseWavHeader } from '../../electron/core/audio/wav';
import { encodeWav, wavHeader } from '../../electron/core/audio/wav-writer';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('16-bit PCM gets the canonical 44-byte header', () => {
  const h = wavHeader({ codec: 'pcm_s16le', channels: 2, sampleRate: 8000, frames: 1000 });
  assert.equal(
    hex(h),
    '52494646' + 'c40f0000' + '57415645' + // RIFF, 36 + 4000, WAVE
      '666d7420' + '10000000' + '0100' + '0200' + '401f0000' + '007d0000' + '0400' + '1000' + // fmt
      '64617461' + 'a00f0000', // data, 4000
  );
});

test('µ-law gets an 18-byte fmt and a fact chunk, byte for byte as sox writes it', () => {
  // The first 58 bytes of `sox in.wav -r 8000 -c 1 -e u-law -b 8 out.wav` for 15130 samples.
  const sox = '524946464c3b000057415645666d74201200000007000100401f0000401f0000010008000000666163740400' + '00001a3b0000646174611a3b0000';
  assert.equal(hex(wavHeader({ codec: 'pcm_mulaw', channels: 1, sampleRate: 8000, frames: 15130 })), sox);
});

test('A-law stereo header states format 6 and 2-byte frames', () => {
  const info = parseWavHeader(wavHeader({ codec: 'pcm_alaw', channels: 2, sampleRate: 8000, frames: 0 }), 58);
  assert.equal(info.codec, 'pcm_alaw');
  assert.equal(info.blockAlign, 2);
  assert.equal(info.frames, 0);
});

test('encodeWav round-trips samples through each codec', () => {
  const samples = Int16Array.from({ length: 600 }, (_, i) => Math.round(Math.sin(i / 5) * 20000));
  const pcm = encodeWav(samples, 2, 8000, 'pcm_s16le');
  const info = parseWavHeader(pcm, pcm.length);
  assert.equal(info.frames, 300);
  const view = new DataView(pcm.buffer, pcm.byteOffset + info.dataOffset);
  for (let i = 0; i < samples.length; i++) assert.equal(view.getInt16(i * 2, true), samples[i]);

  for (const [codec, table] of [['pcm_mulaw', MULAW_TO_LINEAR], ['pcm_alaw', ALAW_TO_LINEAR]] as const) {
    const file = encodeWav(samples, 1, 8000, codec);
    const i2 = parseWavHeader(file, file.length);
    assert.equal(i2.codec, codec);
    assert.equal(i2.frames, 600);
    for (let i = 0; i < samples.length; i++) {
      assert.ok(Math.abs(table[file[i2.dataOffset + i]] - samples[i]) <= 1300, `${codec} sample ${i}`);
    }
  }
});

test('odd-length G.711 data gets a pad byte that the RIFF size counts', () => {
  const file = encodeWav(new Int16Array(7), 1, 8000, 'pcm_mulaw');
  assert.equal(file.length, 58 + 7 + 1);
  assert.equal(new DataView(file.buffer).getUint32(4, true) + 8, file.length);
  assert.equal(parseWavHeader(file, file.length).dataLength, 7);
});

test('rejects impossible specs', () => {
  assert.throws(() => wavHeader({ codec: 'pcm_s16le', channels: 0, sampleRate: 8000, frames: 1 }), RangeError);
  assert.throws(() => wavHeader({ codec: 'pcm_s16le', channels: 1, sampleRate: 0, frames: 1 }), RangeError);
  assert.throws(() => wavHeader({ codec: 'pcm_s16le', channels: 1, sampleRate: 8000, frames: 1.5 }), RangeError);
  assert.throws(() => wavHeader({ codec: 'pcm_s16le', channels: 2, sampleRate: 8000, frames: 2 ** 30 }), RangeError);
  assert.throws(() => encodeWav(new Int16Array(3), 2, 8000, 'pcm_s16le'), RangeError);
});
