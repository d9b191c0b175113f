// All SQL over the recordings index, in one place: what the indexer writes and what the library reads.
import type { LibraryQuery } from '../../../shared/commands';
import type { IndexReport, LibraryFacets, Page, RecordingDetail, RecordingRow } from '../../../shared/types';
import { endOf, startOf } from '../db/query-helpers';
import type { Db } from '../db/database';
import type { AudioSniff } from '../audio/sniff';
import { StoreRecordError, type StoredRecording } from '../store/recording-store';

interface Row {
  rid: number;
  id: string;
  start_time: string;
  end_time: string | null;
  duration_sec: number;
  direction: RecordingRow['direction'];
  agent_id: string;
  agent_name: string;
  team: string | null;
  queue: string | null;
  disposition: string | null;
  ani: string | null;
  dnis: string | null;
  customer_id: string | null;
  customer_account: string | null;
  customer_name: string | null;
  case_number: string | null;
  tags: string;
  consent: string | null;
  channel_agent: number;
  channel_customer: number;
  audio_path: string;
  audio_format: RecordingDetail['audio']['format'];
  audio_codec: string | null;
  audio_rate: number | null;
  audio_channels: number | null;
  audio_size: number;
  transcript_path: string | null;
}

const SORT_COLUMNS: Record<string, string> = {
  startTime: 'start_ms',
  durationSec: 'duration_sec',
  agentName: 'agent_name',
  queue: 'queue',
  direction: 'direction',
  customerRef: 'coalesce(customer_id, customer_account)',
  caseNumber: 'case_number',
};

function toRow(r: Row): RecordingRow {
  return {
    id: r.id,
    startTime: r.start_time,
    durationSec: r.duration_sec,
    agentId: r.agent_id,
    agentName: r.agent_name,
    team: r.team,
    queue: r.queue,
    direction: r.direction,
    customerRef: r.customer_id ?? r.customer_account,
    caseNumber: r.case_number,
    tags: JSON.parse(r.tags) as string[],
  };
}

function toDetail(r: Row): RecordingDetail {
  return {
    ...toRow(r),
    endTime: r.end_time,
    ani: r.ani,
    dnis: r.dnis,
    disposition: r.disposition,
    customerName: r.customer_name,
    consent: r.consent ? JSON.parse(r.consent) : null,
    channelMap: { agent: r.channel_agent, customer: r.channel_customer },
    audio: {
      file: r.audio_path.slice(r.audio_path.lastIndexOf('/') + 1),
      format: r.audio_format,
      codec: r.audio_codec,
      sampleRate: r.audio_rate,
      channels: r.audio_channels,
      sizeBytes: r.audio_size,
    },
    hasTranscript: r.transcript_path !== null,
  };
}

