import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_FADE_SEC, channelSpans, redactChannels, type RedactionSpan } from '../../electron/core/export/redact-audio';
import { encodeExportMp3, encodeExportWav } from '../../electron/core/export/encode-export';
import type { ExportMetadata } from '../../electron/core/export/export-metadata';
import { parseWavHeader } from '../../electron/core/audio/wav';

const RATE = 8000;
const noise = (n: number, seed = 1) => {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return (s / 0x7fffffff) * 1.6 - 0.8;
  });
};

const meta: ExportMetadata = {
  title: 'Call C20261029-0001 (redacted)',
  exportedBy: 'Tess Trainer',
  exportedAt: '2026-11-24T09:30:00Z',
  caseRef: 'TRAIN-17',
  reason: 'Classroom example: de-escalation',
  exportId: 'a1b2c3d4',
  recordingId: 'C20261029-0001',
};

test('silence redaction zeroes exactly the marked samples on the marked channel; nothing else changes beyond the fades', () => {
  const left = noise(RATE * 3, 1);
  const right = noise(RATE * 3, 2);
  const spans: RedactionSpan[] = [{ start: 1, end: 1.5, channels: [1] }];
  const [l, r] = redactChannels([left, right], RATE, spans, { mode: 'silence' });
  assert.deepEqual(l, left, 'the unmarked channel is untouched');
  const fade = Math.round(DEFAULT_FADE_SEC * RATE);
  for (let i = 0; i < r.length; i++) {
    if (i >= RATE && i < 1.5 * RATE) assert.equal(r[i], 0, `sample ${i} is silenced`);
    else if (i < RATE - fade || i >= 1.5 * RATE + fade) assert.equal(r[i], right[i], `sample ${i} unchanged`);
    else assert.ok(Math.abs(r[i]) <= Math.abs(right[i]) + 1e-7, `fade at ${i} only attenuates`);
  }
  assert.deepEqual(right, noise(RATE * 3, 2), 'the input is not modified');
});

test('tone redaction replaces the marked samples with a tone that starts and ends near zero', () => {
  const x = noise(RATE * 2);
  const [y] = redactChannels([x], RATE, [{ start: 0.5, end: 1, channels: null }], { mode: 'tone' });
  const from = 0.5 * RATE;
  const to = RATE;
  assert.ok(Math.abs(y[from]) < 1e-6 && Math.abs(y[to - 1]) < 0.02);
  let energy = 0;
  for (let i = from; i < to; i++) energy += y[i] * y[i];
  const rms = Math.sqrt(energy / (to - from));
  assert.ok(rms > 0.05 && rms < 0.1, `tone rms ${rms}`);
  // None of the original survives inside the mark: correlation with the input is ~0.
  let dot = 0;
  for (let i = from; i < to; i++) dot += y[i] * x[i];
  assert.ok(Math.abs(dot / (to - from)) < 0.01);
});

test('property: for any marks, marked samples are zero and samples away from every mark are unchanged', () => {
  const x = noise(4000, 3);
  const rate = 1000;
  fc.assert(
    fc.property(
      fc.array(fc.record({ a: fc.double({ min: -0.5, max: 4.5, noNaN: true }), len: fc.double({ min: 0, max: 1.5, noNaN: true }), ch: fc.constantFrom<number[] | null>(null, [0], [1]) }), { maxLength: 6 }),
      (raw) => {
        const spans = raw.map((r) => ({ start: r.a, end: r.a + r.len, channels: r.ch }));
        const out = redactChannels([x, x], rate, spans, { mode: 'silence' });
        for (let ch = 0; ch < 2; ch++) {
          const marks = channelSpans(spans, ch, rate, x.length);
          const fade = Math.round(DEFAULT_FADE_SEC * rate);
          for (let i = 0; i < x.length; i++) {
            const inMark = marks.some((m) => i >= m.from && i < m.to);
            const near = marks.some((m) => i >= m.from - fade && i < m.to + fade);
            if (inMark) assert.equal(out[ch][i], 0);
            else if (!near) assert.equal(out[ch][i], x[i]);
            else assert.ok(Math.abs(out[ch][i]) <= Math.abs(x[i]));
          }
        }
      },
    ),
    { numRuns: 200 },
  );
});

const hasFfprobe = spawnSync('sh', ['-c', 'command -v ffprobe'], { stdio: 'ignore' }).status === 0;

