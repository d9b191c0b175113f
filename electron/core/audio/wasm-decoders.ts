// The WebAssembly decoders for MP3 (mpg123), Ogg Opus (libopus) and FLAC (libFLAC) behind one small
// interface. They are ES modules and our Node build is CommonJS, where tsc turns `import()` into
// `require()`; a Function-built import() survives compilation and works on Node 20 and 22 alike.
import { pathToFileURL } from 'node:url';

export interface DecodedChunk {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: { message: string }[];
}

export interface WasmDecoder {
  decode(bytes: Uint8Array): Promise<DecodedChunk>;
  /** Whatever the decoder still holds at the end of the stream. */
  flush(): Promise<DecodedChunk | null>;
  free(): void;
}

export type WasmFormat = 'mp3' | 'opus' | 'flac';

interface RawDecoder {
  ready: Promise<void>;
  decode(b: Uint8Array): DecodedChunk | Promise<DecodedChunk>;
  flush?: () => Promise<DecodedChunk>;
  free(): void;
}
type DecoderClass = new (options?: { sampleRate?: number }) => RawDecoder;

const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Record<string, unknown>>;

const MODULES: Record<WasmFormat, { pkg: string; name: string }> = {
  mp3: { pkg: 'mpg123-decoder', name: 'MPEGDecoder' },
  opus: { pkg: 'ogg-opus-decoder', name: 'OggOpusDecoder' },
  flac: { pkg: '@wasm-audio-decoders/flac', name: 'FLACDecoder' },
};

const loaded = new Map<WasmFormat, Promise<DecoderClass>>();

function load(format: WasmFormat): Promise<DecoderClass> {
  let p = loaded.get(format);
  if (!p) {
    const { pkg, name } = MODULES[format];
    // An absolute file URL: a bare specifier would resolve against the Function's (missing) referrer.
    p = importEsm(pathToFileURL(require.resolve(pkg)).href).then((m) => m[name] as DecoderClass);
    p.catch(() => loaded.delete(format));
    loaded.set(format, p);
    quietDecoderLogs();
  }
  return p;
}

let quieted = false;
/**
 * The decoders print every corrupt frame to the console as well as returning it in `errors`; we
 * report corruption ourselves (one line, typed), so only their own messages are dropped.
 */
function quietDecoderLogs(): void {
  if (quieted) return;
  quieted = true;
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && /^(mpg123-decoder|ogg-opus-decoder|libopus|@wasm-audio-decoders)/.test(args[0])) return;
      original(...args);
    };
  }
}

/** Rates libopus can decode at directly; lower ones skip work that a waveform does not need. */
export const OPUS_DECODE_RATES = [8000, 12000, 16000, 24000, 48000] as const;
export type OpusDecodeRate = (typeof OPUS_DECODE_RATES)[number];

/** @param opusRate for Opus only: the output rate (the Ogg decoder takes it, though its types omit it). */
export async function createWasmDecoder(format: WasmFormat, opusRate: OpusDecodeRate = 48000): Promise<WasmDecoder> {
  const Decoder = await load(format);
  const d = format === 'opus' ? new Decoder({ sampleRate: opusRate }) : new Decoder();
  await d.ready;
  return {
    decode: async (bytes) => d.decode(bytes),
    flush: async () => (d.flush ? d.flush() : null),
    free: () => {
      try {
        d.free();
      } catch {
        // After a trap on damaged input the instance's memory is unusable; it is garbage either way.
      }
    },
  };
}
