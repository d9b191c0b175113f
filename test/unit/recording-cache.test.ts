import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RecordingCache, CacheIntegrityError, DownloadCancelledError } from '../../electron/core/cache/recording-cache';
import { HEADER_SIZE, TAG_SIZE, segmentOffset } from '../../electron/core/cache/segment-format';
import type { DownloadProgress } from '../../shared/cache-types';
import { bufferSource, cacheDir, cacheFiles, collect, filesUnder } from './cache-fixtures';

const SEG = 64 * 1024;
const AUDIO = crypto.randomBytes(SEG * 5 + 1234); // 5 full segments and a short last one

function setup(extra: Partial<ConstructorParameters<typeof RecordingCache>[0]> = {}) {
  const d = cacheDir();
  const failures: { id: string; detail: string }[] = [];
  const progress: DownloadProgress[] = [];
  const cache = new RecordingCache({
    dir: d.cacheDir,
    db: d.db,
    masterKey: d.masterKey,
    onIntegrityFailure: (id, detail) => failures.push({ id, detail }),
    onProgress: (p) => progress.push(p),
    progressIntervalMs: 0,
    ...extra,
  });
  return { d, cache, failures, progress };
}

test('range reads: segment boundaries, first and last byte, whole file; one fetch', async () => {
  const { d, cache } = setup();
  try {
    const src = bufferSource(AUDIO, { chunk: 7000 });
    const size = AUDIO.length;
    const ranges: [number, number][] = [
      [0, 0],
      [size - 1, size - 1],
      [0, size - 1],
      [SEG - 1, SEG],
      [SEG - 10, 3 * SEG + 10],
      [SEG, 2 * SEG - 1],
      [5 * SEG, size - 1],
      [5 * SEG - 1, 5 * SEG],
      [123, 124],
    ];
    for (const [s, e] of ranges) {
      assert.deepEqual(await collect(cache.openRange('C1', src, s, e)), AUDIO.subarray(s, e + 1), `${s}-${e}`);
    }
    assert.equal(src.opens, 1, 'fetched from the store once, then served from the cache');
    assert.equal(cacheFiles(d.cacheDir).length, 1);
    const st = cache.stats();
    assert.equal(st.items, 1);
    assert.equal(st.sizeBytes, size);
    assert.equal(st.diskBytes, HEADER_SIZE + size + 6 * TAG_SIZE);
  } finally {
    cache.close();
    d.cleanup();
  }
});

test('concurrent readers share one download and all get exact bytes', async () => {
  const { d, cache } = setup();
  try {
    const src = bufferSource(AUDIO, { chunk: 10_000, delayMs: 1 });
    const jobs = Array.from({ length: 12 }, (_, i) => {
      const s = (i * 37_123) % AUDIO.length;
      const e = Math.min(AUDIO.length - 1, s + 90_000 + i * 1000);
      return collect(cache.openRange('C1', src, s, e)).then((b) => assert.deepEqual(b, AUDIO.subarray(s, e + 1)));
    });
    jobs.push(collect(cache.openRange('C1', src, 0, AUDIO.length - 1)).then((b) => assert.deepEqual(b, AUDIO)));
    await Promise.all(jobs);
    assert.equal(src.opens, 1);
  } finally {
    cache.close();
    d.cleanup();
  }
});

/** Reads through `read` (no re-fetch) and returns what was served before the failure. */
async function servedBeforeFailure(cache: RecordingCache, id: string): Promise<{ served: Buffer; error: unknown }> {
  const parts: Buffer[] = [];
  try {
    for await (const c of cache.read(id)!) parts.push(c);
    return { served: Buffer.concat(parts), error: null };
  } catch (error) {
    return { served: Buffer.concat(parts), error };
  }
}

