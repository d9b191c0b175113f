// The one place analytics gets a recording's peaks from: the media layer's streaming peaks for every
// format it decodes (WAV, MP3, Opus, FLAC), the same peaks the player draws.
import type { Peaks } from '../../../shared/types';
import { readPeaks } from '../media/peaks-reader';
import type { AudioRef, RecordingStore } from '../store/recording-store';

/** @throws AudioFormatError when the recording is not audio we can decode. */
export function readRecordingPeaks(store: RecordingStore, audio: AudioRef): Promise<Peaks> {
  return readPeaks(store, audio.key, audio.sizeBytes);
}
