import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../electron/cli/cli-kit';
import { main } from '../../electron/cli/earmark';
import type { Peaks } from '../../shared/types';
import { TOOLS_MISSING, audioFixtures, cleanupFixtures } from './audio-fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'earmark-cli-audio-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(argv, (s) => lines.push(s));
  return { code, lines };
}

describe('earmark probe / peaks on real files', { skip: TOOLS_MISSING }, () => {
  after(cleanupFixtures);
  const fixtures = TOOLS_MISSING ? {} : audioFixtures();

  test('probe --json prints codec, channels, sampleRate and durationSec for every format', async () => {
    for (const name of ['pcm_mulaw.wav', 'rf64.wav', 'cbr.mp3', 'no-xing.mp3', 'stereo.opus', 'stereo.flac']) {
      const f = fixtures[name];
      const { code, lines } = await cli('probe', f.path, '--json');
      assert.equal(code, 0);
      assert.equal(lines.length, 1);
      const out = JSON.parse(lines[0]) as Record<string, unknown>;
      assert.deepEqual(Object.keys(out), ['codec', 'channels', 'sampleRate', 'durationSec']);
      assert.equal(out.codec, f.codec);
      assert.equal(out.channels, f.channels);
      assert.equal(out.sampleRate, f.sampleRate);
      assert.ok(Math.abs((out.durationSec as number) - f.durationSec) < 0.2, `${name}: ${String(out.durationSec)}`);
    }
    const text = await cli('probe', fixtures['stereo.flac'].path);
    assert.match(text.lines[0], /^FLAC flac, stereo, 8000 Hz, 3\.300 s$/);
  });

  test('peaks --out writes the waveform as JSON', async () => {
    const out = join(tmp, 'peaks.json');
    const { code, lines } = await cli('peaks', fixtures['cbr.mp3'].path, '--out', out, '--per-second', '10');
    assert.equal(code, 0);
    assert.match(lines[0], /^wrote 33 peaks × 2 channel\(s\)/);
    const peaks = JSON.parse(readFileSync(out, 'utf8')) as Peaks;
    assert.equal(peaks.channels.length, 2);
    assert.equal(peaks.channels[0].length, 33);
    assert.ok(peaks.channels[0][15] > 0.4 && peaks.channels[1][15] < 0.05);
  });
});

test('anything unreadable is a one-line usage error (exit 2), never a crash', async () => {
  const cases: [string, RegExp][] = [
    [join(tmp, 'empty.wav'), /empty/],
    [join(tmp, 'text.wav'), /not a recognised audio file/],
    [join(tmp, 'cut.wav'), /ends/],
    [join(tmp, 'zero-channels.wav'), /0 channels/],
  ];
  writeFileSync(cases[0][0], '');
  writeFileSync(cases[1][0], 'just some text, not audio at all');
  writeFileSync(cases[2][0], Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00'));
  const zero = Buffer.from('RIFF\x2c\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x00\x00\x40\x1f\x00\x00\x80\x3e\x00\x00\x02\x00\x10\x00data\x04\x00\x00\x00\x00\x00\x00\x00', 'latin1');
  writeFileSync(cases[3][0], zero);
  for (const [file, message] of cases) {
    for (const argv of [['probe', file, '--json'], ['peaks', file, '--out', join(tmp, 'x.json')]]) {
      await assert.rejects(cli(...argv), (err: Error) => {
        assert.ok(err instanceof UsageError, `${argv.join(' ')}: ${String(err)}`);
        assert.match(err.message, message);
        assert.ok(!err.message.includes('\n'));
        return true;
      });
    }
  }
  await assert.rejects(cli('probe', join(tmp, 'missing.wav')), UsageError);
  await assert.rejects(cli('probe', tmp), /not a file/);
  await assert.rejects(cli('peaks', cases[0][0]), /--out/);
});
