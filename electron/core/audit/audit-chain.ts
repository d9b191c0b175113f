// The pure half of the audit trail: how an entry is hashed and how a chain is checked.
// Each entry's hash covers its canonical form and the previous entry's hash, so altering, removing
// or reordering any entry breaks every hash after it.
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/types';

export const GENESIS_HASH = '0'.repeat(64);
const DOMAIN = 'earmark-audit-v1\n';

export type UnsealedEntry = Omit<AuditEntry, 'hash'>;

/** Fixed field order, explicit nulls: the same entry always serialises to the same bytes. */
export function canonicalEntry(e: UnsealedEntry): string {
  return JSON.stringify([
    e.seq,
    e.ts,
    e.actorId,
    e.actorName,
    e.role,
    e.device,
    e.command,
    e.target,
    e.outcome,
    e.detail,
    e.prevHash,
  ]);
}

export function hashEntry(e: UnsealedEntry): string {
  return createHash('sha256').update(DOMAIN).update(canonicalEntry(e)).digest('hex');
}

export function seal(e: UnsealedEntry): AuditEntry {
  return { ...e, hash: hashEntry(e) };
}

export interface ChainAnchor {
  seq: number;
  hash: string;
}

/** The head record exists but cannot be read: treated as a rewritten trail. */
export const UNREADABLE_ANCHOR: ChainAnchor = { seq: -1, hash: 'unreadable' };

export interface ChainVerdict {
  intact: boolean;
  checked: number;
  headSeq: number;
  firstBad: { seq: number; reason: string } | null;
}

/**
 * Walks entries in storage order. The anchor is the last head recorded outside the table: a chain
 * that ends before it, or disagrees with it, was truncated or rewritten from that point on.
 */
export function verifyChain(entries: Iterable<AuditEntry>, anchor: ChainAnchor | null): ChainVerdict {
  if (anchor === UNREADABLE_ANCHOR) {
    return { intact: false, checked: 0, headSeq: 0, firstBad: { seq: 1, reason: 'the recorded head of the trail (audit-head.json) is unreadable: the trail cannot be trusted' } };
  }
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let anchorSeen = false;
  const bad = (seq: number, reason: string): ChainVerdict => ({ intact: false, checked, headSeq: expectedSeq - 1, firstBad: { seq, reason } });

  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      return e.seq > expectedSeq
        ? bad(expectedSeq, `entry #${expectedSeq} is missing (the next entry found is #${e.seq})`)
        : bad(e.seq, `entry #${e.seq} is out of order (expected #${expectedSeq})`);
    }
    if (e.prevHash !== prevHash) {
      return bad(e.seq, `entry #${e.seq} does not follow entry #${e.seq - 1}: an entry before it was removed, replaced or reordered`);
    }
    if (hashEntry(e) !== e.hash) {
      return bad(e.seq, `entry #${e.seq} was altered: its content no longer matches its hash`);
    }
    if (anchor && e.seq === anchor.seq) {
      if (e.hash !== anchor.hash) return bad(e.seq, `entry #${e.seq} differs from the recorded head of the trail: the trail was rewritten`);
      anchorSeen = true;
    }
    prevHash = e.hash;
    expectedSeq++;
    checked++;
  }
  if (anchor && anchor.seq > 0 && !anchorSeen) {
    return bad(expectedSeq, `the trail ends at entry #${expectedSeq - 1} but entry #${anchor.seq} was recorded: entries were removed from the end`);
  }
  return { intact: true, checked, headSeq: expectedSeq - 1, firstBad: null };
}
