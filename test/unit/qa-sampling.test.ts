// The evaluation queue: seeded, reproducible, recorded sample draws with filters and per-call status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { EvaluationDetail, SampleDetail, SampleDraw, SampleVerification } from '../../shared/qa-types';
import type { Page } from '../../shared/types';
import { drawSample, type Candidate } from '../../electron/core/qa/sampling';
import { mulawWav, sidecar, writeCall } from './store-fixtures';
import { answerAll, fails, ok, profile, qaEnv } from './qa-fixtures';

const CS = 'customer-service-call';
const WEEK = { from: '2026-11-02', to: '2026-11-07', formId: CS };
const picks = (d: SampleDetail) => d.items.map((i) => `${i.agentId}:${i.position}:${i.recordingId}`);

test('a draw picks N calls per agent, is reproducible from its seed, and is recorded', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    await profile(b, 'Sam');
    const d1 = ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 2, seed: 'week-45' }));
    assert.equal(d1.items.length, 6);
    assert.deepEqual([d1.draw.population, d1.draw.agents, d1.draw.seed, d1.draw.drawnBy.name], [18, 3, 'week-45', 'Sam']);
    for (const a of ['a-1', 'a-2', 'a-3']) assert.equal(d1.items.filter((i) => i.agentId === a).length, 2);
    assert.ok(d1.items.every((i) => i.status === 'todo'));
    const d2 = ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 2, seed: 'week-45' }));
    assert.deepEqual(picks(d2), picks(d1), 'same seed, same calls');
    const d3 = ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 2, seed: 'another seed' }));
    assert.notDeepEqual(picks(d3), picks(d1));
    // Without a seed one is chosen and recorded.
    const d4 = ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 1 }));
    assert.match(d4.draw.seed, /^[0-9a-f]{16}$/);
    // More than an agent has: all of them.
    assert.equal(ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 50, seed: 's' })).items.length, 18);

    // Every draw is on record, with who, when, seed and filters; it cannot be changed or removed.
    const list = ok<Page<SampleDraw>>(await b.dispatch('qa.samples.list', {}));
    assert.equal(list.total, 5);
    const db = b.services.db;
    assert.throws(() => db.prepare('DELETE FROM qa_sample_draws WHERE id = ?').run(d1.draw.id), /cannot be changed/);
    assert.throws(() => db.prepare('DELETE FROM qa_sample_items WHERE draw_id = ?').run(d1.draw.id), /cannot be changed/);
    assert.throws(() => db.prepare("UPDATE qa_sample_draws SET seed = 'x' WHERE id = ?").run(d1.draw.id), /cannot be changed/);
    const audited = b.services.audit.list({ command: 'qa.samples.draw', offset: 0, limit: 10 }).rows;
    assert.equal(audited.length, 5);
    assert.ok(audited.some((a) => a.detail?.includes('seed week-45') && a.detail.includes('6 call(s) from 18 eligible')));

    // Re-drawing from the record gives the same calls.
    assert.deepEqual(ok<SampleVerification>(await b.dispatch('qa.samples.verify', { drawId: d1.draw.id })), {
      drawId: d1.draw.id,
      reproducible: true,
      populationThen: 18,
      populationNow: 18,
      populationUnchanged: true,
      missing: [],
      extra: [],
    });
    // A new agent's calls change the population but not the other agents' picks.
    writeCall(e.storeRoot, '2026/11/04', 'C-NEW-1', { audio: mulawWav(10), sidecar: sidecar('C-NEW-1', '2026/11/04', { agent: { id: 'a-9', name: 'Nia New' } }) });
    await b.indexAsSystem();
    const v = ok<SampleVerification>(await b.dispatch('qa.samples.verify', { drawId: d1.draw.id }));
    assert.deepEqual([v.populationNow, v.populationUnchanged, v.missing], [19, false, []]);
    assert.deepEqual(v.extra, ['C-NEW-1']);
  } finally {
    e.done();
  }
});

