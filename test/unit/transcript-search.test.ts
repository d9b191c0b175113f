// Transcripts and talk analytics through the indexer, the index and the player's handlers, on a
// generated demo store plus hand-written WebVTT and broken transcripts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { libraryQuery, type LibraryQuery } from '../../shared/commands';
import type { Transcript } from '../../shared/player-types';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { writeDemoStore } from '../../electron/core/demo/demo-writer';
import { indexStore } from '../../electron/core/indexer/indexer';
import { RecordingRepo } from '../../electron/core/library/recording-repo';
import { AnalyticsRepo } from '../../electron/core/analytics/analytics-repo';
import { FolderStore } from '../../electron/core/store/folder-store';
import { TranscriptIndex, foldWord } from '../../electron/core/transcripts/transcript-index';
import { playerHandlers } from '../../electron/core/handlers/player-handlers';
import { HandlerError } from '../../electron/core/errors';
import type { Services } from '../../electron/core/services';
import type { CommandContext } from '../../electron/core/dispatcher';
import { mulawWav, sidecar, writeCall } from './store-fixtures';
import { simpleWav } from './wav-fixtures';

const NOW = new Date('2026-11-20T12:00:00Z');
let dir: string;
let root: string;
let db: Db;
let repo: RecordingRepo;
let index: TranscriptIndex;
let analytics: AnalyticsRepo;
let store: FolderStore;
let transcripts: Map<string, Transcript>;

const search = (q: LibraryQuery) => repo.search(libraryQuery.parse({ ...q, limit: 500 }));
const ctx = { actor: {}, note: () => undefined } as unknown as CommandContext;
const handlers = () => playerHandlers({ db, recordings: repo, store } as unknown as Services);

function walk(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
}

test.before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-transcripts-'));
  root = path.join(dir, 'store');
  fs.mkdirSync(root);
  await writeDemoStore(root, { count: 20, seed: 5, now: NOW });
  db = openDatabase(path.join(dir, 't.db'), randomBytes(32));
  const report = await indexStore(new FolderStore(root), db);
  assert.equal(report.added, 20, JSON.stringify(report.problems));
  assert.equal(report.analysed, 20);
  repo = new RecordingRepo(db);
  index = new TranscriptIndex(db);
  analytics = new AnalyticsRepo(db);
  store = new FolderStore(root);
  transcripts = new Map(
    walk(root)
      .filter((f) => f.endsWith('.transcript.json'))
      .map((f) => {
        const t = JSON.parse(fs.readFileSync(f, 'utf8')) as Transcript;
        return [t.callId, t];
      }),
  );
});

test.after(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every (call, word index) where the folded words of `phrase` occur in a row. */
function occurrences(phrase: string): { callId: string; start: number }[] {
  const want = phrase.split(/\s+/).map(foldWord);
  const out: { callId: string; start: number }[] = [];
  for (const [callId, t] of transcripts) {
    for (const s of t.segments) {
      const words = s.words.map((w) => foldWord(w.w));
      for (let i = 0; i + want.length <= words.length; i++) {
        if (want.every((w, k) => words[i + k] === w)) {
          out.push({ callId, start: s.words[i].start });
          break; // one hit per turn
        }
      }
    }
  }
  return out;
}

test('a quoted phrase finds every turn that says it, at the moment its first word starts', () => {
  const expected = occurrences('charged twice');
  assert.ok(expected.length > 0, 'the demo store says it somewhere');
  const r = index.search('"charged twice"');
  assert.equal(r.total, expected.length);
  const got = r.hits.map((h) => ({ callId: h.recordingId, start: h.atSec })).sort((a, b) => a.callId.localeCompare(b.callId) || a.start - b.start);
  assert.deepEqual(got, expected.sort((a, b) => a.callId.localeCompare(b.callId) || a.start - b.start));
  for (const h of r.hits) {
    const hl = h.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase());
    assert.equal(hl.join(' '), 'charged twice', 'the phrase is highlighted');
    assert.match(h.snippet.map((p) => p.text).join(''), /charged twice/);
    assert.equal(h.speaker, 'customer');
    assert.ok(h.atSec >= h.segmentStart && h.atSec <= h.segmentEnd);
    assert.ok(h.agentName && h.startTime);
  }
});

