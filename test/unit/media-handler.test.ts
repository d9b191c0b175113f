import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createBackend } from '../../electron/core/backend';
import { writeDemoStore } from '../../electron/core/demo/demo-writer';
import { handleMediaRequest, parseRange, recordingIdFromUrl, type MediaResolver, type MediaSource } from '../../electron/core/media/media-handler';
import type { Page, RecordingRow } from '../../shared/types';
import { memoryVault } from './memory-vault';

test('parseRange', () => {
  const size = 1000;
  assert.equal(parseRange(null, size), null);
  assert.deepEqual(parseRange('bytes=0-99', size), { start: 0, end: 99 });
  assert.deepEqual(parseRange('bytes=100-', size), { start: 100, end: 999 });
  assert.deepEqual(parseRange('bytes=-100', size), { start: 900, end: 999 });
  assert.deepEqual(parseRange('bytes=-5000', size), { start: 0, end: 999 }, 'a suffix longer than the file is the whole file');
  assert.deepEqual(parseRange('bytes=990-5000', size), { start: 990, end: 999 }, 'the end is clamped');
  assert.deepEqual(parseRange('bytes=999-999', size), { start: 999, end: 999 });
  assert.deepEqual(parseRange(' bytes=0-0 ', size), { start: 0, end: 0 });
  for (const bad of ['bytes=5-2', 'bytes=1000-', 'bytes=1000-1001', 'bytes=5000-6000', 'bytes=-0', 'bytes=-', 'bytes=0-1,5-6', 'items=0-1', 'garbage', '', 'bytes=a-b', 'bytes=1.5-2', 'bytes=--1']) {
    assert.equal(parseRange(bad, size), 'invalid', bad);
  }
  assert.equal(parseRange('bytes=0-', 0), 'invalid', 'nothing to serve from an empty file');
  assert.equal(parseRange('bytes=-1', 0), 'invalid');
});

test('recordingIdFromUrl takes a safe last path segment only', () => {
  assert.equal(recordingIdFromUrl('earmark-media://recording/C20261102-0001'), 'C20261102-0001');
  assert.equal(recordingIdFromUrl('earmark-media://recording/C1?x=1#y'), 'C1');
  assert.equal(recordingIdFromUrl('earmark-media://recording/..%2F..%2Fetc%2Fpasswd'), null);
  assert.equal(recordingIdFromUrl('earmark-media://recording/%E0%A4%A'), null);
  assert.equal(recordingIdFromUrl('not a url'), null);
  assert.equal(recordingIdFromUrl('earmark-media://recording/'), null);
});

const BYTES = crypto.randomBytes(10_000);

function bufferSource(buf: Buffer, contentType = 'audio/wav'): MediaSource & { opened: [number, number][] } {
  const opened: [number, number][] = [];
  return {
    size: buf.length,
    contentType,
    opened,
    open(start, end) {
      opened.push([start, end]);
      return Readable.from([buf.subarray(start, end + 1)]);
    },
  };
}

const resolverFor = (sources: Record<string, MediaSource>): MediaResolver => async (id) => sources[id] ?? null;
const req = (id: string, init: RequestInit & { range?: string } = {}) =>
  new Request(`earmark-media://recording/${id}`, { ...init, headers: init.range ? { range: init.range } : undefined });
const body = async (r: Response) => Buffer.from(await r.arrayBuffer());

test('ranges are served as 206 with the exact bytes and Content-Range', async () => {
  const src = bufferSource(BYTES);
  const resolve = resolverFor({ C1: src });
  const cases: [string, number, number][] = [
    ['bytes=0-0', 0, 0],
    ['bytes=9999-9999', 9999, 9999],
    ['bytes=-1', 9999, 9999],
    ['bytes=1234-5678', 1234, 5678],
    ['bytes=9000-', 9000, 9999],
    ['bytes=0-', 0, 9999],
    ['bytes=9990-20000', 9990, 9999],
  ];
  for (const [range, start, end] of cases) {
    const r = await handleMediaRequest(req('C1', { range }), resolve);
    assert.equal(r.status, 206, range);
    assert.equal(r.headers.get('content-range'), `bytes ${start}-${end}/10000`, range);
    assert.equal(r.headers.get('content-length'), String(end - start + 1));
    assert.equal(r.headers.get('accept-ranges'), 'bytes');
    assert.equal(r.headers.get('content-type'), 'audio/wav');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await body(r), BYTES.subarray(start, end + 1), range);
  }
});

test('no Range gives 200 with the whole body', async () => {
  const src = bufferSource(BYTES, 'audio/mpeg');
  const r = await handleMediaRequest(req('C1'), resolverFor({ C1: src }));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-range'), null);
  assert.equal(r.headers.get('content-length'), '10000');
  assert.equal(r.headers.get('content-type'), 'audio/mpeg');
  assert.deepEqual(await body(r), BYTES);
  assert.deepEqual(src.opened, [[0, 9999]]);
});

