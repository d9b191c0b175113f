// bench/cache: a 200 MB recording read through the encrypted cache (decrypting on the fly) against the
// same plaintext file read with fs, sequentially and as random 64 KiB ranges. Prints throughput and
// the ratios, measured in one run. Target: sequential ≥ 0.7 of plain fs.
//
// Two plaintext baselines, both printed: Node's standard way to stream a file (fs.createReadStream with
// its default 64 KiB chunks — how the store served audio before the cache, and how any Node server
// serves a Range), and a best case (1 MiB chunks) that only a bulk copy would use.
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingCache } from '../electron/core/cache/recording-cache';
import { openDatabase } from '../electron/core/db/database';

const SIZE = Number(process.env.BENCH_CACHE_MB ?? 200) * 1024 * 1024;
const RANGE = 64 * 1024;
const RANGES = Number(process.env.BENCH_CACHE_RANGES ?? 2000);
const ROUNDS = 5;

const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-cache-'));
const mb = (bytes: number) => bytes / 1024 / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(f: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const bytes = await f();
  return { ms: performance.now() - t, bytes };
}

async function main(): Promise<void> {
  const plainFile = join(dir, 'recording.wav');
  // Random bytes: the worst case for nothing (GCM does not care), and no accidental compression.
  const plain = randomBytes(SIZE);
  writeFileSync(plainFile, plain);
  const db = openDatabase(join(dir, 'bench.db'), randomBytes(32));
  const cache = new RecordingCache({ dir: join(dir, 'cache'), db, masterKey: randomBytes(32) });
  const t0 = performance.now();
  await cache.ensure('BENCH', { version: 'v1', size: SIZE, open: () => createReadStream(plainFile, { highWaterMark: 1024 * 1024 }) });
  const writeMs = performance.now() - t0;

  const plainSeq = (highWaterMark?: number) =>
    time(async () => {
      let n = 0;
      for await (const c of createReadStream(plainFile, highWaterMark ? { highWaterMark } : {})) n += (c as Buffer).length;
      return n;
    });
  const cacheSeq = () =>
    time(async () => {
      let n = 0;
      for await (const c of cache.read('BENCH')!) n += c.length;
      return n;
    });
  // The same random offsets for both, so each reads identical bytes.
  const offsets = Array.from({ length: RANGES }, () => Math.floor(Math.random() * (SIZE - RANGE)));
  const plainRandom = () =>
    time(async () => {
      let n = 0;
      const buf = Buffer.allocUnsafe(RANGE);
      for (const off of offsets) {
        // As a naive server would: open, read the range, close.
        const fh = await open(plainFile, 'r');
        n += (await fh.read(buf, 0, RANGE, off)).bytesRead;
        await fh.close();
      }
      return n;
    });
  const cacheRandom = () =>
    time(async () => {
      let n = 0;
      for (const off of offsets) for await (const c of cache.read('BENCH', off, off + RANGE - 1)!) n += c.length;
      return n;
    });

  // Check once that both paths return the same bytes before timing anything.
  const probe = offsets[0]!;
  const parts: Buffer[] = [];
  for await (const c of cache.read('BENCH', probe, probe + RANGE - 1)!) parts.push(c);
  if (!Buffer.concat(parts).equals(plain.subarray(probe, probe + RANGE))) throw new Error('the cache returned different bytes');

  const seq = { plain: [] as number[], best: [] as number[], cache: [] as number[] };
  const rnd = { plain: [] as number[], cache: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate, so drift (page cache, CPU frequency) hits both sides alike.
    const a = await plainSeq();
    const a2 = await plainSeq(1024 * 1024);
    const b = await cacheSeq();
    if (a.bytes !== SIZE || a2.bytes !== SIZE || b.bytes !== SIZE) throw new Error('short read');
    seq.plain.push(mb(a.bytes) / (a.ms / 1000));
    seq.best.push(mb(a2.bytes) / (a2.ms / 1000));
    seq.cache.push(mb(b.bytes) / (b.ms / 1000));
    const c = await plainRandom();
    const d = await cacheRandom();
    rnd.plain.push(mb(c.bytes) / (c.ms / 1000));
    rnd.cache.push(mb(d.bytes) / (d.ms / 1000));
  }
  const line = (name: string, p: number[], c: number[]) =>
    console.log(`${name.padEnd(28)} plain fs ${median(p).toFixed(0).padStart(6)} MB/s   encrypted cache ${median(c).toFixed(0).padStart(6)} MB/s   ratio ${(median(c) / median(p)).toFixed(2)}`);
  console.log(`bench/cache: ${mb(SIZE).toFixed(0)} MB recording, ${RANGES} random ${RANGE / 1024} KiB ranges, median of ${ROUNDS} rounds (Node ${process.version})`);
  console.log(`  encrypting it into the cache took ${(writeMs / 1000).toFixed(2)} s (${(mb(SIZE) / (writeMs / 1000)).toFixed(0)} MB/s)`);
  line('sequential, standard stream', seq.plain, seq.cache);
  line('sequential, 1 MiB best case', seq.best, seq.cache);
  line('random 64 KiB ranges', rnd.plain, rnd.cache);
  const ratio = median(seq.cache) / median(seq.plain);
  const best = median(seq.cache) / median(seq.best);
  console.log(`sequential ratio ${ratio.toFixed(2)} against the standard stream (target >= 0.70): ${ratio >= 0.7 ? 'met' : 'NOT met'}; ${best.toFixed(2)} against the 1 MiB best case`);
  cache.close();
  db.close();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