test('unquoted words are prefixes that must all appear in one turn; accents and case do not matter', () => {
  const r = index.search('REFUND dupl');
  assert.ok(r.total > 0);
  for (const h of r.hits) {
    const text = h.snippet.map((p) => p.text).join('').toLowerCase();
    assert.match(text, /refund/);
    assert.match(text, /dupl/);
  }
  assert.equal(index.search('réfund').total, index.search('refund').total);
  assert.equal(index.search('zebra crossing').total, 0);
  assert.deepEqual(index.search('" ( * ^ -').hits, []);
  // Paging: the same hits, a page at a time.
  const all = index.search('the', 0, 200);
  const page2 = index.search('the', 5, 5);
  assert.deepEqual(page2.hits, all.hits.slice(5, 10));
});

test('talk analytics are stored for every call and filter the library', () => {
  const rows = search({}).rows;
  const stored = new Map(rows.map((r) => [r.id, analytics.get(r.id)!]));
  for (const [id, a] of stored) assert.ok(a?.analytics, `analytics for ${id}`);
  const deadAir = (id: string) => stored.get(id)!.analytics!.deadAirTotalSec;
  const withDeadAir = [...stored.keys()].filter((id) => deadAir(id) >= 30).sort();
  assert.ok(withDeadAir.length > 0 && withDeadAir.length < 20, `some calls have 30 s of dead air (${withDeadAir.length})`);
  assert.deepEqual(search({ minDeadAirSec: 30 }).rows.map((r) => r.id).sort(), withDeadAir);
  const overtalk = [...stored.keys()].filter((id) => stored.get(id)!.analytics!.overtalkTotalSec >= 1).sort();
  assert.deepEqual(search({ minOvertalkSec: 1 }).rows.map((r) => r.id).sort(), overtalk);
  const ratio = [...stored.keys()].filter((id) => (stored.get(id)!.analytics!.talkRatio ?? Infinity) >= 2).sort();
  assert.deepEqual(search({ minTalkRatio: 2 }).rows.map((r) => r.id).sort(), ratio);
  const balanced = [...stored.keys()].filter((id) => {
    const r = stored.get(id)!.analytics!.talkRatio;
    return r !== null && r >= 1 && r <= 2;
  });
  assert.deepEqual(search({ minTalkRatio: 1, maxTalkRatio: 2 }).rows.map((r) => r.id).sort(), balanced.sort());
  assert.throws(() => libraryQuery.parse({ minTalkRatio: 3, maxTalkRatio: 1 }), /talk ratio/);
  // Filters combine with the rest of the library query.
  const q = search({ minDeadAirSec: 30, directions: ['inbound'] }).rows;
  assert.ok(q.every((r) => r.direction === 'inbound' && deadAir(r.id) >= 30));
});

test('a mono recording is indexed without analytics, saying why', async () => {
  writeCall(root, '2026/11/11', 'M1', { sidecar: sidecar('M1', '2026/11/11'), audio: simpleWav({ formatCode: 7, channels: 1, sampleRate: 8000, bits: 8 }, new Uint8Array(8000).fill(0x80)) });
  const r = await indexStore(store, db);
  assert.equal(r.added, 1);
  assert.equal(r.analysed, 1);
  const a = analytics.get('M1')!;
  assert.equal(a.analytics, null);
  assert.match(a.unavailable!, /separate channels/);
  assert.ok(!search({ minDeadAirSec: 0 }).rows.some((row) => row.id === 'M1'), 'no analytics, so no analytics filter matches');
  fs.rmSync(path.join(root, '2026', '11', '11'), { recursive: true });
  assert.equal((await indexStore(store, db)).removed, 1);
});

test('recording.transcript returns the canonical transcript; unknown calls are not found', async () => {
  const h = handlers();
  const id = [...transcripts.keys()][0];
  assert.deepEqual(await h['recording.transcript']({ id }, ctx), transcripts.get(id));
  await assert.rejects(Promise.resolve(h['recording.transcript']({ id: 'NOPE' }, ctx)), (e: unknown) => e instanceof HandlerError && e.code === 'not_found');
  const r = await h['transcripts.search']({ text: 'payment', offset: 0, limit: 10 }, ctx);
  assert.equal(r.total, index.search('payment').total);
});

