// bench/library: 100,000 recordings in the index. Earmark's paged, indexed query (what the library
// table asks for as you scroll) against the naive way (load every row, filter and sort in JS).
// Prints both timings and heap growth, and their ratios, measured in one run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/db/database';
import { RecordingRepo } from '../electron/core/library/recording-repo';
import type { StoredRecording } from '../electron/core/store/recording-store';

const N = Number(process.env.BENCH_ROWS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-'));
// The bench measures the encrypted database the app uses; the key here is throwaway.
const db = openDatabase(join(dir, 'bench.db'), randomBytes(32));
const repo = new RecordingRepo(db);
const agents = Array.from({ length: 60 }, (_, i) => ({ id: `a-${100 + i}`, name: `Agent ${i}` }));
const queues = ['Billing', 'Tech Support', 'Collections', 'Sales', 'Retention', 'Payments'];
const t0 = Date.parse('2026-01-01T00:00:00Z');

const t = performance.now();
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    const a = agents[i % agents.length];
    const callId = `C${String(i).padStart(7, '0')}`;
    const rec: StoredRecording = {
      key: `2026/01/01/${callId}.json`,
      version: 'v1',
      audio: { key: `2026/01/01/${callId}.wav`, format: 'wav', sizeBytes: 1_000_000 },
      transcriptKey: null,
      meta: {
        callId, startTime: new Date(t0 + i * 300_000).toISOString(), endTime: null, durationSec: 60 + (i % 900),
        direction: i % 3 === 0 ? 'outbound' : 'inbound', ani: null, dnis: null, agentId: a.id, agentName: a.name,
        team: null, queue: queues[i % queues.length], disposition: null, customerId: `CUST-${i % 20000}`, customerAccount: null,
        customerName: null, caseNumber: i % 7 === 0 ? `CASE-${i}` : null, consent: null, channelMap: { agent: 0, customer: 1 },
        tags: i % 5 === 0 ? ['dispute'] : [], audioFile: null, audioCodec: null,
      },
    };
    repo.upsert(rec, 'v1', { format: 'wav', codec: 'pcm_mulaw', channels: 2, sampleRate: 8000, durationSec: 60 + (i % 900) }, new Date().toISOString());
  }
})();
console.log(`bench/library: indexed ${N} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);

interface Case { name: string; q: Parameters<RecordingRepo['search']>[0]; naive: (r: Record<string, unknown>) => boolean; sort: string }
const cases: Case[] = [
  { name: 'first page, newest first', q: { sort: 'startTime', dir: 'desc', offset: 0, limit: 200 }, naive: () => true, sort: 'start_ms' },
  { name: 'page at row 50,000', q: { sort: 'startTime', dir: 'desc', offset: 50_000, limit: 200 }, naive: () => true, sort: 'start_ms' },
  { name: 'queue=Billing, by duration', q: { queues: ['Billing'], sort: 'durationSec', dir: 'desc', offset: 0, limit: 200 }, naive: (r) => r.queue === 'Billing', sort: 'duration_sec' },
  { name: 'text search "CASE-4"', q: { text: 'CASE-4', sort: 'startTime', dir: 'desc', offset: 0, limit: 200 }, naive: (r) => String(r.case_number ?? '').startsWith('CASE-4'), sort: 'start_ms' },
];

const time = (f: () => unknown, reps = 5) => {
  f();
  const s = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - s) / reps;
};
const heapDelta = (f: () => unknown) => {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const keep = f();
  const after = process.memoryUsage().heapUsed;
  void keep;
  return Math.max(0, after - before);
};

for (const c of cases) {
  const ours = () => repo.search(c.q);
  const naive = () => {
    const all = db.prepare('SELECT * FROM recordings').all() as Record<string, number>[];
    const hits = all.filter(c.naive).sort((a, b) => b[c.sort] - a[c.sort]);
    return { total: hits.length, rows: hits.slice(c.q.offset, c.q.offset + c.q.limit) };
  };
  const a = ours();
  const b = naive();
  if (a.total !== b.total) throw new Error(`${c.name}: totals differ (${a.total} vs ${b.total})`);
  const to = time(ours);
  const tn = time(naive, 2);
  const mo = heapDelta(ours);
  const mn = heapDelta(naive);
  console.log(
    `${c.name.padEnd(30)} ours ${to.toFixed(2).padStart(7)} ms  naive ${tn.toFixed(1).padStart(7)} ms  speed-up ${(tn / to).toFixed(1).padStart(6)}x  ` +
      `heap ours ${(mo / 1e6).toFixed(1)} MB naive ${(mn / 1e6).toFixed(1)} MB`,
  );
}
db.close();
rmSync(dir, { recursive: true, force: true });
