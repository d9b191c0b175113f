// bench/watermark: embed and detect speed for a 60-minute two-channel 8 kHz call (the export
// pipeline's case), as multiples of real time, plus the 44.1 kHz path, measured in one run.
// The call is demo speech looped to an hour, so the mark has real speech to ride on.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoStore } from '../electron/core/demo/demo-writer';
import { detectWatermark } from '../electron/core/watermark/detect';
import { embedWatermark } from '../electron/core/watermark/embed';
import { WatermarkEmbedder } from '../electron/core/watermark/embed-stream';
import { resample } from '../electron/core/watermark/resample';
import { decodeWavFile } from '../electron/core/watermark/wav-pcm';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 60);

function wavFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? wavFiles(p) : p.endsWith('.wav') ? [p] : [];
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-wm-'));
  try {
    await writeDemoStore(dir, { count: 20, seed: 3, now: new Date('2026-06-01T00:00:00Z') });
    const calls = wavFiles(dir).map((f) => decodeWavFile(new Uint8Array(readFileSync(f))));
    const frames = MINUTES * 60 * 8000;
    const channels = [new Float32Array(frames), new Float32Array(frames)];
    for (let at = 0, i = 0; at < frames; i++) {
      const c = calls[i % calls.length];
      const n = Math.min(c.channels[0].length, frames - at);
      channels[0].set(c.channels[0].subarray(0, n), at);
      channels[1].set(c.channels[1].subarray(0, n), at);
      at += n;
    }
    const seconds = frames / 8000;
    const payload = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);

    let t = performance.now();
    const marked = embedWatermark(channels, 8000, payload);
    const embedSec = (performance.now() - t) / 1000;
    // Streaming, as the export pipeline feeds it: 256 KiB-ish decoded blocks.
    t = performance.now();
    const stream = new WatermarkEmbedder(8000, 2, payload);
    for (let at = 0; at < frames; at += 65536) stream.push(channels.map((c) => c.subarray(at, Math.min(frames, at + 65536))));
    stream.end();
    const streamSec = (performance.now() - t) / 1000;
    t = performance.now();
    const found = detectWatermark(marked, 8000);
    const detectSec = (performance.now() - t) / 1000;
    const from = Math.max(0, Math.min(600, seconds - 60)) * 8000;
    const excerpt = marked.map((c) => c.subarray(from, from + 8000 * 60));
    t = performance.now();
    detectWatermark(excerpt, 8000);
    const excerptSec = (performance.now() - t) / 1000;

    console.log(`bench/watermark: ${MINUTES}-minute stereo 8 kHz call (${(frames * 2 / 1e6).toFixed(1)} M samples)`);
    console.log(`  embed            ${embedSec.toFixed(2)} s  = ${(seconds / embedSec).toFixed(0)}x real time`);
    console.log(`  embed, streaming ${streamSec.toFixed(2)} s  = ${(seconds / streamSec).toFixed(0)}x real time`);
    console.log(`  detect (whole)   ${detectSec.toFixed(2)} s  = ${(Math.min(seconds, 1800) / detectSec).toFixed(0)}x real time over the ${Math.min(seconds, 1800) / 60} min analysed (found ${found.found})`);
    console.log(`  detect (60 s)    ${excerptSec.toFixed(2)} s  = ${(60 / excerptSec).toFixed(0)}x real time`);

    // The same call at 44.1 kHz for ten minutes: the resampling path.
    const wideFrames = Math.min(frames, 8000 * 600);
    const wide = channels.map((c) => resample(c.subarray(0, wideFrames), 8000, 44100));
    t = performance.now();
    const wideMarked = embedWatermark(wide, 44100, payload);
    const wideSec = (performance.now() - t) / 1000;
    t = performance.now();
    detectWatermark(wideMarked, 44100);
    const wideDetect = (performance.now() - t) / 1000;
    console.log(`  44.1 kHz stereo, ${wideFrames / 8000 / 60} min: embed ${(wideFrames / 8000 / wideSec).toFixed(0)}x, detect ${(wideFrames / 8000 / wideDetect).toFixed(0)}x real time`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
