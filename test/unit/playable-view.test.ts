import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { toPcm16 } from '../../electron/core/audio/pcm-convert';
import { parseWavHeader } from '../../electron/core/audio/wav';
import { encodeWav } from '../../electron/core/audio/wav-writer';
import { handleMediaRequest, type MediaSource } from '../../electron/core/media/media-handler';
import { PCM16_HEADER_BYTES, needsTranscode, playableView } from '../../electron/core/media/playable-view';
import { chunk, fmtChunk, riffFile, simpleWav } from './wav-fixtures';

/** A source that serves its bytes in odd-sized pieces and records what was asked of it. */
function bufferSource(bytes: Uint8Array, piece = 777): MediaSource & { opened: [number, number][] } {
  const opened: [number, number][] = [];
  return {
    size: bytes.length,
    contentType: 'audio/wav',
    opened,
    open(start, end) {
      opened.push([start, end]);
      const pieces: Buffer[] = [];
      for (let at = start; at <= end; at += piece) pieces.push(Buffer.from(bytes.subarray(at, Math.min(end + 1, at + piece))));
      return Readable.from(pieces);
    },
  };
}

async function read(source: MediaSource, start: number, end: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of source.open(start, end)) parts.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(parts);
}

/** Two channels of 64-bit float, a ramp with some out-of-range and NaN samples a damaged file might hold. */
function float64Wav(frames: number, extra: { riffSize?: number } = {}): Uint8Array {
  const data = new Uint8Array(frames * 2 * 8);
  const v = new DataView(data.buffer);
  for (let i = 0; i < frames * 2; i++) v.setFloat64(i * 8, i === 7 ? NaN : i === 9 ? 3 : Math.sin(i / 17) * (i % 2 ? 0.25 : 0.9), true);
  return riffFile([chunk('LIST', new Uint8Array(13)), fmtChunk({ formatCode: 3, channels: 2, sampleRate: 8000, bits: 64 }), chunk('data', data)], extra);
}

test('only 64-bit float WAV needs transcoding; every other variant is served as stored', async () => {
  const f64 = parseWavHeader(float64Wav(10), 1e9);
  assert.match(needsTranscode(f64) ?? '', /64-bit/);
  for (const [formatCode, bits] of [[1, 8], [1, 16], [1, 24], [1, 32], [3, 32], [6, 8], [7, 8]]) {
    const file = simpleWav({ formatCode, channels: 2, sampleRate: 8000, bits }, new Uint8Array((bits / 4) * 10));
    assert.equal(needsTranscode(parseWavHeader(file, file.length)), null, `${formatCode}/${bits}`);
    const src = bufferSource(file);
    assert.equal(await playableView(src), src, 'the same source, untouched');
  }
  // Not WAV, or a WAV header we cannot parse: passed through for the player to report.
  for (const bytes of [Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00 and then mp3 frames'), Buffer.from('RIFF\x00\x00\x00\x00WAVEjunk'), new Uint8Array(0)]) {
    const src = bufferSource(bytes);
    assert.equal(await playableView(src), src);
  }
});

test('a 64-bit float WAV is served as 16-bit PCM with a canonical header', async () => {
  const file = float64Wav(1001);
  const view = await playableView(bufferSource(file));
  assert.equal(view.size, PCM16_HEADER_BYTES + 1001 * 4);
  assert.equal(view.contentType, 'audio/wav');
  const all = await read(view, 0, view.size - 1);
  assert.equal(all.length, view.size);
  const info = parseWavHeader(all, all.length);
  assert.equal(info.codec, 'pcm_s16le');
  assert.equal(info.channels, 2);
  assert.equal(info.sampleRate, 8000);
  assert.equal(info.frames, 1001);
  const src = parseWavHeader(file, file.length);
  const expected = toPcm16('pcm_f64le', file.subarray(src.dataOffset, src.dataOffset + src.dataLength));
  assert.deepEqual(new Uint8Array(all.subarray(PCM16_HEADER_BYTES)), expected);
  const samples = new Int16Array(expected.buffer);
  assert.equal(samples[7], 0, 'NaN becomes silence');
  assert.equal(samples[9], 32767, 'out of range is clamped');
});

test('property: any byte range of the PCM view is exactly that slice, reading only the frames it needs', async () => {
  const file = float64Wav(3000, { riffSize: 0 });
  const srcInfo = parseWavHeader(file, file.length);
  const whole = await read(await playableView(bufferSource(file)), 0, PCM16_HEADER_BYTES + 3000 * 4 - 1);
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: whole.length - 1 }), fc.nat({ max: 5000 }), fc.integer({ min: 1, max: 4096 }), async (start, length, piece) => {
      const end = Math.min(whole.length - 1, start + length);
      const source = bufferSource(file, piece);
      const view = await playableView(source);
      source.opened.length = 0;
      assert.deepEqual(await read(view, start, end), whole.subarray(start, end + 1));
      // The source is asked for whole frames covering the range, never for the whole file.
      for (const [s, e] of source.opened) {
        assert.equal((s - srcInfo.dataOffset) % 16, 0);
        assert.ok(e - s + 1 <= (Math.ceil((end - start + 1) / 4) + 1) * 16);
      }
    }),
    { numRuns: 300 },
  );
});

test('through the media handler: Range requests on the transcoded view give exact 206 responses', async () => {
  const file = float64Wav(2000);
  const view = await playableView(bufferSource(file));
  const whole = await read(view, 0, view.size - 1);
  const resolve = async () => view;
  for (const [range, start, end] of [
    ['bytes=0-43', 0, 43],
    ['bytes=40-47', 40, 47],
    ['bytes=45-', 45, view.size - 1],
    ['bytes=-3', view.size - 3, view.size - 1],
  ] as const) {
    const r = await handleMediaRequest(new Request('earmark-media://recording/C1', { headers: { range } }), resolve);
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), `bytes ${start}-${end}/${view.size}`);
    assert.deepEqual(Buffer.from(await r.arrayBuffer()), whole.subarray(start, end + 1), range);
  }
});

test('a float64 WAV whose header is longer than the first small read is still found', async () => {
  const data = new Uint8Array(80 * 16);
  const file = riffFile([chunk('bext', new Uint8Array(6001)), fmtChunk({ formatCode: 3, channels: 2, sampleRate: 8000, bits: 64 }), chunk('data', data)]);
  const view = await playableView(bufferSource(file));
  assert.equal(view.size, PCM16_HEADER_BYTES + 80 * 4);
});

test('G.711 (the demo store\'s format) is not transcoded', async () => {
  const file = encodeWav(new Int16Array(800), 2, 8000, 'pcm_mulaw');
  const src = bufferSource(file);
  assert.equal(await playableView(src), src);
});
