// The one place analytics gets a recording's peaks from, so it analyses every format the player can
// draw (and the same peaks the player draws) as soon as the media layer decodes it.
import type { Peaks } from '../../../shared/types';
import { AudioFormatError } from '../audio/audio-error';
import { readWavPeaks } from '../media/peaks-reader';
import type { AudioRef, RecordingStore } from '../store/recording-store';

export async function readRecordingPeaks(store: RecordingStore, audio: AudioRef): Promise<Peaks> {
  if (audio.format === 'wav') return readWavPeaks(store, audio.key, audio.sizeBytes);
  throw new AudioFormatError('unsupported_codec', `${audio.format.toUpperCase()} recordings are not decoded yet`);
}
