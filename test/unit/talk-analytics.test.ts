import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TalkAnalytics, TimeSpan } from '../../shared/player-types';
import { analyseSpeech, analyticsFromPeaks, computeTalkAnalytics } from '../../electron/core/analytics/talk-analytics';
import { channelLevels, detectSpeech } from '../../electron/core/analytics/speech-activity';
import { complement, intersect, totalLength, union } from '../../electron/core/analytics/spans';
import { createPeaksAccumulator } from '../../electron/core/audio/peaks';
import { parseWavHeader } from '../../electron/core/audio/wav';
import { buildTimeline, type Timeline } from '../../electron/core/demo/call-timeline';
import { renderCallAudio } from '../../electron/core/demo/call-audio';
import { createRandom } from '../../electron/core/demo/random';
import { SCENARIOS } from '../../electron/core/demo/scenarios';
import { SPEECH_RATE, defaultAssetsDir, loadSpeechAssets } from '../../electron/core/demo/speech-assets';

const RATE = 100; // peaks per second, as the player's peaks reader makes them

/** A peaks lane: a line at `noise`, with speech (a syllable rhythm at `level`) during `speech`. */
function lane(durationSec: number, speech: [number, number][], opts: { level?: number; noise?: number; clicks?: number[]; breaths?: [number, number][] } = {}): number[] {
  const n = Math.round(durationSec * RATE);
  const level = opts.level ?? 0.5;
  const noise = opts.noise ?? 0.002;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    let v = noise * (0.7 + 0.3 * Math.abs(Math.sin(i * 12.9898)));
    if (speech.some(([a, b]) => t >= a && t < b)) {
      // Syllables: loud most of the time with short dips, never to the noise floor.
      v = level * (0.35 + 0.65 * Math.abs(Math.sin(t * 9)));
    }
    if (opts.breaths?.some(([a, b]) => t >= a && t < b)) v = Math.max(v, level * 0.08);
    if (opts.clicks?.some((c) => Math.abs(t - c) < 0.5 / RATE)) v = level;
    out.push(Math.round(v * 1000) / 1000);
  }
  return out;
}

const near = (actual: number, expected: number, tol: number, what: string) => assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} is not within ${tol} of ${expected}`);

function assertSpans(actual: TimeSpan[], expected: [number, number][], tol: number, what: string) {
  assert.equal(actual.length, expected.length, `${what}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  actual.forEach((s, i) => {
    near(s.start, expected[i][0], tol, `${what}[${i}].start`);
    near(s.end, expected[i][1], tol, `${what}[${i}].end`);
  });
}

test('span algebra: union, intersection and complement', () => {
  assert.deepEqual(union([{ start: 3, end: 4 }, { start: 0, end: 1 }, { start: 0.5, end: 2 }, { start: 5, end: 5 }]), [{ start: 0, end: 2 }, { start: 3, end: 4 }]);
  assert.deepEqual(intersect([{ start: 0, end: 2 }, { start: 3, end: 6 }], [{ start: 1, end: 4 }, { start: 5, end: 9 }]), [{ start: 1, end: 2 }, { start: 3, end: 4 }, { start: 5, end: 6 }]);
  assert.deepEqual(complement([{ start: 1, end: 2 }, { start: 3, end: 4 }], 0, 5), [{ start: 0, end: 1 }, { start: 2, end: 3 }, { start: 4, end: 5 }]);
  assert.deepEqual(complement([], 0, 5), [{ start: 0, end: 5 }]);
});

test('a clean two-sided call: talk time, ratio, dead air and overtalk are what was spoken', () => {
  // Agent 0–10 s and 30–40 s; customer 9–20 s (1 s overtalk) and 42–50 s; both silent 20–30 s.
  const agent = lane(50, [[0, 10], [30, 40]]);
  const customer = lane(50, [[9, 20], [42, 50]], { level: 0.2 });
  const a = computeTalkAnalytics({ agent, customer }, 50);
  near(a.agentTalkSec, 20, 0.1, 'agent talk');
  near(a.customerTalkSec, 19, 0.1, 'customer talk');
  near(a.talkRatio!, 20 / 19, 0.02, 'talk ratio');
  assertSpans(a.deadAir, [[20, 30]], 0.05, 'dead air');
  near(a.deadAirTotalSec, 10, 0.1, 'dead air total');
  assertSpans(a.overtalk, [[9, 10]], 0.05, 'overtalk');
  // The agent took the turn at 30 s, so the customer's longest stretch is 9–20.
  assertSpans(a.longestCustomerMonologue ? [a.longestCustomerMonologue] : [], [[9, 20]], 0.05, 'monologue');
  assert.equal(a.deadAirThresholdSec, 5);
});

