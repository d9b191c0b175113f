import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Transcript } from '../../shared/player-types';
import { detectTranscriptFormat, parseTranscript, TranscriptFormatError } from '../../electron/core/transcripts/parse-transcript';

const CANONICAL: Transcript = {
  schemaVersion: 1,
  callId: 'C1',
  language: 'en-US',
  source: 'earmark-demo',
  speakers: [
    { id: 'agent', label: 'Agent', channel: 0 },
    { id: 'customer', label: 'Customer', channel: 1 },
  ],
  segments: [
    {
      speaker: 'agent',
      start: 0.34,
      end: 1.5,
      text: 'Hello, Northwind.',
      words: [
        { w: 'Hello,', start: 0.34, end: 0.8 },
        { w: 'Northwind.', start: 0.8, end: 1.5 },
      ],
    },
    { speaker: 'customer', start: 2, end: 3, text: 'Hi there.', words: [] },
  ],
};

const TRANSCRIBE_SPEAKERS = {
  jobName: 'job-42',
  accountId: '1234',
  status: 'COMPLETED',
  results: {
    language_code: 'en-US',
    transcripts: [{ transcript: 'Hello, how can I help? My card was charged twice.' }],
    speaker_labels: {
      speakers: 2,
      segments: [
        {
          start_time: '0.44',
          end_time: '2.1',
          speaker_label: 'spk_0',
          items: [
            { start_time: '0.44', end_time: '0.8', speaker_label: 'spk_0' },
            { start_time: '0.9', end_time: '1.1', speaker_label: 'spk_0' },
            { start_time: '1.1', end_time: '1.3', speaker_label: 'spk_0' },
            { start_time: '1.3', end_time: '1.5', speaker_label: 'spk_0' },
            { start_time: '1.5', end_time: '2.1', speaker_label: 'spk_0' },
          ],
        },
        {
          start_time: '2.5',
          end_time: '4.4',
          speaker_label: 'spk_1',
          items: [
            { start_time: '2.5', end_time: '2.7', speaker_label: 'spk_1' },
            { start_time: '2.7', end_time: '3.0', speaker_label: 'spk_1' },
            { start_time: '3.0', end_time: '3.2', speaker_label: 'spk_1' },
            { start_time: '3.2', end_time: '3.7', speaker_label: 'spk_1' },
            { start_time: '3.7', end_time: '4.4', speaker_label: 'spk_1' },
          ],
        },
      ],
    },
    items: [
      { start_time: '0.44', end_time: '0.8', alternatives: [{ confidence: '0.99', content: 'Hello' }], type: 'pronunciation' },
      { alternatives: [{ confidence: '0.0', content: ',' }], type: 'punctuation' },
      { start_time: '0.9', end_time: '1.1', alternatives: [{ confidence: '0.99', content: 'how' }], type: 'pronunciation' },
      { start_time: '1.1', end_time: '1.3', alternatives: [{ confidence: '0.99', content: 'can' }], type: 'pronunciation' },
      { start_time: '1.3', end_time: '1.5', alternatives: [{ confidence: '0.99', content: 'I' }], type: 'pronunciation' },
      { start_time: '1.5', end_time: '2.1', alternatives: [{ confidence: '0.99', content: 'help' }], type: 'pronunciation' },
      { alternatives: [{ confidence: '0.0', content: '?' }], type: 'punctuation' },
      { start_time: '2.5', end_time: '2.7', alternatives: [{ confidence: '0.99', content: 'My' }], type: 'pronunciation' },
      { start_time: '2.7', end_time: '3.0', alternatives: [{ confidence: '0.99', content: 'card' }], type: 'pronunciation' },
      { start_time: '3.0', end_time: '3.2', alternatives: [{ confidence: '0.99', content: 'was' }], type: 'pronunciation' },
      { start_time: '3.2', end_time: '3.7', alternatives: [{ confidence: '0.99', content: 'charged' }], type: 'pronunciation' },
      { start_time: '3.7', end_time: '4.4', alternatives: [{ confidence: '0.99', content: 'twice' }], type: 'pronunciation' },
      { alternatives: [{ confidence: '0.0', content: '.' }], type: 'punctuation' },
    ],
  },
};

const TRANSCRIBE_CHANNELS = {
  jobName: 'job-43',
  results: {
    transcripts: [{ transcript: 'Thanks for calling. Hi.' }],
    channel_labels: {
      number_of_channels: 2,
      channels: [
        {
          channel_label: 'ch_0',
          items: [
            { start_time: '0.5', end_time: '0.9', alternatives: [{ content: 'Thanks' }], type: 'pronunciation' },
            { start_time: '0.9', end_time: '1.1', alternatives: [{ content: 'for' }], type: 'pronunciation' },
            { start_time: '1.1', end_time: '1.6', alternatives: [{ content: 'calling' }], type: 'pronunciation' },
            { alternatives: [{ content: '.' }], type: 'punctuation' },
          ],
        },
        {
          channel_label: 'ch_1',
          items: [
            { start_time: '1.4', end_time: '1.8', alternatives: [{ content: 'Hi' }], type: 'pronunciation' },
            { alternatives: [{ content: '.' }], type: 'punctuation' },
          ],
        },
      ],
    },
    items: [],
  },
};

