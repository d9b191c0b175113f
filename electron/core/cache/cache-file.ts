// Reading and writing one encrypted cache file (format in segment-format.ts).
// Writing goes to a temp file that is fsynced and renamed into place only when complete, so a crash
// leaves either no file or a whole one. Reading decrypts only the segments a range touches, a batch
// of segments per read, with the next batch's read in flight while the current one is decrypted.
import { constants, type promises as fsp } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  CacheIntegrityError,
  decryptSegment,
  encryptSegment,
  encryptedFileSize,
  HEADER_SIZE,
  newFile,
  openHeader,
  segmentCount,
  segmentOffset,
  segmentPlainLength,
  segmentsForRange,
  TAG_SIZE,
  DEFAULT_SEGMENT_SIZE,
  type OpenedFile,
} from './segment-format';
import type { DecryptPool } from './decrypt-pool';

/** Segments per disk read and per write: 16 × 64 KiB = 1 MiB. */
const BATCH_SEGMENTS = 16;
/** Batches read ahead of the consumer. */
const PIPELINE_DEPTH = 2;
/** Ranges longer than this many batches are decrypted on the worker pool. */
const POOL_MIN_BATCHES = 2;

export class DownloadCancelledError extends Error {
  constructor(message = 'the download was cancelled') {
    super(message);
    this.name = 'DownloadCancelledError';
  }
}

export interface WriteOptions {
  masterKey: Buffer;
  binding: string;
  /** Exactly how many plaintext bytes `source` will yield; anything else fails the write. */
  size: number;
  segmentSize?: number;
  signal?: AbortSignal;
  /** Plaintext bytes written so far (called once per batch). */
  onBytes?(written: number): void;
  /** Test hook: called after each batch is written, before the next is read. */
  afterBatch?(): Promise<void> | void;
}

/**
 * Encrypts `source` into `file` via `tmpFile`: written, fsynced, renamed, directory fsynced.
 * On any failure (including cancellation) the temp file is removed and `file` is untouched.
 * Returns the encrypted size on disk.
 */
export async function writeEncryptedFile(file: string, tmpFile: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, o: WriteOptions): Promise<number> {
  const segmentSize = o.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  const f = newFile(o.masterKey, o.binding, o.size, segmentSize);
  const n = segmentCount(o.size, segmentSize);
  const fh = await open(tmpFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  let ok = false;
  try {
    await fh.write(f.header, 0, HEADER_SIZE, 0);
    let position = HEADER_SIZE;
    let index = 0;
    let written = 0;
    const seg = Buffer.allocUnsafe(segmentSize);
    let fill = 0;
    let batch: Buffer[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const bufs = batch;
      batch = [];
      const { bytesWritten } = await fh.writev(bufs, position);
      const total = bufs.reduce((s, b) => s + b.length, 0);
      if (bytesWritten !== total) throw new Error(`short write to the cache (${bytesWritten} of ${total} bytes)`);
      position += total;
      o.onBytes?.(written);
      await o.afterBatch?.();
    };
    const seal = async (plain: Buffer) => {
      if (index >= n) throw new Error(`the store delivered more than the expected ${o.size} bytes`);
      batch.push(encryptSegment(f.fileKey, f.noncePrefix, f.aad, index, index === n - 1, plain));
      index++;
      written += plain.length;
      if (batch.length >= BATCH_SEGMENTS) await flush();
    };
    for await (const raw of source) {
      if (o.signal?.aborted) throw new DownloadCancelledError();
      let chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      while (chunk.length > 0) {
        if (fill === 0 && chunk.length >= segmentSize) {
          // Whole segments straight from the source chunk, no copy.
          await seal(chunk.subarray(0, segmentSize));
          chunk = chunk.subarray(segmentSize);
          continue;
        }
        const take = Math.min(segmentSize - fill, chunk.length);
        chunk.copy(seg, fill, 0, take);
        fill += take;
        chunk = chunk.subarray(take);
        if (fill === segmentSize) {
          await seal(seg); // encryptSegment copies, so the buffer can be refilled
          fill = 0;
        }
      }
    }
    if (o.signal?.aborted) throw new DownloadCancelledError();
    if (fill > 0 || (o.size === 0 && index === 0)) await seal(seg.subarray(0, fill));
    if (index !== n || written !== o.size) throw new Error(`the store delivered ${written} bytes, expected ${o.size}`);
    await flush();
    await fh.sync();
    ok = true;
  } finally {
    await fh.close();
    if (!ok) await rm(tmpFile, { force: true });
  }
  await rename(tmpFile, file);
  await syncDir(dirname(file));
  return encryptedFileSize(o.size, segmentSize);
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable; not possible on Windows, where rename is already journaled.
  if (process.platform === 'win32') return;
  let fh: fsp.FileHandle | null = null;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the data itself was synced.
  } finally {
    await fh?.close();
  }
}

/** An open encrypted file: header authenticated, length checked against the header. */
export class EncryptedFileReader {
  private constructor(
    private readonly fh: fsp.FileHandle,
    readonly file: OpenedFile,
    private readonly pool: DecryptPool | null,
  ) {}

  get size(): number {
    return this.file.header.plaintextSize;
  }