/** Each word becomes a quoted prefix term, so punctuation in the input can never break the FTS syntax. */
export function ftsQuery(text: string): string | null {
  const terms = text
    .split(/\s+/)
    .map((w) => w.replace(/["\p{Cc}]/gu, '').trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return terms.length ? terms.map((w) => `"${w}"*`).join(' ') : null;
}

export interface KnownVersion {
  version: string;
  problem: string | null;
}

const RECORDING_COLUMNS = [
  'id', 'start_time', 'start_ms', 'end_time', 'duration_sec', 'direction', 'agent_id', 'agent_name', 'team', 'queue',
  'disposition', 'ani', 'dnis', 'customer_id', 'customer_account', 'customer_name', 'case_number', 'tags', 'consent',
  'channel_agent', 'channel_customer', 'audio_path', 'audio_format', 'audio_codec', 'audio_rate', 'audio_channels',
  'audio_size', 'transcript_path', 'sidecar_path', 'version', 'indexed_at',
] as const;

export class RecordingRepo {
  // Prepared once: the indexer calls upsert for every changed recording.
  private readonly stmt;

  constructor(private readonly db: Db) {
    const cols = RECORDING_COLUMNS;
    this.stmt = {
      clash: db.prepare('SELECT sidecar_path FROM recordings WHERE id = ? AND sidecar_path != ?'),
      ridBySidecar: db.prepare('SELECT rid FROM recordings WHERE sidecar_path = ?'),
      insert: db.prepare(`INSERT INTO recordings (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`),
      update: db.prepare(`UPDATE recordings SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE rid = @rid`),
      deleteTags: db.prepare('DELETE FROM recording_tags WHERE rid = ?'),
      insertTag: db.prepare('INSERT OR IGNORE INTO recording_tags (tag, rid) VALUES (?, ?)'),
      deleteFts: db.prepare('DELETE FROM recordings_fts WHERE rowid = ?'),
      insertFts: db.prepare(
        'INSERT INTO recordings_fts (rowid, call_id, agent, queue, team, customer, case_number, tags, numbers, disposition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteRecording: db.prepare('DELETE FROM recordings WHERE rid = ?'),
      deleteProblem: db.prepare('DELETE FROM index_problems WHERE sidecar_path = ?'),
      putProblem: db.prepare('INSERT OR REPLACE INTO index_problems (sidecar_path, version, message) VALUES (?, ?, ?)'),
    };
  }

  knownVersions(): Map<string, KnownVersion> {
    const m = new Map<string, KnownVersion>();
    for (const r of this.db.prepare('SELECT sidecar_path AS k, version AS v FROM recordings').iterate() as IterableIterator<{ k: string; v: string }>) {
      m.set(r.k, { version: r.v, problem: null });
    }
    for (const r of this.db.prepare('SELECT sidecar_path AS k, version AS v, message FROM index_problems').iterate() as IterableIterator<{ k: string; v: string; message: string }>) {
      m.set(r.k, { version: r.v, problem: r.message });
    }
    return m;
  }

  upsert(rec: StoredRecording, version: string, audio: AudioSniff & { durationSec: number }, indexedAt: string): 'added' | 'updated' {
    const m = rec.meta;
    return this.db.transaction(() => {
      const clash = this.stmt.clash.get(m.callId, rec.key) as
        | { sidecar_path: string }
        | undefined;
      if (clash) throw new DuplicateCallError(rec.key, `call id ${m.callId} is already indexed from ${clash.sidecar_path}`);
      const existing = this.stmt.ridBySidecar.get(rec.key) as { rid: number } | undefined;
      const values: Record<(typeof RECORDING_COLUMNS)[number], unknown> = {
        id: m.callId,
        start_time: m.startTime,
        start_ms: Date.parse(m.startTime),
        end_time: m.endTime,
        duration_sec: Math.round(audio.durationSec * 1000) / 1000,
        direction: m.direction,
        agent_id: m.agentId,
        agent_name: m.agentName,
        team: m.team,
        queue: m.queue,
        disposition: m.disposition,
        ani: m.ani,
        dnis: m.dnis,
        customer_id: m.customerId,
        customer_account: m.customerAccount,
        customer_name: m.customerName,
        case_number: m.caseNumber,
        tags: JSON.stringify(m.tags),
        consent: m.consent ? JSON.stringify(m.consent) : null,
        channel_agent: m.channelMap.agent,
        channel_customer: m.channelMap.customer,
        audio_path: rec.audio.key,
        audio_format: audio.format,
        audio_codec: audio.codec,
        audio_rate: audio.sampleRate,
        audio_channels: audio.channels,
        audio_size: rec.audio.sizeBytes,
        transcript_path: rec.transcriptKey,
        sidecar_path: rec.key,
        version,
        indexed_at: indexedAt,
      };
      let rid: number;
      if (existing) {
        rid = existing.rid;
        this.stmt.update.run({ ...values, rid });
        this.stmt.deleteTags.run(rid);
        this.stmt.deleteFts.run(rid);
      } else {
        rid = Number(this.stmt.insert.run(values).lastInsertRowid);
      }
      for (const t of m.tags) this.stmt.insertTag.run(t, rid);
      this.stmt.insertFts.run(
          rid,
          m.callId,
          `${m.agentName} ${m.agentId}`,
          m.queue ?? '',
          m.team ?? '',
          [m.customerId, m.customerAccount, m.customerName].filter(Boolean).join(' '),
          m.caseNumber ?? '',
          m.tags.join(' '),
          [m.ani, m.dnis].filter(Boolean).join(' '),
          m.disposition ?? '',
        );
      this.stmt.deleteProblem.run(rec.key);
      return existing ? 'updated' : 'added';
    })();
  }

  recordProblem(key: string, version: string, message: string): void {
    this.db.transaction(() => {
      // A sidecar that became bad no longer describes a recording we can trust.
      this.removeBySidecar([key]);
      this.stmt.putProblem.run(key, version, message);
    })();
  }

  removeBySidecar(keys: string[]): number {
    let removed = 0;
    this.db.transaction(() => {
      for (const k of keys) {
        const r = this.stmt.ridBySidecar.get(k) as { rid: number } | undefined;
        if (r) {
          this.stmt.deleteFts.run(r.rid);
          this.stmt.deleteRecording.run(r.rid);
          removed++;
        }
        this.stmt.deleteProblem.run(k);
      }
    })();
    return removed;
  }

  saveLastIndex(report: IndexReport): void {
    this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_index', ?)").run(JSON.stringify(report));
  }

  lastIndex(): IndexReport | null {
    const r = this.db.prepare("SELECT value FROM meta WHERE key = 'last_index'").get() as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as IndexReport) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM recordings').get() as { n: number }).n;
  }

  search(q: LibraryQuery & { offset: number; limit: number; sort: string; dir: 'asc' | 'desc' }): Page<RecordingRow> {
    const where: string[] = [];
    const p: Record<string, unknown> = {};
    const fts = q.text ? ftsQuery(q.text) : null;
    if (fts) {
      where.push('rid IN (SELECT rowid FROM recordings_fts WHERE recordings_fts MATCH @fts)');
      p.fts = fts;
    }
    const inList = (col: string, name: string, values: string[] | undefined) => {
      if (values && values.length) {
        where.push(`${col} IN (SELECT value FROM json_each(@${name}))`);
        p[name] = JSON.stringify(values);
      }
    };
    if (q.agentIds && q.agentIds.length) {
      // People type names as often as ids; either identifies the agent.
      where.push('(agent_id IN (SELECT value FROM json_each(@agents)) OR agent_name IN (SELECT value FROM json_each(@agents)))');
      p.agents = JSON.stringify(q.agentIds);
    }
    inList('queue', 'queues', q.queues);
    inList('direction', 'directions', q.directions);
    if (q.tags && q.tags.length) {
      where.push('rid IN (SELECT rid FROM recording_tags WHERE tag IN (SELECT value FROM json_each(@tags)))');
      p.tags = JSON.stringify(q.tags);
    }
    if (q.from) {
      where.push('start_ms >= @from');
      p.from = Date.parse(startOf(q.from));
    }
    if (q.to) {
      where.push('start_ms < @to');
      p.to = Date.parse(endOf(q.to));
    }
    if (q.minDurationSec !== undefined) {
      where.push('duration_sec >= @minDur');
      p.minDur = q.minDurationSec;
    }
    if (q.maxDurationSec !== undefined) {
      where.push('duration_sec <= @maxDur');
      p.maxDur = q.maxDurationSec;
    }
    const analytics = (cond: string, name: string, value: number | undefined) => {
      if (value === undefined) return;
      where.push(`rid IN (SELECT rid FROM recording_analytics WHERE ${cond})`);
      p[name] = value;
    };
    analytics('dead_air_sec >= @minDeadAir', 'minDeadAir', q.minDeadAirSec);
    analytics('overtalk_sec >= @minOvertalk', 'minOvertalk', q.minOvertalkSec);
    // A call where only the agent spoke has no ratio, but is as agent-heavy as calls get.
    analytics('(talk_ratio >= @minRatio OR (talk_ratio IS NULL AND agent_talk_sec > 0))', 'minRatio', q.minTalkRatio);
    analytics('talk_ratio <= @maxRatio', 'maxRatio', q.maxTalkRatio);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    const order = `${SORT_COLUMNS[q.sort] ?? 'start_ms'} ${dir}, rid ${dir}`;
    const total = (this.db.prepare(`SELECT count(*) AS n FROM recordings ${clause}`).get(p) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM recordings ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...p, limit: q.limit, offset: q.offset }) as Row[];
    return { total, offset: q.offset, rows: rows.map(toRow) };
  }

  facets(): LibraryFacets {
    const agents = this.db.prepare('SELECT agent_id AS id, max(agent_name) AS name FROM recordings GROUP BY agent_id ORDER BY name').all() as { id: string; name: string }[];
    const queues = (this.db.prepare('SELECT DISTINCT queue FROM recordings WHERE queue IS NOT NULL ORDER BY queue').all() as { queue: string }[]).map((r) => r.queue);
    const tags = (this.db.prepare('SELECT DISTINCT tag FROM recording_tags ORDER BY tag').all() as { tag: string }[]).map((r) => r.tag);
    const range = this.db.prepare('SELECT min(start_time) AS a, max(start_time) AS b FROM recordings').get() as { a: string | null; b: string | null };
    return { agents, queues, tags, earliest: range.a, latest: range.b };
  }

  detail(id: string): (RecordingDetail & { audioKey: string }) | null {
    const r = this.db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as Row | undefined;
    return r ? { ...toDetail(r), audioKey: r.audio_path } : null;
  }
}

export class DuplicateCallError extends StoreRecordError {}
