// Damaged files of every format — bytes flipped, cut short, junk inserted, stretches deleted — must
// end in peaks or in an AudioFormatError, promptly: never another exception, never a hang.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { AudioFormatError } from '../../electron/core/audio/audio-error';
import type { OpenStream } from '../../electron/core/audio/byte-source';
import { computePeaks } from '../../electron/core/audio/compute-peaks';
import { probeAudio } from '../../electron/core/audio/probe';
import { TOOLS_MISSING, audioFixtures, cleanupFixtures } from './audio-fixtures';

// Generous for a busy CI machine (a clean 3 s file takes ~50 ms); a hang or a runaway loop still fails.
const TIME_LIMIT_MS = 3000;

const opener = (bytes: Uint8Array): OpenStream =>
  async function* (start, endInclusive) {
    for (let at = start; at <= endInclusive; at += 8191) yield bytes.subarray(at, Math.min(endInclusive + 1, at + 8191));
  };

type Mutation =
  | { kind: 'flip'; at: number; value: number; nearHead: boolean }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; junk: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), nearHead: fc.boolean() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), junk: fc.uint8Array({ minLength: 1, maxLength: 600 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2000 }) }),
);

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = seed.slice();
  for (const m of mutations) {
    const n = Math.max(1, b.length);
    if (m.kind === 'flip') {
      // Half the flips land in the first 256 bytes, where the headers and their decisions are.
      if (b.length) b[m.at % (m.nearHead ? Math.min(n, 256) : n)] = m.value;
    } else if (m.kind === 'truncate') b = b.slice(0, m.at % (b.length + 1));
    else if (m.kind === 'insert') {
      const at = m.at % (b.length + 1);
      b = Buffer.concat([b.subarray(0, at), m.junk, b.subarray(at)]);
    } else {
      const at = m.at % n;
      b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    }
  }
  return b;
}

async function outcome(bytes: Uint8Array): Promise<'peaks' | string> {
  const started = performance.now();
  let result: string;
  try {
    const probe = await probeAudio(opener(bytes), bytes.length);
    const peaks = await computePeaks(opener(bytes), bytes.length, { probe });
    assert.equal(peaks.channels.length, probe.channels);
    for (const lane of peaks.channels) for (const v of lane) assert.ok(v >= 0 && v <= 1, `peak ${v}`);
    assert.ok(Number.isFinite(peaks.durationSec) && peaks.durationSec >= 0);
    result = 'peaks';
  } catch (err) {
    if (!(err instanceof AudioFormatError)) throw new Error(`untyped failure: ${String((err as Error)?.stack ?? err)}`);
    assert.ok(err.message.length > 0 && !err.message.includes('\n'));
    result = err.code;
  }
  const ms = performance.now() - started;
  assert.ok(ms < TIME_LIMIT_MS, `took ${Math.round(ms)} ms`);
  return result;
}

describe('mutated recordings give peaks or a typed error, quickly', { skip: TOOLS_MISSING }, () => {
  after(cleanupFixtures);
  const fixtures = TOOLS_MISSING ? {} : audioFixtures();
  for (const name of ['pcm_s16le.wav', 'pcm_mulaw.wav', 'rf64.wav', 'cbr.mp3', 'vbr-id3.mp3', 'stereo.opus', 'stereo.flac']) {
    test(name, async () => {
      const seed = readFileSync(fixtures[name].path);
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
          const r = await outcome(mutate(seed, mutations));
          seen.set(r, (seen.get(r) ?? 0) + 1);
        }),
        { numRuns: 40 },
      );
      assert.ok(seen.size >= 1);
    });
  }

  test('the harness itself fails on an untyped error or a slow decode', async () => {
    // Guards the guard: a file that cannot be parsed must produce a typed code, not 'peaks'.
    assert.notEqual(await outcome(new Uint8Array([0x52, 0x49, 0x46, 0x46])), 'peaks');
    await assert.rejects(
      (async () => {
        const started = performance.now();
        while (performance.now() - started < TIME_LIMIT_MS + 5);
        assert.ok(performance.now() - started < TIME_LIMIT_MS, 'took too long');
      })(),
      /took too long/,
    );
  });
});
