import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { MULAW_TO_LINEAR } from '../../electron/core/audio/g711';
import { parseWavHeader, type WavInfo } from '../../electron/core/audio/wav';
import { spreadWords, type Transcript } from '../../electron/core/demo/call-transcript';
import { defaultAssetsDir, writeDemoStore, type DemoSidecar } from '../../electron/core/demo/demo-writer';
import { parseSidecar } from '../../electron/core/store/sidecar';

const NOW = new Date('2026-11-20T12:00:00Z');
const SEED = 42;

interface Call {
  sidecar: DemoSidecar;
  sidecarText: string;
  transcript: Transcript;
  wav: Uint8Array;
  info: WavInfo;
  relDir: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out.sort();
}

async function readStore(root: string): Promise<Call[]> {
  const files = await listFiles(root);
  const sidecars = files.filter((f) => f.endsWith('.json') && !f.endsWith('.transcript.json'));
  const calls: Call[] = [];
  for (const f of sidecars) {
    const base = f.slice(0, -'.json'.length);
    const sidecarText = await readFile(f, 'utf8');
    const wav = new Uint8Array(await readFile(`${base}.wav`));
    calls.push({
      sidecar: JSON.parse(sidecarText) as DemoSidecar,
      sidecarText,
      transcript: JSON.parse(await readFile(`${base}.transcript.json`, 'utf8')) as Transcript,
      wav,
      info: parseWavHeader(wav.subarray(0, 65536), wav.length),
      relDir: relative(root, dirname(f)),
    });
  }
  return calls;
}

/** RMS of one channel (in 16-bit units) over [from, to) seconds. */
function rms(call: Call, channel: number, from: number, to: number): number {
  const { info, wav } = call;
  const a = Math.max(0, Math.floor(from * info.sampleRate));
  const b = Math.min(info.frames, Math.ceil(to * info.sampleRate));
  let sum = 0;
  for (let f = a; f < b; f++) {
    const v = MULAW_TO_LINEAR[wav[info.dataOffset + f * info.blockAlign + channel]];
    sum += v * v;
  }
  return b > a ? Math.sqrt(sum / (b - a)) : 0;
}

let root: string;
let calls: Call[];
let written: string[];

test.before(async () => {
  root = await mkdtemp(join(tmpdir(), 'earmark-demo-'));
  ({ written } = await writeDemoStore(root, { count: 20, seed: SEED, now: NOW }));
  calls = await readStore(root);
});

test.after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('writes 20 calls as wav + sidecar + transcript, and reports every file', async () => {
  assert.equal(calls.length, 20);
  const files = await listFiles(root);
  assert.deepEqual([...written].sort(), files);
  assert.equal(files.length, 60);
  assert.ok(files.every((f) => !basename(f).startsWith('.')), 'no temp files left behind');
});

