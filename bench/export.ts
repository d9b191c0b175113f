// bench/export: the export pipeline (decode → redact → forensic watermark → encode) on a 60-minute
// two-channel 8 kHz µ-law call, as a multiple of real time for WAV and MP3, and the time to detect
// the watermark in the exported file. One run, printed as figures and ratios.
//   node dist/bench/export.js            (BENCH_MINUTES=60 by default)
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileOpener } from '../electron/core/audio/byte-source';
import { encodeWav } from '../electron/core/audio/wav-writer';
import { renderAudioExport } from '../electron/core/export/export-pipeline';
import { detectWatermark } from '../electron/core/watermark';
import { readAudioFile } from '../electron/core/watermark/read-audio';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 60);
const RATE = 8000;
const frames = MINUTES * 60 * RATE;

/** Speech-like: bursts of voiced sound (harmonics with a wandering pitch) and pauses, turn-taking across channels. */
function syntheticCall(): Int16Array {
  const out = new Int16Array(frames * 2);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let phase = 0;
  for (let f = 0; f < frames; f++) {
    const t = f / RATE;
    const turn = Math.floor(t / 7) % 2; // 7-second turns
    const syllable = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    const pause = Math.sin(2 * Math.PI * 0.31 * t) > 0.8 ? 0 : 1;
    const pitch = 110 + 40 * Math.sin(2 * Math.PI * 0.5 * t) + turn * 90;
    phase += (2 * Math.PI * pitch) / RATE;
    const voiced = 0.5 * Math.sin(phase) + 0.25 * Math.sin(2 * phase) + 0.12 * Math.sin(3 * phase) + 0.05 * (rnd() - 0.5);
    const s = Math.round(9000 * syllable * pause * voiced);
    out[f * 2 + turn] = s;
    out[f * 2 + (1 - turn)] = Math.round(60 * (rnd() - 0.5));
  }
  return out;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-export-'));
  try {
    const src = join(dir, 'call.wav');
    writeFileSync(src, encodeWav(syntheticCall(), 2, RATE, 'pcm_mulaw'));
    const size = statSync(src).size;
    const seconds = frames / RATE;
    // A card number every 5 minutes on the customer channel, as accepted marks.
    const marks = Array.from({ length: Math.floor(MINUTES / 5) }, (_, i) => ({ start: i * 300 + 60, end: i * 300 + 72, channels: [1] }));
    const meta = { title: 'bench', exportedBy: 'Bench', exportedAt: new Date().toISOString(), caseRef: 'BENCH', reason: 'benchmark', exportId: '0123456789abcdef', recordingId: 'bench' };
    console.log(`bench/export: a ${MINUTES}-minute two-channel 8 kHz µ-law call (${(size / 1e6).toFixed(1)} MB), ${marks.length} redactions`);
    const results: Record<string, number> = {};
    for (const format of ['wav', 'mp3'] as const) {
      const t = performance.now();
      const r = await renderAudioExport({ open: fileOpener(src), sizeBytes: size, from: 0, to: null, marks, mode: 'silence', format, meta, payload: Buffer.from(meta.exportId, 'hex') });
      const ms = performance.now() - t;
      const file = join(dir, `out.${format}`);
      writeFileSync(file, r.bytes);
      results[format] = seconds / (ms / 1000);
      console.log(`  export ${format.toUpperCase()}: ${(ms / 1000).toFixed(2)} s → ${results[format].toFixed(0)}x real time (${(r.bytes.length / 1e6).toFixed(1)} MB)`);
    }
    for (const [label, cut] of [['whole export', Infinity], ['first 60 s (an excerpt)', 60]] as const) {
      const t = performance.now();
      const audio = await readAudioFile(join(dir, 'out.wav'), statSync(join(dir, 'out.wav')).size, cut);
      const d = detectWatermark(audio.channels, audio.sampleRate);
      const ms = performance.now() - t;
      const audioSec = audio.channels[0].length / audio.sampleRate;
      console.log(`  detect in ${label}: ${(ms / 1000).toFixed(2)} s for ${audioSec.toFixed(0)} s of audio (${(audioSec / (ms / 1000)).toFixed(0)}x real time), found=${d.found} payload=${d.payload ? Buffer.from(d.payload).toString('hex') : null}`);
    }
    console.log(`  target: WAV ≥ 100x real time → ${results.wav >= 100 ? 'met' : 'NOT met'} (${results.wav.toFixed(0)}x)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
