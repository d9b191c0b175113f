// Waveform peaks are computed once, from the recording as it streams into the encrypted cache, and
// kept encrypted beside it (an aux blob of the cache entry). Later opens read them back in
// milliseconds; the renderer never decodes audio.
import type { Peaks } from '../../../shared/types';
import { computePeaks } from '../audio/compute-peaks';
import type { RecordingCache, CacheSource } from '../cache/recording-cache';

const AUX = 'peaks';

/** channels (u32), buckets (u32), duration (f64), then channels × buckets float32, little-endian. */
export function encodePeaks(p: Peaks): Uint8Array {
  const buckets = p.channels[0]?.length ?? 0;
  const out = Buffer.alloc(16 + p.channels.length * buckets * 4);
  out.writeUInt32LE(p.channels.length, 0);
  out.writeUInt32LE(buckets, 4);
  out.writeDoubleLE(p.durationSec, 8);
  let at = 16;
  for (const lane of p.channels) {
    for (let i = 0; i < buckets; i++, at += 4) out.writeFloatLE(lane[i] ?? 0, at);
  }
  return out;
}

export function decodePeaks(b: Buffer): Peaks | null {
  if (b.length < 16) return null;
  const n = b.readUInt32LE(0);
  const buckets = b.readUInt32LE(4);
  if (b.length !== 16 + n * buckets * 4) return null;
  const durationSec = b.readDoubleLE(8);
  const channels: number[][] = [];
  let at = 16;
  for (let c = 0; c < n; c++) {
    const lane = new Array<number>(buckets);
    for (let i = 0; i < buckets; i++, at += 4) lane[i] = Math.round(b.readFloatLE(at) * 1e4) / 1e4;
    channels.push(lane);
  }
  return { channels, durationSec };
}

/**
 * The recording's peaks: from the cache when computed before, otherwise fetched into the cache
 * (with download progress), computed while streaming through it, and stored.
 */
export async function cachedPeaks(cache: RecordingCache, id: string, source: CacheSource): Promise<Peaks> {
  await cache.ensure(id, source);
  const stored = await cache.getAux(id, AUX);
  const known = stored ? decodePeaks(stored) : null;
  if (known) return known;
  const peaks = await computePeaks((start, end) => cache.openRange(id, source, start, end), source.size);
  await cache.putAux(id, AUX, encodePeaks(peaks));
  return peaks;
}