const VTT = `WEBVTT
Kind: captions

NOTE made by a caption tool

1
00:00:01.000 --> 00:00:04.000
<v Agent>Thank you for calling Northwind.</v>

2
00:00:04.500 --> 00:00:06.000 align:start
<v.loud Customer Jones>I was charged &amp; billed twice!</v>

00:07.000 --> 00:09.000
<v Agent><00:00:07.000>Let <00:00:07.400>me <c.highlight><00:00:07.600>check</c> that.
`;

test('canonical JSON round-trips, with segments sorted and defaults filled in', () => {
  const t = parseTranscript(JSON.stringify(CANONICAL), 'C1.transcript.json');
  assert.deepEqual(t, CANONICAL);
  const shuffled = { ...CANONICAL, language: undefined, source: null, segments: [CANONICAL.segments[1], { ...CANONICAL.segments[0], words: undefined }] };
  const u = parseTranscript(JSON.stringify(shuffled));
  assert.deepEqual(u.segments.map((s) => s.start), [0.34, 2]);
  assert.deepEqual(u.segments[0].words, []);
  assert.equal(u.language, 'und');
  assert.equal(u.source, 'unknown');
  assert.equal(detectTranscriptFormat(JSON.stringify(CANONICAL)), 'canonical');
});

test('canonical JSON: clear errors for wrong content', () => {
  const bad: [unknown, RegExp][] = [
    [{ ...CANONICAL, schemaVersion: 2 }, /schemaVersion/],
    [{ ...CANONICAL, segments: [{ ...CANONICAL.segments[0], speaker: 'nobody' }] }, /"nobody" is not in speakers/],
    [{ ...CANONICAL, segments: [{ ...CANONICAL.segments[0], start: 3, end: 1 }] }, /ends \(1\) before it starts \(3\)/],
    [{ ...CANONICAL, segments: [{ ...CANONICAL.segments[0], start: -1 }] }, /segments\.0\.start/],
    [{ ...CANONICAL, speakers: [CANONICAL.speakers[0], CANONICAL.speakers[0]] }, /listed twice/],
    [{ ...CANONICAL, segments: 'x' }, /segments/],
  ];
  for (const [json, re] of bad) {
    assert.throws(() => parseTranscript(JSON.stringify(json)), (e: unknown) => e instanceof TranscriptFormatError && e.code === 'invalid' && e.format === 'canonical' && re.test(e.message));
  }
  assert.throws(() => parseTranscript(JSON.stringify(CANONICAL), undefined, { callId: 'C2' }), /for call "C1", not "C2"/);
});

test('Amazon Transcribe with speaker labels: words, punctuation on the word before, turns by speaker', () => {
  const t = parseTranscript(JSON.stringify(TRANSCRIBE_SPEAKERS), 'C9.transcript.json', { callId: 'C9' });
  assert.equal(t.callId, 'C9');
  assert.equal(t.source, 'amazon-transcribe');
  assert.equal(t.language, 'en-US');
  assert.deepEqual(t.speakers.map((s) => [s.id, s.label]), [['spk_0', 'Speaker 1'], ['spk_1', 'Speaker 2']]);
  assert.deepEqual(t.segments.map((s) => [s.speaker, s.start, s.end, s.text]), [
    ['spk_0', 0.44, 2.1, 'Hello, how can I help?'],
    ['spk_1', 2.5, 4.4, 'My card was charged twice.'],
  ]);
  assert.deepEqual(t.segments[0].words[0], { w: 'Hello,', start: 0.44, end: 0.8 });
  assert.equal(detectTranscriptFormat(JSON.stringify(TRANSCRIBE_SPEAKERS)), 'transcribe');
  // Without a call id the job name names the call.
  assert.equal(parseTranscript(JSON.stringify(TRANSCRIBE_SPEAKERS)).callId, 'job-42');
});

test('Amazon Transcribe with labels on each item (newer jobs)', () => {
  const items = TRANSCRIBE_SPEAKERS.results.items.map((it) => ('start_time' in it ? { ...it, speaker_label: Number(it.start_time) < 2.3 ? 'spk_1' : 'spk_0' } : it));
  const t = parseTranscript(JSON.stringify({ results: { items } }));
  assert.deepEqual(t.segments.map((s) => s.speaker), ['spk_1', 'spk_0']);
});

