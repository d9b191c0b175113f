// WAV header parsing from the first bytes of a file. Recorders in the wild write RIFF and RF64,
// put LIST/JUNK/bext chunks anywhere, and crash before finalising sizes, so this accepts all of
// that; anything it cannot make sense of becomes an AudioFormatError, never another exception.
import { AudioFormatError } from './audio-error';

export type WavCodec =
  | 'pcm_s8'
  | 'pcm_u8'
  | 'pcm_s16le'
  | 'pcm_s24le'
  | 'pcm_s32le'
  | 'pcm_f32le'
  | 'pcm_f64le'
  | 'pcm_alaw'
  | 'pcm_mulaw';

export interface WavInfo {
  codec: WavCodec;
  /** The effective format tag (for WAVE_FORMAT_EXTENSIBLE, the sub-format's). */
  formatCode: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes per frame (one sample for every channel). */
  blockAlign: number;
  /** Byte offset of the first audio byte in the file. */
  dataOffset: number;
  /** Bytes of audio, always a whole number of frames. */
  dataLength: number;
  frames: number;
  durationSec: number;
}

export const WAVE_FORMAT = {
  PCM: 0x0001,
  IEEE_FLOAT: 0x0003,
  ALAW: 0x0006,
  MULAW: 0x0007,
  EXTENSIBLE: 0xfffe,
} as const;

// Names for formats we meet in call recordings but do not decode, so the message says what it is.
const KNOWN_UNSUPPORTED: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0011: 'IMA ADPCM',
  0x0022: 'TrueSpeech',
  0x0031: 'GSM 6.10',
  0x0040: 'G.721 ADPCM',
  0x0042: 'G.723.1',
  0x0045: 'G.726',
  0x0050: 'MPEG audio',
  0x0055: 'MP3',
  0x0064: 'G.726 ADPCM',
  0x0065: 'G.722 ADPCM',
  0x0161: 'Windows Media Audio',
  0x1610: 'AAC',
};

const UNSET_32 = 0xffffffff;
// Far more chunks than any real header has; only a hostile file gets near it.
const MAX_CHUNKS = 4096;

/**
 * Parses the header of a WAV (RIFF, RF64 or BW64) file.
 * @param bytes the start of the file: at least the first 64 KiB, or all of it if smaller.
 * @param fileSize the full length of the file in bytes, used when the header never got finalised.
 * @throws AudioFormatError for anything that is not a WAV file we can decode.
 */
export function parseWavHeader(bytes: Uint8Array, fileSize: number): WavInfo {
  const size = Number.isSafeInteger(fileSize) && fileSize >= bytes.length ? fileSize : bytes.length;
  if (bytes.length === 0) throw new AudioFormatError('empty', 'the audio file is empty');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = fourcc(bytes, 0);
  if (bytes.length < 12) {
    const prefixOfWav = ['RIFF', 'RF64', 'BW64'].some((t) => t.startsWith(tag));
    if (prefixOfWav) throw new AudioFormatError('truncated', 'the WAV file ends inside its header');
    throw new AudioFormatError('not_wav', 'not a WAV file (no RIFF header)');
  }
  const is64 = tag === 'RF64' || tag === 'BW64';
  if (tag !== 'RIFF' && !is64) throw new AudioFormatError('not_wav', 'not a WAV file (no RIFF header)');
  if (fourcc(bytes, 8) !== 'WAVE') throw new AudioFormatError('not_wav', `a RIFF file of type "${printable(fourcc(bytes, 8))}", not WAVE`);

  let riffSize = view.getUint32(4, true);
  let ds64DataSize: number | null = null;
  let fmt: FmtChunk | null = null;
  let data: { offset: number; declared: number } | null = null;

  let at = 12;
  for (let n = 0; n < MAX_CHUNKS; n++) {
    if (at + 8 > bytes.length) break;
    const id = fourcc(bytes, at);
    const chunkSize = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'data') {
      const declared = is64 && chunkSize === UNSET_32 && ds64DataSize !== null ? ds64DataSize : chunkSize;
      data = { offset: body, declared };
      // The data chunk normally runs to the end of what we were given; only keep walking if a
      // fmt chunk (rarely) comes after it and the data is small enough to step over.
      if (fmt || chunkSize === UNSET_32) break;
    } else if (id === 'fmt ') {
      // 40 bytes is the longest fmt we read (WAVE_FORMAT_EXTENSIBLE); anything after is ignored.
      if (body + Math.min(chunkSize, 40) > bytes.length) throw truncatedAt(bytes.length, size);
      fmt = readFmt(view, body, Math.min(chunkSize, bytes.length - body));
      if (data) break;
    } else if (id === 'ds64' && is64) {
      if (chunkSize < 24 || body + 24 > bytes.length) throw new AudioFormatError('bad_header', 'the RF64 ds64 chunk is too short');
      // RF64 keeps the real sizes here; the 32-bit fields hold 0xFFFFFFFF.
      riffSize = readU64(view, body);
      ds64DataSize = readU64(view, body + 8);
    }
    at = body + chunkSize + (chunkSize & 1);
  }

  if (!data) throw truncatedAt(bytes.length, size);
  if (!fmt) throw new AudioFormatError('bad_header', 'the WAV file has no fmt chunk before its audio data');

  const codec = codecOf(fmt);
  if (fmt.channels === 0) throw new AudioFormatError('no_channels', 'the WAV header says the audio has 0 channels');
  if (fmt.sampleRate === 0) throw new AudioFormatError('bad_header', 'the WAV header gives a sample rate of 0');
  const expectedAlign = fmt.channels * (fmt.bitsPerSample / 8);
  if (fmt.blockAlign !== expectedAlign) {
    throw new AudioFormatError(
      'bad_header',
      `the WAV header's block size (${fmt.blockAlign} bytes) does not match ${fmt.channels} channel(s) of ${fmt.bitsPerSample}-bit audio`,
    );
  }

  const available = Math.max(0, size - data.offset);
  const unfinalised =
    riffSize === 0 ||
    riffSize === UNSET_32 ||
    data.declared === 0 ||
    data.declared === UNSET_32 ||
    data.declared > available;
  const rawLength = unfinalised ? available : data.declared;
  const frames = Math.floor(rawLength / fmt.blockAlign);
  return {
    codec,
    formatCode: fmt.formatCode,
    channels: fmt.channels,
    sampleRate: fmt.sampleRate,
    bitsPerSample: fmt.bitsPerSample,
    blockAlign: fmt.blockAlign,
    dataOffset: data.offset,
    dataLength: frames * fmt.blockAlign,
    frames,
    durationSec: frames / fmt.sampleRate,
  };
}

