// The player's pure logic: zoom limits and timeline spacing, lane gains for mute/solo, moment
// navigation, playback-rate steps, the transcript's word lookup and search, and the keyboard map
// (every key the help overlay lists really triggers its action).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  clampZoom,
  fitPxPerSec,
  laneGains,
  lanesFor,
  MAX_PX_PER_SEC,
  nextMoment,
  previousMoment,
  spanAt,
  stepRate,
  timelineSpacing,
} from '../../renderer/features/player/player-model';
import { activeWordAt, indexTranscript, searchTranscript } from '../../renderer/features/player/transcript-model';
import { actionForKey, SHORTCUTS, type KeyLike } from '../../renderer/features/player/shortcuts';
import type { Transcript } from '../../shared/player-types';

test('zoom goes from the whole call down to 10 ms per pixel and no further', () => {
  assert.equal(MAX_PX_PER_SEC, 100);
  const fit = fitPxPerSec(7200, 1000);
  assert.ok(Math.abs(fit - 1000 / 7200) < 1e-12);
  assert.equal(clampZoom(1e9, fit), 100);
  assert.equal(clampZoom(0.0001, fit), fit);
  assert.equal(clampZoom(Number.NaN, fit), fit);
  // A call shorter than the view at 100 px/s cannot zoom out past 10 ms per pixel either.
  assert.equal(fitPxPerSec(3, 1000), 100);
});

test('timeline labels sit on notches and stay readable at every zoom', () => {
  fc.assert(
    fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), (px) => {
      const { tick, label } = timelineSpacing(px);
      assert.ok(tick <= label);
      assert.equal(Math.round((label * 1000) % (tick * 1000)), 0, `${label} is a multiple of ${tick}`);
      if (label < 14400) assert.ok(label * px >= 80, `labels ${label * px}px apart`);
    }),
  );
});

test('mute silences a lane; any solo silences every lane not soloed', () => {
  assert.deepEqual(laneGains([{ muted: false, solo: false }, { muted: false, solo: false }]), [1, 1]);
  assert.deepEqual(laneGains([{ muted: false, solo: false }, { muted: true, solo: false }]), [1, 0]);
  assert.deepEqual(laneGains([{ muted: true, solo: true }, { muted: false, solo: false }]), [1, 0]);
  assert.deepEqual(laneGains([{ muted: false, solo: true }, { muted: false, solo: true }]), [1, 1]);
});

test('lanes are labelled from the channel map', () => {
  assert.deepEqual(
    lanesFor(2, { agent: 1, customer: 0 }).map((l) => l.label),
    ['Customer', 'Agent'],
  );
  assert.equal(lanesFor(1, { agent: 0, customer: 1 })[0]!.kind, 'mixed');
});

test('next/previous moment move on from where the playhead is', () => {
  const ms = [{ start: 30 }, { start: 10 }, { start: 50 }];
  assert.equal(nextMoment(ms, 0)?.start, 10);
  assert.equal(nextMoment(ms, 10)?.start, 30, 'pressing again after a jump moves on');
  assert.equal(nextMoment(ms, 50), null);
  assert.equal(previousMoment(ms, 40)?.start, 30);
  assert.equal(previousMoment(ms, 30.5)?.start, 10, 'just jumped to 30: previous is the one before');
  assert.equal(previousMoment(ms, 5), null);
  assert.equal(spanAt([{ start: 1, end: 2 }], 1.5)?.start, 1);
  assert.equal(spanAt([{ start: 1, end: 2 }], 2), null);
});

test('rate steps through presets within 0.5–3x', () => {
  assert.equal(stepRate(1, 1), 1.25);
  assert.equal(stepRate(1, -1), 0.75);
  assert.equal(stepRate(3, 1), 3);
  assert.equal(stepRate(0.5, -1), 0.5);
  assert.equal(stepRate(1.1, 1), 1.25);
});

