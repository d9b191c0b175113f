// Redaction marks per recording: drawn by hand (accepted at once) or suggested by the detectors
// (waiting for review). Only accepted marks reach exports and the redacted transcript.
import { randomUUID } from 'node:crypto';
import type { RedactionMark, RedactionReason, RedactionStatus } from '../../../shared/redaction-types';
import type { Db } from '../db/database';

interface Row {
  id: string;
  recording_id: string;
  start_sec: number;
  end_sec: number;
  channels: string | null;
  reason: RedactionReason;
  status: RedactionStatus;
  source: 'manual' | 'detector';
  note: string | null;
  created_by: string;
  created_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

const toMark = (r: Row): RedactionMark => ({
  id: r.id,
  recordingId: r.recording_id,
  start: r.start_sec,
  end: r.end_sec,
  channels: r.channels === null ? null : (JSON.parse(r.channels) as number[]),
  reason: r.reason,
  status: r.status,
  source: r.source,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
});

export interface NewMark {
  recordingId: string;
  start: number;
  end: number;
  channels: number[] | null;
  reason: RedactionReason;
  status: RedactionStatus;
  source: 'manual' | 'detector';
  note: string | null;
  createdBy: string;
  at: Date;
}

export class RedactionRepo {
  constructor(private readonly db: Db) {}

  list(recordingId: string): RedactionMark[] {
    return (this.db.prepare('SELECT * FROM redaction_marks WHERE recording_id = ? ORDER BY start_sec, end_sec, id').all(recordingId) as Row[]).map(toMark);
  }

  accepted(recordingId: string): RedactionMark[] {
    return this.list(recordingId).filter((m) => m.status === 'accepted');
  }

  get(id: string): RedactionMark | null {
    const r = this.db.prepare('SELECT * FROM redaction_marks WHERE id = ?').get(id) as Row | undefined;
    return r ? toMark(r) : null;
  }

  add(m: NewMark): RedactionMark {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO redaction_marks (id, recording_id, start_sec, end_sec, channels, reason, status, source, note, created_by, created_at, reviewed_by, reviewed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, m.recordingId, m.start, m.end, m.channels ? JSON.stringify([...new Set(m.channels)].sort()) : null, m.reason, m.status, m.source, m.note, m.createdBy, m.at.toISOString(), m.status === 'suggested' ? null : m.createdBy, m.status === 'suggested' ? null : m.at.toISOString());
    return this.get(id)!;
  }

  update(id: string, patch: { start?: number; end?: number; channels?: number[] | null; reason?: RedactionReason }): RedactionMark {
    const cur = this.get(id)!;
    const next = { ...cur, ...patch };
    this.db
      .prepare('UPDATE redaction_marks SET start_sec = ?, end_sec = ?, channels = ?, reason = ? WHERE id = ?')
      .run(next.start, next.end, next.channels ? JSON.stringify([...new Set(next.channels)].sort()) : null, next.reason, id);
    return this.get(id)!;
  }

  review(id: string, status: 'accepted' | 'rejected', by: string, at: Date): RedactionMark {
    this.db.prepare('UPDATE redaction_marks SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?').run(status, by, at.toISOString(), id);
    return this.get(id)!;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM redaction_marks WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Brings the detectors' pending suggestions up to date with a fresh run: pending ones still found
   * keep their ids (a reviewer may be looking at them), ones no longer found go, new ones are added.
   * Marks a person drew or reviewed are never touched, and never suggested again.
   */
  replaceSuggestions(recordingId: string, fresh: Omit<NewMark, 'recordingId' | 'status' | 'source'>[]): { added: number; removed: number } {
    const same = (m: RedactionMark, f: { start: number; end: number; reason: RedactionReason }) => Math.abs(m.start - f.start) < 0.05 && Math.abs(m.end - f.end) < 0.05 && m.reason === f.reason;
    return this.db.transaction(() => {
      const existing = this.list(recordingId);
      const pending = existing.filter((m) => m.status === 'suggested' && m.source === 'detector');
      let removed = 0;
      for (const m of pending) {
        if (!fresh.some((f) => same(m, f))) removed += Number(this.remove(m.id));
      }
      let added = 0;
      for (const f of fresh) {
        if (existing.some((m) => same(m, f))) continue;
        this.add({ ...f, recordingId, status: 'suggested', source: 'detector' });
        added++;
      }
      return { added, removed };
    })();
  }
}
