// Worker thread of the decrypt pool: authenticates and decrypts one batch of consecutive segments
// (segment-format.ts) and hands the plaintext back without a copy. All-or-nothing: a batch with a
// bad segment returns an error and no bytes.
import { parentPort } from 'node:worker_threads';
import { CacheIntegrityError, decryptSegment, segmentPlainLength, TAG_SIZE, type OpenedFile } from './segment-format';
import type { DecryptJob, DecryptReply } from './decrypt-pool';

const port = parentPort;
if (!port) throw new Error('decrypt-worker must run in a worker thread');

port.on('message', (job: DecryptJob) => {
  let reply: DecryptReply;
  try {
    const file: OpenedFile = {
      fileKey: Buffer.from(job.fileKey),
      aad: Buffer.from(job.aad),
      header: {
        segmentSize: job.segmentSize,
        plaintextSize: job.plaintextSize,
        noncePrefix: Buffer.from(job.noncePrefix),
        keyId: Buffer.alloc(0),
        wrapNonce: Buffer.alloc(0),
        wrappedKey: Buffer.alloc(0),
        wrapTag: Buffer.alloc(0),
      },
    };
    const raw = Buffer.from(job.raw);
    const plains: ArrayBuffer[] = [];
    let inOff = 0;
    for (let i = job.first; i <= job.last; i++) {
      const sealedLen = segmentPlainLength(i, job.plaintextSize, job.segmentSize) + TAG_SIZE;
      const plain = decryptSegment(file, i, raw.subarray(inOff, inOff + sealedLen));
      inOff += sealedLen;
      // Hand each segment's own output back without copying when it owns its memory.
      plains.push(plain.byteOffset === 0 && plain.byteLength === plain.buffer.byteLength ? (plain.buffer as ArrayBuffer) : new Uint8Array(plain).buffer);
    }
    file.fileKey.fill(0);
    reply = { id: job.id, ok: true, plains };
    port.postMessage(reply, plains);
  } catch (err) {
    reply = { id: job.id, ok: false, message: (err as Error).message, segment: err instanceof CacheIntegrityError ? err.segment : null };
    port.postMessage(reply);
  }
});
