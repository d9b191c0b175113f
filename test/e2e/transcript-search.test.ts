// Transcript search and talk-analytics filters in real Chromium: search a phrase spoken in the demo
// calls, see the matching moments with highlighted snippets, click one and the player opens the call
// at that moment; filter the library by dead air. Saves screenshots.
/* eslint-disable @typescript-eslint/no-explicit-any -- page functions run in the browser */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Transcript } from '../../shared/player-types';
import { chromiumAvailable, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const skip = chromiumAvailable() ? false : 'Chromium not installed at /usr/bin/chromium (apt-get install chromium)';
const PHRASE = 'payment plan';

function transcriptsIn(dir: string): Transcript[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? transcriptsIn(join(dir, e.name)) : e.name.endsWith('.transcript.json') ? [JSON.parse(readFileSync(join(dir, e.name), 'utf8')) as Transcript] : [],
  );
}

describe('transcript search end to end in Chromium', { skip, timeout: 180_000 }, () => {
  let h: Harness;
  /** Where each turn saying PHRASE says it: call id → start of the phrase's first word. */
  let expected: { id: string; at: number }[];
  const shot = (name: string) => h.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    h = await startHarness();
    const want = PHRASE.split(' ');
    expected = transcriptsIn(h.storeRoot).flatMap((t) =>
      t.segments.flatMap((s) => {
        const words = s.words.map((w) => w.w.toLowerCase().replace(/[^a-z0-9']/g, ''));
        const i = words.findIndex((_, k) => want.every((w, j) => words[k + j] === w));
        return i >= 0 ? [{ id: t.callId, at: s.words[i].start }] : [];
      }),
    );
    assert.ok(expected.length >= 2, `the demo store says "${PHRASE}" in several calls (${expected.length})`);
    await h.page.goto(h.url);
    await h.page.getByTestId('profile-name').waitFor();
    await h.page.getByTestId('profile-name').fill('Quinn Avery');
    await h.page.getByTestId('role-qa_supervisor').click();
    await h.page.getByTestId('profile-create').click();
    await h.page.getByTestId('library-row').first().waitFor();
  });
  after(async () => h && (await h.close()));

  it('shows the moments a phrase was said, with the phrase highlighted in each snippet', async () => {
    const { page } = h;
    await page.getByTestId('library-search').fill(`"${PHRASE}"`);
    await page.getByTestId('transcript-hits').waitFor();
    assert.equal(Number(await page.getByTestId('transcript-hits').getAttribute('data-total')), expected.length);
    const hits = await page.getByTestId('transcript-hit').evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-id'), at: Number(e.getAttribute('data-at')), marks: [...e.querySelectorAll('mark')].map((m) => (m as any).textContent.toLowerCase()), text: (e as any).innerText as string })),
    );
    assert.deepEqual(
      hits.map((x) => `${x.id}@${x.at}`).sort(),
      expected.map((x) => `${x.id}@${x.at}`).sort(),
    );
    for (const x of hits) {
      assert.deepEqual(x.marks, [PHRASE]);
      assert.match(x.text, /Agent|Customer/);
      assert.match(x.text, new RegExp(x.id!));
    }
    await shot('transcript-01-search-hits');
  });

  it('opens the call at the moment when a hit is clicked', async () => {
    const { page } = h;
    // The latest moment, so "at the start" could never pass for "at the moment".
    const target = [...expected].sort((a, b) => b.at - a.at)[0];
    await page.locator(`[data-testid="transcript-hit"][data-id="${target.id}"]`).first().click();
    await page.getByTestId('player-waveform').waitFor();
    assert.match((await page.getByTestId('player-audio').getAttribute('src')) ?? '', new RegExp(encodeURIComponent(target.id)));
    await page.waitForFunction(
      (at) => {
        const a = (globalThis as any).document.querySelector('[data-testid="player-audio"]');
        return !!a && a.readyState >= 1 && Math.abs(a.currentTime - at) < 1;
      },
      target.at,
      { timeout: 15_000 },
    );
    const t = await page.getByTestId('player-audio').evaluate((a: any) => a.currentTime as number);
    assert.ok(t > 5 && Math.abs(t - target.at) <= 0.6, `playback starts just before the word (${t} for a word at ${target.at})`);
    await page.waitForTimeout(400);
    await shot('transcript-02-player-at-moment');
  });

  it('filters the library to calls with at least 30 s of dead air', async () => {
    const { page } = h;
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-search').fill('');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="library-total"]')?.getAttribute('data-total') === '20');
    const r = await h.backend.dispatch('library.search', { minDeadAirSec: 30, limit: 500 });
    assert.ok(r.ok);
    const want = (r.value as { total: number; rows: { id: string }[] });
    assert.ok(want.total > 0 && want.total < 20, `some but not all demo calls have 30 s of dead air (${want.total})`);
    await page.getByTestId('library-min-dead-air').fill('30');
    await page.waitForFunction((n) => (globalThis as any).document.querySelector('[data-testid="library-total"]')?.getAttribute('data-total') === String(n), want.total);
    const ids = await page.getByTestId('library-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    assert.deepEqual(ids.sort(), want.rows.map((x) => x.id).sort());
    await shot('transcript-03-dead-air-filter');
    await page.getByTestId('library-min-dead-air').fill('');
  });

  it('raised no errors in the page', () => {
    assert.deepEqual(h.consoleErrors.filter((e) => !/favicon/.test(e)), []);
  });
});
