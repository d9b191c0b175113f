import { resolve } from 'node:path';
import { computePeaks } from '../../core/audio/compute-peaks';
import { probeAudio } from '../../core/audio/probe';
import { writeFileAtomic } from '../../core/fs-atomic';
import { UsageError, one, type CliCommand } from '../cli-kit';
import { withAudioFile } from './probe';

function positiveInt(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) throw new UsageError(`--${name} must be a positive whole number`);
  return n;
}

export const peaksCommand: CliCommand = {
  name: 'peaks',
  usage: ['earmark peaks FILE --out PEAKS.json [--per-second N] [--max-buckets N] [--json]'],
  valueFlags: ['out', 'per-second', 'max-buckets'],
  async run(a, out) {
    const target = one(a, 'out');
    if (!target) throw new UsageError('--out PEAKS.json is required');
    const peaksPerSecond = positiveInt(one(a, 'per-second'), 'per-second');
    const maxBuckets = positiveInt(one(a, 'max-buckets'), 'max-buckets');
    const started = performance.now();
    const { peaks, probe } = await withAudioFile(a.positional[1], async (open, size) => {
      const probe = await probeAudio(open, size);
      return { probe, peaks: await computePeaks(open, size, { probe, peaksPerSecond, maxBuckets }) };
    });
    const file = resolve(target);
    writeFileAtomic(file, JSON.stringify(peaks));
    const buckets = peaks.channels[0]?.length ?? 0;
    const ms = Math.round(performance.now() - started);
    if (a.json) out(JSON.stringify({ out: file, channels: peaks.channels.length, buckets, durationSec: peaks.durationSec, codec: probe.codec, ms }));
    else out(`wrote ${buckets} peaks × ${peaks.channels.length} channel(s) for ${peaks.durationSec.toFixed(3)} s of ${probe.codec} to ${file} in ${ms} ms`);
    return 0;
  },
};
