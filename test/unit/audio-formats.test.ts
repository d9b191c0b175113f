import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { AudioFormatError, type AudioFormatErrorCode } from '../../electron/core/audio/audio-error';
import { fileOpener, type OpenStream } from '../../electron/core/audio/byte-source';
import { computePeaks } from '../../electron/core/audio/compute-peaks';
import { decodeBlocks } from '../../electron/core/audio/decode-stream';
import { probeAudio } from '../../electron/core/audio/probe';
import { encodeWav } from '../../electron/core/audio/wav-writer';
import { openDatabase } from '../../electron/core/db/database';
import { indexStore } from '../../electron/core/indexer/indexer';
import { RecordingRepo } from '../../electron/core/library/recording-repo';
import { readPeaks } from '../../electron/core/media/peaks-reader';
import { FolderStore } from '../../electron/core/store/folder-store';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TONE, TOOLS_MISSING, audioFixtures, cleanupFixtures } from './audio-fixtures';
import { tempStore, writeCall } from './store-fixtures';
import { chunk, fmtChunk, riffFile } from './wav-fixtures';

/** A file in memory, served in small uneven chunks so every reader must cope with boundaries anywhere. */
export function memoryOpener(bytes: Uint8Array, chunkSize = 4093): OpenStream {
  return async function* (start, endInclusive) {
    for (let at = start; at <= endInclusive; at += chunkSize) yield bytes.slice(at, Math.min(endInclusive + 1, at + chunkSize));
  };
}

