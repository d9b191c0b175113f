// One way to decode every format we accept: an async stream of blocks, each one Float32Array per
// channel in [-1, 1]. Memory stays flat however long the call is: the source is read in bounded
// chunks and each block is dropped as soon as the consumer moves on.
import { AudioFormatError } from './audio-error';
import { limitChunks, type OpenStream } from './byte-source';
import { deinterleave } from './pcm-convert';
import type { AudioProbe } from './probe';
import { createWasmDecoder, type DecodedChunk, type OpusDecodeRate, type WasmFormat } from './wasm-decoders';
import type { WavInfo } from './wav';

/** Per channel, the same number of samples; channel count and order as in the probe. */
export type AudioBlock = Float32Array[];

const WAV_CHUNK = 256 * 1024;
// Compressed input per decoder call: a 16 KiB slice of Opus at 24 kbit/s is ~5 s of audio.
const WASM_CHUNK = 16 * 1024;

export interface DecodeOptions {
  /**
   * Opus only: decode at this rate instead of 48 kHz (libopus skips the upper bands, ~40% faster;
   * enough for waveforms and talk analytics). Other formats always decode at their own rate.
   */
  opusRate?: OpusDecodeRate;
}

/** The rate of the blocks decodeBlocks yields for this probe and these options. */
export function blockRate(probe: AudioProbe, opts: DecodeOptions = {}): number {
  return probe.format === 'opus' ? (opts.opusRate ?? probe.sampleRate) : probe.sampleRate;
}

export function decodeBlocks(open: OpenStream, sizeBytes: number, probe: AudioProbe, opts: DecodeOptions = {}): AsyncGenerator<AudioBlock> {
  if (probe.format === 'wav') {
    if (!probe.wav) throw new Error('decodeBlocks: a WAV probe without its header');
    return wavBlocks(open, probe.wav);
  }
  return wasmBlocks(open, sizeBytes, probe, opts.opusRate);
}

async function* wavBlocks(open: OpenStream, info: WavInfo): AsyncGenerator<AudioBlock> {
  if (info.dataLength === 0) return;
  const { blockAlign, codec, channels } = info;
  let carry = new Uint8Array(0);
  for await (const chunk of limitChunks(open(info.dataOffset, info.dataOffset + info.dataLength - 1), WAV_CHUNK)) {
    let bytes = chunk;
    if (carry.length > 0) {
      bytes = new Uint8Array(carry.length + chunk.length);
      bytes.set(carry);
      bytes.set(chunk, carry.length);
    }
    const whole = bytes.length - (bytes.length % blockAlign);
    // Copy the partial frame: the source may reuse the chunk's memory after we yield.
    carry = bytes.slice(whole);
    if (whole > 0) yield deinterleave(codec, channels, bytes.subarray(0, whole));
  }
}

async function* wasmBlocks(open: OpenStream, sizeBytes: number, probe: AudioProbe, opusRate?: OpusDecodeRate): AsyncGenerator<AudioBlock> {
  const format = probe.format as WasmFormat;
  const name = format === 'opus' ? 'Opus' : format.toUpperCase();
  const decoder = await createWasmDecoder(format, opusRate);
  let total = 0;
  const shape = (r: DecodedChunk | null): AudioBlock | null => {
    const n = r?.samplesDecoded ?? 0;
    if (!r || n <= 0) return null;
    total += n;
    const out: AudioBlock = [];
    // mpg123 always hands back two channels; a mono stream gets the first, the probe decides.
    for (let ch = 0; ch < probe.channels; ch++) {
      const lane = r.channelData[ch] ?? r.channelData[0];
      out.push(lane && lane.length >= n ? lane.subarray(0, n) : new Float32Array(n));
    }
    return out;
  };
  const guarded = async (step: () => Promise<DecodedChunk | null>): Promise<DecodedChunk | null> => {
    try {
      return await step();
    } catch (err) {
      if (err instanceof AudioFormatError) throw err;
      // A WebAssembly trap or a parser exception on damaged input: the file is bad, not our code.
      throw new AudioFormatError('corrupt', `the ${name} audio is damaged and could not be decoded`);
    }
  };
  try {
    if (sizeBytes > 0) {
      for await (const chunk of limitChunks(open(0, sizeBytes - 1), WASM_CHUNK)) {
        const block = shape(await guarded(() => decoder.decode(chunk)));
        if (block) yield block;
      }
    }
    const last = shape(await guarded(() => decoder.flush()));
    if (last) yield last;
    if (total === 0 && probe.durationSec > 0) throw new AudioFormatError('corrupt', `no audio could be decoded from the ${name} file`);
  } finally {
    decoder.free();
  }
}