test('sampling filters: queue, team, duration, and dead air / overtalk from talk analytics', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    await profile(b, 'Sam');
    const q = ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 10, seed: 'q', filters: { queues: ['Collections'] } }));
    assert.deepEqual([...new Set(q.items.map((i) => i.agentId))], ['a-2']);
    const t = ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 10, seed: 't', filters: { teams: ['Blue'] } }));
    assert.deepEqual([...new Set(t.items.map((i) => i.agentId))], ['a-3']);
    assert.equal(ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 10, seed: 'd', filters: { minDurationSec: 11 } })).items.length, 0);
    assert.equal(ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, from: '2026-11-03', to: '2026-11-03', perAgent: 10, seed: 'p' })).items.length, 3);
    fails(await b.dispatch('qa.samples.draw', { ...WEEK, from: '2026-11-09', perAgent: 1 }), 'invalid_input');

    // Talk analytics for only three of Alice's calls: 1 s, 8 s and 20 s of dead air. Calls without
    // figures are never eligible under a dead-air or overtalk filter.
    const db = b.services.db;
    db.prepare('DELETE FROM recording_analytics').run();
    const rid = (id: string) => (db.prepare('SELECT rid FROM recordings WHERE id = ?').get(id) as { rid: number }).rid;
    const put = db.prepare("INSERT OR REPLACE INTO recording_analytics (rid, basis, dead_air_sec, overtalk_sec, analysed_at) VALUES (?, 'test', ?, ?, '2026-11-20')");
    put.run(rid('C-1-1'), 1, 0.5);
    put.run(rid('C-1-2'), 8, 3);
    put.run(rid('C-1-3'), 20, 0);
    const dead = ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 10, seed: 'x', filters: { minDeadAirSec: 5 } }));
    assert.deepEqual(dead.items.map((i) => i.recordingId).sort(), ['C-1-2', 'C-1-3']);
    const over = ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 10, seed: 'x', filters: { minOvertalkSec: 0.1, maxDeadAirSec: 10 } }));
    assert.deepEqual(over.items.map((i) => i.recordingId).sort(), ['C-1-1', 'C-1-2']);
    assert.deepEqual(over.draw.filters, { minOvertalkSec: 0.1, maxDeadAirSec: 10 });
  } finally {
    e.done();
  }
});

test('each sampled call shows its status: to do, draft, submitted', async () => {
  const e = await qaEnv();
  const b = e.backend;
  try {
    await profile(b, 'Sam');
    const d = ok<SampleDetail>(await b.dispatch('qa.samples.draw', { ...WEEK, perAgent: 1, seed: 'status' }));
    const [i0, i1] = d.items;
    const e0 = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.start', { recordingId: i0.recordingId, formId: CS, sampleItemId: i0.id }));
    const e1 = ok<EvaluationDetail>(await b.dispatch('qa.evaluations.start', { recordingId: i1.recordingId, formId: CS, sampleItemId: i1.id }));
    fails(await b.dispatch('qa.evaluations.start', { recordingId: i0.recordingId, formId: CS, sampleItemId: i1.id }), 'conflict');
    ok(await b.dispatch('qa.evaluations.submit', { evaluationId: e0.summary.id, answers: answerAll(e0.form.definition, 'best'), baseRevision: 0 }));
    const after = ok<SampleDetail>(await b.dispatch('qa.samples.get', { drawId: d.draw.id }));
    const status = Object.fromEntries(after.items.map((i) => [i.id, [i.status, i.score, i.evaluationId]]));
    assert.deepEqual(status[i0.id], ['submitted', 100, e0.summary.id]);
    assert.deepEqual(status[i1.id], ['draft', null, e1.summary.id]);
    assert.deepEqual(status[d.items[2].id], ['todo', null, null]);
    assert.deepEqual([after.draw.submitted, after.draw.drafts], [1, 1]);
    // A sampled call already evaluated is not evaluated twice from the queue.
    fails(await b.dispatch('qa.evaluations.start', { recordingId: i0.recordingId, formId: CS, sampleItemId: i0.id }), 'conflict');
  } finally {
    e.done();
  }
});

test('property: the draw depends on the seed and the set of calls, never on their order', () => {
  const cand = fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[A-Z0-9-]{1,8}$/), agent: fc.constantFrom('a', 'b', 'c') }), { selector: (c) => c.id, maxLength: 40 });
  fc.assert(
    fc.property(cand, fc.integer({ min: 1, max: 5 }), fc.string(), fc.nat(), (cs, n, seed, rot) => {
      const list: Candidate[] = cs.map((c) => ({ recordingId: c.id, agentId: c.agent, agentName: c.agent, team: null, queue: null, startTime: '2026-11-01T00:00:00Z', durationSec: 1 }));
      const rotated = [...list.slice(rot % (list.length || 1)), ...list.slice(0, rot % (list.length || 1))].reverse();
      const a = drawSample(list, n, seed);
      assert.deepEqual(drawSample(rotated, n, seed), a);
      for (const agent of ['a', 'b', 'c']) {
        const mine = a.filter((p) => p.agentId === agent);
        assert.equal(mine.length, Math.min(n, list.filter((c) => c.agentId === agent).length));
        assert.equal(new Set(mine.map((p) => p.recordingId)).size, mine.length);
      }
    }),
    { numRuns: 300 },
  );
});
