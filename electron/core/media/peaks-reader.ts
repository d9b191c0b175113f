// Waveform peaks for a stored recording of any supported format, computed while its audio streams
// past (constant memory). The cache calls computePeaks the same way over its decrypting source.
import type { Peaks } from '../../../shared/types';
import type { OpenStream } from '../audio/byte-source';
import { computePeaks } from '../audio/compute-peaks';
import type { RecordingStore } from '../store/recording-store';

export function storeOpener(store: RecordingStore, audioKey: string): OpenStream {
  return (start, endInclusive) => store.readAudio(audioKey, { start, endInclusive });
}

/** @throws AudioFormatError when the recording is not audio we can decode. */
export function readPeaks(store: RecordingStore, audioKey: string, sizeBytes: number): Promise<Peaks> {
  return computePeaks(storeOpener(store, audioKey), sizeBytes);
}
