import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Transcript } from '../../shared/player-types';
import { detectPii, ibanValid, type PiiKind } from '../../electron/core/redaction/pii-detectors';
import { digitRuns, luhnValid, tokenize } from '../../electron/core/redaction/spoken-numbers';

type Line = [speaker: 'agent' | 'customer', text: string];

/** A two-channel call transcript with word timings: 0.35 s a word, 0.6 s between turns. */
function call(lines: Line[]): Transcript {
  let t = 1;
  const segments = lines.map(([speaker, text]) => {
    const words = text.split(/\s+/).filter(Boolean).map((w) => {
      const word = { w, start: +t.toFixed(2), end: +(t + 0.3).toFixed(2) };
      t += 0.35;
      return word;
    });
    const seg = { speaker, start: words[0].start, end: words[words.length - 1].end, text, words };
    t += 0.6;
    return seg;
  });
  return {
    schemaVersion: 1,
    callId: 'T1',
    language: 'en-US',
    source: 'test',
    speakers: [
      { id: 'agent', label: 'Agent', channel: 0 },
      { id: 'customer', label: 'Customer', channel: 1 },
    ],
    segments,
  };
}

const kinds = (tr: Transcript) => detectPii(tr).map((s) => s.kind);
const wordsOf = (tr: Transcript, kind: PiiKind) => {
  const s = detectPii(tr).find((x) => x.kind === kind);
  if (!s) return null;
  return tr.segments.flatMap((seg) => seg.words).filter((w) => w.start >= s.start && w.end <= s.end).map((w) => w.w).join(' ');
};

test('spoken numbers: digits, words, oh, double, tens, fillers and punctuation all read as digits', () => {
  const read = (text: string) => digitRuns(tokenize(text.split(' ').map((w, i) => ({ w, start: i, end: i + 0.5 })), 's')).map((r) => r.digits);
  assert.deepEqual(read('4111 1111 1111 1111'), ['4111111111111111']);
  assert.deepEqual(read('four one one one, uh, one one one one'), ['41111111']);
  assert.deepEqual(read('forty one eleven double one triple two'), ['411111222']);
  assert.deepEqual(read('oh nine oh three'), ['0903']);
  assert.deepEqual(read('oh, I see'), []);
  assert.deepEqual(read('4111-1111 um 1111-1111'), ['4111111111111111']);
  assert.deepEqual(read('nineteen eighty five'), ['1985']);
  assert.deepEqual(read('two thousand twenty six'), ['2026']);
  assert.deepEqual(read('four hundred and five'), ['405']);
  assert.deepEqual(read('twenty-one'), ['21']);
  const money = digitRuns(tokenize('that is forty five dollars'.split(' ').map((w, i) => ({ w, start: i, end: i + 0.5 })), 's'));
  assert.equal(money[0].money, true);
  assert.equal(digitRuns(tokenize([{ w: '$1,250.00', start: 0, end: 1 }], 's'))[0].money, true);
});

test('Luhn and IBAN checks', () => {
  assert.equal(luhnValid('4111111111111111'), true);
  assert.equal(luhnValid('4111111111111112'), false);
  assert.equal(luhnValid('378282246310005'), true);
  assert.equal(ibanValid('GB82WEST12345698765432'), true);
  assert.equal(ibanValid('GB82WEST12345698765433'), false);
});

test('a card number read as digits, as words, with fillers, or in groups with pauses is flagged on the customer channel', () => {
  const variants = [
    'sure it is 4111 1111 1111 1111',
    'four one one one one one one one one one one one one one one one',
    'it is four one one one, uh, one one one one, um, one one one one, one one one one',
    'forty one eleven eleven eleven eleven eleven eleven eleven',
    '5555 5555 5555 4444',
    'three seven eight two eight two two four six three one oh oh oh five',
  ];
  for (const v of variants) {
    const tr = call([
      ['agent', 'can I have the long number on the card please'],
      ['customer', v],
      ['agent', 'thank you'],
    ]);
    const s = detectPii(tr).filter((x) => x.kind === 'pan');
    assert.equal(s.length, 1, `card in "${v}": ${JSON.stringify(detectPii(tr))}`);
    assert.equal(s[0].speaker, 'customer');
    assert.equal(s[0].channel, 1);
    const words = wordsOf(tr, 'pan')!;
    assert.ok(!/please|thank/.test(words), words);
  }
});

