// The player's redaction helpers: marks become regions on the right lanes, the transcript highlight
// covers exactly the words the backend's redacted transcript replaces, review order and keyboard
// review moves, tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Transcript } from '../../shared/player-types';
import { REDACTION_PLACEHOLDER, REDACTION_REASONS, type RedactionMark } from '../../shared/redaction-types';
import { redactTranscript } from '../../electron/core/redaction/redact-transcript';
import {
  acceptedKey,
  channelsOf,
  choiceOf,
  coveredWords,
  laneNames,
  markIdOf,
  nextAfterReview,
  parseTags,
  regionsFor,
  reviewOrder,
} from '../../renderer/features/redaction/redaction-model';
import type { Lane } from '../../renderer/features/player/player-model';

const LANES: Lane[] = [
  { channel: 0, label: 'Agent', kind: 'agent' },
  { channel: 1, label: 'Customer', kind: 'customer' },
];

function mark(over: Partial<RedactionMark>): RedactionMark {
  return {
    id: over.id ?? 'm1',
    recordingId: 'R1',
    start: 1,
    end: 2,
    channels: [1],
    reason: 'card_number',
    status: 'accepted',
    source: 'detector',
    note: null,
    createdBy: 'T',
    createdAt: '2026-11-20T12:00:00Z',
    reviewedBy: null,
    reviewedAt: null,
    ...over,
  };
}

test('marks become regions on their lanes; rejected marks are not drawn', () => {
  const rs = regionsFor(
    [
      mark({ id: 'a', channels: [1], status: 'accepted' }),
      mark({ id: 'b', channels: null, status: 'suggested' }),
      mark({ id: 'c', channels: [0, 1], status: 'accepted' }),
      mark({ id: 'd', channels: [0], status: 'rejected' }),
    ],
    LANES,
    'b',
  );
  assert.deepEqual(
    rs.map((r) => [markIdOf(r.id), r.channel, r.className]),
    [
      ['a', 1, 'redaction-accepted'],
      ['b', null, 'redaction-suggested redaction-selected'],
      ['c', null, 'redaction-accepted'],
    ],
  );
  assert.ok(rs.every((r) => r.kind === 'redaction'));
  // One lane only: every mark spans the whole (single) lane.
  assert.equal(regionsFor([mark({ channels: [1] })], [LANES[0]!], null)[0]!.channel, null);
  assert.equal(markIdOf('redaction:abc-1:all'), 'abc-1');
  assert.equal(markIdOf('dead-air-1'), null);
});

test('lane names and lane choices round-trip', () => {
  assert.equal(laneNames([1], LANES), 'Customer');
  assert.equal(laneNames(null, LANES), 'Both lanes');
  assert.equal(laneNames([0, 1], LANES), 'Both lanes');
  for (const c of [0, 1, 'both'] as const) assert.equal(choiceOf(channelsOf(c), LANES), c);
});

test('review order puts pending suggestions first; keyboard review moves to the next pending one', () => {
  const marks = [
    mark({ id: 'acc', start: 1, status: 'accepted' }),
    mark({ id: 's2', start: 30, status: 'suggested' }),
    mark({ id: 's1', start: 10, status: 'suggested' }),
    mark({ id: 'rej', start: 5, status: 'rejected' }),
  ];
  const order = reviewOrder(marks);
  assert.deepEqual(
    order.map((m) => m.id),
    ['s1', 's2', 'acc'],
  );
  const after = marks.map((m) => (m.id === 's1' ? { ...m, status: 'accepted' as const } : m));
  assert.equal(nextAfterReview(order, 's1', after), 's2');
  const allDone = after.map((m) => (m.id === 's2' ? { ...m, status: 'accepted' as const } : m));
  assert.equal(nextAfterReview(reviewOrder(after), 's2', allDone), 's2', 'stays on the last one');
});

test('the accepted-marks key changes only when accepted marks change', () => {
  const a = [mark({ id: 'x' }), mark({ id: 'y', status: 'suggested' })];
  assert.equal(acceptedKey(a), acceptedKey([...a].reverse()));
  assert.equal(acceptedKey(a), acceptedKey([a[0]!, { ...a[1]!, start: 9 }]));
  assert.notEqual(acceptedKey(a), acceptedKey([{ ...a[0]!, end: 3 }, a[1]!]));
});

test('tags: comma separated, trimmed, no duplicates', () => {
  assert.deepEqual(parseTags(' payments, PCI ,, pci,\nverification '), ['payments', 'PCI', 'verification']);
  assert.deepEqual(parseTags(''), []);
});

// A random two-party transcript and random marks: the highlighted words are exactly the words the
// backend's redacted transcript replaces with placeholders.
const transcriptArb = fc
  .array(fc.record({ speaker: fc.constantFrom('agent', 'customer'), words: fc.array(fc.tuple(fc.double({ min: 0.05, max: 0.8, noNaN: true }), fc.double({ min: 0, max: 0.4, noNaN: true })), { minLength: 1, maxLength: 8 }) }), { minLength: 1, maxLength: 6 })
  .map((turns): Transcript => {
    let t = 0;
    const segments = turns.map((turn) => {
      const start = t;
      const words = turn.words.map(([len, gap], k) => {
        const w = { w: `w${k}`, start: t, end: t + len };
        t += len + gap;
        return w;
      });
      return { speaker: turn.speaker, start, end: t, text: words.map((w) => w.w).join(' '), words };
    });
    return {
      schemaVersion: 1,
      callId: 'R1',
      language: 'en',
      source: 'test',
      speakers: [
        { id: 'agent', label: 'Agent', channel: 0 },
        { id: 'customer', label: 'Customer', channel: 1 },
      ],
      segments,
    };
  });
const marksArb = fc.array(
  fc.record({
    start: fc.double({ min: 0, max: 30, noNaN: true }),
    len: fc.double({ min: 0.05, max: 6, noNaN: true }),
    channels: fc.constantFrom<number[] | null>(null, [0], [1], [0, 1]),
    reason: fc.constantFrom(...REDACTION_REASONS),
    status: fc.constantFrom('accepted' as const, 'suggested' as const, 'rejected' as const),
  }),
  { maxLength: 5 },
);

test('the transcript highlight agrees with the redacted transcript', () => {
  fc.assert(
    fc.property(transcriptArb, marksArb, (t, raw) => {
      const marks = raw.map((m, i) => mark({ id: `m${i}`, start: m.start, end: m.start + m.len, channels: m.channels, reason: m.reason, status: m.status }));
      const covered = coveredWords(t, marks);
      const redacted = redactTranscript(t, marks);
      t.segments.forEach((seg, s) => {
        const c = covered.get(s);
        // Rebuild what the redacted turn should read from the covered words alone.
        const expected: string[] = [];
        let lastReason: string | null = null;
        seg.words.forEach((w, k) => {
          const reason = c?.get(k);
          if (!reason) {
            expected.push(w.w);
            lastReason = null;
          } else if (reason !== lastReason) {
            expected.push(REDACTION_PLACEHOLDER[reason]);
            lastReason = reason;
          }
        });
        const got = redacted.segments[s]!.words.map((w) => w.w);
        // Runs of the same placeholder may come from two marks with the same reason (the backend keeps both).
        const squash = (xs: string[]) => xs.filter((x, i) => !(i > 0 && x === xs[i - 1] && x.startsWith('[')));
        assert.deepEqual(squash(got), squash(expected), `segment ${s}`);
      });
    }),
    { numRuns: 300 },
  );
});