function tamper(name: string, mutate: (file: Buffer) => Buffer) {
  test(`tampering (${name}) is detected, never served, evicted, reported and re-fetched`, async () => {
    const { d, cache, failures } = setup();
    try {
      const src = bufferSource(AUDIO);
      await cache.ensure('C1', src);
      const [file] = cacheFiles(d.cacheDir);
      fs.writeFileSync(file!, mutate(fs.readFileSync(file!)));

      const { served, error } = await servedBeforeFailure(cache, 'C1');
      assert.ok(error instanceof CacheIntegrityError, `expected an integrity error, got ${String(error)}`);
      assert.ok(served.length < AUDIO.length);
      assert.deepEqual(served, AUDIO.subarray(0, served.length), 'only authenticated bytes came out');
      assert.equal(served.length % SEG, 0, 'nothing of the bad segment was served');
      assert.equal(failures.length, 1);
      assert.equal(failures[0]!.id, 'C1');
      assert.equal(cache.stats().items, 0, 'the entry was evicted');
      assert.equal(cacheFiles(d.cacheDir).length, 0, 'and its file removed');

      // Playback recovers: re-fetched from the store, exact bytes.
      assert.deepEqual(await collect(cache.openRange('C1', src, 0, AUDIO.length - 1)), AUDIO);
      assert.equal(src.opens, 2);
      assert.equal((await cache.verify()).bad.length, 0);
    } finally {
      cache.close();
      d.cleanup();
    }
  });
}

const segLen = SEG + TAG_SIZE;
tamper('one byte flipped in segment 3', (f) => {
  f[segmentOffset(3, SEG) + 100] ^= 0x01;
  return f;
});
tamper('one byte flipped in a tag', (f) => {
  f[segmentOffset(2, SEG) + segLen - 1] ^= 0x80;
  return f;
});
tamper('two segments swapped', (f) => {
  const a = Buffer.from(f.subarray(segmentOffset(1, SEG), segmentOffset(1, SEG) + segLen));
  f.copy(f, segmentOffset(1, SEG), segmentOffset(2, SEG), segmentOffset(2, SEG) + segLen);
  a.copy(f, segmentOffset(2, SEG));
  return f;
});
tamper('truncated by a byte', (f) => f.subarray(0, f.length - 1));
tamper('truncated to whole segments', (f) => f.subarray(0, segmentOffset(4, SEG)));
tamper('header byte flipped', (f) => {
  f[20] ^= 0x04;
  return f;
});

test('segments swapped between two entries are detected in both', async () => {
  const { d, cache, failures } = setup();
  try {
    const other = crypto.randomBytes(AUDIO.length);
    await cache.ensure('C1', bufferSource(AUDIO));
    await cache.ensure('C2', bufferSource(other));
    const row = (id: string) => d.db.prepare('SELECT token FROM cache_entries WHERE id = ?').get(id) as { token: string };
    const f1 = path.join(d.cacheDir, `${row('C1').token}.emc`);
    const f2 = path.join(d.cacheDir, `${row('C2').token}.emc`);
    const b1 = fs.readFileSync(f1);
    const b2 = fs.readFileSync(f2);
    const at = segmentOffset(2, SEG);
    const s1 = Buffer.from(b1.subarray(at, at + segLen));
    b2.copy(b1, at, at, at + segLen);
    s1.copy(b2, at);
    fs.writeFileSync(f1, b1);
    fs.writeFileSync(f2, b2);
    const report = await cache.verify();
    assert.deepEqual(report.bad.map((b) => b.id).sort(), ['C1', 'C2']);
    for (const [id, bytes] of [['C1', AUDIO], ['C2', other]] as const) {
      const { served, error } = await servedBeforeFailure(cache, id);
      assert.ok(error instanceof CacheIntegrityError);
      assert.ok(served.length <= 2 * SEG, 'nothing from segment 2 on');
      assert.deepEqual(served, bytes.subarray(0, served.length));
    }
    assert.equal(failures.length, 2);

    // Whole files swapped (renamed onto each other's token) fail at the header.
    await cache.ensure('C1', bufferSource(AUDIO, { version: 'v2' }));
    await cache.ensure('C2', bufferSource(other, { version: 'v2' }));
    const g1 = path.join(d.cacheDir, `${row('C1').token}.emc`);
    const g2 = path.join(d.cacheDir, `${row('C2').token}.emc`);
    const tmp = `${g1}.x`;
    fs.renameSync(g1, tmp);
    fs.renameSync(g2, g1);
    fs.renameSync(tmp, g2);
    assert.equal((await cache.verify()).bad.length, 2);
  } finally {
    cache.close();
    d.cleanup();
  }
});