interface FmtChunk {
  formatCode: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function readFmt(view: DataView, at: number, length: number): FmtChunk {
  if (length < 16) throw new AudioFormatError('bad_header', `the WAV fmt chunk is ${length} bytes, shorter than the 16 it needs`);
  let formatCode = view.getUint16(at, true);
  const chunk: FmtChunk = {
    formatCode,
    channels: view.getUint16(at + 2, true),
    sampleRate: view.getUint32(at + 4, true),
    blockAlign: view.getUint16(at + 12, true),
    bitsPerSample: view.getUint16(at + 14, true),
  };
  if (formatCode === WAVE_FORMAT.EXTENSIBLE) {
    // cbSize(2) validBits(2) channelMask(4) then the SubFormat GUID, whose first two bytes are
    // the ordinary format tag.
    if (length < 40) throw new AudioFormatError('bad_header', 'the WAV header is WAVE_FORMAT_EXTENSIBLE but too short to say which format');
    formatCode = view.getUint16(at + 24, true);
    chunk.formatCode = formatCode;
  }
  return chunk;
}

function codecOf(fmt: FmtChunk): WavCodec {
  const { formatCode: code, bitsPerSample: bits } = fmt;
  let codec: WavCodec | null = null;
  if (code === WAVE_FORMAT.PCM) {
    // 8-bit PCM in WAV is unsigned by definition; wider PCM is signed little-endian.
    codec = bits === 8 ? 'pcm_u8' : bits === 16 ? 'pcm_s16le' : bits === 24 ? 'pcm_s24le' : bits === 32 ? 'pcm_s32le' : null;
  } else if (code === WAVE_FORMAT.IEEE_FLOAT) {
    codec = bits === 32 ? 'pcm_f32le' : bits === 64 ? 'pcm_f64le' : null;
  } else if (code === WAVE_FORMAT.ALAW) {
    codec = bits === 8 ? 'pcm_alaw' : null;
  } else if (code === WAVE_FORMAT.MULAW) {
    codec = bits === 8 ? 'pcm_mulaw' : null;
  } else {
    const name = KNOWN_UNSUPPORTED[code];
    const tag = `0x${code.toString(16).padStart(4, '0')}`;
    throw new AudioFormatError('unsupported_codec', `WAV audio in ${name ? `${name} (format ${tag})` : `format ${tag}`} is not supported`);
  }
  if (!codec) throw new AudioFormatError('unsupported_codec', `${bits}-bit ${formatName(code)} WAV audio is not supported`);
  return codec;
}

function formatName(code: number): string {
  if (code === WAVE_FORMAT.PCM) return 'PCM';
  if (code === WAVE_FORMAT.IEEE_FLOAT) return 'floating-point';
  if (code === WAVE_FORMAT.ALAW) return 'A-law';
  return 'µ-law';
}

function truncatedAt(have: number, size: number): AudioFormatError {
  if (have < size) return new AudioFormatError('truncated', `the WAV header is larger than the ${have} bytes read`);
  return new AudioFormatError('truncated', 'the WAV file ends before its audio data');
}

function readU64(view: DataView, at: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  // Beyond 2^53 no real file exists; treat it as unset so the file length is used instead.
  return hi >= 0x200000 ? UNSET_32 : hi * 0x1_0000_0000 + lo;
}

function fourcc(b: Uint8Array, at: number): string {
  let s = '';
  for (let i = at; i < at + 4 && i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}