test('a card number split across turns, with the agent saying "uh huh" in between, is one suggestion', () => {
  const tr = call([
    ['agent', 'go ahead with the card number'],
    ['customer', 'four five three two'],
    ['agent', 'uh huh'],
    ['customer', 'oh one five one'],
    ['agent', 'yes'],
    ['customer', 'one two eight three oh three six six'],
  ]);
  // 4532 0151 1283 0366 passes Luhn; expect one PAN covering the customer's three groups.
  assert.equal(luhnValid('4532015112830366'), true);
  const pans = detectPii(tr).filter((s) => s.kind === 'pan');
  assert.equal(pans.length, 1, JSON.stringify(detectPii(tr)));
  assert.equal(pans[0].speaker, 'customer');
});

test('security code, expiry and card together, asked by the agent and answered by the customer', () => {
  const tr = call([
    ['agent', 'what is the card number'],
    ['customer', '4111 1111 1111 1111'],
    ['agent', 'and the expiry date'],
    ['customer', 'oh four twenty seven'],
    ['agent', 'and the three digit security code on the back of the card'],
    ['customer', 'seven three seven'],
  ]);
  assert.deepEqual(kinds(tr), ['pan', 'expiry', 'cvv']);
  assert.equal(wordsOf(tr, 'cvv'), 'seven three seven');
  assert.equal(wordsOf(tr, 'expiry'), 'oh four twenty seven');
});

test('expiry said with a month name, date of birth in several forms, SSN and last four of the social', () => {
  assert.deepEqual(kinds(call([['agent', 'when does the card expire'], ['customer', 'December twenty six']])), ['expiry']);
  assert.deepEqual(kinds(call([['agent', 'can you confirm your date of birth'], ['customer', 'March third nineteen eighty five']])), ['dob']);
  const spoken = call([['agent', 'Can I have your date of birth?'], ['customer', "It's the fourth of March nineteen eighty two."]]);
  assert.equal(wordsOf(spoken, 'dob'), 'fourth of March nineteen eighty two.', 'the whole date, not just the year');
  assert.deepEqual(kinds(call([['agent', 'and your date of birth'], ['customer', 'the third of March 1985']])), ['dob']);
  assert.deepEqual(kinds(call([['agent', 'your birthday please'], ['customer', 'oh three oh four eighty five']])), ['dob']);
  assert.deepEqual(kinds(call([['agent', 'what is your social security number'], ['customer', 'it is one two three, forty five, six seven eight nine']])), ['ssn']);
  assert.deepEqual(kinds(call([['customer', 'my number is 219-09-9999 if you need it']])), ['ssn']);
  assert.deepEqual(kinds(call([['agent', 'the last four of your social'], ['customer', 'six seven eight nine']])), ['ssn']);
});

test('phone numbers, emails and bank accounts', () => {
  assert.deepEqual(kinds(call([['agent', 'best number to call you back'], ['customer', 'five five five, two one two, three four five six']])), ['phone']);
  assert.deepEqual(kinds(call([['customer', 'you can reach me on (415) 555-0132']])), ['phone']);
  assert.deepEqual(kinds(call([['customer', 'my email is jane.doe@example.com thanks']])), ['email']);
  assert.deepEqual(kinds(call([['customer', 'it is jane dot doe at gmail dot com']])), ['email']);
  assert.deepEqual(kinds(call([['agent', 'what is the account number for the refund'], ['customer', 'one two three four five six seven eight']])), ['bank_account']);
  assert.deepEqual(kinds(call([['agent', 'and the routing number'], ['customer', '021000021']])), ['bank_account']);
  assert.deepEqual(kinds(call([['customer', 'my IBAN is GB82 WEST 1234 5698 7654 32']])), ['bank_account']);
});

test('numbers that are not PII are not flagged as cards or SSNs', () => {
  const none = [
    call([['customer', 'my order number is 1234 5678 9012 3456']]), // fails Luhn
    call([['agent', 'your total is four hundred and twenty five dollars']]),
    call([['agent', 'that comes to $1,250.00 today']]),
    call([['agent', 'I will transfer you to extension 4412']]),
    call([['agent', 'the wait is about 45 minutes']]),
    call([['customer', 'I have been a customer for 12 years']]),
    call([['agent', 'your reference number is 7 7 3 4 1 9 2 2']]),
    call([['agent', 'oh I see, one moment please']]),
    call([['customer', 'I paid twenty nine ninety nine last month']]),
  ];
  for (const tr of none) {
    const k = kinds(tr);
    assert.ok(!k.includes('pan') && !k.includes('ssn') && !k.includes('cvv'), `${tr.segments.map((s) => s.text).join(' / ')} → ${k}`);
  }
  // A 16-digit order number that happens to pass Luhn, said after "order number": still not a card.
  assert.equal(luhnValid('4111111111111111'), true);
  assert.deepEqual(kinds(call([['agent', 'the order number is 4111 1111 1111 1111']])), []);
});