test('dead air is only silence longer than the threshold, and the threshold is configurable', () => {
  const agent = lane(40, [[0, 5], [9, 15], [27, 30]]);
  const customer = lane(40, [[5.5, 8.5], [30, 40]]);
  const fiveSec = computeTalkAnalytics({ agent, customer }, 40);
  assertSpans(fiveSec.deadAir, [[15, 27]], 0.05, 'dead air > 5 s');
  const threeSec = computeTalkAnalytics({ agent, customer }, 40, { deadAirThresholdSec: 3 });
  assertSpans(threeSec.deadAir, [[15, 27]], 0.05, 'a 0.5 s gap is never dead air');
  const tenSec = computeTalkAnalytics({ agent, customer }, 40, { deadAirThresholdSec: 12.5 });
  assert.deepEqual(tenSec.deadAir, []);
  assert.equal(tenSec.deadAirThresholdSec, 12.5);
  assert.throws(() => computeTalkAnalytics({ agent, customer }, 40, { deadAirThresholdSec: -1 }), RangeError);
});

test('clicks and breaths are not speech; pauses between words do not split speech', () => {
  const customer = lane(30, [[2, 6]], { clicks: [10, 10.3, 15, 22], breaths: [[12, 12.4], [6.2, 6.5]] });
  const speech = detectSpeech(customer, 30);
  assertSpans(speech, [[2, 6]], 0.06, 'only the spoken stretch');
  // 0.3 s gaps between words are bridged; a 1.5 s pause is not.
  const words = lane(10, [[1, 2], [2.3, 3], [3.3, 4], [5.5, 7]]);
  assertSpans(detectSpeech(words, 10), [[1, 4], [5.5, 7]], 0.06, 'words bridged');
});

test('thresholds follow each channel’s own level: a quiet line and a hissy line both work', () => {
  const quiet = lane(20, [[5, 10]], { level: 0.02, noise: 0.001 });
  const hissy = lane(20, [[5, 10]], { level: 0.6, noise: 0.05 });
  assertSpans(detectSpeech(quiet, 20), [[5, 10]], 0.06, 'quiet line');
  assertSpans(detectSpeech(hissy, 20), [[5, 10]], 0.06, 'hissy line');
  const lv = channelLevels(hissy);
  assert.ok(lv.onDb !== null && lv.offDb !== null && lv.offDb < lv.onDb, 'hysteresis: the off threshold is below the on threshold');
});

test('a silent channel has no speech; a customer who never speaks gives no ratio', () => {
  const agent = lane(30, [[0, 12]]);
  const silent = lane(30, []);
  assert.deepEqual(detectSpeech(silent, 30), []);
  assert.deepEqual(detectSpeech(new Array(3000).fill(0), 30), []);
  const a = computeTalkAnalytics({ agent, customer: silent }, 30);
  assert.equal(a.customerTalkSec, 0);
  assert.equal(a.talkRatio, null);
  assert.equal(a.longestCustomerMonologue, null);
  assertSpans(a.deadAir, [[12, 30]], 0.05, 'everything after the agent stops');
});

test('the customer’s monologue runs on through the agent’s "mm-hm"s and stops at a real turn', () => {
  const agent = lane(60, [[0, 4], [12, 12.5], [20, 20.4], [31, 38]]);
  const customer = lane(60, [[5, 11.8], [12.8, 19.5], [21, 30], [39, 45]]);
  const a = computeTalkAnalytics({ agent, customer }, 60);
  assertSpans([a.longestCustomerMonologue!], [[5, 30]], 0.06, 'monologue');
});

