import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { AudioFormatError, type AudioFormatErrorCode } from '../../electron/core/audio/audio-error';
import { parseWavHeader, type WavInfo } from '../../electron/core/audio/wav';
import { encodeWav } from '../../electron/core/audio/wav-writer';
import { defaultAssetsDir } from '../../electron/core/demo/demo-writer';
import { chunk, concat, fmtChunk, riffFile, simpleWav, u32, u64 } from './wav-fixtures';

const PCM16_MONO = { formatCode: 1, channels: 1, sampleRate: 8000, bits: 16 };

function parse(file: Uint8Array, fileSize = file.length): WavInfo {
  return parseWavHeader(file, fileSize);
}

function rejects(file: Uint8Array, code: AudioFormatErrorCode, fileSize = file.length): AudioFormatError {
  try {
    parseWavHeader(file, fileSize);
  } catch (err) {
    assert.ok(err instanceof AudioFormatError, `expected AudioFormatError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.ok(err.message.length > 0 && !err.message.includes('\n'));
    return err;
  }
  assert.fail(`expected AudioFormatError ${code}`);
}

test('parses a canonical 16-bit PCM file', () => {
  const file = encodeWav(new Int16Array(16000), 2, 8000, 'pcm_s16le');
  assert.deepEqual(parse(file), {
    codec: 'pcm_s16le',
    formatCode: 1,
    channels: 2,
    sampleRate: 8000,
    bitsPerSample: 16,
    blockAlign: 4,
    dataOffset: 44,
    dataLength: 32000,
    frames: 8000,
    durationSec: 1,
  });
});

test('parses a µ-law file with an 18-byte fmt and a fact chunk', () => {
  const info = parse(encodeWav(new Int16Array(8001), 1, 8000, 'pcm_mulaw'));
  assert.equal(info.codec, 'pcm_mulaw');
  assert.equal(info.formatCode, 7);
  assert.equal(info.dataOffset, 58);
  assert.equal(info.frames, 8001);
});

test('parses a µ-law phrase written by sox', () => {
  const dir = defaultAssetsDir();
  const phrases = JSON.parse(readFileSync(join(dir, 'phrases.json'), 'utf8')) as { file: string; durationSec: number }[];
  const bytes = readFileSync(join(dir, phrases[0].file));
  const info = parse(bytes);
  assert.equal(info.codec, 'pcm_mulaw');
  assert.equal(info.channels, 1);
  assert.equal(info.sampleRate, 8000);
  assert.ok(Math.abs(info.durationSec - phrases[0].durationSec) < 0.001);
});

test('maps every supported format and width to its codec', () => {
  const cases: [number, number, string][] = [
    [1, 8, 'pcm_u8'],
    [1, 16, 'pcm_s16le'],
    [1, 24, 'pcm_s24le'],
    [1, 32, 'pcm_s32le'],
    [3, 32, 'pcm_f32le'],
    [3, 64, 'pcm_f64le'],
    [6, 8, 'pcm_alaw'],
    [7, 8, 'pcm_mulaw'],
  ];
  for (const [formatCode, bits, codec] of cases) {
    for (const extensible of [false, true]) {
      const blockAlign = (2 * bits) / 8;
      const info = parse(riffFile([fmtChunk({ formatCode, channels: 2, sampleRate: 16000, bits, extensible }), chunk('data', new Uint8Array(blockAlign * 10))]));
      assert.equal(info.codec, codec, `${formatCode}/${bits}/${extensible}`);
      assert.equal(info.formatCode, formatCode);
      assert.equal(info.frames, 10);
      assert.equal(info.blockAlign, blockAlign);
    }
  }
});

test('finds fmt after LIST and steps over odd-sized chunks and their pad byte', () => {
  const file = riffFile([
    chunk('LIST', new Uint8Array(33)),
    chunk('JUNK', new Uint8Array(7)),
    fmtChunk(PCM16_MONO),
    chunk('bext', new Uint8Array(3)),
    chunk('data', new Uint8Array(800)),
  ]);
  const info = parse(file);
  assert.equal(info.dataOffset, 12 + (8 + 34) + (8 + 8) + (8 + 16) + (8 + 4) + 8);
  assert.equal(info.frames, 400);
});

test('accepts fmt after a small data chunk', () => {
  const info = parse(riffFile([chunk('data', new Uint8Array(100)), fmtChunk(PCM16_MONO)]));
  assert.equal(info.dataOffset, 20);
  assert.equal(info.dataLength, 100);
});

test('ignores chunks after a finalised data chunk', () => {
  const info = parse(riffFile([fmtChunk(PCM16_MONO), chunk('data', new Uint8Array(400)), chunk('LIST', new Uint8Array(64))]));
  assert.equal(info.dataLength, 400);
  assert.equal(info.durationSec, 0.025);
});

test('reads RF64 sizes from the ds64 chunk', () => {
  const data = new Uint8Array(1600);
  const ds64 = chunk('ds64', concat(u64(4 + 36 + 24 + 8 + 1600), u64(1600), u64(800), u32(0)));
  const file = riffFile([ds64, fmtChunk(PCM16_MONO), chunk('data', data, 0xffffffff)], { tag: 'RF64', riffSize: 0xffffffff });
  const info = parse(file);
  assert.equal(info.dataLength, 1600);
  assert.equal(info.frames, 800);
  // ds64 says less than the file holds: trust ds64 (trailing bytes may be other chunks).
  const shorter = riffFile([chunk('ds64', concat(u64(100), u64(1000), u64(500), u32(0))), fmtChunk(PCM16_MONO), chunk('data', data, 0xffffffff)], {
    tag: 'RF64',
    riffSize: 0xffffffff,
  });
  assert.equal(parse(shorter).dataLength, 1000);
});

test('RF64 without a usable ds64 falls back to the file length', () => {
  const file = riffFile([fmtChunk(PCM16_MONO), chunk('data', new Uint8Array(1000), 0xffffffff)], { tag: 'RF64', riffSize: 0xffffffff });
  assert.equal(parse(file).dataLength, 1000);
});

test('unfinalised headers from a crashed recorder use the real file length, in whole frames', () => {
  const fmt = fmtChunk({ formatCode: 1, channels: 2, sampleRate: 8000, bits: 16 });
  const data = new Uint8Array(4002); // two stray bytes of a frame that never finished
  for (const [riffSize, dataSize] of [
    [0, 0],
    [0xffffffff, 0xffffffff],
    [36, 0],
    [0, 4002],
    [4000, 0xffffffff],
    [99999, 99999], // data size past the end of the file
  ]) {
    const info = parse(riffFile([fmt, chunk('data', data, dataSize)], { riffSize }));
    assert.equal(info.dataLength, 4000, `riff ${riffSize} data ${dataSize}`);
    assert.equal(info.frames, 1000);
  }
});

test('works from the first 64 KiB of a larger file', () => {
  const file = encodeWav(new Int16Array(200_000), 1, 8000, 'pcm_s16le');
  const info = parseWavHeader(file.subarray(0, 65536), file.length);
  assert.equal(info.frames, 200_000);
  assert.equal(info.durationSec, 25);
  // And with an unfinalised header, the stated file size gives the length.
  const broken = file.slice(0, 65536);
  new DataView(broken.buffer).setUint32(40, 0, true);
  assert.equal(parseWavHeader(broken, file.length).frames, 200_000);
});

test('a declared data size that is not whole frames is rounded down', () => {
  const info = parse(riffFile([fmtChunk({ formatCode: 1, channels: 1, sampleRate: 8000, bits: 24 }), chunk('data', new Uint8Array(31))]));
  assert.equal(info.frames, 10);
  assert.equal(info.dataLength, 30);
});

test('rejects what is not a WAV file', () => {
  rejects(new Uint8Array(0), 'empty');
  rejects(Uint8Array.from(Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00')), 'not_wav');
  rejects(Uint8Array.from(Buffer.from('hello, world, this is text')), 'not_wav');
  rejects(riffFile([fmtChunk(PCM16_MONO), chunk('data', new Uint8Array(4))], { form: 'AVI ' }), 'not_wav');
});

test('rejects files that end before the audio data', () => {
  const full = simpleWav(PCM16_MONO, new Uint8Array(100));
  rejects(full.subarray(0, 3), 'truncated');
  rejects(full.subarray(0, 20), 'truncated');
  rejects(full.subarray(0, 40), 'truncated');
  rejects(riffFile([fmtChunk(PCM16_MONO), chunk('LIST', new Uint8Array(10))]), 'truncated');
  // A head shorter than the header, from a longer file.
  const big = riffFile([chunk('LIST', new Uint8Array(70000)), fmtChunk(PCM16_MONO), chunk('data', new Uint8Array(10))]);
  const err = rejects(big.subarray(0, 65536), 'truncated', big.length);
  assert.match(err.message, /65536 bytes/);
});

test('rejects broken or unsupported fmt chunks', () => {
  rejects(riffFile([chunk('data', new Uint8Array(10))]), 'bad_header');
  rejects(simpleWav({ ...PCM16_MONO, channels: 0, blockAlign: 2 }, new Uint8Array(10)), 'no_channels');
  rejects(simpleWav({ ...PCM16_MONO, sampleRate: 0 }, new Uint8Array(10)), 'bad_header');
  rejects(simpleWav({ ...PCM16_MONO, blockAlign: 4 }, new Uint8Array(10)), 'bad_header');
  rejects(riffFile([chunk('fmt ', new Uint8Array(12)), chunk('data', new Uint8Array(10))]), 'bad_header');
  const extensibleShort = fmtChunk({ ...PCM16_MONO, extensible: true });
  rejects(riffFile([chunk('fmt ', extensibleShort.body.subarray(0, 18)), chunk('data', new Uint8Array(10))]), 'bad_header');
  const adpcm = rejects(simpleWav({ formatCode: 2, channels: 1, sampleRate: 8000, bits: 4, blockAlign: 256 }, new Uint8Array(256)), 'unsupported_codec');
  assert.match(adpcm.message, /ADPCM/);
  rejects(simpleWav({ formatCode: 0x55, channels: 1, sampleRate: 8000, bits: 0, blockAlign: 1 }, new Uint8Array(10)), 'unsupported_codec');
  rejects(simpleWav({ formatCode: 1, channels: 1, sampleRate: 8000, bits: 12, blockAlign: 2 }, new Uint8Array(10)), 'unsupported_codec');
  rejects(simpleWav({ formatCode: 7, channels: 1, sampleRate: 8000, bits: 16 }, new Uint8Array(10)), 'unsupported_codec');
  rejects(simpleWav({ formatCode: 3, channels: 1, sampleRate: 8000, bits: 16 }, new Uint8Array(10)), 'unsupported_codec');
});

// Valid seeds for the property test, covering each layout the parser has a path for.
const SEEDS: Uint8Array[] = [
  encodeWav(new Int16Array(2000).map((_, i) => i * 13), 2, 8000, 'pcm_s16le'),
  encodeWav(new Int16Array(801), 1, 8000, 'pcm_mulaw'),
  riffFile([chunk('LIST', new Uint8Array(21)), fmtChunk({ formatCode: 3, channels: 2, sampleRate: 44100, bits: 32, extensible: true }), chunk('data', new Uint8Array(800))]),
  riffFile(
    [chunk('ds64', concat(u64(900), u64(800), u64(400), u32(0))), fmtChunk(PCM16_MONO), chunk('data', new Uint8Array(800), 0xffffffff)],
    { tag: 'RF64', riffSize: 0xffffffff },
  ),
];

function checkOutcome(file: Uint8Array, fileSize: number): void {
  const started = performance.now();
  try {
    const info = parseWavHeader(file, fileSize);
    const size = Math.max(fileSize, file.length);
    assert.ok(info.channels >= 1 && info.sampleRate >= 1 && info.blockAlign >= 1);
    assert.equal(info.dataLength, info.frames * info.blockAlign);
    assert.ok(info.dataOffset + info.dataLength <= size, 'data runs past the end of the file');
    assert.ok(Number.isFinite(info.durationSec) && info.durationSec >= 0);
  } catch (err) {
    if (!(err instanceof AudioFormatError)) throw err;
  }
  // Generous, so a GC pause on a busy CI machine isn't a failure; a hang or a runaway walk still is.
  assert.ok(performance.now() - started < 250, 'parsing took too long');
}

test('property: mutated and truncated valid files give a WavInfo or an AudioFormatError, quickly', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SEEDS),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
      fc.option(fc.nat(), { nil: undefined }),
      fc.integer({ min: -10, max: 100_000 }),
      (seed, mutations, cut, sizeDelta) => {
        const file = seed.slice();
        // Bias mutations towards the header, where the parser's decisions are.
        for (const [at, value] of mutations) file[at % Math.min(file.length, 96)] = value;
        const head = cut === undefined ? file : file.subarray(0, cut % (file.length + 1));
        checkOutcome(head, head.length + sizeDelta);
      },
    ),
    { numRuns: 3000 },
  );
});

test('property: arbitrary bytes behind a RIFF/WAVE tag never escape as other errors', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('RIFF', 'RF64', 'BW64'),
      fc.uint8Array({ maxLength: 300 }),
      fc.nat({ max: 2 ** 40 }),
      (tag, rest, fileSize) => {
        const file = concat(Uint8Array.from(Buffer.from(tag)), u32(rest.length + 4), Uint8Array.from(Buffer.from('WAVE')), rest);
        checkOutcome(file, fileSize);
      },
    ),
    { numRuns: 3000 },
  );
});