test('every sidecar follows the schema exactly and is accepted by the store parser', () => {
  const keys = [
    'schemaVersion', 'callId', 'startTime', 'endTime', 'durationSec', 'direction', 'ani', 'dnis', 'agent', 'team', 'queue',
    'disposition', 'customer', 'caseNumber', 'consent', 'channels', 'tags', 'audio',
  ];
  const ids = new Set<string>();
  for (const { sidecar: s, sidecarText, relDir } of calls) {
    assert.deepEqual(Object.keys(s), keys);
    assert.equal(s.schemaVersion, 1);
    assert.match(s.callId, /^C\d{8}-\d{4}$/);
    assert.ok(!ids.has(s.callId), `duplicate ${s.callId}`);
    ids.add(s.callId);
    assert.match(s.startTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.match(s.endTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(s.callId.slice(1, 9), s.startTime.slice(0, 10).replaceAll('-', ''));
    assert.equal(relDir, s.startTime.slice(0, 10).split('-').join(sep));
    const start = Date.parse(s.startTime);
    const end = Date.parse(s.endTime);
    assert.ok(Math.abs(end - start - s.durationSec * 1000) < 1000);
    assert.ok(start >= NOW.getTime() - 30 * 86_400_000 && end <= NOW.getTime(), `${s.callId} outside the last 30 days`);
    assert.ok(s.durationSec >= 30 && s.durationSec <= 300, `${s.callId} lasts ${s.durationSec}s`);
    assert.equal(Math.round(s.durationSec * 10) / 10, s.durationSec);
    assert.ok(['inbound', 'outbound', 'internal'].includes(s.direction));
    assert.match(s.ani, /^\+1\d{10}$/);
    assert.match(s.dnis, /^\+1\d{10}$/);
    assert.match(s.agent.id, /^a-\d+$/);
    assert.ok(s.agent.name.length > 0 && s.team.length > 0 && s.queue.length > 0 && s.disposition.length > 0);
    if (s.direction === 'internal') assert.equal(s.customer, null);
    else {
      assert.ok(s.customer);
      assert.match(s.customer.id, /^CUST-\d+$/);
      assert.match(s.customer.account, /^ACC-\d+$/);
    }
    if (s.caseNumber !== null) assert.match(s.caseNumber, /^CASE-\d{4}-\d{4}$/);
    assert.equal(typeof s.consent.announcementPlayed, 'boolean');
    assert.equal(typeof s.consent.allPartyRequired, 'boolean');
    assert.deepEqual(s.channels, { agent: 0, customer: 1 });
    assert.ok(s.tags.length > 0 && s.tags.every((t) => typeof t === 'string' && t.length > 0));
    assert.deepEqual(s.audio, { file: `${s.callId}.wav`, codec: 'pcm_mulaw', sampleRate: 8000, channels: 2 });

    const parsed = parseSidecar(sidecarText, s.callId);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
  }
});

test('the store has variety: agents, queues, directions, cases, consent lapses', () => {
  const distinct = (f: (s: DemoSidecar) => string | null) => new Set(calls.map((c) => f(c.sidecar)));
  assert.ok(distinct((s) => s.agent.id).size >= 5);
  assert.ok(distinct((s) => s.queue).size >= 6);
  assert.deepEqual([...distinct((s) => s.direction)].sort(), ['inbound', 'internal', 'outbound']);
  assert.ok(calls.some((c) => c.sidecar.caseNumber) && calls.some((c) => !c.sidecar.caseNumber));
  assert.ok(distinct((s) => s.startTime.slice(0, 10)).size >= 8, 'dates are spread out');
  const external = calls.filter((c) => c.sidecar.direction !== 'internal');
  assert.equal(external.filter((c) => !c.sidecar.consent.announcementPlayed).length, 2);
});

test('every WAV is 2-channel 8 kHz µ-law and as long as its sidecar says', () => {
  for (const c of calls) {
    assert.equal(c.info.codec, 'pcm_mulaw');
    assert.equal(c.info.channels, 2);
    assert.equal(c.info.sampleRate, 8000);
    assert.ok(Math.abs(c.info.durationSec - c.sidecar.durationSec) < 0.05, c.sidecar.callId);
  }
});

test('transcripts are canonical and consistent with the sidecar', () => {
  for (const { transcript: t, sidecar: s } of calls) {
    assert.equal(t.schemaVersion, 1);
    assert.equal(t.callId, s.callId);
    assert.equal(t.language, 'en-US');
    assert.equal(t.source, 'earmark-demo');
    assert.deepEqual(t.speakers.map((sp) => [sp.id, sp.channel]), [['agent', 0], ['customer', 1]]);
    assert.ok(t.segments.length >= 8);
    let prevStart = 0;
    for (const seg of t.segments) {
      assert.ok(seg.speaker === 'agent' || seg.speaker === 'customer');
      assert.ok(seg.start >= prevStart && seg.end > seg.start && seg.end <= s.durationSec + 0.01);
      prevStart = seg.start;
      assert.equal(seg.words.map((w) => w.w).join(' '), seg.text);
      assert.ok(Math.abs(seg.words[0].start - seg.start) <= 0.01);
      assert.ok(Math.abs(seg.words[seg.words.length - 1].end - seg.end) <= 0.01);
      for (let i = 1; i < seg.words.length; i++) assert.ok(seg.words[i].start >= seg.words[i - 1].start);
    }
    const text = t.segments.map((g) => g.text).join(' ');
    assert.equal(text.includes('may be recorded for quality and training'), s.consent.announcementPlayed, s.callId);
    if (s.queue === 'Collections') assert.ok(text.includes('This is an attempt to collect a debt'));
  }
});

test('speech energy is on the speaker’s own channel, where the transcript says they speak', () => {
  for (const c of calls) {
    const segs = c.transcript.segments;
    for (const seg of segs) {
      const own = seg.speaker === 'agent' ? 0 : 1;
      assert.ok(rms(c, own, seg.start, seg.end) > 400, `${c.sidecar.callId} ${seg.speaker} at ${seg.start}: silent on channel ${own}`);
      // Where only this speaker talks, the other channel carries nothing but line hiss.
      const overlapped = segs.some((o) => o !== seg && o.speaker !== seg.speaker && o.start < seg.end && o.end > seg.start);
      if (!overlapped) assert.ok(rms(c, 1 - own, seg.start, seg.end) < 40, `${c.sidecar.callId} bleed at ${seg.start}`);
    }
  }
});

test('some calls have dead air over 5 s and some have overtalk', () => {
  let deadAir = 0;
  let overtalk = 0;
  for (const c of calls) {
    const segs = c.transcript.segments;
    let latestEnd = 0;
    let hasDead = false;
    let hasOver = false;
    for (const seg of segs) {
      if (seg.start - latestEnd > 5) {
        hasDead = true;
        assert.ok(rms(c, 0, latestEnd + 0.1, seg.start - 0.1) < 40 && rms(c, 1, latestEnd + 0.1, seg.start - 0.1) < 40);
      }
      if (seg.start < latestEnd - 0.2) hasOver = true;
      latestEnd = Math.max(latestEnd, seg.end);
    }
    if (hasDead) deadAir++;
    if (hasOver) overtalk++;
  }
  assert.ok(deadAir >= 3, `${deadAir} calls with dead air`);
  assert.ok(overtalk >= 2, `${overtalk} calls with overtalk`);
});

test('the same seed and date give the same store, byte for byte; another seed does not', async () => {
  const again = await mkdtemp(join(tmpdir(), 'earmark-demo-'));
  const other = await mkdtemp(join(tmpdir(), 'earmark-demo-'));
  try {
    await writeDemoStore(again, { count: 20, seed: SEED, now: NOW });
    const a = await listFiles(root);
    const b = await listFiles(again);
    assert.deepEqual(a.map((f) => relative(root, f)), b.map((f) => relative(again, f)));
    for (let i = 0; i < a.length; i++) assert.ok((await readFile(a[i])).equals(await readFile(b[i])), relative(root, a[i]));

    await writeDemoStore(other, { count: 20, seed: SEED + 1, now: NOW });
    const c = await listFiles(other);
    assert.notDeepEqual(a.map((f) => relative(root, f)), c.map((f) => relative(other, f)));
  } finally {
    await rm(again, { recursive: true, force: true });
    await rm(other, { recursive: true, force: true });
  }
});

test('count, and an empty store', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'earmark-demo-'));
  try {
    assert.deepEqual(await writeDemoStore(dir, { count: 0, now: NOW }), { written: [] });
    const { written: w } = await writeDemoStore(dir, { count: 3, seed: 5, now: NOW });
    assert.equal(w.length, 9);
    await assert.rejects(writeDemoStore(dir, { count: -1 }), RangeError);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('defaultAssetsDir finds the phrase assets from the compiled output', async () => {
  const dir = defaultAssetsDir();
  assert.equal(basename(dir), 'speech');
  assert.ok((await stat(join(dir, 'phrases.json'))).isFile());
});

test('spreadWords shares a phrase’s time out by word length', () => {
  assert.deepEqual(spreadWords('Hi there, friend.', 1, 2.6), [
    { w: 'Hi', start: 1, end: 1.21 },
    { w: 'there,', start: 1.21, end: 1.85 },
    { w: 'friend.', start: 1.85, end: 2.6 },
  ]);
});