test('incremental: an unchanged store is not analysed again; a changed call is, and its transcript re-indexed', async () => {
  let audioReads = 0;
  const counting = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop === 'readAudio') return (...args: unknown[]) => (audioReads++, (v as (...a: unknown[]) => unknown).apply(target, args));
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const again = await indexStore(counting, db);
  assert.equal(again.unchanged, 20);
  assert.equal(again.analysed, 0);
  assert.equal(audioReads, 0, 'no audio was read');

  // A WebVTT transcript replaces nothing and adds a call; a broken transcript does not hide its call.
  const vtt = 'WEBVTT\n\n00:00.500 --> 00:03.000\n<v Agent>Welcome to the zeppelin desk.</v>\n\n00:03.500 --> 00:05.000\n<v Customer>My zeppelin is late.</v>\n';
  writeCall(root, '2026/11/10', 'V1', { sidecar: sidecar('V1', '2026/11/10'), audio: mulawWav(6) });
  fs.writeFileSync(path.join(root, '2026', '11', '10', 'V1.vtt'), vtt);
  writeCall(root, '2026/11/10', 'B1', { sidecar: sidecar('B1', '2026/11/10'), transcript: { schemaVersion: 1, callId: 'B1', segments: 'oops' } });
  audioReads = 0;
  const r = await indexStore(counting, db);
  assert.equal(r.added, 2);
  assert.equal(r.analysed, 2, 'only the new calls are analysed');
  assert.deepEqual(r.problems, []);
  const hits = index.search('zeppelin').hits;
  assert.deepEqual(hits.map((h) => [h.recordingId, h.speaker]).sort(), [['V1', 'agent'], ['V1', 'customer']]);
  const zeppelinAt = hits.find((h) => h.speaker === 'agent')!.atSec;
  assert.ok(zeppelinAt > 1.5 && zeppelinAt < 3, `the word's interpolated time (${zeppelinAt})`);
  const t = await handlers()['recording.transcript']({ id: 'V1' }, ctx);
  assert.equal(t.source, 'webvtt');
  assert.equal(t.callId, 'V1');
  assert.match(index.status('B1')!.error!, /B1\.transcript\.json: invalid transcript: .*segments/);
  assert.equal(repo.detail('B1')?.hasTranscript, true);
  await assert.rejects(Promise.resolve(handlers()['recording.transcript']({ id: 'B1' }, ctx)), (e: unknown) => e instanceof HandlerError && e.code === 'unavailable' && /cannot be read/.test(e.message));

  // Editing the .vtt is a change to the call, like any of its files.
  fs.appendFileSync(path.join(root, '2026', '11', '10', 'V1.vtt'), '\n00:05.500 --> 00:06.000\n<v Agent>Airship noted.</v>\n');
  const r2 = await indexStore(counting, db);
  assert.equal(r2.updated, 1);
  assert.deepEqual(index.search('airship').hits.map((h) => h.recordingId), ['V1']);

  // Fixing the transcript and removing the VTT call are both picked up.
  fs.writeFileSync(path.join(root, '2026', '11', '10', 'B1.transcript.json'), JSON.stringify({ schemaVersion: 1, callId: 'B1', speakers: [{ id: 'agent' }], segments: [{ speaker: 'agent', start: 0, end: 1, text: 'zeppelin fixed', words: [] }] }));
  fs.rmSync(path.join(root, '2026', '11', '10', 'V1.json'));
  const r3 = await indexStore(counting, db);
  assert.equal(r3.removed, 1);
  assert.equal(r3.analysed, 1, 'B1 changed (its transcript), so it is analysed again');
  assert.equal(index.search('airship').total, 0, 'a removed call leaves no transcript behind');
  assert.deepEqual(index.search('zeppelin').hits.map((h) => [h.recordingId, h.atSec]), [['B1', 0]]);
  assert.equal(index.status('B1')!.error, null);
  assert.equal((db.prepare('SELECT count(*) AS n FROM transcript_segments WHERE rid NOT IN (SELECT rid FROM recordings)').get() as { n: number }).n, 0);
});