test('a cache opened with another master key refuses the entries (crypto-shredding)', async () => {
  const { d, cache } = setup();
  try {
    await cache.ensure('C1', bufferSource(AUDIO));
    cache.close();
    const failures: string[] = [];
    const other = new RecordingCache({ dir: d.cacheDir, db: d.db, masterKey: crypto.randomBytes(32), onIntegrityFailure: (_id, detail) => failures.push(detail) });
    const report = await other.verify();
    assert.equal(report.bad.length, 1);
    assert.match(report.bad[0]!.reason, /different cache master key/);
    const { error } = await servedBeforeFailure(other, 'C1');
    assert.ok(error instanceof CacheIntegrityError);
    assert.equal(failures.length, 1);
  } finally {
    d.cleanup();
  }
});

test('LRU eviction under the size cap; pins outrank it; clear keeps pinned', async () => {
  let now = 1_000_000;
  const { d, cache } = setup({ now: () => now });
  try {
    const one = HEADER_SIZE + AUDIO.length + 6 * TAG_SIZE;
    cache.setLimits({ capBytes: one * 3 + 10 });
    for (const id of ['A', 'B', 'C']) {
      now += 1000;
      await cache.ensure(id, bufferSource(AUDIO));
    }
    now += 1000;
    await collect(cache.openRange('A', bufferSource(AUDIO), 0, 10)); // A is now the most recent
    cache.pin('B', 'legal hold LH-1');
    now += 1000;
    await cache.ensure('D', bufferSource(AUDIO));
    assert.deepEqual(cache.list().map((e) => e.id).sort(), ['A', 'B', 'D'], 'C was least recently used; B is pinned');
    assert.equal(cache.list().find((e) => e.id === 'B')!.pinned, 'legal hold LH-1');
    assert.equal(cache.stats().pinned, 1);
    assert.ok(cache.stats().diskBytes <= one * 3 + 10);

    const cleared = cache.clear();
    assert.deepEqual(cleared, { removed: 2, freedBytes: 2 * one, keptPinned: 1 });
    assert.deepEqual(cache.list().map((e) => e.id), ['B']);
    assert.equal(cacheFiles(d.cacheDir).length, 1);
    assert.equal(cache.unpin('B'), true);
    assert.equal(cache.clear().removed, 1);
    assert.equal(cacheFiles(d.cacheDir).length, 0);
  } finally {
    cache.close();
    d.cleanup();
  }
});

test('time-to-live: an expired copy is fetched again; a pinned one is not', async () => {
  let now = 5_000_000;
  const { d, cache } = setup({ now: () => now });
  try {
    cache.setLimits({ ttlSec: 60 });
    const a = bufferSource(AUDIO);
    const b = bufferSource(AUDIO);
    await cache.ensure('A', a);
    await cache.ensure('B', b);
    cache.pin('B', 'hold');
    now += 61_000;
    assert.equal(cache.has('A'), false);
    assert.equal(cache.has('B'), true);
    await cache.ensure('A', a);
    await cache.ensure('B', b);
    assert.equal(a.opens, 2);
    assert.equal(b.opens, 1);
    now += 61_000;
    cache.enforce();
    assert.deepEqual(cache.list().map((e) => e.id), ['B']);
    // A new store version replaces the cached copy.
    await cache.ensure('B', bufferSource(AUDIO, { version: 'v2' }));
    assert.equal(cacheFiles(d.cacheDir).length, 1);
  } finally {
    cache.close();
    d.cleanup();
  }
});

