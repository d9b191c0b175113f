import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { indexStore } from '../../electron/core/indexer/indexer';
import { RecordingRepo } from '../../electron/core/library/recording-repo';
import { FolderStore } from '../../electron/core/store/folder-store';
import type { RecordingStore } from '../../electron/core/store/recording-store';
import type { IndexReport } from '../../shared/types';
import { mulawWav, sidecar, tempStore, writeCall, type TempStore } from './store-fixtures';

interface Env extends TempStore {
  db: Db;
  repo: RecordingRepo;
  store: FolderStore;
  calls: Record<string, number>;
  counted: RecordingStore;
  close(): void;
}

function env(): Env {
  const t = tempStore('earmark-indexer-');
  const db = openDatabase(path.join(t.dir, 'i.db'), crypto.randomBytes(32));
  const store = new FolderStore(t.root);
  const calls: Record<string, number> = {};
  // Counts every method call on the store, to prove what the indexer does and does not read.
  const counted = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    ...t,
    db,
    repo: new RecordingRepo(db),
    store,
    calls,
    counted,
    close() {
      db.close();
      t.done();
    },
  };
}

const reset = (e: Env) => {
  for (const k of Object.keys(e.calls)) delete e.calls[k];
};
const run = (e: Env, pageSize = 2): Promise<IndexReport> => indexStore(e.counted, e.db, { pageSize });
const ids = (e: Env) => (e.db.prepare('SELECT id FROM recordings ORDER BY id').all() as { id: string }[]).map((r) => r.id);

function goodCalls(root: string, n: number): string[] {
  const keys: string[] = [];
  for (let i = 1; i <= n; i++) {
    const day = `2026/11/0${1 + (i % 3)}`;
    keys.push(writeCall(root, day, `G${i}`, { sidecar: sidecar(`G${i}`, day, { queue: `Q${i % 2}` }) }).key);
  }
  return keys;
}