test('the WAV export is 16-bit PCM with a LIST/INFO watermark naming the exporter and the case', { skip: !hasFfprobe && 'ffprobe not installed (scripts/setup.sh installs ffmpeg)' }, () => {
  const wav = encodeExportWav([noise(RATE), noise(RATE, 5)], RATE, meta);
  const info = parseWavHeader(wav, wav.length);
  assert.equal(info.codec, 'pcm_s16le');
  assert.equal(info.channels, 2);
  assert.equal(info.frames, RATE);
  const dir = mkdtempSync(join(tmpdir(), 'earmark-export-'));
  try {
    const f = join(dir, 'x.wav');
    writeFileSync(f, wav);
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format_tags', '-of', 'json', f], { encoding: 'utf8' });
    const tags = JSON.parse(probe.stdout).format.tags as Record<string, string>;
    const all = JSON.stringify(tags);
    assert.match(all, /Tess Trainer/);
    assert.match(all, /TRAIN-17/);
    assert.match(all, /CONFIDENTIAL/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the MP3 export decodes, lasts as long as the input, and carries ID3 tags with the export id', { skip: !hasFfprobe && 'ffprobe not installed (scripts/setup.sh installs ffmpeg)' }, async () => {
  const mp3 = await encodeExportMp3([noise(RATE * 2), noise(RATE * 2, 9)], RATE, meta);
  const dir = mkdtempSync(join(tmpdir(), 'earmark-export-'));
  try {
    const f = join(dir, 'x.mp3');
    writeFileSync(f, mp3);
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:format_tags:stream=sample_rate,channels', '-of', 'json', f], { encoding: 'utf8' });
    const j = JSON.parse(probe.stdout);
    assert.ok(Math.abs(Number(j.format.duration) - 2) < 0.2, `duration ${j.format.duration}`);
    assert.equal(j.streams[0].channels, 2);
    const all = JSON.stringify(j.format.tags);
    assert.match(all, /Tess Trainer/);
    assert.match(all, /a1b2c3d4/);
    assert.match(all, /CONFIDENTIAL/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the export pipeline changes nothing but the marked samples (and their fades) beyond what the watermark adds', async () => {
  const { renderAudioExport } = await import('../../electron/core/export/export-pipeline');
  const { encodeWav: encode } = await import('../../electron/core/audio/wav-writer');
  // Speech-like two-channel audio: bursts of harmonics on each side.
  const n = RATE * 20;
  const pcm = new Int16Array(n * 2);
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    const env = Math.max(0, Math.sin(2 * Math.PI * 0.7 * t));
    pcm[i * 2] = Math.round(8000 * env * Math.sin(2 * Math.PI * 180 * t));
    pcm[i * 2 + 1] = Math.round(8000 * (1 - env) * Math.sin(2 * Math.PI * 240 * t + 0.3));
  }
  const file = encode(pcm, 2, RATE, 'pcm_s16le');
  const open = (start: number, end: number) =>
    (async function* () {
      yield file.subarray(start, end + 1);
    })();
  const job = { open, sizeBytes: file.length, from: 0, to: null, mode: 'silence' as const, format: 'wav' as const, meta, payload: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
  const plain = await renderAudioExport({ ...job, marks: [] });
  const mark = { start: 8, end: 10, channels: [1] };
  const redacted = await renderAudioExport({ ...job, marks: [mark] });
  const a = parseWavHeader(plain.bytes, plain.bytes.length);
  const b = parseWavHeader(redacted.bytes, redacted.bytes.length);
  const view = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset).getInt16(at, true);
  // The watermark is shaped by the audio around it, so allow one analysis window (64 ms) of influence.
  const margin = Math.round((DEFAULT_FADE_SEC + 0.064) * RATE);
  let changedOutside = 0;
  for (let f = 0; f < n; f++) {
    const l = [view(plain.bytes, a.dataOffset + f * 4), view(redacted.bytes, b.dataOffset + f * 4)];
    const r = [view(plain.bytes, a.dataOffset + f * 4 + 2), view(redacted.bytes, b.dataOffset + f * 4 + 2)];
    assert.equal(l[0], l[1], `agent sample ${f} differs`);
    const inMark = f >= mark.start * RATE && f < mark.end * RATE;
    if (inMark) assert.equal(r[1], 0, `customer sample ${f} in the mark is silent`);
    else if (f < mark.start * RATE - margin || f >= mark.end * RATE + margin) changedOutside += Number(r[0] !== r[1]);
  }
  assert.equal(changedOutside, 0, 'no customer sample away from the mark changed');
  assert.equal(redacted.redactionsApplied, 1);
});