test('download progress, and cancelling leaves nothing behind', async () => {
  const { d, cache, progress } = setup();
  try {
    const big = crypto.randomBytes(4 * 1024 * 1024);
    const src = bufferSource(big, { chunk: 64 * 1024, delayMs: 5 });
    const p = cache.ensure('C1', src);
    // Cancel once some bytes are written (the whole download takes ≥ 64 × 5 ms).
    for (let i = 0; i < 400 && !progress.some((e) => e.receivedBytes > 0); i++) await new Promise((r) => setTimeout(r, 5));
    assert.equal(cache.stats().downloads.length, 1);
    assert.equal(cache.cancelDownload('C1'), true);
    await assert.rejects(p, DownloadCancelledError);
    assert.equal(cache.cancelDownload('C1'), false);
    assert.equal(progress[0]!.state, 'running');
    assert.equal(progress.at(-1)!.state, 'cancelled');
    assert.ok(progress.some((e) => e.receivedBytes > 0 && e.state === 'running'));
    assert.deepEqual(filesUnder(d.cacheDir), [], 'no temp file, no entry');
    assert.equal(cache.stats().items, 0);

    // Done downloads report done with every byte.
    progress.length = 0;
    await cache.ensure('C2', bufferSource(AUDIO));
    assert.deepEqual(progress.at(-1), { id: 'C2', receivedBytes: AUDIO.length, totalBytes: AUDIO.length, state: 'done' });
    assert.ok(progress.every((e, i) => i === 0 || e.receivedBytes >= progress[i - 1]!.receivedBytes));
  } finally {
    cache.close();
    d.cleanup();
  }
});

test('a store that delivers the wrong number of bytes fails the download', async () => {
  const { d, cache, progress } = setup();
  try {
    const lying = { ...bufferSource(AUDIO), size: AUDIO.length + 5 };
    await assert.rejects(cache.ensure('C1', lying), /delivered/);
    assert.equal(progress.at(-1)!.state, 'failed');
    assert.deepEqual(filesUnder(d.cacheDir), []);
  } finally {
    cache.close();
    d.cleanup();
  }
});

test('aux blobs: encrypted beside the entry, authenticated, removed with it; complete hooks run', async () => {
  const completed: string[] = [];
  const { d, cache, failures } = setup();
  try {
    cache.onEntryComplete(async (id) => {
      const head = await collect(cache.read(id, 0, 3)!);
      await cache.putAux(id, 'peaks', Buffer.concat([Buffer.from('PEAKS:'), head]));
      completed.push(id);
    });
    await cache.ensure('C1', bufferSource(AUDIO));
    await cache.idle();
    assert.deepEqual(completed, ['C1']);
    assert.deepEqual(await cache.getAux('C1', 'peaks'), Buffer.concat([Buffer.from('PEAKS:'), AUDIO.subarray(0, 4)]));
    assert.equal(await cache.getAux('C1', 'transcript'), null);
    assert.equal(cacheFiles(d.cacheDir).length, 2);
    for (const f of cacheFiles(d.cacheDir)) assert.equal(fs.readFileSync(f).indexOf(Buffer.from('PEAKS:')), -1);
    await assert.rejects(cache.putAux('nope', 'peaks', Buffer.from('x')), /not cached/);
    await assert.rejects(cache.putAux('C1', '../x', Buffer.from('x')), RangeError);

    // Replace, then tamper: a bad blob is dropped and reported, never returned.
    await cache.putAux('C1', 'peaks', Buffer.from('second'));
    assert.equal(cacheFiles(d.cacheDir).length, 2, 'the replaced blob file is gone');
    const auxToken = (d.db.prepare("SELECT token FROM cache_aux WHERE name = 'peaks'").get() as { token: string }).token;
    const auxFile = path.join(d.cacheDir, `${auxToken}.emc`);
    const bytes = fs.readFileSync(auxFile);
    bytes[bytes.length - 3] ^= 1;
    fs.writeFileSync(auxFile, bytes);
    assert.deepEqual((await cache.verify()).bad, [{ id: 'C1', reason: 'peaks: segment 0 does not authenticate' }]);
    assert.equal(await cache.getAux('C1', 'peaks'), null);
    assert.equal(failures.length, 1);
    await cache.putAux('C1', 'peaks', Buffer.from('third'));
    cache.evict('C1');
    assert.deepEqual(cacheFiles(d.cacheDir), [], 'evicting the entry removes its blobs');
  } finally {
    cache.close();
    d.cleanup();
  }
});

