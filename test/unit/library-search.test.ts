import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { libraryQuery, librarySortFields, type LibraryQuery } from '../../shared/commands';
import type { RecordingRow } from '../../shared/types';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { writeDemoStore, type DemoSidecar } from '../../electron/core/demo/demo-writer';
import { indexStore } from '../../electron/core/indexer/indexer';
import { RecordingRepo, ftsQuery } from '../../electron/core/library/recording-repo';
import { FolderStore } from '../../electron/core/store/folder-store';

const NOW = new Date('2026-11-20T12:00:00Z');

let dir: string;
let db: Db;
let repo: RecordingRepo;
let calls: DemoSidecar[];

const search = (q: LibraryQuery) => repo.search(libraryQuery.parse(q));
const all = (q: LibraryQuery = {}) => search({ ...q, limit: 500 });
const idsOf = (rows: RecordingRow[]) => rows.map((r) => r.id).sort();
const expectIds = (pred: (s: DemoSidecar) => boolean) => calls.filter(pred).map((s) => s.callId).sort();

function walk(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
}

test.before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-library-'));
  const root = path.join(dir, 'store');
  fs.mkdirSync(root);
  await writeDemoStore(root, { count: 20, seed: 11, now: NOW });
  db = openDatabase(path.join(dir, 'lib.db'), randomBytes(32));
  const report = await indexStore(new FolderStore(root), db);
  assert.equal(report.added, 20, JSON.stringify(report.problems));
  repo = new RecordingRepo(db);
  calls = walk(root)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.transcript.json'))
    .map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as DemoSidecar);
  assert.equal(calls.length, 20);
});

test.after(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('no filter returns all 20 with total 20', () => {
  const p = all();
  assert.equal(p.total, 20);
  assert.deepEqual(idsOf(p.rows), expectIds(() => true));
});

test('rows carry the sidecar’s fields', () => {
  const byId = new Map(all().rows.map((r) => [r.id, r]));
  for (const s of calls) {
    const r = byId.get(s.callId)!;
    assert.equal(r.agentId, s.agent.id);
    assert.equal(r.agentName, s.agent.name);
    assert.equal(r.queue, s.queue);
    assert.equal(r.team, s.team);
    assert.equal(r.direction, s.direction);
    assert.equal(r.caseNumber, s.caseNumber);
    assert.equal(r.customerRef, s.customer?.id ?? null);
    assert.deepEqual(r.tags, [...new Set(s.tags)]);
    assert.equal(Date.parse(r.startTime), Date.parse(s.startTime));
    assert.ok(Math.abs(r.durationSec - s.durationSec) < 0.06, `${s.callId}: ${r.durationSec} vs ${s.durationSec}`);
  }
});

test('filter by agent, queue, direction and tag returns exactly the matching calls', () => {
  const agents = [...new Set(calls.map((s) => s.agent.id))];
  for (const a of agents) assert.deepEqual(idsOf(all({ agentIds: [a] }).rows), expectIds((s) => s.agent.id === a), a);
  assert.deepEqual(idsOf(all({ agentIds: agents.slice(0, 2) }).rows), expectIds((s) => agents.slice(0, 2).includes(s.agent.id)));

  for (const q of new Set(calls.map((s) => s.queue))) assert.deepEqual(idsOf(all({ queues: [q] }).rows), expectIds((s) => s.queue === q), q);
  assert.equal(all({ queues: ['No Such Queue'] }).total, 0);

  for (const d of ['inbound', 'outbound', 'internal'] as const) {
    assert.deepEqual(idsOf(all({ directions: [d] }).rows), expectIds((s) => s.direction === d), d);
  }
  assert.deepEqual(idsOf(all({ directions: ['inbound', 'internal'] }).rows), expectIds((s) => s.direction !== 'outbound'));

  const tags = [...new Set(calls.flatMap((s) => s.tags))];
  assert.ok(tags.length >= 3);
  for (const t of tags) assert.deepEqual(idsOf(all({ tags: [t] }).rows), expectIds((s) => s.tags.includes(t)), t);
  // Several tags: any of them.
  assert.deepEqual(idsOf(all({ tags: tags.slice(0, 2) }).rows), expectIds((s) => s.tags.some((t) => tags.slice(0, 2).includes(t))));
  // Filters combine with AND.
  const s0 = calls[0];
  assert.deepEqual(
    idsOf(all({ agentIds: [s0.agent.id], directions: [s0.direction], queues: [s0.queue] }).rows),
    expectIds((s) => s.agent.id === s0.agent.id && s.direction === s0.direction && s.queue === s0.queue),
  );
});

test('filter by date range (whole UTC days, inclusive) and by timestamps', () => {
  const days = [...new Set(calls.map((s) => s.startTime.slice(0, 10)))].sort();
  const from = days[2];
  const to = days[days.length - 3];
  const inRange = (s: DemoSidecar) => s.startTime.slice(0, 10) >= from && s.startTime.slice(0, 10) <= to;
  assert.deepEqual(idsOf(all({ from, to }).rows), expectIds(inRange));
  assert.deepEqual(idsOf(all({ from: days[0], to: days[0] }).rows), expectIds((s) => s.startTime.startsWith(days[0])));
  assert.deepEqual(idsOf(all({ from }).rows), expectIds((s) => s.startTime.slice(0, 10) >= from));
  assert.deepEqual(idsOf(all({ to }).rows), expectIds((s) => s.startTime.slice(0, 10) <= to));
  // A full timestamp bound is used as given (to is inclusive of that instant).
  const pivot = [...calls].sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime))[10];
  assert.deepEqual(idsOf(all({ from: pivot.startTime }).rows), expectIds((s) => Date.parse(s.startTime) >= Date.parse(pivot.startTime)));
  assert.deepEqual(idsOf(all({ to: pivot.startTime }).rows), expectIds((s) => Date.parse(s.startTime) <= Date.parse(pivot.startTime)));
});

