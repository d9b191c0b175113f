// Streaming embedding for the export pipeline: push decoded blocks of any size, get marked blocks
// back, memory bounded by one chunk (~8 s) plus context whatever the call's length. Each chunk is
// marked with enough audio either side that the result matches embedWatermark on the whole file
// (to float rounding): the mark at a sample depends only on audio within a few hundred samples.
import { checkRate, deltaAt, gridUnit, symbolSigns } from './embed';
import { WM_RATE } from './layout';

const CHUNK_SECONDS = 8;
// Context either side, in 8 kHz samples: one frame and the envelope limiter (≈ 300) plus the
// resampling filters on both sides, generously.
const CONTEXT_8K = 1024;

export class WatermarkEmbedder {
  private readonly signs: Int8Array;
  private readonly chunk: number;
  private readonly context: number;
  /** Samples kept per channel; buf[c][0] is file sample `bufStart`. */
  private buf: Float32Array[];
  private bufStart = 0;
  private bufLen = 0;
  /** File samples already returned (marked). */
  private emitted = 0;
  private ended = false;

  constructor(
    private readonly sampleRate: number,
    private readonly channels: number,
    payload: Uint8Array,
  ) {
    checkRate(sampleRate);
    if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`channels must be a positive integer, got ${channels}`);
    this.signs = symbolSigns(payload);
    const unit = gridUnit(sampleRate);
    this.chunk = Math.max(1, Math.round((CHUNK_SECONDS * sampleRate) / unit)) * unit;
    this.context = Math.ceil((CONTEXT_8K * sampleRate) / WM_RATE / unit) * unit;
    this.buf = Array.from({ length: channels }, () => new Float32Array(this.chunk + 2 * this.context));
  }

  /** Adds a block (one Float32Array per channel, equal lengths); returns whatever is now marked. */
  push(block: Float32Array[]): Float32Array[] {
    if (this.ended) throw new Error('push after end');
    if (block.length !== this.channels) throw new RangeError(`expected ${this.channels} channels, got ${block.length}`);
    const n = block[0].length;
    if (block.some((b) => b.length !== n)) throw new RangeError('every channel of a block must have the same length');
    this.append(block);
    const ready: Float32Array[][] = [];
    while (this.bufStart + this.bufLen >= this.emitted + this.chunk + this.context) ready.push(this.markNext(this.emitted + this.chunk));
    return concat(ready, this.channels);
  }

  /** Marks and returns the rest. */
  end(): Float32Array[] {
    if (this.ended) throw new Error('end called twice');
    this.ended = true;
    const last = this.bufStart + this.bufLen;
    return last > this.emitted ? this.markNext(last) : Array.from({ length: this.channels }, () => new Float32Array(0));
  }

  private markNext(until: number): Float32Array[] {
    const from = this.emitted;
    const winStart = Math.max(this.bufStart, from - this.context);
    const winEnd = Math.min(this.bufStart + this.bufLen, until + this.context);
    const out = this.buf.map((b) => {
      const win = b.subarray(winStart - this.bufStart, winEnd - this.bufStart);
      const delta = deltaAt(win, this.sampleRate, this.signs, winStart);
      const o = new Float32Array(until - from);
      for (let i = 0; i < o.length; i++) o[i] = win[from - winStart + i] + delta[from - winStart + i];
      return o;
    });
    this.emitted = until;
    // Keep only the context the next chunk needs.
    const keepFrom = Math.max(this.bufStart, this.emitted - this.context);
    const drop = keepFrom - this.bufStart;
    if (drop > 0) {
      for (const b of this.buf) b.copyWithin(0, drop, this.bufLen);
      this.bufStart = keepFrom;
      this.bufLen -= drop;
    }
    return out;
  }

  private append(block: Float32Array[]): void {
    const n = block[0].length;
    if (this.bufLen + n > this.buf[0].length) {
      const size = Math.max(this.bufLen + n, this.buf[0].length * 2);
      this.buf = this.buf.map((b) => {
        const g = new Float32Array(size);
        g.set(b.subarray(0, this.bufLen));
        return g;
      });
    }
    block.forEach((b, c) => this.buf[c].set(b, this.bufLen));
    this.bufLen += n;
  }
}

function concat(parts: Float32Array[][], channels: number): Float32Array[] {
  return Array.from({ length: channels }, (_, c) => {
    const total = parts.reduce((s, p) => s + p[c].length, 0);
    const out = new Float32Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p[c], at);
      at += p[c].length;
    }
    return out;
  });
}
