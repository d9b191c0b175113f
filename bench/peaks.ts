// bench/peaks: waveform peaks of a long two-channel 8 kHz G.711 call (120 minutes by default;
// BENCH_MINUTES to change). Earmark's streaming computePeaks (constant memory) against the naive way
// (read the whole file, decode every sample to float, then reduce). Prints both timings and the
// memory each needed above the baseline, and their ratios, measured in one run.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileOpener } from '../electron/core/audio/byte-source';
import { computePeaks, createBlockPeaks } from '../electron/core/audio/compute-peaks';
import { encodeMulaw } from '../electron/core/audio/g711';
import { deinterleave } from '../electron/core/audio/pcm-convert';
import { parseWavHeader } from '../electron/core/audio/wav';
import { wavHeader } from '../electron/core/audio/wav-writer';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 120);
const RATE = 8000;
const frames = MINUTES * 60 * RATE;
const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-peaks-'));
const file = join(dir, 'call.wav');

// Written a minute at a time so the bench itself never holds the call.
const fd = openSync(file, 'w');
writeSync(fd, wavHeader({ codec: 'pcm_mulaw', channels: 2, sampleRate: RATE, frames }));
const minute = new Int16Array(60 * RATE * 2);
for (let m = 0; m < MINUTES; m++) {
  for (let i = 0; i < minute.length; i += 2) {
    const t = (m * 60 * RATE + i / 2) / RATE;
    // Agent speaks in the first half of every 20 s, the customer in the second.
    const agent = t % 20 < 10;
    const v = Math.round(Math.sin(t * 2 * Math.PI * 300) * 12000);
    minute[i] = agent ? v : 0;
    minute[i + 1] = agent ? 0 : v;
  }
  writeSync(fd, encodeMulaw(minute));
}
closeSync(fd);
const size = statSync(file).size;

function sample(): number {
  const m = process.memoryUsage();
  return m.rss;
}

async function measure(label: string, work: () => Promise<unknown>): Promise<{ ms: number; mb: number }> {
  global.gc?.();
  const base = sample();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, sample())), 5);
  const t = performance.now();
  await work();
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, sample());
  const mb = (peak - base) / 2 ** 20;
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms   +${mb.toFixed(1).padStart(7)} MB RSS`);
  return { ms, mb };
}

async function main(): Promise<void> {
  console.log(`bench/peaks: ${MINUTES}-minute two-channel 8 kHz µ-law call, ${(size / 2 ** 20).toFixed(0)} MB`);
  const ours = await measure('earmark computePeaks (streaming)', () => computePeaks(fileOpener(file), size));
  const naive = await measure('naive (whole file, decode, reduce)', async () => {
    const bytes = readFileSync(file);
    const info = parseWavHeader(bytes, bytes.length);
    const lanes = deinterleave(info.codec, info.channels, bytes.subarray(info.dataOffset, info.dataOffset + info.dataLength));
    const acc = createBlockPeaks(info.channels, info.frames, 20000, info.durationSec);
    acc.push(lanes);
    return acc.finish();
  });
  console.log(`memory: naive / earmark = ${(naive.mb / Math.max(ours.mb, 0.1)).toFixed(1)}x   time: naive / earmark = ${(naive.ms / ours.ms).toFixed(2)}x`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
