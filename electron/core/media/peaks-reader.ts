// Waveform peaks for a stored recording, computed while its audio streams past (constant memory).
import type { Peaks } from '../../../shared/types';
import { createPeaksAccumulator } from '../audio/peaks';
import { parseWavHeader } from '../audio/wav';
import { SNIFF_BYTES } from '../audio/sniff';
import type { RecordingStore } from '../store/recording-store';

const PEAKS_PER_SECOND = 100;
const MAX_BUCKETS = 20000;

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function readWavPeaks(store: RecordingStore, audioKey: string, sizeBytes: number): Promise<Peaks> {
  const head = await collect(store.readAudio(audioKey, { start: 0, endInclusive: Math.min(SNIFF_BYTES, sizeBytes) - 1 }));
  const info = parseWavHeader(head, sizeBytes);
  const buckets = Math.max(1, Math.min(MAX_BUCKETS, Math.ceil(info.durationSec * PEAKS_PER_SECOND)));
  const acc = createPeaksAccumulator(info, buckets);
  if (info.dataLength > 0) {
    for await (const chunk of store.readAudio(audioKey, { start: info.dataOffset, endInclusive: info.dataOffset + info.dataLength - 1 })) {
      acc.push(chunk as Buffer);
    }
  }
  return acc.finish();
}