test('Amazon Transcribe with channel labels maps channels to agent and customer via the channel map', () => {
  const t = parseTranscript(JSON.stringify(TRANSCRIBE_CHANNELS), 'x.json', { callId: 'C3' });
  assert.deepEqual(t.speakers, [
    { id: 'agent', label: 'Agent', channel: 0 },
    { id: 'customer', label: 'Customer', channel: 1 },
  ]);
  assert.deepEqual(t.segments.map((s) => [s.speaker, s.text]), [['agent', 'Thanks for calling.'], ['customer', 'Hi.']]);
  const swapped = parseTranscript(JSON.stringify(TRANSCRIBE_CHANNELS), 'x.json', { channelMap: { agent: 1, customer: 0 } });
  assert.deepEqual(swapped.segments.map((s) => s.speaker), ['customer', 'agent']);
  // The same with a merged items list carrying no labels: the channel lists still say who spoke.
  const all = TRANSCRIBE_CHANNELS.results.channel_labels.channels.flatMap((c) => c.items);
  const merged = parseTranscript(JSON.stringify({ ...TRANSCRIBE_CHANNELS, results: { ...TRANSCRIBE_CHANNELS.results, items: all } }));
  assert.deepEqual(merged.segments.map((s) => s.speaker), ['agent', 'customer']);
});

test('Amazon Transcribe: clear errors for malformed items', () => {
  const item = (over: Record<string, unknown>) => JSON.stringify({ results: { items: [{ start_time: '1', end_time: '2', alternatives: [{ content: 'x' }], type: 'pronunciation', ...over }] } });
  const cases: [string, RegExp][] = [
    [item({ start_time: 'soon' }), /results\.items\[0\]\.start_time is not a time/],
    [item({ end_time: '0.5' }), /ends before it starts/],
    [item({ type: 'music' }), /type must be/],
    [item({ alternatives: [] }), /alternatives\[0\]\.content/],
    [JSON.stringify({ results: { items: 'nope' } }), /results\.items must be an array/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => parseTranscript(text), (e: unknown) => e instanceof TranscriptFormatError && e.format === 'transcribe' && re.test(e.message), re.source);
  }
});

test('WebVTT with voice tags: speakers, entities, inline word timings and interpolation', () => {
  const t = parseTranscript(VTT, 'C5.vtt', { callId: 'C5' });
  assert.equal(t.source, 'webvtt');
  assert.equal(t.callId, 'C5');
  assert.deepEqual(t.speakers.map((s) => [s.id, s.label, s.channel]), [['agent', 'Agent', 0], ['customer', 'Customer Jones', 1]]);
  assert.deepEqual(t.segments.map((s) => [s.speaker, s.start, s.end, s.text]), [
    ['agent', 1, 4, 'Thank you for calling Northwind.'],
    ['customer', 4.5, 6, 'I was charged & billed twice!'],
    ['agent', 7, 9, 'Let me check that.'],
  ]);
  // No inline times: the cue is shared out by word length, first word at the cue's start.
  const w0 = t.segments[0].words;
  assert.equal(w0[0].start, 1);
  assert.equal(w0[w0.length - 1].end, 4);
  for (let i = 1; i < w0.length; i++) assert.ok(w0[i].start >= w0[i - 1].start && w0[i].start === w0[i - 1].end);
  assert.ok(w0[4].end - w0[4].start > w0[1].end - w0[1].start, 'longer words get more time');
  // Inline timestamps are each word's start.
  assert.deepEqual(t.segments[2].words.map((w) => w.start), [7, 7.4, 7.6, 7.6 + (9 - 7.6) * (5 / 10)]);
  assert.equal(detectTranscriptFormat(VTT), 'webvtt');
});

test('WebVTT: same-speaker cues close together join one turn; CRLF and a BOM are fine', () => {
  const vtt = '\uFEFFWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n<v Agent>One</v>\r\n\r\n00:02.500 --> 00:03.000\r\n<v Agent>two</v>\r\n\r\n00:09.000 --> 00:10.000\r\n<v Agent>three</v>\r\n';
  const t = parseTranscript(vtt);
  assert.deepEqual(t.segments.map((s) => s.text), ['One two', 'three']);
});

test('WebVTT: clear errors with line numbers', () => {
  assert.throws(() => parseTranscript('WEBVTT\n\n00:01.000 --> soon\nhi\n'), /line 3: .*not a cue timing/);
  assert.throws(() => parseTranscript('WEBVTT\n\n00:05.000 --> 00:01.000\nhi\n'), /line 3: the cue ends before it starts/);
  assert.throws(() => parseTranscript('WEBVTT\n\nid only\nhello\n'), /line 3: expected a cue timing/);
  assert.throws(() => parseTranscript('hello\n00:01.000 --> 00:02.000\nhi', 'x.vtt'), (e: unknown) => e instanceof TranscriptFormatError && /must start with "WEBVTT"/.test(e.message));
});