test('property: detection never throws, stays inside the call and returns sorted, well-formed spans', () => {
  const word = fc.oneof(
    fc.constantFrom('four', 'one', 'oh', 'double', 'uh', 'card', 'number', 'security', 'code', 'date', 'of', 'birth', 'at', 'dot', 'com', 'twenty', 'nineteen', 'March', 'social', '$', '%', '-'),
    fc.stringMatching(/^[0-9]{1,5}$/),
    fc.string({ maxLength: 6 }),
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom<'agent' | 'customer'>('agent', 'customer'), fc.array(word, { minLength: 1, maxLength: 25 })), { minLength: 1, maxLength: 12 }), (lines) => {
      const tr = call(lines.map(([s, ws]) => [s, ws.join(' ')] as Line).filter(([, t]) => t.trim().length > 0));
      if (tr.segments.length === 0) return;
      const last = tr.segments[tr.segments.length - 1].end;
      const out = detectPii(tr);
      for (let i = 0; i < out.length; i++) {
        assert.ok(out[i].start >= 0 && out[i].end <= last + 1e-6 && out[i].start <= out[i].end);
        if (i > 0) assert.ok(out[i - 1].start <= out[i].start);
      }
    }),
    { numRuns: 300 },
  );
});

test('earmark redact suggest finds the card, expiry, security code and date of birth in every demo call, in all three transcript formats', async () => {
  const { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { writeDemoStore } = await import('../../electron/core/demo/demo-writer');
  const { main } = await import('../../electron/cli/earmark');
  const dir = mkdtempSync(join(tmpdir(), 'earmark-redact-'));
  try {
    await writeDemoStore(join(dir, 'store'), { seed: 11 });
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.transcript.json')) files.push(join(d, e.name));
      }
    };
    walk(join(dir, 'store'));
    assert.ok(files.length >= 10);
    let paying = 0;
    for (const f of files) {
      const canonical = JSON.parse(readFileSync(f, 'utf8')) as Transcript;
      const text = canonical.segments.map((s) => s.text).join(' ').toLowerCase();
      const said = (phrase: string) => text.includes(phrase);

      // The same words as Amazon Transcribe JSON (channel labels) and as WebVTT with voice tags.
      const chOf = new Map(canonical.speakers.map((s) => [s.id, s.channel]));
      const words = canonical.segments.flatMap((s) => s.words.map((w) => ({ ...w, ch: chOf.get(s.speaker) ?? 0 }))).sort((a, b) => a.start - b.start);
      const items = words.map((w) => ({ type: 'pronunciation', start_time: w.start.toFixed(3), end_time: w.end.toFixed(3), alternatives: [{ content: w.w.replace(/[.,?!]+$/, ''), confidence: '0.99' }], channel_label: `ch_${w.ch}` }));
      const channels = [0, 1].map((c) => ({ channel_label: `ch_${c}`, items: items.filter((i) => i.channel_label === `ch_${c}`) }));
      const transcribe = { jobName: 'x', results: { transcripts: [{ transcript: text }], items, channel_labels: { number_of_channels: 2, channels } } };
      const ts = (t: number) => `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}:${(t % 60).toFixed(3).padStart(6, '0')}`;
      const vtt = 'WEBVTT\n\n' + canonical.segments.map((s) => `${ts(s.start)} --> ${ts(s.end)}\n<v ${canonical.speakers.find((p) => p.id === s.speaker)?.label}>${s.text}`).join('\n\n') + '\n';
      const tf = join(dir, 'transcribe.json');
      const vf = join(dir, 'call.vtt');
      writeFileSync(tf, JSON.stringify(transcribe));
      writeFileSync(vf, vtt);

      for (const file of [f, tf, vf]) {
        const out: string[] = [];
        assert.equal(await main(['redact', 'suggest', file, '--json'], (s) => out.push(s)), 0);
        const got = JSON.parse(out[0]) as { kind: string; start: number; end: number; speaker: string }[];
        const k = got.map((g) => g.kind);
        if (said('four one one one')) {
          assert.ok(k.includes('pan') && k.includes('expiry') && k.includes('cvv'), `${file}: ${k}`);
        }
        if (said('date of birth')) assert.ok(k.includes('dob'), `${file}: ${k}`);
        if (!said('four one one one') && !said('date of birth')) assert.ok(!k.includes('pan') && !k.includes('cvv'), `${file}: ${k}`);
        for (const g of got) assert.ok(g.end > g.start && typeof g.speaker === 'string');
      }
      if (said('four one one one')) paying++;
    }
    assert.ok(paying >= 2, `demo store has card payments (${paying})`);
    await assert.rejects(main(['redact', 'suggest', join(dir, 'missing.json')]), /no such file/);
    writeFileSync(join(dir, 'bad.json'), '{"hello": 1}');
    await assert.rejects(main(['redact', 'suggest', join(dir, 'bad.json')]), /bad\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
