// Legal holds: a freeze on a recording for a case. Holds are released, never deleted, so the list
// of who held what and when stays complete.
import { randomUUID } from 'node:crypto';
import type { LegalHold } from '../../../shared/redaction-types';
import type { Db } from '../db/database';

interface Row {
  id: string;
  recording_id: string;
  case_ref: string;
  reason: string;
  placed_by_id: string | null;
  placed_by: string;
  placed_at: string;
  released_by: string | null;
  released_at: string | null;
  release_reason: string | null;
}

const toHold = (r: Row): LegalHold => ({
  id: r.id,
  recordingId: r.recording_id,
  caseRef: r.case_ref,
  reason: r.reason,
  placedById: r.placed_by_id,
  placedBy: r.placed_by,
  placedAt: r.placed_at,
  releasedBy: r.released_by,
  releasedAt: r.released_at,
  releaseReason: r.release_reason,
});

export class HoldRepo {
  constructor(private readonly db: Db) {}

  list(filter: { recordingId?: string; includeReleased?: boolean } = {}): LegalHold[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.recordingId) {
      where.push('recording_id = ?');
      args.push(filter.recordingId);
    }
    if (!filter.includeReleased) where.push('released_at IS NULL');
    const sql = `SELECT * FROM legal_holds ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY placed_at DESC`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(toHold);
  }

  get(id: string): LegalHold | null {
    const r = this.db.prepare('SELECT * FROM legal_holds WHERE id = ?').get(id) as Row | undefined;
    return r ? toHold(r) : null;
  }

  isHeld(recordingId: string): boolean {
    return this.db.prepare('SELECT 1 FROM legal_holds WHERE recording_id = ? AND released_at IS NULL LIMIT 1').get(recordingId) !== undefined;
  }

  heldIds(): Set<string> {
    return new Set((this.db.prepare('SELECT DISTINCT recording_id FROM legal_holds WHERE released_at IS NULL').all() as { recording_id: string }[]).map((r) => r.recording_id));
  }

  place(h: { recordingId: string; caseRef: string; reason: string; placedById: string | null; placedBy: string }, at: Date): LegalHold {
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO legal_holds (id, recording_id, case_ref, reason, placed_by_id, placed_by, placed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, h.recordingId, h.caseRef, h.reason, h.placedById, h.placedBy, at.toISOString());
    return this.get(id)!;
  }

  release(id: string, by: string, reason: string, at: Date): LegalHold {
    this.db.prepare('UPDATE legal_holds SET released_by = ?, released_at = ?, release_reason = ? WHERE id = ? AND released_at IS NULL').run(by, at.toISOString(), reason, id);
    return this.get(id)!;
  }
}