test('anything else: typed errors saying what is wrong', () => {
  const cases: [string, string][] = [
    ['', 'empty'],
    ['   \n ', 'empty'],
    ['{"results": ', 'not_json'],
    ['{"hello": 1}', 'unknown_format'],
    ['Just some notes about the call', 'unknown_format'],
    ['[1, 2, 3]', 'unknown_format'],
  ];
  for (const [text, code] of cases) {
    assert.throws(() => parseTranscript(text), (e: unknown) => e instanceof TranscriptFormatError && e.code === code, JSON.stringify(text));
  }
});

/** Only TranscriptFormatError, and a canonical Transcript whenever parsing succeeds. */
function parsesOrTypedError(text: string, hint?: string): void {
  let t: Transcript;
  try {
    t = parseTranscript(text, hint);
  } catch (e) {
    if (!(e instanceof TranscriptFormatError)) throw e;
    return;
  }
  assert.equal(t.schemaVersion, 1);
  const ids = new Set(t.speakers.map((s) => s.id));
  let last = -Infinity;
  for (const s of t.segments) {
    assert.ok(ids.has(s.speaker), 'every turn has a known speaker');
    assert.ok(Number.isFinite(s.start) && s.end >= s.start && s.start >= last, 'turns in time order');
    last = s.start;
    for (const w of s.words) assert.ok(Number.isFinite(w.start) && w.end >= w.start);
  }
}

function mutate(text: string, edits: [number, number, string][]): string {
  let s = text;
  for (const [pos, del, ins] of edits) {
    const at = s.length ? pos % (s.length + 1) : 0;
    s = s.slice(0, at) + ins + s.slice(at + (del % 20));
  }
  return s;
}

const editsArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '-->', '<v ', '>', '</v>', '\n\n', '00:', '.', '-1', '1e999', 'null', '<00:00:01.000>'))), { maxLength: 8 });

for (const [name, text, hint] of [
  ['canonical JSON', JSON.stringify(CANONICAL, null, 1), 'C1.transcript.json'],
  ['Amazon Transcribe JSON', JSON.stringify(TRANSCRIBE_SPEAKERS), 'C1.transcript.json'],
  ['Amazon Transcribe channel JSON', JSON.stringify(TRANSCRIBE_CHANNELS), undefined],
  ['WebVTT', VTT, 'C1.vtt'],
] as const) {
  test(`property: random mutations of ${name} give a valid transcript or a TranscriptFormatError, quickly`, () => {
    fc.assert(
      fc.property(editsArb, (edits) => {
        const started = process.hrtime.bigint();
        parsesOrTypedError(mutate(text, edits), hint);
        assert.ok(process.hrtime.bigint() - started < 200_000_000n, 'parsed within 200 ms');
      }),
      { numRuns: 400 },
    );
  });
}

test('property: JSON values of any shape give only typed errors', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), fc.oneof(fc.constant(undefined), fc.constant('x.vtt'), fc.constant('x.transcript.json')), (v, hint) => {
      parsesOrTypedError(JSON.stringify(v), hint);
      parsesOrTypedError(JSON.stringify({ results: v }), hint);
      parsesOrTypedError(JSON.stringify({ ...CANONICAL, segments: v }), hint);
      parsesOrTypedError(JSON.stringify({ results: { items: v } }), hint);
    }),
    { numRuns: 400 },
  );
});

test('a two-hour WebVTT and a 20,000-word Transcribe job parse in well under a second each', () => {
  const cues: string[] = ['WEBVTT', ''];
  const ts = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${(s % 60).toFixed(3).padStart(6, '0')}`;
  for (let i = 0; i < 2400; i++) cues.push(`${ts(i * 3)} --> ${ts(i * 3 + 2.5)}`, `<v ${i % 2 ? 'Customer' : 'Agent'}>word number ${i} is spoken here today</v>`, '');
  let started = Date.now();
  const t = parseTranscript(cues.join('\n'));
  assert.equal(t.segments.length, 2400);
  assert.ok(Date.now() - started < 1000);
  const items = [];
  for (let i = 0; i < 20000; i++) items.push({ start_time: String(i * 0.3), end_time: String(i * 0.3 + 0.25), alternatives: [{ content: `w${i}` }], type: 'pronunciation', speaker_label: `spk_${Math.floor(i / 50) % 2}` });
  started = Date.now();
  const u = parseTranscript(JSON.stringify({ results: { items } }));
  assert.equal(u.segments.length, 400);
  assert.ok(Date.now() - started < 1000);
});