test('analyticsFromPeaks follows the channel map and refuses a mono file', () => {
  const left = lane(20, [[0, 10]]);
  const right = lane(20, [[12, 20]]);
  const a = analyticsFromPeaks({ channels: [left, right], durationSec: 20 }, { agent: 1, customer: 0 })!;
  near(a.agentTalkSec, 8, 0.1, 'agent is on the right');
  near(a.customerTalkSec, 10, 0.1, 'customer is on the left');
  assert.equal(analyticsFromPeaks({ channels: [left], durationSec: 20 }, { agent: 0, customer: 1 }), null);
  assert.equal(analyticsFromPeaks({ channels: [left, right], durationSec: 20 }, { agent: 0, customer: 0 }), null);
});

function checkInvariants(a: TalkAnalytics, duration: number) {
  const eps = 0.011;
  const sortedDisjoint = (spans: TimeSpan[], what: string) => {
    spans.forEach((s, i) => {
      assert.ok(s.start >= 0 && s.end <= duration + eps && s.end > s.start, `${what}[${i}] inside the call: ${JSON.stringify(s)}`);
      if (i > 0) assert.ok(s.start >= spans[i - 1].end, `${what} sorted and disjoint`);
    });
  };
  sortedDisjoint(a.deadAir, 'deadAir');
  sortedDisjoint(a.overtalk, 'overtalk');
  for (const s of a.deadAir) assert.ok(s.end - s.start > a.deadAirThresholdSec, 'each dead-air span is over the threshold');
  assert.ok(Math.abs(a.deadAirTotalSec - totalLength(a.deadAir)) <= eps, 'dead-air total is the sum of its spans');
  assert.ok(Math.abs(a.overtalkTotalSec - totalLength(a.overtalk)) <= eps, 'overtalk total is the sum of its spans');
  assert.ok(a.agentTalkSec <= duration + eps && a.customerTalkSec <= duration + eps, 'talk time within the call');
  assert.ok(a.overtalkTotalSec <= Math.min(a.agentTalkSec, a.customerTalkSec) + eps, 'overtalk within both sides’ talk');
  // (Overtalk shorter than minOvertalkSec is not reported, so the union of talk is not exactly talk minus overtalk.)
  assert.ok(Math.max(a.agentTalkSec, a.customerTalkSec) + a.deadAirTotalSec <= duration + 2 * eps, 'talk and dead air fit in the call');
  assert.ok(intersect(a.deadAir, a.overtalk).length === 0, 'dead air never overlaps overtalk');
  if (a.longestCustomerMonologue) assert.ok(a.longestCustomerMonologue.end - a.longestCustomerMonologue.start <= duration + eps);
  if (a.talkRatio !== null) assert.ok(Math.abs(a.talkRatio - a.agentTalkSec / a.customerTalkSec) <= 0.01);
}

test('property: for any peaks, totals fit the call and spans are sorted, disjoint and inside it', () => {
  const peaksArb = fc.integer({ min: 0, max: 1500 }).chain((n) =>
    fc.tuple(
      fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.001, 0.3, 0.9)), { minLength: n, maxLength: n }),
      fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.001, 0.3, 0.9)), { minLength: n, maxLength: n }),
      fc.double({ min: 0.01, max: 3600, noNaN: true }),
      fc.double({ min: 0, max: 30, noNaN: true }),
    ),
  );
  fc.assert(
    fc.property(peaksArb, ([agent, customer, duration, threshold]) => {
      const a = computeTalkAnalytics({ agent, customer }, duration, { deadAirThresholdSec: threshold });
      checkInvariants(a, duration);
      // Swapping the sides swaps talk times and keeps what is shared.
      const b = computeTalkAnalytics({ agent: customer, customer: agent }, duration, { deadAirThresholdSec: threshold });
      assert.equal(b.agentTalkSec, a.customerTalkSec);
      assert.equal(b.customerTalkSec, a.agentTalkSec);
      assert.deepEqual(b.deadAir, a.deadAir);
      assert.deepEqual(b.overtalk, a.overtalk);
    }),
    { numRuns: 300 },
  );
});

