// The audit trail in the database: append, page, verify. Append-only is enforced twice — triggers in
// the schema refuse UPDATE and DELETE, and the hash chain exposes anyone who gets past them.
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
  now?: () => Date;
}

export class AuditLog {
  private readonly db: Db;
  private readonly device: string;
  private readonly anchorFile: string;
  private readonly now: () => Date;
  private readonly insert;
  private readonly head;

  constructor(opts: AuditLogOptions) {
    this.db = opts.db;
    this.device = opts.device;
    this.anchorFile = opts.anchorFile;
    this.now = opts.now ?? (() => new Date());
    this.insert = this.db.prepare(
      `INSERT INTO audit (seq, ts, actor_id, actor_name, role, device, command, target, outcome, detail, prev_hash, hash)
       VALUES (@seq, @ts, @actorId, @actorName, @role, @device, @command, @target, @outcome, @detail, @prevHash, @hash)`,
    );
    this.head = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
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
    writeFileAtomic(this.anchorFile, JSON.stringify({ seq: entry.seq, hash: entry.hash }));
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
    const stmt = this.db.prepare('SELECT * FROM audit ORDER BY seq');
    // Lazy: the cursor opens only if the chain is walked, and closes when the walk stops early.
    const entries = (function* () {
      for (const r of stmt.iterate() as IterableIterator<Row>) yield fromRow(r);
    })();
    return verifyChain(entries, readAnchor(this.anchorFile));
  }
}

export function readAnchor(file: string): ChainAnchor | null {
  if (!existsSync(file)) return null;
  try {
    const a = JSON.parse(readFileSync(file, 'utf8')) as ChainAnchor;
    if (typeof a.seq === 'number' && typeof a.hash === 'string') return a;
  } catch {
    /* an unreadable anchor is reported below as a rewritten head */
  }
  return UNREADABLE_ANCHOR;
}
