// A few worker threads that decrypt long sequential reads of cache files, so a full read uses
// several cores instead of one (AES-GCM on one core is slower than reading the page cache). Short
// ranges stay on the caller's thread: a message round trip costs more than decrypting 64 KiB.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CacheIntegrityError } from './segment-format';

export interface DecryptJob {
  id: number;
  fileKey: Uint8Array;
  noncePrefix: Uint8Array;
  aad: Uint8Array;
  segmentSize: number;
  plaintextSize: number;
  first: number;
  last: number;
  /** The batch's sealed segments, transferred. */
  raw: ArrayBuffer;
}

export type DecryptReply = { id: number; ok: true; plains: ArrayBuffer[] } | { id: number; ok: false; message: string; segment: number | null };

export class DecryptPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve(b: Buffer[]): void; reject(e: Error): void }>();
  private next = 1;
  private turn = 0;
  private broken: Error | null = null;

  constructor(readonly size = Math.max(1, Math.min(4, availableParallelism()))) {}

  private worker(): Worker {
    if (this.workers.length < this.size) {
      const w = new Worker(join(__dirname, 'decrypt-worker.js'));
      // Idle workers must not keep a CLI run or a test alive.
      w.unref();
      w.on('message', (r: DecryptReply) => {
        const p = this.pending.get(r.id);
        if (!p) return;
        this.pending.delete(r.id);
        if (r.ok) p.resolve(r.plains.map((ab) => Buffer.from(ab)));
        else p.reject(r.segment !== null || /authenticate|truncated|past the end/.test(r.message) ? new CacheIntegrityError(r.message, r.segment) : new Error(r.message));
      });
      w.on('error', (err) => this.fail(err));
      this.workers.push(w);
      return w;
    }
    return this.workers[this.turn++ % this.workers.length]!;
  }

  private fail(err: Error): void {
    this.broken = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Whether the pool can take work (false after a worker crashed: callers decrypt in-thread). */
  get usable(): boolean {
    return this.broken === null;
  }

  /** The plaintext of each segment of the batch, in order; rejects if any segment fails. */
  decrypt(job: Omit<DecryptJob, 'id'>): Promise<Buffer[]> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.next++;
    const w = this.worker();
    return new Promise<Buffer[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) for (const x of this.workers) x.ref();
      w.postMessage({ ...job, id }, [job.raw]);
    }).finally(() => {
      if (this.pending.size === 0) for (const x of this.workers) x.unref();
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('the decrypt pool was closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