test('property: from known speech spans, analysis matches a sample-by-sample count', () => {
  const spansArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 120 })), { maxLength: 12 }).map((xs) => union(xs.map(([s, l]) => ({ start: s / 10, end: (s + l) / 10 }))));
  fc.assert(
    fc.property(spansArb, spansArb, fc.integer({ min: 1, max: 20 }), (agent, customer, threshold) => {
      const duration = 80;
      const a = analyseSpeech({ agent, customer }, duration, { deadAirThresholdSec: threshold, minOvertalkSec: 0 });
      checkInvariants(a, duration);
      // Count in tenths of a second.
      let both = 0;
      let agentT = 0;
      let silentRun = 0;
      let dead = 0;
      const inAny = (spans: TimeSpan[], t: number) => spans.some((s) => t >= s.start && t < s.end);
      for (let i = 0; i < duration * 10; i++) {
        const t = i / 10 + 0.05;
        const ag = inAny(agent, t);
        const cu = inAny(customer, t);
        if (ag) agentT++;
        if (ag && cu) both++;
        if (!ag && !cu) silentRun++;
        if ((ag || cu || i === duration * 10 - 1) && silentRun) {
          if (silentRun > threshold * 10) dead += silentRun;
          silentRun = 0;
        }
      }
      near(a.agentTalkSec, agentT / 10, 0.02, 'agent talk');
      near(a.overtalkTotalSec, both / 10, 0.02, 'overtalk');
      near(a.deadAirTotalSec, dead / 10, 0.02, 'dead air');
    }),
    { numRuns: 300 },
  );
});

/** Speech as the demo composed it: every phrase placed for that speaker. */
function truthOf(tl: Timeline, who: 'agent' | 'customer'): TimeSpan[] {
  return union(tl.placements.filter((p) => p.speaker === who).map((p) => ({ start: p.startFrame / SPEECH_RATE, end: (p.startFrame + p.frames) / SPEECH_RATE })));
}

test('generated demo calls: analytics from the rendered audio match the timeline the demo composed', async () => {
  const phrases = await loadSpeechAssets(defaultAssetsDir());
  let withDeadAir = 0;
  let withOvertalk = 0;
  for (let i = 0; i < SCENARIOS.length; i++) {
    for (const seed of [11, 29]) {
      const rnd = createRandom(seed * 1000 + i);
      const tl = buildTimeline(phrases, rnd, true, (s) => void SCENARIOS[i].script(s));
      const wav = renderCallAudio(tl, phrases, rnd);
      const info = parseWavHeader(wav, wav.length);
      const acc = createPeaksAccumulator(info, Math.min(20000, Math.ceil(info.durationSec * RATE)));
      acc.push(wav.subarray(info.dataOffset, info.dataOffset + info.dataLength));
      const peaks = acc.finish();
      const got = analyticsFromPeaks(peaks, { agent: 0, customer: 1 })!;
      const duration = tl.totalFrames / SPEECH_RATE;
      const truth = analyseSpeech({ agent: truthOf(tl, 'agent'), customer: truthOf(tl, 'customer') }, duration);
      const name = `${SCENARIOS[i].name} (seed ${seed})`;
      // The phrases' own short pauses are bridged, so measured talk runs a little long.
      near(got.agentTalkSec, truth.agentTalkSec, Math.max(1, truth.agentTalkSec * 0.08), `${name} agent talk`);
      near(got.customerTalkSec, truth.customerTalkSec, Math.max(1, truth.customerTalkSec * 0.08), `${name} customer talk`);
      assertSpans(got.deadAir, truth.deadAir.map((s) => [s.start, s.end]), 0.3, `${name} dead air`);
      near(got.overtalkTotalSec, truth.overtalkTotalSec, 0.5, `${name} overtalk`);
      assert.ok(Math.abs(got.overtalk.length - truth.overtalk.length) <= 1, `${name} overtalk count`);
      const len = (s: TimeSpan | null) => (s ? s.end - s.start : 0);
      near(len(got.longestCustomerMonologue), len(truth.longestCustomerMonologue), 1, `${name} longest monologue`);
      if (truth.deadAir.length) withDeadAir++;
      if (truth.overtalk.length) withOvertalk++;
    }
  }
  assert.ok(withDeadAir >= 2 && withOvertalk >= 2, `the sample has holds and overtalk to check (${withDeadAir}, ${withOvertalk})`);
});
