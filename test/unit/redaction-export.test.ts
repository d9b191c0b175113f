// Issue 6 through the dispatcher: suggestions and marks, clips, redacted + watermarked exports,
// identifying a leaked file, legal holds pinning the cache, signed evidence packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { createBackend, type Backend } from '../../electron/core/backend';
import { parseWavHeader } from '../../electron/core/audio/wav';
import { writeDemoStore } from '../../electron/core/demo/demo-writer';
import type { DialogRequest } from '../../electron/core/dialogs';
import { verifyEvidencePackage } from '../../electron/core/evidence/evidence-verify';
import type { CommandEnvelope } from '../../shared/errors';
import type { AuditEntry, Page, Profile, RecordingRow } from '../../shared/types';
import type { Clip, EvidenceCheck, EvidenceRecord, ExportRecord, LeakIdentification, LegalHold, Playlist, RedactionMark } from '../../shared/redaction-types';
import type { Transcript } from '../../shared/player-types';
import { memoryVault } from './memory-vault';

const NOW = new Date('2026-11-20T12:00:00Z');

interface Env {
  dir: string;
  backend: Backend;
  dialogs: DialogRequest[];
  answer: (path: string | null) => void;
  done(): void;
}

async function env(): Promise<Env> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-export-'));
  const storeRoot = path.join(dir, 'store');
  await writeDemoStore(storeRoot, { count: 8, seed: 5, now: NOW });
  const dialogs: DialogRequest[] = [];
  let next: string | null = null;
  const backend = await createBackend({
    dataDir: path.join(dir, 'data'),
    storeRoot,
    openVault: memoryVault(),
    dialogs: async (r) => {
      dialogs.push(r);
      return next;
    },
  });
  await backend.indexAsSystem();
  return { dir, backend, dialogs, answer: (p) => void (next = p), done: () => (backend.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

async function ok<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const r = (await b.dispatch(name, input)) as CommandEnvelope<T>;
  assert.equal(r.ok, true, r.ok ? '' : `${name}: ${JSON.stringify(r.error)}`);
  return (r as { ok: true; value: T }).value;
}
async function fails(b: Backend, name: string, input: unknown): Promise<string> {
  const r = await b.dispatch(name, input);
  assert.equal(r.ok, false, `${name} should fail`);
  return (r as { ok: false; error: { code: string } }).error.code;
}
const as = async (b: Backend, displayName: string, role: string) => ok<Profile>(b, 'profile.create', { displayName, role });
const audit = (b: Backend): AuditEntry[] => b.services.audit.list({ offset: 0, limit: 500 }).rows.reverse();

async function payingCall(b: Backend): Promise<RecordingRow> {
  const page = await ok<Page<RecordingRow>>(b, 'library.search', { tags: ['card-payment'], limit: 50 });
  assert.ok(page.rows.length > 0, 'the demo store has a card payment');
  return page.rows[0];
}

test('suggestions from the transcript are reviewed; accepted marks redact the transcript', async () => {
  const e = await env();
  try {
    await as(e.backend, 'Tess Trainer', 'trainer');
    const call = await payingCall(e.backend);
    const marks = await ok<RedactionMark[]>(e.backend, 'redaction.suggest', { recordingId: call.id });
    const reasons = marks.map((m) => m.reason);
    for (const r of ['card_number', 'expiry', 'security_code']) assert.ok(reasons.includes(r as never), `${r} suggested: ${reasons}`);
    assert.ok(marks.every((m) => m.status === 'suggested' && m.source === 'detector'));
    const card = marks.find((m) => m.reason === 'card_number')!;
    assert.deepEqual(card.channels, [1], 'the customer channel');
    // Suggesting again does not duplicate.
    assert.equal((await ok<RedactionMark[]>(e.backend, 'redaction.suggest', { recordingId: call.id })).length, marks.length);

    for (const m of marks) await ok(e.backend, 'redaction.review', { id: m.id, decision: m.reason === 'security_code' ? 'reject' : 'accept' });
    const manual = await ok<RedactionMark>(e.backend, 'redaction.add', { recordingId: call.id, start: 1, end: 1.5, channels: null, reason: 'other' });
    assert.equal(manual.status, 'accepted');
    assert.equal(await fails(e.backend, 'redaction.add', { recordingId: call.id, start: 2, end: 1, channels: null, reason: 'other' }), 'invalid_input');
    assert.equal(await fails(e.backend, 'redaction.add', { recordingId: call.id, start: 1, end: 2, channels: [5], reason: 'other' }), 'conflict');

    const t = await ok<Transcript>(e.backend, 'redaction.transcript', { recordingId: call.id });
    const text = t.segments.map((s) => s.text).join(' ');
    assert.match(text, /\[card number\]/);
    assert.doesNotMatch(text, /four one one one/i);
    assert.match(text, /seven three seven/i, 'a rejected suggestion stays in the transcript');

    // Re-suggesting keeps the reviewed decisions.
    const again = await ok<RedactionMark[]>(e.backend, 'redaction.suggest', { recordingId: call.id });
    assert.equal(again.filter((m) => m.status === 'suggested').length, 0);
  } finally {
    e.done();
  }
});

test('a clip exports as WAV with exactly the marked samples silenced, a watermark naming the export, and LIST/INFO metadata', async () => {
  const e = await env();
  try {
    await as(e.backend, 'Tess Trainer', 'trainer');
    const call = await payingCall(e.backend);
    const marks = await ok<RedactionMark[]>(e.backend, 'redaction.suggest', { recordingId: call.id });
    const card = marks.find((m) => m.reason === 'card_number')!;
    await ok(e.backend, 'redaction.review', { id: card.id, decision: 'accept' });
    const clip = await ok<Clip>(e.backend, 'clips.create', { recordingId: call.id, start: Math.max(0, card.start - 20), end: card.end + 10, title: 'Taking a card payment', notes: 'Good verification', tags: ['payments'] });
    const playlist = await ok<Playlist>(e.backend, 'playlists.save', { name: 'Week 1', clipIds: [clip.id] });
    assert.deepEqual(playlist.clipIds, [clip.id]);

    // Cancelled at the save dialog: nothing happens, and it says so.
    e.answer(null);
    assert.equal(await ok<ExportRecord | null>(e.backend, 'export.audio', { taskId: 'task-cancel-1', recordingId: call.id, clipId: clip.id, reason: 'class', caseRef: 'TRAIN-1' }), null);
    assert.equal(e.dialogs.at(-1)?.kind, 'save');

    const out = path.join(e.dir, 'clip.wav');
    e.answer(out);
    const rec = await ok<ExportRecord>(e.backend, 'export.audio', { taskId: 'task-export-1', recordingId: call.id, clipId: clip.id, format: 'wav', reason: 'Classroom: taking payments', caseRef: 'TRAIN-1' });
    assert.match(rec.id, /^[0-9a-f]{16}$/);
    assert.equal(rec.redactionsApplied, 1);
    const wav = fs.readFileSync(out);
    const info = parseWavHeader(wav, wav.length);
    assert.equal(info.codec, 'pcm_s16le');
    assert.ok(Math.abs(info.durationSec - (clip.end - clip.start)) < 0.05, `duration ${info.durationSec}`);
    // Inside the mark, on the customer channel: every sample is 0. The agent channel is not silenced.
    const frame = (t: number) => Math.round((t - clip.start) * info.sampleRate);
    let customerEnergy = 0;
    let agentEnergy = 0;
    for (let f = frame(card.start) + 1; f < frame(card.end) - 1; f++) {
      customerEnergy += Math.abs(wav.readInt16LE(info.dataOffset + f * 4 + 2));
      agentEnergy += Math.abs(wav.readInt16LE(info.dataOffset + f * 4));
    }
    assert.equal(customerEnergy, 0, 'the card number is silenced on the customer channel');
    assert.ok(agentEnergy >= 0);
    assert.match(wav.toString('latin1'), /CONFIDENTIAL\. Exported by Tess Trainer/);
    assert.match(wav.toString('latin1'), /TRAIN-1/);
    const entry = audit(e.backend).filter((a) => a.command === 'export.audio' && a.outcome === 'ok').at(-1)!;
    assert.match(entry.detail ?? '', new RegExp(`watermark ${rec.id}`));

    // A legal user identifies the leaked file: the watermark names the export.
    await as(e.backend, 'Lee Legal', 'legal');
    e.answer(out);
    const id = await ok<LeakIdentification>(e.backend, 'watermark.identify', {});
    assert.equal(id.found, true);
    assert.equal(id.payload, rec.id);
    assert.equal(id.export?.exportedBy, 'Tess Trainer');
    assert.equal(id.export?.caseRef, 'TRAIN-1');
  } finally {
    e.done();
  }
});

test('MP3 export carries the metadata watermark; an export can be cancelled while it runs', async () => {
  const e = await env();
  try {
    await as(e.backend, 'Tess Trainer', 'trainer');
    const call = await payingCall(e.backend);
    const out = path.join(e.dir, 'call.mp3');
    e.answer(out);
    const rec = await ok<ExportRecord>(e.backend, 'export.audio', { taskId: 'task-mp3-1', recordingId: call.id, format: 'mp3', reason: 'Coaching', caseRef: 'COACH-9' });
    const mp3 = fs.readFileSync(out);
    assert.equal(mp3.subarray(0, 3).toString(), 'ID3');
    assert.equal(rec.format, 'mp3');

    e.answer(path.join(e.dir, 'never.wav'));
    const running = e.backend.dispatch('export.audio', { taskId: 'task-cancel-2', recordingId: call.id, format: 'wav', reason: 'x', caseRef: 'y' });
    await new Promise((r) => setTimeout(r, 5));
    await ok(e.backend, 'export.cancel', { taskId: 'task-cancel-2' });
    const r = await running;
    assert.equal(r.ok, false);
    assert.match((r as { ok: false; error: { message: string } }).error.message, /cancelled/);
    assert.equal(fs.existsSync(path.join(e.dir, 'never.wav')), false);
  } finally {
    e.done();
  }
});

test('a legal hold pins the recording in the cache until released, and is listed and audited', async () => {
  const e = await env();
  try {
    await as(e.backend, 'Lee Legal', 'legal');
    const call = await payingCall(e.backend);
    const hold = await ok<LegalHold>(e.backend, 'legal.hold.place', { recordingId: call.id, caseRef: 'CASE-7', reason: 'Subpoena' });
    await e.backend.services.cache.idle();
    const pinned = () => e.backend.services.cache.list().find((c) => c.id === call.id);
    for (let i = 0; i < 50 && !pinned(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(pinned()?.pinned?.includes('CASE-7'), JSON.stringify(pinned()));
    await ok(e.backend, 'cache.clear', {});
    assert.ok(pinned(), 'clearing the cache keeps held recordings');
    assert.equal((await ok<LegalHold[]>(e.backend, 'legal.holds', {})).length, 1);
    await ok(e.backend, 'legal.hold.release', { holdId: hold.id, reason: 'Case closed' });
    assert.equal((await ok<LegalHold[]>(e.backend, 'legal.holds', {})).length, 0);
    assert.equal((await ok<LegalHold[]>(e.backend, 'legal.holds', { includeReleased: true }))[0].releaseReason, 'Case closed');
    assert.equal(pinned()?.pinned ?? null, null);
    assert.equal(await fails(e.backend, 'legal.hold.release', { holdId: hold.id, reason: 'again' }), 'conflict');
    const cmds = audit(e.backend).map((a) => a.command);
    assert.ok(cmds.includes('legal.hold.place') && cmds.includes('legal.hold.release'));
  } finally {
    e.done();
  }
});

test('an evidence package holds the original bit for bit, verifies, names the signer, and fails when changed', async () => {
  const e = await env();
  try {
    await as(e.backend, 'Lee Legal', 'legal');
    const call = await payingCall(e.backend);
    await ok(e.backend, 'recording.open', { id: call.id });
    const marks = await ok<RedactionMark[]>(e.backend, 'redaction.suggest', { recordingId: call.id });
    for (const m of marks) await ok(e.backend, 'redaction.review', { id: m.id, decision: 'accept' });
    const out = path.join(e.dir, 'evidence.zip');
    e.answer(out);
    const rec = await ok<EvidenceRecord>(e.backend, 'evidence.export', { taskId: 'task-evidence-1', recordingId: call.id, caseRef: 'CASE-42', reason: 'Dispute of a card payment' });
    const zip = new Uint8Array(fs.readFileSync(out));
    const v = verifyEvidencePackage(zip);
    assert.equal(v.intact, true, v.problems.join('; '));
    assert.equal(v.caseRef, 'CASE-42');
    const entries = unzipSync(zip);
    const detail = e.backend.services.recordings.detail(call.id)!;
    const original = Object.keys(entries).find((k) => k.startsWith('recording/'))!;
    assert.deepEqual(Buffer.from(entries[original]), fs.readFileSync(path.join(e.dir, 'store', detail.audioKey)));
    assert.ok(Object.keys(entries).some((k) => k.startsWith('redacted/')));
    const history = JSON.parse(new TextDecoder().decode(entries['audit-history.json'])) as AuditEntry[];
    assert.ok(history.some((h) => h.command === 'recording.open'), 'the audit history of the recording is included');
    assert.equal(rec.signerFingerprint, v.signer?.fingerprint);

    // The in-app verifier: intact, and signed by a profile of this device.
    e.answer(out);
    const check = await ok<EvidenceCheck>(e.backend, 'evidence.verify', {});
    assert.equal(check.intact, true);
    assert.equal(check.trusted, true);

    // Tampered: a changed transcript is named.
    const { zipSync } = await import('fflate');
    const tampered = path.join(e.dir, 'tampered.zip');
    fs.writeFileSync(tampered, zipSync({ ...entries, 'metadata.json': new TextEncoder().encode('{}') }));
    e.answer(tampered);
    const bad = await ok<EvidenceCheck>(e.backend, 'evidence.verify', {});
    assert.equal(bad.intact, false);
    assert.equal(bad.files.find((f) => f.path === 'metadata.json')?.verdict, 'modified');
  } finally {
    e.done();
  }
});

test('roles: trainers export clips but not evidence; QA supervisors cannot export audio; auditors identify leaks but cannot hold', async () => {
  const e = await env();
  try {
    const call = (await (async () => {
      await as(e.backend, 'Tess Trainer', 'trainer');
      return payingCall(e.backend);
    })()) as RecordingRow;
    assert.equal(await fails(e.backend, 'evidence.export', { taskId: 'task-role-1', recordingId: call.id, caseRef: 'C', reason: 'r' }), 'denied');
    assert.equal(await fails(e.backend, 'legal.hold.place', { recordingId: call.id, caseRef: 'C', reason: 'r' }), 'denied');
    await as(e.backend, 'Quinn QA', 'qa_supervisor');
    assert.equal(await fails(e.backend, 'export.audio', { taskId: 'task-role-2', recordingId: call.id, reason: 'r', caseRef: 'c' }), 'denied');
    await as(e.backend, 'Ava Auditor', 'auditor');
    e.answer(null);
    assert.equal(await ok(e.backend, 'watermark.identify', {}), null);
    assert.equal(await fails(e.backend, 'legal.hold.place', { recordingId: call.id, caseRef: 'C', reason: 'r' }), 'denied');
    assert.equal(await fails(e.backend, 'export.audio', { taskId: 'task-role-3', recordingId: call.id, reason: '', caseRef: 'c' }), 'invalid_input');
  } finally {
    e.done();
  }
});

const bus = process.platform !== 'linux' || !!process.env.DBUS_SESSION_BUS_ADDRESS;
const keychainSkip = bus ? false : 'no D-Bus session bus: run under dbus-run-session with gnome-keyring (npm test does)';

test('earmark evidence export and verify from the command line (real keychain)', { skip: keychainSkip }, async () => {
  const { main } = await import('../../electron/cli/earmark');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earmark-evidence-cli-'));
  try {
    const storeRoot = path.join(dir, 'store');
    const dataDir = path.join(dir, 'data');
    await writeDemoStore(storeRoot, { count: 3, seed: 5, now: NOW });
    const quiet = () => undefined;
    assert.equal(await main(['index', storeRoot, '--data', dataDir], quiet), 0);
    const ids: string[] = [];
    await main(['search', '--data', dataDir, '--json'], (s) => ids.push(...(JSON.parse(s) as Page<RecordingRow>).rows.map((r) => r.id)));
    const pkg = path.join(dir, 'pkg.zip');
    const lines: string[] = [];
    assert.equal(await main(['evidence', 'export', ids[0], '--data', dataDir, '--case', 'CASE-9', '--reason', 'Regulator request', '--out', pkg, '--json'], (s) => lines.push(s)), 0);
    const rec = JSON.parse(lines[0]) as EvidenceRecord;
    assert.equal(rec.caseRef, 'CASE-9');
    const verified: string[] = [];
    assert.equal(await main(['evidence', 'verify', pkg, '--json', '--trust', rec.signerFingerprint], (s) => verified.push(s)), 0);
    assert.equal(JSON.parse(verified[0]).trusted, true);
    // One flipped byte inside the original recording fails verification (exit 1).
    const entries = unzipSync(new Uint8Array(fs.readFileSync(pkg)));
    const name = Object.keys(entries).find((k) => k.startsWith('recording/'))!;
    entries[name][100] ^= 0xff;
    const { zipSync } = await import('fflate');
    fs.writeFileSync(pkg, zipSync(entries));
    assert.equal(await main(['evidence', 'verify', pkg], quiet), 1);
    await assert.rejects(main(['evidence', 'export', ids[0], '--data', dataDir, '--out', pkg]), /--case/);
    // The CLI's export is audited like the app's.
    const b = await createBackend({ dataDir });
    try {
      assert.ok(b.services.audit.list({ offset: 0, limit: 200 }).rows.some((r) => r.command === 'evidence.export' && r.outcome === 'ok' && r.actorName.startsWith('cli')));
    } finally {
      b.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
