// The encrypted cache behind the media handler, through the real backend: streaming with Range,
// fetch-on-first-play with progress events, recovery from a tampered entry (audited), the cache
// commands, and no plaintext anywhere in the data directory after playing demo calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createBackend, type Backend } from '../../electron/core/backend';
import { writeDemoStore } from '../../electron/core/demo/demo-writer';
import { parseWavHeader } from '../../electron/core/audio/wav';
import type { ProgressEvent } from '../../shared/events';
import type { Page, RecordingRow } from '../../shared/types';
import type { CacheStats } from '../../shared/cache-types';
import { cacheFiles, filesUnder } from './cache-fixtures';
import { memoryVault } from './memory-vault';

interface World {
  dir: string;
  storeRoot: string;
  dataDir: string;
  backend: Backend;
  rows: RecordingRow[];
  events: ProgressEvent[];
  audioFile(id: string): string;
  close(): void;
}

async function world(count = 3): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-cache-media-'));
  const storeRoot = path.join(dir, 'store');
  const dataDir = path.join(dir, 'data');
  await writeDemoStore(storeRoot, { count, seed: 11, now: new Date('2026-11-20T12:00:00Z') });
  const backend = await createBackend({ dataDir, storeRoot, openVault: memoryVault() });
  const events: ProgressEvent[] = [];
  backend.services.events.on((e) => e.type === 'progress' && e.kind === 'download' && events.push(e));
  await backend.indexAsSystem();
  assert.equal((await backend.dispatch('profile.create', { displayName: 'Quinn', role: 'qa_supervisor' })).ok, true);
  const search = await backend.dispatch('library.search', {});
  assert.ok(search.ok);
  const rows = (search.value as Page<RecordingRow>).rows;
  return {
    dir,
    storeRoot,
    dataDir,
    backend,
    rows,
    events,
    audioFile: (id) => path.join(storeRoot, ...backend.services.recordings.detail(id)!.audioKey.split('/')),
    close() {
      backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const get = (b: Backend, id: string, range?: string) =>
  b.media(new Request(`earmark-media://recording/${id}`, { headers: range ? { range } : undefined }));
const body = async (r: Response) => Buffer.from(await r.arrayBuffer());

test('playback streams from the encrypted cache: fetched once with progress, then served without the store', async () => {
  const w = await world();
  try {
    const id = w.rows[0]!.id;
    const file = fs.readFileSync(w.audioFile(id));
    assert.equal((await w.backend.dispatch('recording.open', { id })).ok, true);

    const first = await get(w.backend, id, 'bytes=0-99');
    assert.equal(first.status, 206);
    assert.equal(first.headers.get('content-range'), `bytes 0-99/${file.length}`);
    assert.deepEqual(await body(first), file.subarray(0, 100));
    const done = w.events.filter((e) => e.subject === id);
    assert.equal(done[0]!.state, 'running');
    assert.deepEqual(
      { state: done.at(-1)!.state, done: done.at(-1)!.done, total: done.at(-1)!.total, taskId: done.at(-1)!.taskId, unit: done.at(-1)!.unit },
      { state: 'done', done: file.length, total: file.length, taskId: `download:${id}`, unit: 'bytes' },
    );
    assert.equal(cacheFiles(path.join(w.dataDir, 'cache')).length, 2, 'the audio and, beside it, its waveform peaks');

    // The store copy goes away: playback continues from the cache alone.
    fs.renameSync(w.audioFile(id), `${w.audioFile(id)}.away`);
    const seg = 64 * 1024;
    const ranges: [number, number][] = [
      [seg - 1, seg],
      [file.length - 1, file.length - 1],
      [1000, 3 * seg + 17],
    ];
    for (const [s, e] of ranges) {
      const r = await get(w.backend, id, `bytes=${s}-${e}`);
      assert.equal(r.status, 206);
      assert.equal(r.headers.get('content-range'), `bytes ${s}-${e}/${file.length}`);
      assert.deepEqual(await body(r), file.subarray(s, e + 1));
    }
    const whole = await get(w.backend, id);
    assert.equal(whole.status, 200);
    assert.deepEqual(await body(whole), file);
    const parallel = await Promise.all([0, 1, 2, 3, 4].map((k) => get(w.backend, id, `bytes=${k * 5000}-${k * 5000 + seg * 2}`).then(body)));
    parallel.forEach((b, k) => assert.deepEqual(b, file.subarray(k * 5000, k * 5000 + seg * 2 + 1)));

    for (const bad of [`bytes=${file.length}-`, 'bytes=9-3', 'bytes=0-1,4-5']) {
      const r = await get(w.backend, id, bad);
      assert.equal(r.status, 416, bad);
      assert.equal(r.headers.get('content-range'), `bytes */${file.length}`);
    }
    assert.equal(w.events.filter((e) => e.subject === id && e.state === 'done').length, 1, 'one download only');
  } finally {
    w.close();
  }
});

test('a tampered cache entry is never served: evicted, re-fetched and audited as an error', async () => {
  const w = await world();
  try {
    const id = w.rows[1]!.id;
    const file = fs.readFileSync(w.audioFile(id));
    await w.backend.dispatch('recording.open', { id });
    await body(await get(w.backend, id, 'bytes=0-0'));
    // The audio entry: the largest file (its waveform peaks sit beside it in a small one).
    const [enc] = cacheFiles(path.join(w.dataDir, 'cache')).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
    const bytes = fs.readFileSync(enc!);
    bytes[200_000] ^= 0x20; // inside segment 3 (and the 206 response below covers it)
    fs.writeFileSync(enc!, bytes);

    const r = await get(w.backend, id, `bytes=0-${file.length - 1}`);
    assert.deepEqual(await body(r), file, 'exact bytes, from the re-fetched copy');
    const audit = w.backend.services.audit.list({ offset: 0, limit: 50, command: 'cache.integrity' });
    assert.equal(audit.total, 1);
    assert.equal(audit.rows[0]!.outcome, 'error');
    assert.equal(audit.rows[0]!.target, `recording:${id}`);
    assert.match(audit.rows[0]!.detail ?? '', /segment \d+ does not authenticate.*fetched again/);
    assert.equal(w.events.filter((e) => e.subject === id && e.state === 'done').length, 2);
    const verify = await w.backend.dispatch('cache.verify', {});
    assert.ok(verify.ok);
    assert.deepEqual(verify.value, { checked: 1, bad: [] });
    assert.equal(w.backend.services.audit.verify().intact, true);
  } finally {
    w.close();
  }
});

test('cache commands: stats, list, limits, clear, cancel; permissions and audit', async () => {
  const w = await world();
  try {
    for (const r of w.rows.slice(0, 2)) {
      await w.backend.dispatch('recording.open', { id: r.id });
      await body(await get(w.backend, r.id, 'bytes=0-10'));
    }
    const stats = await w.backend.dispatch('cache.stats', {});
    assert.ok(stats.ok);
    const st = stats.value as CacheStats;
    assert.equal(st.items, 2);
    assert.equal(st.sizeBytes, fs.statSync(w.audioFile(w.rows[0]!.id)).size + fs.statSync(w.audioFile(w.rows[1]!.id)).size);
    assert.ok(st.diskBytes > st.sizeBytes);
    assert.equal(st.pinned, 0);
    assert.deepEqual(st.downloads, []);

    const list = await w.backend.dispatch('cache.list', {});
    assert.ok(list.ok);
    assert.equal((list.value as unknown[]).length, 2);

    const limits = await w.backend.dispatch('cache.setLimits', { capBytes: 128 * 1024 * 1024, ttlSec: 7 * 86400 });
    assert.deepEqual(limits, { ok: true, value: { capBytes: 128 * 1024 * 1024, ttlSec: 7 * 86400 } });
    const tooSmall = await w.backend.dispatch('cache.setLimits', { capBytes: 1000 });
    assert.equal(tooSmall.ok, false);
    assert.equal((await w.backend.dispatch('cache.setLimits', {})).ok, false);

    assert.deepEqual(await w.backend.dispatch('cache.cancelDownload', { id: w.rows[0]!.id }), { ok: true, value: { cancelled: false } });

    w.backend.services.cache.pin(w.rows[0]!.id, 'legal hold LH-7');
    const cleared = await w.backend.dispatch('cache.clear', {});
    assert.ok(cleared.ok);
    assert.deepEqual({ ...(cleared.value as object), freedBytes: undefined }, { removed: 1, keptPinned: 1, freedBytes: undefined });
    assert.equal(cacheFiles(path.join(w.dataDir, 'cache')).length, 2, 'the pinned audio and its peaks stay');
    const entry = w.backend.services.audit.list({ offset: 0, limit: 5, command: 'cache.clear' }).rows[0]!;
    assert.equal(entry.outcome, 'ok');
    assert.match(entry.detail ?? '', /removed 1 .* kept 1 pinned/);

    // An auditor may look at the cache but not clear it.
    assert.equal((await w.backend.dispatch('profile.create', { displayName: 'Avery', role: 'auditor' })).ok, true);
    assert.equal((await w.backend.dispatch('cache.stats', {})).ok, true);
    const denied = await w.backend.dispatch('cache.clear', {});
    assert.equal(denied.ok, false);
    assert.equal(!denied.ok && denied.error.code, 'denied');
  } finally {
    w.close();
  }
});

test('cancelling a download through the command: the waiting open fails, nothing is cached', async () => {
  const w = await world();
  try {
    const id = w.rows[0]!.id;
    // Slow the store down for this recording so the download (opening fetches it into the cache) is still running when we cancel.
    const store = w.backend.services.store;
    const original = store.readAudio.bind(store);
    store.readAudio = (key, range) => {
      const s = original(key, range);
      return Readable.from(
        (async function* () {
          for await (const c of s) {
            await new Promise((r) => setTimeout(r, 30));
            yield c;
          }
        })(),
      );
    };
    const pending = w.backend.dispatch('recording.open', { id });
    for (let i = 0; i < 400 && !w.events.some((e) => e.subject === id && e.state === 'running'); i++) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(await w.backend.dispatch('cache.cancelDownload', { id }), { ok: true, value: { cancelled: true } });
    const opened = await pending;
    assert.equal(opened.ok, false);
    assert.match((opened as { ok: false; error: { message: string } }).error.message, /cancelled/);
    assert.equal(w.events.filter((e) => e.subject === id).at(-1)!.state, 'cancelled');
    assert.deepEqual(filesUnder(path.join(w.dataDir, 'cache')), []);
    store.readAudio = original;
    assert.equal((await w.backend.dispatch('recording.open', { id })).ok, true);
    assert.deepEqual(await body(await get(w.backend, id, 'bytes=0-99')), fs.readFileSync(w.audioFile(id)).subarray(0, 100));
  } finally {
    w.close();
  }
});

test('no plaintext at rest: after playing demo calls, no PCM run and no customer data anywhere in the data directory', async () => {
  const w = await world(4);
  try {
    const needles: { what: string; bytes: Buffer }[] = [];
    for (const row of w.rows) {
      await w.backend.dispatch('recording.open', { id: row.id });
      const file = fs.readFileSync(w.audioFile(row.id));
      assert.deepEqual(await body(await get(w.backend, row.id)), file);
      const info = parseWavHeader(file.subarray(0, 4096), file.length);
      const mid = info.dataOffset + Math.floor(info.dataLength / 2);
      needles.push({ what: `PCM of ${row.id}`, bytes: file.subarray(mid, mid + 48) });
      const sidecar = JSON.parse(fs.readFileSync(w.audioFile(row.id).replace(/\.wav$/, '.json'), 'utf8')) as { customer?: { name?: string; id?: string } };
      if (sidecar.customer?.name) needles.push({ what: `customer name of ${row.id}`, bytes: Buffer.from(sidecar.customer.name) });
      if (sidecar.customer?.id) needles.push({ what: `customer id of ${row.id}`, bytes: Buffer.from(sidecar.customer.id) });
      const transcript = w.audioFile(row.id).replace(/\.wav$/, '.transcript.json');
      const spoken = fs.existsSync(transcript) ? /the number is ([a-z ,]+)/.exec(fs.readFileSync(transcript, 'utf8'))?.[1] : undefined;
      if (spoken) needles.push({ what: `card number of ${row.id}`, bytes: Buffer.from(spoken.slice(0, 24)) });
    }
    assert.ok(needles.some((n) => n.what.startsWith('card number')), 'the demo calls include a spoken card number');
    assert.ok(needles.some((n) => n.what.startsWith('customer name')));
    // The needles are real: each is in the store, where the plaintext legitimately lives.
    const storeBytes = filesUnder(w.storeRoot).map((f) => fs.readFileSync(f));
    for (const n of needles) assert.ok(storeBytes.some((b) => b.includes(n.bytes)), `${n.what} is in the store`);
    // Let the backend write whatever it writes after playing (WAL, cache index, aux blobs).
    await w.backend.services.cache.idle();
    const files = filesUnder(w.dataDir);
    assert.ok(files.some((f) => f.endsWith('.emc')), 'the calls are in the cache');
    for (const f of files) {
      const content = fs.readFileSync(f);
      for (const n of needles) {
        for (const enc of [n.bytes, Buffer.from(n.bytes.toString('latin1'), 'utf16le')]) {
          assert.equal(content.indexOf(enc), -1, `${n.what} found in ${path.relative(w.dataDir, f)}`);
        }
      }
    }
  } finally {
    w.close();
  }
});