test('start-up sweep removes temp files of dead processes, orphan files and entries without files', async () => {
  let now = 10_000_000;
  const { d, cache } = setup({ now: () => now });
  await cache.ensure('C1', bufferSource(AUDIO));
  await cache.ensure('C2', bufferSource(AUDIO));
  cache.close();
  try {
    const deadTmp = path.join(d.cacheDir, 'tmp', 'abc.999999999.part');
    fs.writeFileSync(deadTmp, 'half');
    const orphan = path.join(d.cacheDir, 'feedface.emc');
    fs.writeFileSync(orphan, 'orphan');
    const fresh = path.join(d.cacheDir, 'beadfeed.emc'); // may be another process's, about to be indexed
    fs.writeFileSync(fresh, 'fresh');
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(orphan, old, old);
    const c2 = (d.db.prepare("SELECT token FROM cache_entries WHERE id = 'C2'").get() as { token: string }).token;
    fs.rmSync(path.join(d.cacheDir, `${c2}.emc`));
    now += 120_000;
    const again = new RecordingCache({ dir: d.cacheDir, db: d.db, masterKey: d.masterKey, now: () => now });
    assert.equal(fs.existsSync(deadTmp), false);
    assert.equal(fs.existsSync(orphan), false);
    assert.equal(fs.existsSync(fresh), true);
    assert.deepEqual(again.list().map((e) => e.id), ['C1']);
    assert.deepEqual((await again.verify()).bad, []);
    again.close();
  } finally {
    d.cleanup();
  }
});

test('long reads decrypt on the worker pool: exact bytes, and a bad segment deep inside is never served', async () => {
  const { d, cache, failures } = setup();
  try {
    const big = crypto.randomBytes(7 * 1024 * 1024 + 333); // 113 segments: well past the in-thread limit
    const src = bufferSource(big, { chunk: 1 << 20 });
    assert.deepEqual(await collect(cache.openRange('BIG', src, 0, big.length - 1)), big);
    assert.deepEqual(await collect(cache.openRange('BIG', src, 100_000, 6_000_000)), big.subarray(100_000, 6_000_001));
    const many = await Promise.all([0, 1, 2].map((k) => collect(cache.openRange('BIG', src, k * 1_000_000, k * 1_000_000 + 4_000_000))));
    many.forEach((b, k) => assert.deepEqual(b, big.subarray(k * 1_000_000, k * 1_000_000 + 4_000_001)));
    assert.equal(src.opens, 1);
    assert.deepEqual((await cache.verify()).bad, []);

    cache.close(); // drop the open reader, so the tampered bytes are read from disk
    const again = new RecordingCache({ dir: d.cacheDir, db: d.db, masterKey: d.masterKey, onIntegrityFailure: (id, detail) => failures.push({ id, detail }) });
    const [file] = cacheFiles(d.cacheDir);
    const bytes = fs.readFileSync(file!);
    bytes[segmentOffset(70, SEG) + 5] ^= 0x10;
    fs.writeFileSync(file!, bytes);
    const { served, error } = await servedBeforeFailure(again, 'BIG');
    assert.ok(error instanceof CacheIntegrityError, String(error));
    assert.equal((error as CacheIntegrityError).segment, 70);
    assert.ok(served.length <= 70 * SEG);
    assert.deepEqual(served, big.subarray(0, served.length));
    assert.equal(failures.length, 1);
    assert.equal(again.stats().items, 0);
    again.close();
  } finally {
    d.cleanup();
  }
});

test('an empty aux blob is authenticated as well', async () => {
  const { d, cache, failures } = setup();
  try {
    await cache.ensure('C1', bufferSource(AUDIO));
    await cache.putAux('C1', 'marks', Buffer.alloc(0));
    assert.deepEqual(await cache.getAux('C1', 'marks'), Buffer.alloc(0));
    const token = (d.db.prepare("SELECT token FROM cache_aux WHERE name = 'marks'").get() as { token: string }).token;
    const file = path.join(d.cacheDir, `${token}.emc`);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1] ^= 1;
    fs.writeFileSync(file, bytes);
    assert.equal(await cache.getAux('C1', 'marks'), null);
    assert.equal(failures.length, 1);
  } finally {
    cache.close();
    d.cleanup();
  }
});