const transcript: Transcript = {
  schemaVersion: 1,
  callId: 'C1',
  language: 'en-US',
  source: 'test',
  speakers: [
    { id: 'agent', label: 'Agent', channel: 0 },
    { id: 'customer', label: 'Customer', channel: 1 },
  ],
  segments: [
    { speaker: 'agent', start: 0, end: 2, text: 'Thank you for calling.', words: [{ w: 'Thank', start: 0, end: 0.4 }, { w: 'you', start: 0.4, end: 0.6 }, { w: 'for', start: 0.6, end: 0.9 }, { w: 'calling.', start: 0.9, end: 2 }] },
    { speaker: 'customer', start: 5, end: 7, text: 'I want a refund, please.', words: [{ w: 'I', start: 5, end: 5.1 }, { w: 'want', start: 5.1, end: 5.5 }, { w: 'a', start: 5.5, end: 5.6 }, { w: 'refund,', start: 5.6, end: 6.2 }, { w: 'please.', start: 6.2, end: 7 }] },
    { speaker: 'agent', start: 8, end: 9, text: 'Refunded.', words: [] },
  ],
};

test('the active word is the one under the playhead, held briefly through pauses', () => {
  const { words } = indexTranscript(transcript);
  assert.equal(words.length, 9);
  assert.equal(activeWordAt(words, -1), -1);
  assert.equal(words[activeWordAt(words, 0.5)]!.w, 'you');
  assert.equal(words[activeWordAt(words, 2.3)]!.w, 'calling.', 'held for a moment after the word');
  assert.equal(activeWordAt(words, 4), -1, 'nothing highlighted in a long pause');
  assert.equal(words[activeWordAt(words, 6.5)]!.w, 'please.');
  // Agrees with a linear scan for any time.
  fc.assert(
    fc.property(fc.double({ min: -1, max: 10, noNaN: true }), (t) => {
      let expect = -1;
      words.forEach((w, i) => {
        if (w.start <= t) expect = i;
      });
      if (expect >= 0 && t > words[expect]!.end + 0.6) expect = -1;
      assert.equal(activeWordAt(words, t), expect);
    }),
  );
});

test('transcript search ignores case and punctuation, matches word prefixes and phrases', () => {
  assert.deepEqual(
    searchTranscript(transcript, 'REFUND').map((h) => [h.segment, h.words]),
    [
      [1, [3]],
      [2, []],
    ],
  );
  assert.deepEqual(searchTranscript(transcript, 'a refund').map((h) => h.words), [[2, 3]]);
  assert.equal(searchTranscript(transcript, 'thank you')[0]!.start, 0);
  assert.deepEqual(searchTranscript(transcript, '   '), []);
  assert.deepEqual(searchTranscript(transcript, 'missing'), []);
});

const KEY_NAMES: Record<string, Partial<KeyLike>> = {
  Space: { key: ' ', code: 'Space' },
  '←': { key: 'ArrowLeft', code: 'ArrowLeft' },
  '→': { key: 'ArrowRight', code: 'ArrowRight' },
  '−': { key: '-', code: 'Minus' },
  Esc: { key: 'Escape', code: 'Escape' },
  '1': { key: '1', code: 'Digit1' },
  '2': { key: '2', code: 'Digit2' },
};

test('every shortcut in the help overlay triggers its action', () => {
  for (const s of SHORTCUTS) {
    const e: KeyLike = { key: '', code: '', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false };
    for (const k of s.keys) {
      if (k === 'Shift') e.shiftKey = true;
      else if (k === 'Ctrl') e.ctrlKey = true;
      else if (KEY_NAMES[k]) Object.assign(e, KEY_NAMES[k]);
      else {
        e.key = /^[A-Z]$/.test(k) ? (e.shiftKey ? k : k.toLowerCase()) : k;
        e.code = /^[A-Z]$/.test(k) ? `Key${k}` : '';
      }
    }
    assert.equal(actionForKey(e), s.action, `${s.keys.join('+')} → ${s.action}`);
  }
  // Browser and OS shortcuts stay theirs.
  assert.equal(actionForKey({ key: 'l', code: 'KeyL', shiftKey: false, ctrlKey: true, metaKey: false, altKey: false }), null);
  assert.equal(actionForKey({ key: 'ArrowLeft', code: 'ArrowLeft', shiftKey: false, ctrlKey: false, metaKey: false, altKey: true }), null);
});
