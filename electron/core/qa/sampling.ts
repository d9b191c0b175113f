// The evaluation queue: a random sample of N calls per agent per period. The draw is a pure function
// of the seed and the eligible calls (sorted by id), so anyone can re-run it and get the same calls;
// the draw is stored as a record (who, when, seed, filters, population hash, result) that cannot be
// changed or deleted, so a supervisor cannot quietly draw again until the sample suits them.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PersonRef, SampleDetail, SampleDraw, SampleFilters, SampleItem, SampleItemStatus } from '../../../shared/qa-types';
import type { Page } from '../../../shared/types';
import type { Db } from '../db/database';
import { endOf, startOf } from '../db/query-helpers';
import { notFound } from '../errors';
import { ref, type Who } from './who';

export interface Candidate {
  recordingId: string;
  agentId: string;
  agentName: string;
  team: string | null;
  queue: string | null;
  startTime: string;
  durationSec: number;
}

export interface Pick extends Candidate {
  position: number;
}

/** sfc32 seeded with 128 bits of sha256(seed, agent): a small, fast, well-mixed generator. */
export function seededRandom(seed: string, stream: string): () => number {
  const h = createHash('sha256').update(seed).update('\0').update(stream).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export const populationHash = (candidates: readonly Candidate[]): string =>
  createHash('sha256')
    .update([...candidates].map((c) => c.recordingId).sort().join('\n'))
    .digest('hex');

/**
 * Pure: per agent (in id order), the first N of a seeded Fisher–Yates shuffle of that agent's calls
 * sorted by id. Each agent has its own stream, so adding an agent's calls never changes another's pick.
 */
export function drawSample(candidates: readonly Candidate[], perAgent: number, seed: string): Pick[] {
  const byAgent = new Map<string, Candidate[]>();
  for (const c of candidates) byAgent.set(c.agentId, [...(byAgent.get(c.agentId) ?? []), c]);
  const out: Pick[] = [];
  for (const agent of [...byAgent.keys()].sort()) {
    const calls = byAgent.get(agent)!.sort((x, y) => (x.recordingId < y.recordingId ? -1 : x.recordingId > y.recordingId ? 1 : 0));
    const rand = seededRandom(seed, agent);
    const n = Math.min(perAgent, calls.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(rand() * (calls.length - i));
      [calls[i], calls[j]] = [calls[j], calls[i]];
      out.push({ ...calls[i], position: i });
    }
  }
  return out;
}

export const newSeed = (): string => randomBytes(8).toString('hex');

interface DrawRow {
  id: string;
  name: string;
  drawn_by_id: string | null;
  drawn_by_name: string;
  drawn_at: string;
  seed: string;
  period_from: string;
  period_to: string;
  per_agent: number;
  filters: string;
  form_id: string;
  population: number;
  population_hash: string;
  agents: number;
  items: number;
  submitted?: number;
  drafts?: number;
}

const DRAW_SELECT = `SELECT d.*,
    (SELECT count(DISTINCT i.id) FROM qa_sample_items i JOIN qa_evaluations e ON e.sample_item_id = i.id WHERE i.draw_id = d.id AND e.status = 'submitted') AS submitted,
    (SELECT count(DISTINCT i.id) FROM qa_sample_items i JOIN qa_evaluations e ON e.sample_item_id = i.id WHERE i.draw_id = d.id AND e.status = 'draft'
       AND NOT EXISTS (SELECT 1 FROM qa_evaluations s WHERE s.sample_item_id = i.id AND s.status = 'submitted')) AS drafts
  FROM qa_sample_draws d`;

function toDraw(r: DrawRow): SampleDraw {
  return {
    id: r.id,
    name: r.name,
    drawnBy: ref(r.drawn_by_id, r.drawn_by_name),
    drawnAt: r.drawn_at,
    seed: r.seed,
    from: r.period_from,
    to: r.period_to,
    perAgent: r.per_agent,
    filters: JSON.parse(r.filters) as SampleFilters,
    formId: r.form_id,
    population: r.population,
    populationHash: r.population_hash,
    agents: r.agents,
    items: r.items,
    submitted: r.submitted ?? 0,
    drafts: r.drafts ?? 0,
  };
}

export interface DrawRequest {
  name?: string;
  from: string;
  to: string;
  perAgent: number;
  seed: string;
  formId: string;
  filters: SampleFilters;
}

export class SampleRepo {
  constructor(private readonly db: Db) {}

  /** Calls eligible for a draw: started in the period, passing the filters. */
  candidates(from: string, to: string, f: SampleFilters): Candidate[] {
    const where = ['r.start_ms >= @from', 'r.start_ms < @to'];
    const p: Record<string, unknown> = { from: Date.parse(startOf(from)), to: Date.parse(endOf(to)) };
    const add = (sql: string, name: string, value: unknown) => {
      where.push(sql);
      p[name] = value;
    };
    const list = (col: string, name: string, v: string[] | undefined) => {
      if (v?.length) add(`${col} IN (SELECT value FROM json_each(@${name}))`, name, JSON.stringify(v));
    };
    list('r.queue', 'queues', f.queues);
    list('r.team', 'teams', f.teams);
    list('r.agent_id', 'agents', f.agentIds);
    list('r.direction', 'directions', f.directions);
    const num = (expr: string, op: string, name: string, v: number | undefined) => {
      if (v !== undefined) add(`${expr} ${op} @${name}`, name, v);
    };
    num('r.duration_sec', '>=', 'minDur', f.minDurationSec);
    num('r.duration_sec', '<=', 'maxDur', f.maxDurationSec);
    const talk = [f.minDeadAirSec, f.maxDeadAirSec, f.minOvertalkSec, f.maxOvertalkSec].some((v) => v !== undefined);
    // Talk analytics (migration 3) give each call's dead-air and overtalk totals. Calls not analysed yet have no figures: a dead-air or overtalk filter leaves them out.
    num('a.dead_air_sec', '>=', 'minDead', f.minDeadAirSec);
    num('a.dead_air_sec', '<=', 'maxDead', f.maxDeadAirSec);
    num('a.overtalk_sec', '>=', 'minOver', f.minOvertalkSec);
    num('a.overtalk_sec', '<=', 'maxOver', f.maxOvertalkSec);
    const join = talk ? 'JOIN recording_analytics a ON a.rid = r.rid' : '';
    const rows = this.db
      .prepare(`SELECT r.id, r.agent_id, r.agent_name, r.team, r.queue, r.start_time, r.duration_sec FROM recordings r ${join} WHERE ${where.join(' AND ')}`)
      .all(p) as { id: string; agent_id: string; agent_name: string; team: string | null; queue: string | null; start_time: string; duration_sec: number }[];
    return rows.map((r) => ({ recordingId: r.id, agentId: r.agent_id, agentName: r.agent_name, team: r.team, queue: r.queue, startTime: r.start_time, durationSec: r.duration_sec }));
  }

  draw(req: DrawRequest, who: Who, at: string): string {
    const id = randomUUID();
    this.db.transaction(() => {
      const candidates = this.candidates(req.from, req.to, req.filters);
      const picks = drawSample(candidates, req.perAgent, req.seed);
      const agents = new Set(candidates.map((c) => c.agentId)).size;
      this.db
        .prepare(
          `INSERT INTO qa_sample_draws (id, name, drawn_by_id, drawn_by_name, drawn_at, seed, period_from, period_to, per_agent, filters, form_id, population, population_hash, agents, items)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id, req.name?.trim() || `${req.from} – ${req.to}`, who.id, who.name, at, req.seed, req.from, req.to, req.perAgent, JSON.stringify(req.filters), req.formId,
          candidates.length, populationHash(candidates), agents, picks.length,
        );
      const ins = this.db.prepare(
        'INSERT INTO qa_sample_items (id, draw_id, agent_id, position, recording_id, agent_name, team, queue, call_start_time, duration_sec) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const pk of picks) ins.run(randomUUID(), id, pk.agentId, pk.position, pk.recordingId, pk.agentName, pk.team, pk.queue, pk.startTime, pk.durationSec);
    })();
    return id;
  }

  private drawRow(id: string): DrawRow {
    const r = this.db.prepare(`${DRAW_SELECT} WHERE d.id = ?`).get(id) as DrawRow | undefined;
    if (!r) throw notFound(`sample ${id}`);
    return r;
  }

  list(offset: number, limit: number): Page<SampleDraw> {
    const total = (this.db.prepare('SELECT count(*) AS n FROM qa_sample_draws').get() as { n: number }).n;
    const rows = this.db.prepare(`${DRAW_SELECT} ORDER BY d.drawn_at DESC, d.id LIMIT ? OFFSET ?`).all(limit, offset) as DrawRow[];
    return { total, offset, rows: rows.map(toDraw) };
  }

  detail(id: string): SampleDetail {
    const draw = toDraw(this.drawRow(id));
    // An item's status is its best evaluation's: submitted beats draft beats none.
    const rows = this.db
      .prepare(
        `SELECT i.*, e.id AS evaluation_id, e.status, e.evaluator_id, e.evaluator_name, e.score
         FROM qa_sample_items i
         LEFT JOIN qa_evaluations e ON e.id = (
           SELECT x.id FROM qa_evaluations x WHERE x.sample_item_id = i.id ORDER BY (x.status = 'submitted') DESC, x.updated_at DESC LIMIT 1)
         WHERE i.draw_id = ? ORDER BY i.agent_name, i.agent_id, i.position`,
      )
      .all(id) as {
      id: string;
      draw_id: string;
      agent_id: string;
      position: number;
      recording_id: string;
      agent_name: string;
      team: string | null;
      queue: string | null;
      call_start_time: string;
      duration_sec: number;
      evaluation_id: string | null;
      status: 'draft' | 'submitted' | null;
      evaluator_id: string | null;
      evaluator_name: string | null;
      score: number | null;
    }[];
    const items: SampleItem[] = rows.map((r) => ({
      id: r.id,
      drawId: r.draw_id,
      position: r.position,
      recordingId: r.recording_id,
      agentId: r.agent_id,
      agentName: r.agent_name,
      team: r.team,
      queue: r.queue,
      callStartTime: r.call_start_time,
      durationSec: r.duration_sec,
      status: (r.status ?? 'todo') as SampleItemStatus,
      evaluationId: r.evaluation_id,
      evaluator: r.evaluator_name !== null ? (ref(r.evaluator_id, r.evaluator_name) as PersonRef) : null,
      score: r.status === 'submitted' ? r.score : null,
    }));
    return { draw, items };
  }

  item(id: string): { id: string; drawId: string; recordingId: string } {
    const r = this.db.prepare('SELECT id, draw_id, recording_id FROM qa_sample_items WHERE id = ?').get(id) as { id: string; draw_id: string; recording_id: string } | undefined;
    if (!r) throw notFound(`sample item ${id}`);
    return { id: r.id, drawId: r.draw_id, recordingId: r.recording_id };
  }

  /** The stored draw's request, to re-run it. */
  request(id: string): DrawRequest & { population: number; populationHash: string; picked: string[] } {
    const r = this.drawRow(id);
    const picked = (this.db.prepare('SELECT recording_id FROM qa_sample_items WHERE draw_id = ?').all(id) as { recording_id: string }[]).map((x) => x.recording_id);
    return {
      name: r.name,
      from: r.period_from,
      to: r.period_to,
      perAgent: r.per_agent,
      seed: r.seed,
      formId: r.form_id,
      filters: JSON.parse(r.filters) as SampleFilters,
      population: r.population,
      populationHash: r.population_hash,
      picked,
    };
  }
}