test('filter by duration range', () => {
  const durations = [...new Set(calls.map((s) => s.durationSec))].sort((a, b) => a - b);
  const mid = (i: number) => (durations[i] + durations[i + 1]) / 2;
  const lo = mid(4);
  const hi = mid(durations.length - 5);
  const got = all({ minDurationSec: lo, maxDurationSec: hi }).rows;
  assert.deepEqual(idsOf(got), expectIds((s) => s.durationSec >= lo && s.durationSec <= hi));
  assert.ok(got.every((r) => r.durationSec >= lo && r.durationSec <= hi));
  assert.deepEqual(idsOf(all({ minDurationSec: lo }).rows), expectIds((s) => s.durationSec >= lo));
  assert.deepEqual(idsOf(all({ maxDurationSec: hi }).rows), expectIds((s) => s.durationSec <= hi));
  assert.equal(all({ minDurationSec: 1e6 }).total, 0);
  assert.equal(libraryQuery.safeParse({ minDurationSec: 10, maxDurationSec: 5 }).success, false);
});

type Key = string | number | null;
function sortKey(r: RecordingRow, field: (typeof librarySortFields)[number]): Key {
  switch (field) {
    case 'startTime':
      return Date.parse(r.startTime);
    case 'customerRef':
      return r.customerRef;
    default:
      return r[field];
  }
}
/** SQLite order: NULL first, numbers numerically, text by bytes. */
function cmp(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

test('every sort field, both directions, is ordered and complete', () => {
  for (const sort of librarySortFields) {
    for (const dir of ['asc', 'desc'] as const) {
      const rows = all({ sort, dir }).rows;
      assert.equal(rows.length, 20);
      for (let i = 1; i < rows.length; i++) {
        const c = cmp(sortKey(rows[i - 1], sort), sortKey(rows[i], sort));
        assert.ok(dir === 'asc' ? c <= 0 : c >= 0, `${sort} ${dir}: ${rows[i - 1].id} (${sortKey(rows[i - 1], sort)}) then ${rows[i].id} (${sortKey(rows[i], sort)})`);
      }
      // Ties are broken the same way every time, so the order is total and repeatable.
      assert.deepEqual(all({ sort, dir }).rows.map((r) => r.id), rows.map((r) => r.id));
    }
  }
  // The default is newest first.
  const d = all().rows;
  for (let i = 1; i < d.length; i++) assert.ok(Date.parse(d[i - 1].startTime) >= Date.parse(d[i].startTime));
});

test('offset/limit pages are disjoint and together equal one big page', () => {
  fc.assert(
    fc.property(fc.constantFrom(...librarySortFields), fc.constantFrom('asc' as const, 'desc' as const), fc.integer({ min: 1, max: 9 }), (sort, dir, limit) => {
      const whole = all({ sort, dir }).rows.map((r) => r.id);
      const pages: string[] = [];
      for (let offset = 0; offset < 25; offset += limit) {
        const p = search({ sort, dir, offset, limit });
        assert.equal(p.total, 20);
        assert.equal(p.offset, offset);
        assert.equal(p.rows.length, Math.max(0, Math.min(limit, 20 - offset)));
        pages.push(...p.rows.map((r) => r.id));
      }
      assert.deepEqual(pages, whole);
      assert.equal(new Set(pages).size, 20);
    }),
    { numRuns: 40 },
  );
  // Paging a filtered result keeps the filtered total.
  const dir0 = calls[0].direction;
  const p = search({ directions: [dir0], offset: 1, limit: 2 });
  assert.equal(p.total, calls.filter((s) => s.direction === dir0).length);
});

test('text search finds by case number, agent name and customer id prefix', () => {
  const withCase = calls.filter((s) => s.caseNumber);
  assert.ok(withCase.length > 0);
  for (const s of withCase) {
    const got = all({ text: s.caseNumber! }).rows;
    assert.ok(got.some((r) => r.id === s.callId), s.caseNumber!);
    assert.ok(got.every((r) => r.caseNumber === s.caseNumber), `${s.caseNumber} matched ${idsOf(got)}`);
    assert.ok(all({ text: s.caseNumber!.toLowerCase() }).rows.some((r) => r.id === s.callId), 'case-insensitive');
  }

  for (const name of new Set(calls.map((s) => s.agent.name))) {
    const got = idsOf(all({ text: name }).rows);
    for (const id of expectIds((s) => s.agent.name === name)) assert.ok(got.includes(id), `${name} misses ${id}`);
  }
  const anAgent = calls[0].agent;
  assert.deepEqual(idsOf(all({ text: anAgent.id }).rows), expectIds((s) => s.agent.id === anAgent.id), 'by agent id');

  const withCustomer = calls.find((s) => s.customer)!;
  const prefix = withCustomer.customer!.id.slice(0, -1);
  const got = all({ text: prefix }).rows;
  assert.ok(got.some((r) => r.id === withCustomer.callId), prefix);
  assert.deepEqual(idsOf(got), expectIds((s) => !!s.customer && s.customer.id.startsWith(prefix)), prefix);
  assert.deepEqual(idsOf(all({ text: withCustomer.callId }).rows), [withCustomer.callId], 'by call id');
  assert.equal(all({ text: 'zzzznothing' }).total, 0);
  // Text combines with filters.
  assert.deepEqual(
    idsOf(all({ text: anAgent.name, directions: ['inbound'] }).rows),
    idsOf(all({ text: anAgent.name }).rows.filter((r) => r.direction === 'inbound')),
  );
});

test('text with FTS syntax characters never throws', () => {
  const nasty = ['a"b OR (', '*', 'NEAR', 'NEAR(a b)', '"', '""', 'AND', 'OR', 'NOT', '-', '- -', ':', 'agent:x', '^x', 'x*', '(', ')', "'", '\\', '{a}', '+', 'a AND', 'C2026"', '\u0000', '🙂', 'é*'];
  for (const text of nasty) {
    assert.doesNotThrow(() => all({ text }), text);
  }
  fc.assert(
    fc.property(fc.string({ maxLength: 40, unit: 'binary' }), (text) => {
      const parsed = libraryQuery.safeParse({ text });
      if (!parsed.success) return;
      assert.doesNotThrow(() => repo.search(parsed.data));
    }),
    { numRuns: 300 },
  );
  // Words without letters or digits add no condition at all.
  assert.equal(all({ text: '* " ( )' }).total, 20);
  assert.equal(ftsQuery('* -'), null);
  assert.equal(ftsQuery('a"b OR ('), '"ab"* "OR"*');
  // SQLite reads strings up to a NUL: a NUL inside a term used to leave the FTS string unterminated.
  for (const text of ['\u0000a', 'a\u0000b', '\u0000ぁ', 'x\u0001y']) assert.doesNotThrow(() => all({ text }), JSON.stringify(text));
  assert.equal(ftsQuery('a\u0000b'), '"ab"*');
});
