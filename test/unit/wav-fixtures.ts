// Hand-built WAV files for tests: each chunk spelled out, so a test can put them in any order,
// leave sizes unfinalised, or break exactly one field.

export type Chunk = { id: string; body: Uint8Array; declaredSize?: number };

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

export function u16(n: number): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, n, true);
  return b;
}

export function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

export function u64(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface FmtSpec {
  formatCode: number;
  channels: number;
  sampleRate: number;
  bits: number;
  blockAlign?: number;
  /** Wrap in WAVE_FORMAT_EXTENSIBLE with this code as the sub-format. */
  extensible?: boolean;
}

export function fmtChunk(f: FmtSpec): Chunk {
  const blockAlign = f.blockAlign ?? (f.channels * f.bits) / 8;
  const base = concat(
    u16(f.extensible ? 0xfffe : f.formatCode),
    u16(f.channels),
    u32(f.sampleRate),
    u32(f.sampleRate * blockAlign),
    u16(blockAlign),
    u16(f.bits),
  );
  if (!f.extensible) return { id: 'fmt ', body: base };
  // cbSize 22, valid bits, channel mask, then the KSDATAFORMAT_SUBTYPE GUID (format code first).
  const guidTail = Uint8Array.from([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]);
  return { id: 'fmt ', body: concat(base, u16(22), u16(f.bits), u32(3), u16(f.formatCode), guidTail) };
}

export function chunk(id: string, body: Uint8Array, declaredSize?: number): Chunk {
  return { id, body, declaredSize };
}

/** A RIFF (or RF64) WAVE file from chunks in the given order; odd chunks get their pad byte. */
export function riffFile(chunks: Chunk[], opts: { tag?: string; riffSize?: number; form?: string } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const c of chunks) {
    parts.push(enc(c.id), u32(c.declaredSize ?? c.body.length), c.body);
    if (c.body.length & 1) parts.push(new Uint8Array(1));
  }
  const body = concat(enc(opts.form ?? 'WAVE'), ...parts);
  return concat(enc(opts.tag ?? 'RIFF'), u32(opts.riffSize ?? body.length), body);
}

export function simpleWav(f: FmtSpec, data: Uint8Array): Uint8Array {
  return riffFile([fmtChunk(f), chunk('data', data)]);
}
