// The history of audio exports and evidence packages: append-only (the schema refuses changes), so
// a leaked file's watermark id always leads back to who exported it, when and why.
import type { EvidenceRecord, ExportFormat, ExportRecord, RedactionMode } from '../../../shared/redaction-types';
import type { Db } from '../db/database';

interface ExportRow {
  id: string;
  recording_id: string;
  clip_id: string | null;
  start_sec: number;
  end_sec: number;
  format: ExportFormat;
  redaction_mode: RedactionMode;
  redactions_applied: number;
  reason: string;
  case_ref: string;
  exported_by_id: string | null;
  exported_by: string;
  exported_at: string;
  file_name: string;
  sha256: string;
  bytes: number;
}

const toExport = (r: ExportRow): ExportRecord => ({
  id: r.id,
  recordingId: r.recording_id,
  clipId: r.clip_id,
  start: r.start_sec,
  end: r.end_sec,
  format: r.format,
  redactionMode: r.redaction_mode,
  redactionsApplied: r.redactions_applied,
  reason: r.reason,
  caseRef: r.case_ref,
  exportedById: r.exported_by_id,
  exportedBy: r.exported_by,
  exportedAt: r.exported_at,
  fileName: r.file_name,
  sha256: r.sha256,
  bytes: r.bytes,
});

interface EvidenceRow {
  id: string;
  recording_id: string;
  case_ref: string;
  reason: string;
  created_by: string;
  created_at: string;
  file_name: string;
  package_sha256: string;
  signer_fingerprint: string;
  includes_redacted: number;
}

const toEvidence = (r: EvidenceRow): EvidenceRecord => ({
  id: r.id,
  recordingId: r.recording_id,
  caseRef: r.case_ref,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
  fileName: r.file_name,
  packageSha256: r.package_sha256,
  signerFingerprint: r.signer_fingerprint,
  includesRedacted: r.includes_redacted === 1,
});

export class ExportRepo {
  constructor(private readonly db: Db) {}

  record(e: ExportRecord): ExportRecord {
    this.db
      .prepare(
        `INSERT INTO audio_exports (id, recording_id, clip_id, start_sec, end_sec, format, redaction_mode, redactions_applied, reason, case_ref, exported_by_id, exported_by, exported_at, file_name, sha256, bytes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.id, e.recordingId, e.clipId, e.start, e.end, e.format, e.redactionMode, e.redactionsApplied, e.reason, e.caseRef, e.exportedById, e.exportedBy, e.exportedAt, e.fileName, e.sha256, e.bytes);
    return e;
  }

  get(id: string): ExportRecord | null {
    const r = this.db.prepare('SELECT * FROM audio_exports WHERE id = ?').get(id.toLowerCase()) as ExportRow | undefined;
    return r ? toExport(r) : null;
  }

  list(recordingId?: string): ExportRecord[] {
    const rows = recordingId
      ? this.db.prepare('SELECT * FROM audio_exports WHERE recording_id = ? ORDER BY exported_at DESC').all(recordingId)
      : this.db.prepare('SELECT * FROM audio_exports ORDER BY exported_at DESC LIMIT 500').all();
    return (rows as ExportRow[]).map(toExport);
  }

  recordEvidence(e: EvidenceRecord): EvidenceRecord {
    this.db
      .prepare(
        `INSERT INTO evidence_packages (id, recording_id, case_ref, reason, created_by, created_at, file_name, package_sha256, signer_fingerprint, includes_redacted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.id, e.recordingId, e.caseRef, e.reason, e.createdBy, e.createdAt, e.fileName, e.packageSha256, e.signerFingerprint, e.includesRedacted ? 1 : 0);
    return e;
  }

  evidence(recordingId?: string): EvidenceRecord[] {
    const rows = recordingId
      ? this.db.prepare('SELECT * FROM evidence_packages WHERE recording_id = ? ORDER BY created_at DESC').all(recordingId)
      : this.db.prepare('SELECT * FROM evidence_packages ORDER BY created_at DESC LIMIT 500').all();
    return (rows as EvidenceRow[]).map(toEvidence);
  }
}