async function rejects(bytes: Uint8Array, code: AudioFormatErrorCode): Promise<AudioFormatError> {
  try {
    await computePeaks(memoryOpener(bytes), bytes.length);
  } catch (err) {
    assert.ok(err instanceof AudioFormatError, `expected AudioFormatError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.ok(err.message.length > 0 && !err.message.includes('\n'));
    return err;
  }
  assert.fail(`expected AudioFormatError ${code}`);
}

describe('every recorder format, generated with ffmpeg and sox', { skip: TOOLS_MISSING }, () => {
  after(cleanupFixtures);
  const fixtures = TOOLS_MISSING ? {} : audioFixtures();

  for (const [name, f] of Object.entries(fixtures)) {
    test(`${name}: probe, streaming decode and peaks agree`, async () => {
      const size = statSync(f.path).size;
      const open = fileOpener(f.path);
      const probe = await probeAudio(open, size);
      assert.equal(probe.codec, f.codec);
      assert.equal(probe.channels, f.channels);
      assert.equal(probe.sampleRate, f.sampleRate);
      assert.ok(Math.abs(probe.durationSec - f.durationSec) < (f.lossy && f.codec !== 'opus' && !name.startsWith('pcm') ? 0.2 : 0.001), `duration ${probe.durationSec}`);

      // The stated duration is exactly what the decoder produces, and it arrives in bounded blocks.
      let frames = 0;
      let largest = 0;
      for await (const block of decodeBlocks(open, size, probe)) {
        assert.equal(block.length, f.channels);
        for (const lane of block) assert.equal(lane.length, block[0].length);
        frames += block[0].length;
        largest = Math.max(largest, block[0].length);
      }
      assert.equal(frames, Math.round(probe.durationSec * probe.sampleRate));
      assert.ok(largest <= 5 * probe.sampleRate, `a block of ${largest} frames`);

      const peaks = await computePeaks(open, size, { probe });
      assert.equal(peaks.channels.length, f.channels);
      assert.equal(peaks.durationSec, probe.durationSec);
      assert.equal(peaks.channels[0].length, Math.ceil(probe.durationSec * 100));
      // Tone on the first channel, silence on the others: away from the encoder's ramp at each end.
      // Low-bitrate Opus overshoots a pure tone by ~20%; an MP3 without Xing keeps the decoder delay at its start.
      const tol = f.codec === 'opus' ? 0.12 : f.lossy ? 0.06 : 0.01;
      const inner = (lane: number[]) => lane.slice(20, -20);
      for (const v of inner(peaks.channels[0])) assert.ok(Math.abs(v - TONE) <= tol, `${name} first channel peak ${v}`);
      for (const lane of peaks.channels.slice(1)) for (const v of inner(lane)) assert.ok(v <= 0.02, `${name} silent channel peak ${v}`);
    });
  }

  test('a crashed recorder\'s unfinalised WAV gives the same peaks as the finished file', async () => {
    const peaksOf = async (name: string) => computePeaks(fileOpener(fixtures[name].path), statSync(fixtures[name].path).size);
    const finished = await peaksOf('pcm_s16le.wav');
    assert.deepEqual(await peaksOf('unfinalised-0.wav'), finished);
    assert.deepEqual(await peaksOf('unfinalised-ff.wav'), finished);
  });

  test('an MP3 cut short is measured by its frames, not by its Xing header', async () => {
    const bytes = readFileSync(fixtures['cbr.mp3'].path);
    const cut = bytes.subarray(0, Math.floor(bytes.length / 3));
    const probe = await probeAudio(memoryOpener(cut), cut.length);
    assert.ok(probe.durationSec > 0.8 && probe.durationSec < 1.4, `duration ${probe.durationSec}`);
    const peaks = await computePeaks(memoryOpener(cut), cut.length);
    assert.equal(peaks.channels[0].length, Math.ceil(probe.durationSec * 100));
  });

  test('the index records the real duration, codec and channels of MP3, Opus and FLAC calls, and their peaks draw', async () => {
    const t = tempStore('earmark-formats-');
    const db = openDatabase(join(t.dir, 'i.db'), randomBytes(32));
    try {
      const day = '2026/11/05';
      const calls = { Mp3Call: 'no-xing.mp3', OpusCall: 'stereo.opus', FlacCall: 'unknown-length.flac', WavCall: 'rf64.wav' };
      for (const [id, name] of Object.entries(calls)) writeCall(t.root, day, id, { audio: readFileSync(fixtures[name].path), ext: name.split('.')[1] });
      const store = new FolderStore(t.root);
      const report = await indexStore(store, db);
      assert.deepEqual(report.problems, []);
      const repo = new RecordingRepo(db);
      for (const [id, name] of Object.entries(calls)) {
        const rec = repo.detail(id);
        assert.ok(rec, id);
        assert.ok(Math.abs(rec.durationSec - 3.3) < 0.2, `${id}: ${rec.durationSec}`);
        assert.equal(rec.audio.codec, fixtures[name].codec);
        assert.equal(rec.audio.channels, 2);
        const peaks = await readPeaks(store, rec.audioKey, rec.audio.sizeBytes);
        assert.equal(peaks.channels.length, 2);
        assert.ok(peaks.channels[0][100] > 0.4 && peaks.channels[1][100] < 0.05, `${id} peaks`);
      }
    } finally {
      db.close();
      t.done();
    }
  });

  test('truncated compressed files either decode what is there or fail with a typed error', async () => {
    for (const name of ['stereo.opus', 'stereo.flac', 'vbr-id3.mp3']) {
      const bytes = readFileSync(fixtures[name].path);
      for (const keep of [0.5, 0.1]) {
        const cut = bytes.subarray(0, Math.floor(bytes.length * keep));
        try {
          const peaks = await computePeaks(memoryOpener(cut), cut.length);
          assert.ok(peaks.channels.length >= 1);
        } catch (err) {
          assert.ok(err instanceof AudioFormatError, `${name} cut to ${keep}: ${String(err)}`);
        }
      }
    }
  });
});

test('files that are not audio we can read give typed errors with one-line messages', async () => {
  await rejects(new Uint8Array(0), 'empty');
  await rejects(Buffer.from('Subject: not audio\n\nHello there, this is a text file.'), 'not_audio');
  await rejects(encodeWav(new Int16Array(100), 1, 8000, 'pcm_s16le').subarray(0, 30), 'truncated');
  await rejects(riffFile([fmtChunk({ formatCode: 1, channels: 0, sampleRate: 8000, bits: 16, blockAlign: 2 }), chunk('data', new Uint8Array(10))]), 'no_channels');
  const id3Only = Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x0a'), Buffer.alloc(10), Buffer.from('no frames here at all, only words')]);
  await rejects(id3Only, 'corrupt');
  const fakeFrames = Buffer.alloc(4000, 0xff);
  const err = await rejects(fakeFrames, 'corrupt');
  assert.match(err.message, /MP3|MPEG/);
  const vorbisHead = Buffer.concat([Buffer.from('OggS\x00\x02'), Buffer.alloc(20), Buffer.from([1, 30]), Buffer.from('\x01vorbis'), Buffer.alloc(40)]);
  await rejects(vorbisHead, 'unsupported_codec');
  const fakeFlac = Buffer.concat([Buffer.from('fLaC'), Buffer.from([0x00, 0, 0, 34]), Buffer.alloc(10), Buffer.from([0x01, 0xf4, 0x02, 0x70, 0, 0, 0, 0]), Buffer.alloc(16), Buffer.alloc(500, 0x5a)]);
  await rejects(fakeFlac, 'corrupt');
  const hugeChannels = riffFile([fmtChunk({ formatCode: 1, channels: 200, sampleRate: 8000, bits: 8 }), chunk('data', new Uint8Array(400))]);
  await rejects(hugeChannels, 'unsupported_codec');
});

test('WAV decoding streams in bounded blocks whatever the source chunking', async () => {
  const samples = new Int16Array(8000 * 2 * 5).map((_, i) => (i % 2 ? 0 : Math.round(Math.sin(i / 10) * 16000)));
  const file = encodeWav(samples, 2, 8000, 'pcm_mulaw');
  const reference = await computePeaks(memoryOpener(file, file.length), file.length);
  for (const size of [3, 1000, 65537]) {
    assert.deepEqual(await computePeaks(memoryOpener(file, size), file.length), reference, `chunks of ${size}`);
  }
  assert.equal(reference.channels[0].length, 500);
  assert.ok(Math.max(...reference.channels[0]) > 0.45 && Math.max(...reference.channels[1]) === 0);
});
