// Reads a whole audio file (any format the audio layer decodes: WAV variants, MP3, Ogg Opus, FLAC)
// into float channels for embedding or detection, stopping early once `maxSeconds` are in hand.
import { fileOpener } from '../audio/byte-source';
import { decodeBlocks } from '../audio/decode-stream';
import { probeAudio } from '../audio/probe';
import type { PcmAudio } from './wav-pcm';

export async function readAudioFile(path: string, sizeBytes: number, maxSeconds = Infinity): Promise<PcmAudio> {
  const open = fileOpener(path);
  const probe = await probeAudio(open, sizeBytes);
  const limit = Number.isFinite(maxSeconds) ? Math.ceil(maxSeconds * probe.sampleRate) : Infinity;
  const parts: Float32Array[][] = Array.from({ length: probe.channels }, () => []);
  let total = 0;
  for await (const block of decodeBlocks(open, sizeBytes, probe)) {
    const n = Math.min(block[0]?.length ?? 0, limit - total);
    // Copy: decoders may reuse the memory behind a block once we ask for the next one.
    block.forEach((lane, c) => parts[c].push(lane.slice(0, n)));
    total += n;
    if (total >= limit) break;
  }
  const channels = parts.map((list) => {
    const out = new Float32Array(total);
    let at = 0;
    for (const p of list) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  });
  return { channels, sampleRate: probe.sampleRate };
}