  /** `pool` decrypts long sequential reads on worker threads; without it everything runs in-thread. */
  static async open(path: string, masterKey: Buffer, binding: string, pool: DecryptPool | null = null): Promise<EncryptedFileReader> {
    const fh = await open(path, 'r');
    try {
      const head = Buffer.alloc(HEADER_SIZE);
      const { bytesRead } = await fh.read(head, 0, HEADER_SIZE, 0);
      const opened = openHeader(masterKey, binding, head.subarray(0, bytesRead));
      const expected = encryptedFileSize(opened.header.plaintextSize, opened.header.segmentSize);
      const actual = (await fh.stat()).size;
      if (actual !== expected) throw new CacheIntegrityError(`the file is ${actual} bytes, its header says ${expected} (truncated or extended)`);
      return new EncryptedFileReader(fh, opened, pool);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  private async readSegments(first: number, last: number): Promise<Buffer> {
    const { segmentSize } = this.file.header;
    const from = segmentOffset(first, segmentSize);
    const to = segmentOffset(last, segmentSize) + segmentPlainLength(last, this.size, segmentSize) + TAG_SIZE;
    // Its own ArrayBuffer (not a pool slice), so it can be transferred to a decrypt worker.
    const buf = Buffer.allocUnsafeSlow(to - from);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await this.fh.read(buf, got, buf.length - got, from + got);
      if (bytesRead === 0) throw new CacheIntegrityError(`the file ends inside segment ${first}..${last}`, first);
      got += bytesRead;
    }
    return buf;
  }

  /** Decrypts segments [first, last] from their contiguous bytes; throws on the first bad one. */
  private decryptBatch(raw: Buffer, first: number, last: number): Buffer[] {
    const { segmentSize } = this.file.header;
    const out: Buffer[] = [];
    let off = 0;
    for (let i = first; i <= last; i++) {
      const len = segmentPlainLength(i, this.size, segmentSize) + TAG_SIZE;
      out.push(decryptSegment(this.file, i, raw.subarray(off, off + len)));
      off += len;
    }
    return out;
  }

  /**
   * Plaintext of [start, endInclusive], one chunk per segment. A batch's chunks are yielded only after
   * every segment in the batch has authenticated; a bad segment throws CacheIntegrityError before any
   * of its bytes leave this function. The next batches are read while this one is decrypted and consumed.
   */
  async *range(start: number, endInclusive: number): AsyncGenerator<Buffer> {
    if (endInclusive < start) return;
    if (start < 0 || endInclusive >= this.size) throw new RangeError(`range ${start}-${endInclusive} outside 0..${this.size - 1}`);
    const { segmentSize } = this.file.header;
    const { first, last } = segmentsForRange(start, endInclusive, segmentSize);
    const batchEnd = (b: number) => Math.min(last, b + BATCH_SEGMENTS - 1);
    const batches = Math.floor((last - first) / BATCH_SEGMENTS) + 1;
    const pool = this.pool?.usable && batches > POOL_MIN_BATCHES ? this.pool : null;
    const depth = pool ? pool.size * 2 : PIPELINE_DEPTH;
    const fetch = (b: number): Promise<Buffer | Buffer[]> => {
      const e = batchEnd(b);
      const p = pool
        ? this.readSegments(b, e).then((raw) =>
            pool.decrypt({
              // Exact copies: a Buffer may view a shared slab, and cloning a view sends the whole slab.
              fileKey: new Uint8Array(this.file.fileKey),
              noncePrefix: new Uint8Array(this.file.header.noncePrefix),
              aad: new Uint8Array(this.file.aad),
              segmentSize,
              plaintextSize: this.size,
              first: b,
              last: e,
              raw: raw.buffer as ArrayBuffer,
            }),
          )
        : this.readSegments(b, e);
      // If we stop early (consumer gone, or a bad segment), a prefetch's rejection must not surface as unhandled.
      p.catch(() => undefined);
      return p;
    };
    const inFlight: Promise<Buffer | Buffer[]>[] = [];
    let nextBatch = first;
    const fill = () => {
      while (inFlight.length < depth && nextBatch <= last) {
        inFlight.push(fetch(nextBatch));
        nextBatch += BATCH_SEGMENTS;
      }
    };
    for (let b = first; b <= last; b += BATCH_SEGMENTS) {
      fill();
      const got = await inFlight.shift()!;
      fill();
      // From the pool: every segment of the batch, already authenticated.
      const plains = pool ? (got as Buffer[]) : this.decryptBatch(got as Buffer, b, batchEnd(b));
      for (let k = 0; k < plains.length; k++) {
        const i = b + k;
        const plain = plains[k]!;
        const lo = i === first ? start - i * segmentSize : 0;
        const hi = i === last ? endInclusive - i * segmentSize + 1 : plain.length;
        yield lo === 0 && hi === plain.length ? plain : plain.subarray(lo, hi);
      }
    }
  }

  /** Authenticates every segment; throws CacheIntegrityError on the first bad one. */
  async verifyAll(): Promise<void> {
    if (this.size === 0) {
      decryptSegment(this.file, 0, await this.readSegments(0, 0));
      return;
    }
    for await (const chunk of this.range(0, this.size - 1)) void chunk;
  }
}
