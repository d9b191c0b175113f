// The audit trail in the database: append, page, verify. Append-only is enforced twice — triggers in
// the schema refuse UPDATE and DELETE, and the hash chain exposes anyone who gets past them. The head
// recorded outside the database (audit-head.json) is signed with an HMAC key from the keychain, so
// whoever rewrites the trail cannot also forge a matching head.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AuditQuery } from '../../../shared/commands';
import type { AuditEntry, AuditFacets, AuditOutcome, AuditVerification, Page } from '../../../shared/types';
import type { Db } from '../db/database';
import { writeFileAtomic } from '../fs-atomic';
import { endOf, escapeLike, startOf } from '../db/query-helpers';
import { GENESIS_HASH, seal, UNREADABLE_ANCHOR, verifyChain, type ChainAnchor, type UnsealedEntry } from './audit-chain';

export interface AuditRecord {
  actorId: string | null;
  actorName: string;
  role: AuditEntry['role'];
  command: string;
  target: string | null;
  outcome: AuditOutcome;
  detail: string | null;
}

interface Row {
  seq: number;
  ts: string;
  actor_id: string | null;
  actor_name: string;
  role: string;
  device: string;
  command: string;
  target: string | null;
  outcome: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

const MAX_DETAIL = 500;

function fromRow(r: Row): AuditEntry {
  return {
    seq: r.seq,
    ts: r.ts,
    actorId: r.actor_id,
    actorName: r.actor_name,
    role: r.role as AuditEntry['role'],
    device: r.device,
    command: r.command,
    target: r.target,
    outcome: r.outcome as AuditOutcome,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditLogOptions {
  db: Db;
  device: string;
  /** File outside the database holding the latest head, to detect entries cut from the end. */
  anchorFile: string;
  /** HMAC-SHA256 key (from the vault) that signs the anchor file. */
  anchorKey: Buffer;
  now?: () => Date;
}

/** Marks, in the database, that this trail's anchor is signed: an unsigned one is then a forgery. */
const SIGNED_ANCHOR_META = 'audit_anchor_signed';

export class AuditLog {
  private readonly db: Db;
  private readonly device: string;
  private readonly anchorFile: string;
  private readonly anchorKey: Buffer;
  private readonly now: () => Date;
  private readonly insert;
  private readonly head;

  constructor(opts: AuditLogOptions) {
    this.db = opts.db;
    this.device = opts.device;
    this.anchorFile = opts.anchorFile;
    if (!Buffer.isBuffer(opts.anchorKey) || opts.anchorKey.length < 16) throw new Error('the audit log needs the anchor key from the vault');
    this.anchorKey = opts.anchorKey;
    this.now = opts.now ?? (() => new Date());
    this.insert = this.db.prepare(
      `INSERT INTO audit (seq, ts, actor_id, actor_name, role, device, command, target, outcome, detail, prev_hash, hash)
       VALUES (@seq, @ts, @actorId, @actorName, @role, @device, @command, @target, @outcome, @detail, @prevHash, @hash)`,
    );
    this.head = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    this.adoptUnsignedAnchor();
  }

  /**
   * A trail written before anchors were signed: its anchor (or, if it has none, its current head) is
   * signed once, on the first open by this version, and the database remembers that from now on
   * anchors must carry a valid signature.
   */
  private adoptUnsignedAnchor(): void {
    const meta = this.db.prepare('SELECT value FROM meta WHERE key = ?');
    if (meta.get(SIGNED_ANCHOR_META)) return;
    const read = readAnchor(this.anchorFile, this.anchorKey);
    if (read.status === 'legacy') this.writeAnchor(read.anchor);
    else if (read.status === 'none') {
      const last = this.head.get() as { seq: number; hash: string } | undefined;
      if (last) this.writeAnchor(last);
    }
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(SIGNED_ANCHOR_META, 'hmac-sha256-v1');
  }

  private writeAnchor(a: ChainAnchor): void {
    writeFileAtomic(this.anchorFile, JSON.stringify({ v: 1, seq: a.seq, hash: a.hash, mac: anchorMac(this.anchorKey, a) }));
  }

  append(rec: AuditRecord): AuditEntry {
    const entry = this.db.transaction(() => {
      const last = this.head.get() as { seq: number; hash: string } | undefined;
      const unsealed: UnsealedEntry = {
        seq: (last?.seq ?? 0) + 1,
        ts: this.now().toISOString(),
        actorId: rec.actorId,
        actorName: rec.actorName,
        role: rec.role,
        device: this.device,
        command: rec.command,
        target: rec.target,
        outcome: rec.outcome,
        detail: rec.detail === null ? null : rec.detail.slice(0, MAX_DETAIL),
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const sealed = seal(unsealed);
      this.insert.run(sealed);
      return sealed;
    })();
    // After the commit: a crash in between leaves the anchor behind the chain, which is harmless.
    this.writeAnchor(entry);
    return entry;
  }

  list(q: AuditQuery & { offset: number; limit: number }, onlyActorId?: string | null): Page<AuditEntry> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (onlyActorId !== undefined) {
      where.push('actor_id IS @onlyActor');
      params.onlyActor = onlyActorId;
    }
    if (q.actorId) {
      where.push('actor_id = @actorId');
      params.actorId = q.actorId;
    }
    if (q.command) {
      where.push('command = @command');
      params.command = q.command;
    }
    if (q.outcome) {
      where.push('outcome = @outcome');
      params.outcome = q.outcome;
    }
    if (q.target) {
      where.push("target LIKE @target ESCAPE '\\'");
      params.target = `%${escapeLike(q.target)}%`;
    }
    if (q.from) {
      where.push('ts >= @from');
      params.from = startOf(q.from);
    }
    if (q.to) {
      where.push('ts < @to');
      params.to = endOf(q.to);
    }
    if (q.text) {
      where.push(
        "(command LIKE @text ESCAPE '\\' OR target LIKE @text ESCAPE '\\' OR actor_name LIKE @text ESCAPE '\\' OR detail LIKE @text ESCAPE '\\')",
      );
      params.text = `%${escapeLike(q.text)}%`;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM audit ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM audit ${clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit, offset: q.offset }) as Row[];
    return { total, offset: q.offset, rows: rows.map(fromRow) };
  }

  facets(onlyActorId?: string | null): AuditFacets {
    const own = onlyActorId !== undefined ? 'WHERE actor_id IS @a' : '';
    const p = onlyActorId !== undefined ? { a: onlyActorId } : {};
    const commands = (this.db.prepare(`SELECT DISTINCT command FROM audit ${own} ORDER BY command`).all(p) as { command: string }[]).map(
      (r) => r.command,
    );
    const actors = (
      this.db.prepare(`SELECT actor_id AS id, max(actor_name) AS name FROM audit ${own} GROUP BY actor_id ORDER BY name`).all(p) as {
        id: string | null;
        name: string;
      }[]
    ).map((r) => ({ id: r.id, name: r.name }));
    return { commands, actors };
  }

  /** Entries touching one target, oldest first (a recording's history, for evidence later). */
  forTarget(prefix: string): AuditEntry[] {
    return (this.db.prepare("SELECT * FROM audit WHERE target LIKE @t ESCAPE '\\' ORDER BY seq").all({ t: `${escapeLike(prefix)}%` }) as Row[]).map(fromRow);
  }

  verify(): AuditVerification {
    const read = readAnchor(this.anchorFile, this.anchorKey);
    const head = this.head.get() as { seq: number } | undefined;
    const problem =
      read.status === 'bad'
        ? read.reason
        : read.status === 'legacy'
          ? 'the recorded head of the trail (audit-head.json) carries no signature: it was replaced or forged'
          : read.status === 'none' && head
            ? 'the recorded head of the trail (audit-head.json) is missing: entries may have been removed from the end'
            : null;
    if (problem) return { intact: false, checked: 0, headSeq: 0, firstBad: { seq: 1, reason: problem } };
    const stmt = this.db.prepare('SELECT * FROM audit ORDER BY seq');
    // Lazy: the cursor opens only if the chain is walked, and closes when the walk stops early.
    const entries = (function* () {
      for (const r of stmt.iterate() as IterableIterator<Row>) yield fromRow(r);
    })();
    return verifyChain(entries, read.status === 'ok' ? read.anchor : null);
  }
}

const ANCHOR_DOMAIN = 'earmark-audit-anchor-v1';

export function anchorMac(key: Buffer, a: ChainAnchor): string {
  return createHmac('sha256', key).update(`${ANCHOR_DOMAIN}\n${a.seq}\n${a.hash}`).digest('hex');
}

export type AnchorRead =
  | { status: 'none' }
  | { status: 'ok'; anchor: ChainAnchor }
  /** Written before anchors were signed. */
  | { status: 'legacy'; anchor: ChainAnchor }
  | { status: 'bad'; reason: string };

export function readAnchor(file: string, key: Buffer): AnchorRead {
  if (!existsSync(file)) return { status: 'none' };
  let a: { seq?: unknown; hash?: unknown; mac?: unknown };
  try {
    a = JSON.parse(readFileSync(file, 'utf8')) as typeof a;
  } catch {
    a = {};
  }
  if (typeof a.seq !== 'number' || typeof a.hash !== 'string') {
    return { status: 'bad', reason: verifyChain([], UNREADABLE_ANCHOR).firstBad!.reason };
  }
  const anchor = { seq: a.seq, hash: a.hash };
  if (a.mac === undefined) return { status: 'legacy', anchor };
  const expected = Buffer.from(anchorMac(key, anchor), 'hex');
  const given = typeof a.mac === 'string' && /^[0-9a-f]{64}$/.test(a.mac) ? Buffer.from(a.mac, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: 'bad', reason: 'the recorded head of the trail (audit-head.json) fails its signature check: it was forged, or this installation’s keys were replaced' };
  }
  return { status: 'ok', anchor };
}
