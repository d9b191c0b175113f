// bench/transcripts: full-text search over every call's transcript. Earmark's FTS5 index of turns
// (what the library asks as you type) against the naive way (read every transcript, parse it, scan
// every turn). Prints both timings and their ratio, measured in one run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transcript } from '../shared/player-types';
import { openDatabase } from '../electron/core/db/database';
import { defaultAssetsDir } from '../electron/core/demo/speech-assets';
import { RecordingRepo } from '../electron/core/library/recording-repo';
import { parseTranscript } from '../electron/core/transcripts/parse-transcript';
import { TranscriptIndex } from '../electron/core/transcripts/transcript-index';

const N = Number(process.env.BENCH_CALLS ?? 5000);
const TURNS = 60;
const QUERIES = ['"payment plan"', 'refund duplicate', 'engineer', 'zeppelin'];
const phrases = (JSON.parse(readFileSync(join(defaultAssetsDir(), 'phrases.json'), 'utf8')) as { speaker: string; text: string }[]);
const dir = mkdtempSync(join(tmpdir(), 'earmark-bench-'));
const db = openDatabase(join(dir, 'bench.db'), randomBytes(32));
const repo = new RecordingRepo(db);
const index = new TranscriptIndex(db);
const files: string[] = [];

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

const t = performance.now();
for (let i = 0; i < N; i++) {
  const callId = `C${String(i).padStart(7, '0')}`;
  repo.upsert(
    {
      key: `2026/01/01/${callId}.json`,
      version: 'v1',
      audio: { key: `2026/01/01/${callId}.wav`, format: 'wav', sizeBytes: 1 },
      transcriptKey: `2026/01/01/${callId}.transcript.json`,
      meta: {
        callId, startTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), endTime: null, durationSec: 600, direction: 'inbound', ani: null, dnis: null,
        agentId: 'a-1', agentName: 'Agent', team: null, queue: 'Billing', disposition: null, customerId: null, customerAccount: null, customerName: null,
        caseNumber: null, consent: null, channelMap: { agent: 0, customer: 1 }, tags: [], audioFile: null, audioCodec: null,
      },
    },
    'v1',
    { format: 'wav', codec: 'pcm_mulaw', channels: 2, sampleRate: 8000, durationSec: 600 },
    new Date().toISOString(),
  );
  const segments = [];
  for (let k = 0; k < TURNS; k++) {
    const p = phrases[Math.floor(rnd() * phrases.length)];
    const words = p.text.split(/\s+/);
    const start = k * 10;
    segments.push({ speaker: p.speaker, start, end: start + 5, text: p.text, words: words.map((w, j) => ({ w, start: start + (j * 5) / words.length, end: start + ((j + 1) * 5) / words.length })) });
  }
  const transcript: Transcript = { schemaVersion: 1, callId, language: 'en-US', source: 'bench', speakers: [{ id: 'agent', label: 'Agent', channel: 0 }, { id: 'customer', label: 'Customer', channel: 1 }], segments };
  const text = JSON.stringify(transcript);
  files.push(text);
  index.replace(callId, { path: `2026/01/01/${callId}.transcript.json`, transcript, format: 'canonical' });
}
console.log(`indexed ${N} transcripts (${N * TURNS} turns) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

function naive(q: string): number {
  // What searching without the index means: every transcript read and parsed, every turn scanned.
  const phrase = q.startsWith('"') ? [q.replaceAll('"', '').toLowerCase()] : q.toLowerCase().split(/\s+/);
  let hits = 0;
  for (const text of files) {
    const tr = parseTranscript(text);
    for (const s of tr.segments) {
      const lower = s.text.toLowerCase();
      if (phrase.every((w) => lower.includes(w))) hits++;
    }
  }
  return hits;
}

let oursMs = 0;
let naiveMs = 0;
for (const q of QUERIES) {
  let a = performance.now();
  const r = index.search(q, 0, 50);
  const ours = performance.now() - a;
  a = performance.now();
  const n = naive(q);
  const slow = performance.now() - a;
  oursMs += ours;
  naiveMs += slow;
  console.log(`${q.padEnd(20)} ${String(r.total).padStart(7)} hits  index ${ours.toFixed(1).padStart(8)} ms   naive ${slow.toFixed(1).padStart(8)} ms (${n} hits)`);
}
console.log(`transcript search: FTS5 index ${oursMs.toFixed(1)} ms vs naive scan ${naiveMs.toFixed(1)} ms over ${QUERIES.length} queries: ${(naiveMs / oursMs).toFixed(0)}x faster`);
db.close();
rmSync(dir, { recursive: true, force: true });