test('the first run adds every recording, with facts from the audio header', async () => {
  const e = env();
  try {
    goodCalls(e.root, 5);
    const r = await run(e);
    assert.deepEqual({ scanned: r.scanned, added: r.added, updated: r.updated, unchanged: r.unchanged, removed: r.removed }, { scanned: 5, added: 5, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(r.problems, []);
    assert.equal(e.calls.readRecording, 5);
    assert.deepEqual(ids(e), ['G1', 'G2', 'G3', 'G4', 'G5']);
    const d = e.repo.detail('G1')!;
    assert.equal(d.durationSec, 1, 'duration from the WAV header');
    assert.equal(d.audio.codec, 'pcm_mulaw');
    assert.equal(d.audio.sampleRate, 8000);
    assert.equal(d.audio.channels, 2);
    assert.deepEqual(e.repo.lastIndex(), r);
  } finally {
    e.close();
  }
});

test('a second run over an unchanged store reads nothing and changes nothing', async () => {
  const e = env();
  try {
    goodCalls(e.root, 5);
    await run(e);
    const before = e.db.prepare('SELECT * FROM recordings ORDER BY rid').all();
    reset(e);
    const r = await run(e);
    assert.deepEqual({ added: r.added, updated: r.updated, unchanged: r.unchanged, removed: r.removed, scanned: r.scanned }, { added: 0, updated: 0, unchanged: 5, removed: 0, scanned: 5 });
    assert.equal(e.calls.readRecording ?? 0, 0, 'no sidecar was parsed');
    assert.equal(e.calls.readAudio ?? 0, 0, 'no audio was read');
    assert.ok((e.calls.list ?? 0) >= 3, 'only listed (pages of 2)');
    assert.deepEqual(e.db.prepare('SELECT * FROM recordings ORDER BY rid').all(), before);
  } finally {
    e.close();
  }
});

test('changing one sidecar updates exactly that recording, in every index', async () => {
  const e = env();
  try {
    const keys = goodCalls(e.root, 4);
    await run(e);
    const file = path.join(e.root, ...keys[2].split('/'));
    const s = JSON.parse(fs.readFileSync(file, 'utf8'));
    s.queue = 'Retentions and Cancellations';
    s.tags = ['churn-risk'];
    fs.writeFileSync(file, JSON.stringify(s));
    reset(e);
    const r = await run(e);
    assert.equal(r.updated, 1);
    assert.equal(r.added, 0);
    assert.equal(r.unchanged, 3);
    assert.equal(e.calls.readRecording, 1);
    assert.equal(e.repo.detail(s.callId)!.queue, 'Retentions and Cancellations');
    const byTag = e.repo.search({ tags: ['churn-risk'], offset: 0, limit: 10, sort: 'startTime', dir: 'asc' });
    assert.deepEqual(byTag.rows.map((x) => x.id), [s.callId]);
    assert.equal(e.repo.search({ tags: ['billing'], offset: 0, limit: 10, sort: 'startTime', dir: 'asc' }).total, 3, 'old tags are gone');
    assert.deepEqual(e.repo.search({ text: 'retentions', offset: 0, limit: 10, sort: 'startTime', dir: 'asc' }).rows.map((x) => x.id), [s.callId]);
    assert.equal(e.repo.search({ text: 'Q' + (Number(s.callId.slice(1)) % 2), offset: 0, limit: 10, sort: 'startTime', dir: 'asc' }).rows.some((x) => x.id === s.callId), false, 'old text is gone');
  } finally {
    e.close();
  }
});

test('deleting a recording’s files removes it from the index', async () => {
  const e = env();
  try {
    const keys = goodCalls(e.root, 4);
    await run(e);
    const base = path.join(e.root, ...keys[0].replace(/\.json$/, '').split('/'));
    fs.rmSync(`${base}.json`);
    fs.rmSync(`${base}.wav`);
    const r = await run(e);
    assert.equal(r.removed, 1);
    assert.equal(r.unchanged, 3);
    assert.equal(r.scanned, 3);
    assert.equal(e.repo.count(), 3);
    assert.equal(e.repo.detail('G1'), null);
    assert.equal(e.repo.search({ text: 'G1', offset: 0, limit: 10, sort: 'startTime', dir: 'asc' }).total, 0, 'gone from full text too');
  } finally {
    e.close();
  }
});

const DAY = '2026/11/05';
function badStore(root: string): Record<string, RegExp> {
  writeCall(root, DAY, 'Good1');
  writeCall(root, DAY, 'BadJson', { sidecar: '{"callId": "BadJson", ' });
  const noStart = sidecar('NoStart', DAY);
  delete noStart.startTime;
  writeCall(root, DAY, 'NoStart', { sidecar: noStart });
  const noAgent = sidecar('NoAgent', DAY);
  delete noAgent.agent;
  writeCall(root, DAY, 'NoAgent', { sidecar: noAgent });
  writeCall(root, DAY, 'OddExt', { ext: 'xyz' });
  writeCall(root, DAY, 'OddNamed', { sidecar: sidecar('OddNamed', DAY, { audio: { file: 'OddNamed.xyz' } }), ext: 'xyz' });
  writeCall(root, DAY, 'NotAudio', { audio: crypto.randomBytes(4096) });
  writeCall(root, DAY, 'Mismatch', { sidecar: sidecar('Other-1', DAY) });
  writeCall(root, DAY, 'NoAudio', { audio: null });
  writeCall(root, '2026/11/06', 'Good2');
  // The same call id in two days: the first in key order wins, the second is a problem.
  writeCall(root, '2026/11/07', 'Dup', { sidecar: sidecar('Dup', '2026/11/07') });
  writeCall(root, '2026/11/08', 'Dup', { sidecar: sidecar('Dup', '2026/11/08') });
  return {
    [`${DAY}/BadJson.json`]: /invalid JSON/,
    [`${DAY}/NoStart.json`]: /startTime/,
    [`${DAY}/NoAgent.json`]: /agent/,
    [`${DAY}/OddExt.json`]: /no audio file for OddExt/,
    [`${DAY}/OddNamed.json`]: /audio.file "OddNamed\.xyz" must be named OddNamed\.wav/,
    [`${DAY}/NotAudio.json`]: /not a recognised audio file/,
    [`${DAY}/Mismatch.json`]: /callId "Other-1" does not match the file name "Mismatch\.json"/,
    [`${DAY}/NoAudio.json`]: /no audio file for NoAudio/,
    '2026/11/08/Dup.json': /call id Dup is already indexed from 2026\/11\/07\/Dup\.json/,
  };
}

test('bad sidecars are reported per file with a clear message, and the rest is indexed', async () => {
  const e = env();
  try {
    const expected = badStore(e.root);
    const r = await run(e, 3);
    assert.equal(r.scanned, 12);
    assert.equal(r.added, 3);
    assert.deepEqual(ids(e), ['Dup', 'Good1', 'Good2']);
    assert.equal(e.repo.detail('Dup')!.startTime, '2026-11-07T14:00:00.000Z');
    assert.deepEqual(r.problems.map((p) => p.file).sort(), Object.keys(expected).sort());
    for (const p of r.problems) assert.match(p.message, expected[p.file], p.file);
    assert.deepEqual(e.repo.lastIndex()!.problems, r.problems);
  } finally {
    e.close();
  }
});

test('unchanged bad files are reported again without being parsed again; a fixed one is indexed', async () => {
  const e = env();
  try {
    const expected = badStore(e.root);
    const first = await run(e);
    reset(e);
    const second = await run(e);
    // Only the duplicate id is read again: whether it is a problem depends on another file.
    assert.equal(e.calls.readRecording ?? 0, 1, 'nothing re-parsed but the duplicate');
    assert.equal(second.added + second.updated, 0);
    assert.equal(second.unchanged, 11);
    assert.deepEqual(second.problems, first.problems);

    // Fix one: the sidecar now has a start time.
    fs.writeFileSync(path.join(e.root, ...`${DAY}/NoStart.json`.split('/')), JSON.stringify(sidecar('NoStart', DAY)));
    reset(e);
    const third = await run(e);
    assert.equal(e.calls.readRecording, 2);
    assert.equal(third.added, 1);
    assert.equal(third.problems.length, Object.keys(expected).length - 1);
    assert.ok(!third.problems.some((p) => p.file.endsWith('NoStart.json')));
    assert.ok(e.repo.detail('NoStart'));

    // Break a good one: it leaves the library and becomes a problem.
    fs.writeFileSync(path.join(e.root, ...`${DAY}/Good1.json`.split('/')), 'not json at all');
    const fourth = await run(e);
    assert.equal(e.repo.detail('Good1'), null);
    assert.ok(fourth.problems.some((p) => p.file === `${DAY}/Good1.json` && /invalid JSON/.test(p.message)));
    assert.equal(fourth.removed, 0, 'a broken file is a problem, not a removal');

    // Delete a bad one: its problem goes away.
    fs.rmSync(path.join(e.root, ...`${DAY}/BadJson.json`.split('/')));
    const fifth = await run(e);
    assert.ok(!fifth.problems.some((p) => p.file.endsWith('BadJson.json')));
    assert.equal((e.db.prepare('SELECT count(*) AS n FROM index_problems WHERE sidecar_path LIKE ?').get('%BadJson%') as { n: number }).n, 0);
  } finally {
    e.close();
  }
});

test(
  'a duplicate call id is indexed once the first copy is gone (e.g. a file moved to its right day)',
  {},
  async () => {
    const e = env();
    try {
      writeCall(e.root, '2026/11/07', 'Dup', { sidecar: sidecar('Dup', '2026/11/07') });
      await run(e);
      // "Move" the call to another day folder: the new copy is listed before the old one is removed.
      writeCall(e.root, '2026/11/08', 'Dup', { sidecar: sidecar('Dup', '2026/11/07') });
      fs.rmSync(path.join(e.root, '2026', '11', '07'), { recursive: true });
      const r1 = await run(e);
      assert.equal(r1.removed, 1);
      const r2 = await run(e);
      assert.deepEqual(r2.problems, [], 'the survivor should no longer be a duplicate');
      assert.equal(e.repo.detail('Dup')?.startTime, '2026-11-07T14:00:00.000Z');
    } finally {
      e.close();
    }
  },
);

test('an audio file replaced by another format is caught by sniffing', async () => {
  const e = env();
  try {
    writeCall(e.root, DAY, 'Fake', { audio: Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, ...new Array(100).fill(0)]) });
    const r = await run(e);
    assert.equal(r.added, 0);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /holds MP3 data, not WAV/);
    // An MP3 with a tag but no audio frames cannot be played: a problem, even with a duration in the sidecar.
    writeCall(e.root, DAY, 'Mp3', { audio: Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]), ext: 'mp3' });
    writeCall(e.root, DAY, 'Mp3Timed', { audio: Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]), ext: 'mp3', sidecar: sidecar('Mp3Timed', DAY, { endTime: '2026-11-05T14:01:30Z' }) });
    const r2 = await run(e);
    assert.ok(r2.problems.some((p) => p.file.endsWith('Mp3.json') && /MP3 file ends inside its ID3 tag/.test(p.message)));
    assert.ok(r2.problems.some((p) => p.file.endsWith('Mp3Timed.json')));
    assert.equal(e.repo.detail('Mp3Timed'), null);
    assert.ok(fs.existsSync(path.join(e.root, '2026', '11', '05', 'Mp3.mp3')));
    void mulawWav;
  } finally {
    e.close();
  }
});

test(
  'audio.file must follow the <callId>.<ext> layout, so every audio change is seen by the version',
  async () => {
    const e = env();
    try {
      writeCall(e.root, DAY, 'Named', { sidecar: sidecar('Named', DAY, { audio: { file: 'Named-audio.wav' } }), audio: null });
      fs.writeFileSync(path.join(e.root, '2026', '11', '05', 'Named-audio.wav'), mulawWav());
      const r1 = await run(e);
      assert.match(r1.problems[0]?.message ?? '', /must be named Named\.wav/);
      assert.equal(e.repo.detail('Named'), null);
      writeCall(e.root, DAY, 'Named', { sidecar: sidecar('Named', DAY, { audio: { file: 'Named.wav' } }) });
      const r2 = await run(e);
      assert.deepEqual(r2.problems, []);
      assert.ok(e.repo.detail('Named'));
    } finally {
      e.close();
    }
  },
);