test('an unsatisfiable range gives 416 with bytes */size and no body', async () => {
  const src = bufferSource(BYTES);
  for (const range of ['bytes=10000-', 'bytes=5-2', 'bytes=abc', 'bytes=0-1,3-4']) {
    const r = await handleMediaRequest(req('C1', { range }), resolverFor({ C1: src }));
    assert.equal(r.status, 416, range);
    assert.equal(r.headers.get('content-range'), 'bytes */10000');
    assert.equal((await body(r)).length, 0);
  }
  assert.deepEqual(src.opened, [], 'nothing was opened');
});

test('unknown ids are 404, other methods 405, HEAD has headers but no body', async () => {
  const src = bufferSource(BYTES);
  const resolve = resolverFor({ C1: src });
  assert.equal((await handleMediaRequest(req('C2'), resolve)).status, 404);
  assert.equal((await handleMediaRequest(new Request('earmark-media://recording/..%2Fx'), resolve)).status, 404);
  for (const method of ['POST', 'PUT', 'DELETE']) {
    const r = await handleMediaRequest(req('C1', { method }), resolve);
    assert.equal(r.status, 405, method);
    assert.equal(r.headers.get('allow'), 'GET, HEAD');
  }
  const head = await handleMediaRequest(req('C1', { method: 'HEAD', range: 'bytes=0-99' }), resolve);
  assert.equal(head.status, 206);
  assert.equal(head.headers.get('content-length'), '100');
  assert.equal(head.body, null);
  const headAll = await handleMediaRequest(req('C1', { method: 'HEAD' }), resolve);
  assert.equal(headAll.status, 200);
  assert.equal(headAll.headers.get('content-length'), '10000');
  assert.equal(headAll.body, null);
  assert.deepEqual(src.opened, [], 'HEAD opens nothing');
});

test('an empty audio file is a 200 with no body', async () => {
  const r = await handleMediaRequest(req('E'), resolverFor({ E: bufferSource(Buffer.alloc(0)) }));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-length'), '0');
  assert.equal((await body(r)).length, 0);
});

test('through the backend: audio is served only after recording.open, and refusals are audited', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-media-'));
  const storeRoot = path.join(dir, 'store');
  const backend = await createBackend({ dataDir: path.join(dir, 'data'), storeRoot: (fs.mkdirSync(storeRoot), storeRoot), openVault: memoryVault() });
  try {
    await writeDemoStore(storeRoot, { count: 3, seed: 5, now: new Date('2026-11-20T12:00:00Z') });
    await backend.indexAsSystem();
    assert.equal((await backend.dispatch('profile.create', { displayName: 'Quinn', role: 'qa_supervisor' })).ok, true);
    const search = await backend.dispatch('library.search', {});
    assert.ok(search.ok);
    const row = (search.value as Page<RecordingRow>).rows[0];
    const detail = backend.services.recordings.detail(row.id)!;
    const file = fs.readFileSync(path.join(storeRoot, ...detail.audioKey.split('/')));
    const url = `earmark-media://recording/${row.id}`;

    const before = backend.services.audit.list({ offset: 0, limit: 500 }).total;
    const denied = await backend.media(new Request(url, { headers: { range: 'bytes=0-99' } }));
    assert.equal(denied.status, 404);
    const entries = backend.services.audit.list({ offset: 0, limit: 500 });
    assert.equal(entries.total, before + 1);
    const e = entries.rows[0];
    assert.equal(e.command, 'media.read');
    assert.equal(e.outcome, 'denied');
    assert.equal(e.target, `recording:${row.id}`);
    assert.equal(e.actorName, 'Quinn');

    assert.equal((await backend.dispatch('recording.open', { id: row.id })).ok, true);
    const part = await backend.media(new Request(url, { headers: { range: 'bytes=0-99' } }));
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-type'), 'audio/wav');
    assert.equal(part.headers.get('content-range'), `bytes 0-99/${file.length}`);
    assert.deepEqual(await body(part), file.subarray(0, 100));

    const tail = await backend.media(new Request(url, { headers: { range: `bytes=${file.length - 500}-` } }));
    assert.deepEqual(await body(tail), file.subarray(file.length - 500));
    const whole = await backend.media(new Request(url));
    assert.equal(whole.status, 200);
    assert.deepEqual(await body(whole), file);

    // Another recording is still closed, and switching profile closes this one again.
    const other = (search.value as Page<RecordingRow>).rows[1];
    assert.equal((await backend.media(new Request(`earmark-media://recording/${other.id}`))).status, 404);
    await backend.dispatch('profile.signOut', {});
    assert.equal((await backend.media(new Request(url))).status, 404);
    assert.equal(backend.services.audit.verify().intact, true);
  } finally {
    backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
