// Audio exports (redacted, watermarked), evidence packages, and identifying leaked files. Files are
// written only where the person chose in a native save dialog; the renderer never names a path.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { AuditEntry } from '../../../shared/types';
import type { EvidenceCheck, EvidenceRecord, ExportRecord } from '../../../shared/redaction-types';
import type { ProgressEvent } from '../../../shared/events';
import type { OpenStream } from '../audio/byte-source';
import { AudioFormatError } from '../audio/audio-error';
import { ClipRepo } from '../clips/clip-repo';
import type { FileFilter } from '../dialogs';
import type { Handlers } from '../dispatcher';
import { HandlerError, notFound } from '../errors';
import type { CustodyEvent } from '../evidence/evidence-manifest';
import { writeEvidencePackage } from '../evidence/evidence-package';
import { verifyEvidencePackage } from '../evidence/evidence-verify';
import { ExportRepo } from '../export/export-repo';
import { EvaluationRepo } from '../qa/evaluation-repo';
import { ExportCancelledError, renderAudioExport } from '../export/export-pipeline';
import { writeFileAtomic } from '../fs-atomic';
import { RedactionRepo } from '../redaction/redaction-repo';
import type { Services } from '../services';
import { loadTranscript } from '../transcripts/load-transcript';
import { detectWatermark } from '../watermark';
import { readAudioFile } from '../watermark/read-audio';

type Names = 'export.audio' | 'export.cancel' | 'export.list' | 'watermark.identify' | 'evidence.export' | 'evidence.list' | 'evidence.verify';

const AUDIO_FILTERS: FileFilter[] = [{ name: 'Audio', extensions: ['wav', 'mp3', 'ogg', 'opus', 'flac'] }];
/** Enough audio for the watermark's repeated payload many times over; longer files are cut here. */
const IDENTIFY_MAX_SEC = 1800;

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);

/** The audit entries about one recording, oldest first (the trail's target names it exactly). */
export function recordingHistory(s: Services, id: string): AuditEntry[] {
  const out: AuditEntry[] = [];
  const exact = new RegExp(`^recording:${id.replace(/[.]/g, '\\.')}(?=$|[@ ])`);
  for (let offset = 0; ; offset += 500) {
    const page = s.audit.list({ target: `recording:${id}`, offset, limit: 500 });
    out.push(...page.rows.filter((e) => e.target !== null && exact.test(e.target)));
    if (offset + page.rows.length >= page.total || page.rows.length === 0) break;
  }
  return out.sort((a, b) => a.seq - b.seq);
}

