import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { OpenStream } from '../../electron/core/audio/byte-source';
import { id3v2End, parseFrameHeader, readMp3Head, scanMp3Samples } from '../../electron/core/audio/mp3-frames';

test('frame headers: version, layer, rate, channels, length', () => {
  // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding, joint stereo.
  assert.deepEqual(parseFrameHeader(Uint8Array.from([0xff, 0xfb, 0x90, 0x64]), 0), {
    version: 1, layer: 3, sampleRate: 44100, channels: 2, frameLength: 417, samplesPerFrame: 1152,
  });
  // The same with the padding bit: one byte longer.
  assert.equal(parseFrameHeader(Uint8Array.from([0xff, 0xfb, 0x92, 0x64]), 0)?.frameLength, 418);
  // MPEG-2.5 Layer III, 32 kbit/s, 8 kHz, mono: a telephony MP3.
  assert.deepEqual(parseFrameHeader(Uint8Array.from([0xff, 0xe3, 0x48, 0xc4]), 0), {
    version: 2.5, layer: 3, sampleRate: 8000, channels: 1, frameLength: 288, samplesPerFrame: 576,
  });
  // Reserved version, reserved layer, free/bad bitrate, reserved rate, no sync.
  for (const bad of [[0xff, 0xeb, 0x90, 0x64], [0xff, 0xf9, 0x90, 0x64], [0xff, 0xfb, 0x00, 0x64], [0xff, 0xfb, 0xf0, 0x64], [0xff, 0xfb, 0x9c, 0x64], [0xfe, 0xfb, 0x90, 0x64]]) {
    assert.equal(parseFrameHeader(Uint8Array.from(bad), 0), null, bad.map((b) => b.toString(16)).join(' '));
  }
});

test('ID3v2 tags are skipped by their syncsafe size, footer included', () => {
  assert.equal(id3v2End(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0x02, 0x01])), 10 + 257);
  assert.equal(id3v2End(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0x10, 0, 0, 0, 5])), 10 + 5 + 10);
  assert.equal(id3v2End(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0x80, 0, 0, 5])), 0, 'not syncsafe: not a tag');
  assert.equal(id3v2End(Uint8Array.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0])), 0);
});

/** `frames` MPEG-2.5 mono frames (288 bytes each), with `junk` bytes of non-sync noise before some of them. */
function stream(frames: number, junkEvery = 0): Uint8Array {
  const parts: number[] = [];
  for (let i = 0; i < frames; i++) {
    if (junkEvery && i % junkEvery === 3) parts.push(0x12, 0x34, 0x56, 0x00, 0xfe);
    parts.push(0xff, 0xe3, 0x48, 0xc4, ...new Array(284).fill(0x55));
  }
  return Uint8Array.from(parts);
}

const opener = (bytes: Uint8Array, piece: number): OpenStream =>
  async function* (start, end) {
    for (let at = start; at <= end; at += piece) yield bytes.subarray(at, Math.min(end + 1, at + piece));
  };

test('the first frame needs a confirming second frame; a lone 0xFF pair in a tag is not audio', () => {
  const s = stream(5);
  const withJunk = Uint8Array.from([0x00, 0xff, 0xe3, 0x48, 0xc4, 0x01, ...s]);
  const head = readMp3Head(withJunk, 0, withJunk.length);
  assert.equal(head.firstOffset, 6);
  assert.equal(head.durationSec, null, 'no Xing header: to be counted');
  assert.equal(head.first.sampleRate, 8000);
});

test('property: walking frame headers counts every frame whatever the chunking, skipping junk between them', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 2000 }), async (frames, junkEvery, piece) => {
      const bytes = stream(frames, junkEvery);
      const head = readMp3Head(bytes, 0, bytes.length);
      assert.equal(await scanMp3Samples(opener(bytes, piece), bytes.length, head.audioOffset, head.first), frames * 576);
    }),
    { numRuns: 200 },
  );
});
