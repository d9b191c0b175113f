import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FolderStore } from '../../electron/core/store/folder-store';
import { StoreRecordError, type StoreEntry } from '../../electron/core/store/recording-store';
import { mulawWav, sidecar, tempStore, writeCall } from './store-fixtures';

const DAYS = ['2026/10/30', '2026/10/31', '2026/11/01', '2026/11/02'];

/** 10 calls over 4 days (3, 3, 2, 2), plus files that are not recordings. */
function tenCalls(root: string): string[] {
  const keys: string[] = [];
  const perDay = [3, 3, 2, 2];
  DAYS.forEach((day, d) => {
    for (let i = perDay[d]; i >= 1; i--) {
      const id = `C${day.replaceAll('/', '')}-${String(i).padStart(4, '0')}`;
      keys.push(writeCall(root, day, id, { transcript: { schemaVersion: 1 } }).key);
    }
  });
  // Not recordings: a temp file, a stray folder, a transcript without sidecar, a non-day folder.
  fs.writeFileSync(path.join(root, '2026', '10', '30', '.C-tmp.json.123.tmp'), '{');
  fs.writeFileSync(path.join(root, '2026', '10', '30', '.hidden.json'), '{}');
  fs.mkdirSync(path.join(root, '2026', '10', 'xx'), { recursive: true });
  fs.writeFileSync(path.join(root, '2026', '10', 'xx', 'C1.json'), '{}');
  fs.mkdirSync(path.join(root, 'notes'), { recursive: true });
  fs.writeFileSync(path.join(root, 'notes', 'C2.json'), '{}');
  fs.writeFileSync(path.join(root, '2026', '11', '02', 'Orphan.transcript.json'), '{}');
  return keys.sort();
}

async function listAll(store: FolderStore, limit: number, changedSince?: number): Promise<{ entries: StoreEntry[]; pages: number }> {
  const entries: StoreEntry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await store.list({ cursor, limit, changedSince });
    pages++;
    assert.ok(page.entries.length <= limit, 'a page never exceeds its limit');
    entries.push(...page.entries);
    cursor = page.cursor;
    assert.ok(pages < 50, 'paging terminates');
  } while (cursor);
  return { entries, pages };
}

test('paging with limit 3 over 10 entries returns each once, in key order', async () => {
  const t = tempStore();
  try {
    const keys = tenCalls(t.root);
    const store = new FolderStore(t.root);
    for (const limit of [1, 3, 4, 10, 500]) {
      const { entries, pages } = await listAll(store, limit);
      const got = entries.map((e) => e.key);
      assert.deepEqual(got, keys, `limit ${limit}`);
      assert.equal(new Set(got).size, got.length, 'no duplicates');
      assert.ok(pages >= Math.ceil(10 / limit), `limit ${limit}: ${pages} pages`);
    }
    const first = await store.list({ limit: 3 });
    assert.equal(first.entries.length, 3);
    assert.equal(first.cursor, keys[2]);
    for (const e of first.entries) {
      assert.match(e.version, /^[0-9a-f]{32}$/);
      assert.ok(e.modifiedMs > 0);
    }
  } finally {
    t.done();
  }
});

test('a cursor in the middle of a day, or between days, resumes right after it', async () => {
  const t = tempStore();
  try {
    const keys = tenCalls(t.root);
    const store = new FolderStore(t.root);
    for (let i = 0; i < keys.length; i++) {
      const page = await store.list({ cursor: keys[i], limit: 100 });
      assert.deepEqual(page.entries.map((e) => e.key), keys.slice(i + 1), `after ${keys[i]}`);
      assert.equal(page.cursor, null);
    }
    const between = await store.list({ cursor: '2026/10/31/ZZZ', limit: 100 });
    assert.deepEqual(between.entries.map((e) => e.key), keys.filter((k) => k > '2026/10/31/ZZZ'));
  } finally {
    t.done();
  }
});

test('changedSince lists only recordings with a file modified after the instant', async () => {
  const t = tempStore();
  try {
    const keys = tenCalls(t.root);
    const old = new Date('2026-01-01T00:00:00Z');
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
    for (const f of walk(t.root)) fs.utimesSync(f, old, old);
    const cutoff = old.getTime() + 1000;
    const store = new FolderStore(t.root);
    assert.equal((await listAll(store, 3, cutoff)).entries.length, 0);

    // A newer sidecar for one call, a newer audio file for another, a newer transcript for a third.
    const later = new Date('2026-06-01T00:00:00Z');
    const [k1, k2, k3] = [keys[1], keys[5], keys[8]];
    const abs = (k: string, ext: string) => path.join(t.root, ...k.replace(/\.json$/, ext).split('/'));
    fs.utimesSync(abs(k1, '.json'), later, later);
    fs.utimesSync(abs(k2, '.wav'), later, later);
    fs.utimesSync(abs(k3, '.transcript.json'), later, later);
    const { entries } = await listAll(store, 3, cutoff);
    assert.deepEqual(entries.map((e) => e.key), [k1, k2, k3]);
    assert.ok(entries.every((e) => e.modifiedMs === later.getTime()));
  } finally {
    t.done();
  }
});