export function exportHandlers(s: Services): Pick<Handlers, Names> {
  const exportsRepo = new ExportRepo(s.db);
  const marks = new RedactionRepo(s.db);
  const clips = new ClipRepo(s.db);
  const running = new Map<string, AbortController>();

  const progress = (taskId: string, kind: ProgressEvent['kind'], subject: string, label: string) => (done: number, state: ProgressEvent['state'] = 'running', message: string | null = null) =>
    s.events.emit({ type: 'progress', taskId, kind, subject, label, done, total: 1, unit: 'items', state, message });

  const chooseSavePath = async (title: string, defaultName: string, filters: FileFilter[]) => {
    if (!s.dialogs) throw new HandlerError('unavailable', 'there is no file dialog here to choose where to save');
    return s.dialogs({ kind: 'save', title, defaultName, filters });
  };
  const chooseOpenPath = async (title: string, filters: FileFilter[]) => {
    if (!s.dialogs) throw new HandlerError('unavailable', 'there is no file dialog here to choose a file');
    return s.dialogs({ kind: 'open', title, filters });
  };

  /** The recording's audio through the encrypted cache: fetched once, decrypted on the fly. */
  const audioOf = (id: string): { open: OpenStream; size: number } => {
    const source = s.cacheSource(id);
    if (!source) throw notFound(`recording ${id}`);
    return { open: (start, end) => s.cache.openRange(id, source, start, end), size: source.size };
  };

  const begin = (taskId: string) => {
    if (running.has(taskId)) throw new HandlerError('conflict', 'that task is already running');
    const ac = new AbortController();
    running.set(taskId, ac);
    return ac;
  };

  return {
    'export.audio': async (i, ctx) => {
      const rec = s.recordings.detail(i.recordingId);
      if (!rec) throw notFound(`recording ${i.recordingId}`);
      const clip = i.clipId ? clips.get(i.clipId) : null;
      if (i.clipId && (!clip || clip.recordingId !== i.recordingId)) throw notFound('that clip');
      const from = clip?.start ?? i.start ?? 0;
      const to = clip?.end ?? i.end ?? null;
      const suggested = `${safeName(clip ? `${clip.title}` : i.recordingId)}-${safeName(i.caseRef)}.${i.format}`;
      const path = await chooseSavePath(clip ? `Export clip “${clip.title}”` : `Export ${i.recordingId}`, suggested, [{ name: i.format.toUpperCase(), extensions: [i.format] }]);
      if (!path) {
        ctx.note('cancelled at the save dialog');
        return null;
      }
      const ac = begin(i.taskId);
      const exportId = randomBytes(8).toString('hex');
      const report = progress(i.taskId, 'export', i.recordingId, `Exporting ${clip ? `“${clip.title}”` : i.recordingId}`);
      try {
        report(0);
        const audio = audioOf(i.recordingId);
        const accepted = marks.accepted(i.recordingId);
        const at = s.now();
        const rendered = await renderAudioExport({
          open: audio.open,
          sizeBytes: audio.size,
          from,
          to,
          marks: accepted.map((m) => ({ start: m.start, end: m.end, channels: m.channels })),
          mode: i.redactionMode,
          format: i.format,
          meta: {
            title: clip ? `${clip.title} (from ${i.recordingId})` : `Call ${i.recordingId}`,
            exportedBy: ctx.actor.name,
            exportedAt: at.toISOString(),
            caseRef: i.caseRef,
            reason: i.reason,
            exportId,
            recordingId: i.recordingId,
          },
          payload: Buffer.from(exportId, 'hex'),
          onProgress: (f) => report(f),
          signal: ac.signal,
        });
        writeFileAtomic(path, rendered.bytes);
        const record: ExportRecord = exportsRepo.record({
          id: exportId,
          recordingId: i.recordingId,
          clipId: clip?.id ?? null,
          start: from,
          end: from + rendered.durationSec,
          format: i.format,
          redactionMode: i.redactionMode,
          redactionsApplied: rendered.redactionsApplied,
          reason: i.reason,
          caseRef: i.caseRef,
          exportedById: ctx.actor.profile?.id ?? null,
          exportedBy: ctx.actor.name,
          exportedAt: at.toISOString(),
          fileName: basename(path),
          sha256: createHash('sha256').update(rendered.bytes).digest('hex'),
          bytes: rendered.bytes.length,
        });
        report(1, 'done');
        ctx.note(`watermark ${exportId}; ${i.format}, ${rendered.durationSec.toFixed(1)} s, ${rendered.redactionsApplied} redaction(s) applied; saved as ${basename(path)}`);
        return record;
      } catch (err) {
        const cancelled = err instanceof ExportCancelledError;
        report(0, cancelled ? 'cancelled' : 'failed', (err as Error).message);
        if (cancelled) throw new HandlerError('conflict', 'the export was cancelled; nothing was saved');
        if (err instanceof AudioFormatError) throw new HandlerError('unavailable', `the recording cannot be decoded: ${err.message}`);
        throw err;
      } finally {
        running.delete(i.taskId);
      }
    },
    'export.cancel': ({ taskId }) => {
      const ac = running.get(taskId);
      ac?.abort();
      return { cancelled: ac !== undefined };
    },
    'export.list': ({ recordingId }) => exportsRepo.list(recordingId),
    'watermark.identify': async (_i, ctx) => {
      const path = await chooseOpenPath('Identify a leaked file', AUDIO_FILTERS);
      if (!path) {
        ctx.note('cancelled at the open dialog');
        return null;
      }
      let audio;
      try {
        audio = await readAudioFile(path, statSync(path).size, IDENTIFY_MAX_SEC);
      } catch (err) {
        if (err instanceof AudioFormatError) throw new HandlerError('unavailable', `${basename(path)} cannot be read as audio: ${err.message}`);
        throw err;
      }
      const d = detectWatermark(audio.channels, audio.sampleRate);
      const payload = d.found && d.payload ? Buffer.from(d.payload).toString('hex') : null;
      const record = payload ? exportsRepo.get(payload) : null;
      ctx.note(payload ? `watermark ${payload}${record ? ` = export by ${record.exportedBy} on ${record.exportedAt}` : ' (not an export of this device)'}` : `no watermark in ${basename(path)}`);
      return { found: d.found, payload, export: record, fileName: basename(path), confidence: Number.isFinite(d.confidence) ? d.confidence : null };
    },

    'evidence.export': async (i, ctx) => {
      const rec = s.recordings.detail(i.recordingId);
      if (!rec) throw notFound(`recording ${i.recordingId}`);
      const path = await chooseSavePath(`Export evidence for ${i.recordingId}`, `${safeName(i.recordingId)}-evidence-${safeName(i.caseRef)}.zip`, [{ name: 'Evidence package', extensions: ['zip'] }]);
      if (!path) {
        ctx.note('cancelled at the save dialog');
        return null;
      }
      const ac = begin(i.taskId);
      const report = progress(i.taskId, 'evidence', i.recordingId, `Building the evidence package for ${i.recordingId}`);
      try {
        report(0);
        const at = s.now();
        // Signed by the exporting profile's key; the CLI (no profile) signs with the installation's CLI key.
        const signer = await s.vault.profileSigningKey(ctx.actor.profile?.id ?? 'cli');
        let redacted: { fileName: string; data: Uint8Array } | null = null;
        let redactedExport: ExportRecord | null = null;
        if (i.includeRedacted) {
          const audio = audioOf(i.recordingId);
          const exportId = randomBytes(8).toString('hex');
          const r = await renderAudioExport({
            open: audio.open,
            sizeBytes: audio.size,
            from: 0,
            to: null,
            marks: marks.accepted(i.recordingId).map((m) => ({ start: m.start, end: m.end, channels: m.channels })),
            mode: 'silence',
            format: 'wav',
            meta: { title: `Call ${i.recordingId} (redacted)`, exportedBy: ctx.actor.name, exportedAt: at.toISOString(), caseRef: i.caseRef, reason: i.reason, exportId, recordingId: i.recordingId },
            payload: Buffer.from(exportId, 'hex'),
            onProgress: (f) => report(0.6 * f),
            signal: ac.signal,
          });
          redacted = { fileName: `${safeName(i.recordingId)}.redacted.wav`, data: r.bytes };
            redactedExport = exportsRepo.record({
            id: exportId,
            recordingId: i.recordingId,
            clipId: null,
            start: 0,
            end: r.durationSec,
            format: 'wav',
            redactionMode: 'silence',
            redactionsApplied: r.redactionsApplied,
            reason: `evidence package: ${i.reason}`,
            caseRef: i.caseRef,
            exportedById: ctx.actor.profile?.id ?? null,
            exportedBy: ctx.actor.name,
            exportedAt: at.toISOString(),
            fileName: redacted.fileName,
            sha256: createHash('sha256').update(r.bytes).digest('hex'),
            bytes: r.bytes.length,
          });
        }
        const history = recordingHistory(s, i.recordingId);
        const custody: CustodyEvent[] = history.map((e) => ({
          at: e.ts,
          actor: e.actorName,
          role: e.role,
          device: e.device,
          action: e.command,
          outcome: e.outcome,
          detail: e.detail,
          auditSeq: e.seq,
          auditHash: e.hash,
        }));
        custody.push({ at: at.toISOString(), actor: ctx.actor.name, role: ctx.actor.principal, device: `${s.device.name} (${s.device.id.slice(0, 8)})`, action: 'evidence.export', outcome: 'ok', detail: `case ${i.caseRef}: ${i.reason}`, auditSeq: null, auditHash: null });
        const { audioKey, ...metadata } = rec;
        const result = await writeEvidencePackage(path, {
          caseRef: i.caseRef,
          reason: i.reason,
          createdAt: at,
          recording: { id: rec.id, storeKey: audioKey, startTime: rec.startTime, durationSec: rec.durationSec, agent: rec.agentName, customerRef: rec.customerRef },
          exportedBy: { profileId: ctx.actor.profile?.id ?? null, name: ctx.actor.name, role: ctx.actor.principal, device: `${s.device.name} (${s.device.id.slice(0, 8)})` },
          signer,
          original: { fileName: basename(audioKey), stream: s.store.readAudio(audioKey) },
          redacted,
          metadata,
          transcript: await loadTranscript(s, i.recordingId).catch(() => null),
          evaluations: evaluationsFor(s, i.recordingId),
          auditHistory: history,
          custody,
          onProgress: (bytes) => report(0.6 + 0.4 * Math.min(1, bytes / Math.max(1, rec.audio.sizeBytes))),
          signal: ac.signal,
        });
        const record: EvidenceRecord = exportsRepo.recordEvidence({
          id: result.manifest.packageId,
          recordingId: i.recordingId,
          caseRef: i.caseRef,
          reason: i.reason,
          createdBy: ctx.actor.name,
          createdAt: at.toISOString(),
          fileName: basename(path),
          packageSha256: result.packageSha256,
          signerFingerprint: signer.fingerprint,
          includesRedacted: redacted !== null,
        });
        report(1, 'done');
        ctx.note(`package ${record.id} sha256 ${record.packageSha256.slice(0, 16)}…; signed ${signer.fingerprint.slice(0, 23)}…${redactedExport ? `; redacted copy watermark ${redactedExport.id}` : ''}; saved as ${basename(path)}`);
        return record;
      } catch (err) {
        const cancelled = ac.signal.aborted || err instanceof ExportCancelledError;
        report(0, cancelled ? 'cancelled' : 'failed', (err as Error).message);
        if (cancelled) throw new HandlerError('conflict', 'the evidence export was cancelled; nothing was saved');
        throw err;
      } finally {
        running.delete(i.taskId);
      }
    },
    'evidence.list': ({ recordingId }) => exportsRepo.evidence(recordingId),
    'evidence.verify': async (_i, ctx) => {
      const path = await chooseOpenPath('Verify an evidence package', [{ name: 'Evidence package', extensions: ['zip'] }]);
      if (!path) {
        ctx.note('cancelled at the open dialog');
        return null;
      }
      const trusted = (await Promise.all(s.profiles.list().map((p) => s.vault.profileFingerprint(p.id)))).filter((f): f is string => f !== null);
      const cli = await s.vault.profileFingerprint('cli');
      if (cli) trusted.push(cli);
      // A package signed on another device is not "tampered": whether this device knows the signer is
      // reported beside the integrity verdict, not folded into it.
      const v = verifyEvidencePackage(new Uint8Array(readFileSync(path)));
      const known = new Set(trusted.map((f) => f.toLowerCase()));
      const check: EvidenceCheck = { ...v, trusted: v.signer ? known.has(v.signer.fingerprint.toLowerCase()) : false, fileName: basename(path) };
      ctx.note(`${basename(path)}: ${check.intact ? 'intact' : `FAILS: ${check.problems[0]}`}${check.trusted ? '; signed by a profile of this device' : '; signer not known on this device'}`);
      return check;
    },
  };
}

/** The recording's QA evaluations (not drafts, not calibration rounds), each with its full history. */
function evaluationsFor(s: Services, recordingId: string): unknown[] {
  const repo = new EvaluationRepo(s.db);
  const page = repo.list({ recordingId, offset: 0, limit: 500 }, null);
  return page.rows
    .filter((e) => e.status !== 'draft')
    .map((e) => ({ evaluation: e, versions: repo.versions(e.id), comments: repo.comments(e.id), review: repo.reviewEvents(e.id) }));
}