test('the version changes when any of a recording’s files changes, and only then', async () => {
  const t = tempStore();
  try {
    const c = writeCall(t.root, '2026/11/02', 'C1');
    const store = new FolderStore(t.root);
    const v1 = (await store.list()).entries[0].version;
    assert.equal((await store.list()).entries[0].version, v1, 'stable when nothing changes');
    fs.writeFileSync(c.audio!, mulawWav(2));
    const v2 = (await store.list()).entries[0].version;
    assert.notEqual(v2, v1);
    fs.writeFileSync(path.join(t.root, '2026', '11', '02', 'C1.transcript.json'), '{}');
    const v3 = (await store.list()).entries[0].version;
    assert.notEqual(v3, v2);
    fs.writeFileSync(path.join(t.root, '2026', '11', '02', 'C2.json'), '{}');
    assert.equal((await store.list()).entries[0].version, v3, 'another call’s files do not count');
  } finally {
    t.done();
  }
});

test('readRecording parses the sidecar and finds the audio and transcript', async () => {
  const t = tempStore();
  try {
    const c = writeCall(t.root, '2026/11/02', 'C1', {
      sidecar: sidecar('C1', '2026/11/02', { customer: { id: 'CUST-1', account: 'ACC-9', name: 'Pat' }, caseNumber: 'CASE-2026-1234' }),
      transcript: { schemaVersion: 1, segments: [] },
    });
    const store = new FolderStore(t.root);
    const listed = (await store.list()).entries[0];
    const r = await store.readRecording(c.key);
    assert.equal(r.key, c.key);
    assert.equal(r.version, listed.version);
    assert.equal(r.meta.callId, 'C1');
    assert.equal(r.meta.agentName, 'Alice Able');
    assert.equal(r.meta.customerId, 'CUST-1');
    assert.equal(r.meta.startTime, '2026-11-02T14:00:00.000Z');
    assert.deepEqual(r.audio, { key: '2026/11/02/C1.wav', format: 'wav', sizeBytes: fs.statSync(c.audio!).size });
    assert.equal(r.transcriptKey, '2026/11/02/C1.transcript.json');
    assert.deepEqual(JSON.parse(await store.readTranscript(r.transcriptKey!)), { schemaVersion: 1, segments: [] });
    assert.equal(await store.audioSize(r.audio.key), fs.statSync(c.audio!).size);

    const chunks: Buffer[] = [];
    for await (const ch of store.readAudio(r.audio.key, { start: 10, endInclusive: 19 })) chunks.push(ch as Buffer);
    assert.deepEqual(Buffer.concat(chunks), fs.readFileSync(c.audio!).subarray(10, 20));
  } finally {
    t.done();
  }
});

test('keys cannot reach outside the store root', async () => {
  const t = tempStore();
  try {
    writeCall(t.root, '2026/11/02', 'C1');
    fs.writeFileSync(path.join(t.dir, 'secret.json'), JSON.stringify(sidecar('secret', '2026/11/02')));
    fs.writeFileSync(path.join(t.dir, 'secret.wav'), mulawWav());
    const store = new FolderStore(t.root);
    const bad = [
      '../../etc/passwd',
      '../secret.json',
      '2026/11/02/../../../../secret.json',
      '2026/11/02/..',
      '/etc/passwd',
      '2026/11/02/C1/../../../../../secret.json',
      '2026\\11\\02\\C1.json',
      '2026/11/02/.hidden.json',
      '',
    ];
    for (const key of bad) {
      await assert.rejects(store.readRecording(key), (err: unknown) => err instanceof StoreRecordError && /not a key of this store/.test((err as Error).message), key);
      assert.throws(() => store.readAudio(key.replace(/json$/, 'wav')), StoreRecordError, key);
      await assert.rejects(store.readTranscript(key), StoreRecordError, key);
      await assert.rejects(store.audioSize(key), StoreRecordError, key);
    }
    // A sidecar naming an audio file elsewhere is refused by the sidecar schema.
    writeCall(t.root, '2026/11/02', 'C2', { sidecar: sidecar('C2', '2026/11/02', { audio: { file: '../../../secret.wav' } }) });
    await assert.rejects(store.readRecording('2026/11/02/C2.json'), /audio\.file/);
  } finally {
    t.done();
  }
});

test('a store root that does not exist fails clearly', async () => {
  const t = tempStore();
  try {
    const store = new FolderStore(path.join(t.dir, 'missing'));
    await assert.rejects(store.list(), /cannot be read/);
  } finally {
    t.done();
  }
});
