// The player in real Chromium with the real backend: open a demo call, play it, follow the transcript,
// zoom, mute a lane, change the rate, drive it from the keyboard, open the shortcut help. Saves a
// screenshot of each state under SCREENSHOT_DIR (player-*.png).
/* eslint-disable @typescript-eslint/no-explicit-any -- page functions run in the browser */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumAvailable, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const skip = chromiumAvailable() ? false : 'Chromium not installed at /usr/bin/chromium (apt-get install chromium)';

const audioTime = (page: Page) => page.evaluate(() => (globalThis as any).document.querySelector('[data-testid="player-audio"]').currentTime as number);
const audioState = (page: Page) =>
  page.evaluate(() => {
    const a = (globalThis as any).document.querySelector('[data-testid="player-audio"]');
    return { t: a.currentTime as number, paused: a.paused as boolean, rate: a.playbackRate as number, pitch: a.preservesPitch as boolean };
  });
/** Waits until the playhead is within `tol` of `target` (or past it: `above`/`below`). */
const waitTime = (page: Page, cond: { near?: number; tol?: number; above?: number; below?: number }, timeout = 15_000) =>
  page.waitForFunction(
    (c) => {
      const t = (globalThis as any).document.querySelector('[data-testid="player-audio"]').currentTime as number;
      if (c.near !== undefined) return Math.abs(t - c.near) < (c.tol ?? 0.05);
      if (c.above !== undefined) return t > c.above;
      return c.below !== undefined && t < c.below;
    },
    cond,
    { timeout },
  );
const pxPerSec = async (page: Page) => Number(await page.getByTestId('player-waveform').getAttribute('data-px-per-sec'));

describe('player end to end in Chromium', { skip, timeout: 240_000 }, () => {
  let h: Harness;
  let id = '';
  let deadAirStart: number | null = null;
  let deadAirEnd: number | null = null;
  const shot = (name: string) => h.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    h = await startHarness();
    await h.page.goto(h.url);
    const { page } = h;
    await page.getByTestId('profile-name').waitFor();
    await page.getByTestId('role-qa_supervisor').click();
    await page.getByTestId('profile-name').fill('Priya Natarajan');
    await page.getByTestId('profile-create').click();
    await page.getByTestId('library-row').first().waitFor();
  });
  after(async () => h && (await h.close()));

  it('opens a call with labelled lanes, analytics, a transcript and a drawn waveform', async () => {
    const { page } = h;
    // A call with a transcript and some dead air, so every part of the player has something to show.
    const rows = (await h.backend.dispatch('library.search', { sort: 'durationSec', dir: 'desc', limit: 20 })) as any;
    assert.ok(rows.ok, JSON.stringify(rows));
    let chosen: string | null = null;
    for (const row of rows.value.rows) {
      const opened = (await h.backend.dispatch('recording.open', { id: row.id })) as any;
      if (opened.ok && opened.value.recording.hasTranscript && opened.value.analytics?.deadAir?.length) {
        chosen = row.id;
        deadAirStart = opened.value.analytics.deadAir[0].start;
        deadAirEnd = opened.value.analytics.deadAir[0].end;
        break;
      }
    }
    id = chosen ?? rows.value.rows[0].id;
    await page.getByTestId('library-search').fill(id);
    const row = page.locator(`[data-testid="library-row"][data-id="${id}"]`);
    await row.waitFor();
    await row.dblclick();
    await page.locator('[data-testid="player-waveform"][data-ready="true"]').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('player-waveform').getAttribute('data-lanes'), '2');
    assert.match(await page.getByTestId('lane-agent').innerText(), /Agent/);
    assert.match(await page.getByTestId('lane-customer').innerText(), /Customer/);
    // The minimap and the timeline are drawn by wavesurfer inside its shadow root.
    assert.ok((await page.locator('.minimap canvas').count()) > 0, 'minimap drawn');
    assert.ok((await page.locator('.wf-host canvas').count()) > 0, 'waveform drawn');
    await page.locator('[data-testid="transcript"][data-state="ok"]').waitFor();
    assert.ok((await page.getByTestId('transcript-turn').count()) > 2, 'transcript turns shown');
    if (chosen) {
      assert.equal(await page.getByTestId('talk-summary').getAttribute('data-state'), 'ready');
      assert.match(await page.getByTestId('stat-dead-air').innerText(), /\d/);
      assert.ok((await page.locator('.wf-band.band-dead-air').count()) > 0, 'dead-air bands on the waveform');
    }
    await page.mouse.move(5, 5);
    await shot('player-01-open');
  });

  it('plays, and the transcript highlight follows playback', async () => {
    const { page } = h;
    await page.getByTestId('player-play').click();
    await waitTime(page, { above: 2.5 });
    await page.getByTestId('transcript-active-word').waitFor({ timeout: 10_000 });
    const wordT = Number(await page.getByTestId('transcript-active-word').getAttribute('data-t'));
    const t = await audioTime(page);
    assert.ok(wordT <= t + 0.2 && t - wordT < 3, `active word at ${wordT}s while playing ${t}s`);
    const firstWord = await page.getByTestId('transcript-active-word').innerText();
    await waitTime(page, { above: 5 });
    const laterT = Number(await page.getByTestId('transcript-active-word').getAttribute('data-t').catch(() => 'NaN'));
    assert.ok(!Number.isFinite(laterT) || laterT > wordT, `highlight moved on from "${firstWord}"`);
    await shot('player-02-playing');
  });

  it('mutes a lane through Web Audio and changes the rate with pitch preserved', async () => {
    const { page } = h;
    await page.getByTestId('mute-customer').click();
    assert.equal(await page.getByTestId('mute-customer').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByTestId('mute-customer').getAttribute('data-gain'), '0');
    // The level meters read the real graph after each lane's gain: the muted lane stays silent.
    const levels = await page.evaluate(async () => {
      const doc = (globalThis as any).document;
      const read = (kind: string) => {
        const el = doc.querySelector(`[data-testid="lane-${kind}"] .lane-meter-fill`);
        const m = /scaleX\(([\d.]+)\)/.exec(el?.style.transform ?? '');
        return m ? Number(m[1]) : 0;
      };
      let agent = 0;
      let customer = 0;
      await new Promise<void>((resolve) => {
        const started = performance.now();
        const tick = () => {
          agent = Math.max(agent, read('agent'));
          customer = Math.max(customer, read('customer'));
          if (performance.now() - started > 4000) resolve();
          else (globalThis as any).requestAnimationFrame(tick);
        };
        // Let the 30 ms gain ramp finish first.
        setTimeout(() => (globalThis as any).requestAnimationFrame(tick), 100);
      });
      return { agent, customer };
    });
    assert.equal(levels.customer, 0, 'muted customer lane is silent');
    assert.ok(levels.agent > 0, `agent lane still sounds (${levels.agent})`);
    await page.getByTestId('player-rate').selectOption('2');
    const s = await audioState(page);
    assert.equal(s.rate, 2);
    assert.equal(s.pitch, true);
    await page.mouse.move(5, 5);
    await shot('player-03-muted-2x');
    await page.getByTestId('mute-customer').click();
    await page.getByTestId('player-rate').selectOption('1');
  });

  it('zooms from the whole call down to 10 ms per pixel', async () => {
    const { page } = h;
    const fit = await pxPerSec(page);
    assert.equal(await page.getByTestId('player-waveform').getAttribute('data-zoomed'), 'false');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('+');
    await page.waitForFunction((f) => Number((globalThis as any).document.querySelector('[data-testid="player-waveform"]').dataset.pxPerSec) > f * 1.5, fit);
    await page.mouse.move(5, 5);
    await shot('player-04-zoomed');
    for (let i = 0; i < 16; i++) await page.getByTestId('zoom-in').click({ force: true }).catch(() => undefined);
    await page.waitForFunction(() => Number((globalThis as any).document.querySelector('[data-testid="player-waveform"]').dataset.pxPerSec) === 100);
    assert.match(await page.getByTestId('zoom-level').innerText(), /s in view/);
    await shot('player-05-zoom-max');
    await page.keyboard.press('0');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="player-waveform"]').dataset.zoomed === 'false');
  });

  it('is driven from the keyboard: Space, arrows, J/K/L, dead air, loop in/out', async () => {
    const { page } = h;
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    if (!(await audioState(page)).paused) await page.keyboard.press('Space');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="player-audio"]').paused);
    const t0 = await audioTime(page);
    await page.keyboard.press('ArrowRight');
    await waitTime(page, { near: t0 + 5, tol: 0.3 });
    await page.keyboard.press('ArrowLeft');
    await waitTime(page, { near: t0, tol: 0.3 });
    await page.keyboard.press('l');
    await page.waitForFunction(() => !(globalThis as any).document.querySelector('[data-testid="player-audio"]').paused);
    await page.keyboard.press('k');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="player-audio"]').paused);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const before = await audioTime(page);
    await page.keyboard.press('j');
    await page.getByTestId('player-rewinding').waitFor();
    await waitTime(page, { below: before - 1 });
    await page.keyboard.press('k');
    await page.getByTestId('player-rewinding').waitFor({ state: 'detached' });
    // Loop: I marks the start, O the end; the loop button turns on.
    await page.keyboard.press('i');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('o');
    assert.equal(await page.getByTestId('player-loop').getAttribute('aria-pressed'), 'true');
    await page.locator('[data-testid="loop-region"]').waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('player-loop').getAttribute('aria-pressed'), 'false');
    await page.locator('[data-testid="loop-region"]').waitFor({ state: 'detached' });
    // Dragging across the waveform selects a part to loop.
    const box = (await page.locator('.wf-host').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + 40, { steps: 8 });
    await page.mouse.up();
    await page.locator('[data-testid="loop-region"]').waitFor({ timeout: 5000 });
    assert.equal(await page.getByTestId('player-loop').getAttribute('aria-pressed'), 'true');
    assert.match(await page.getByTestId('player-loop').innerText(), /Loop \d+:\d\d/);
    await page.mouse.move(5, 5);
    await shot('player-05b-loop');
    await page.keyboard.press('Escape');
    if (deadAirStart !== null) {
      await page.keyboard.press('Home');
      await waitTime(page, { below: 0.05 });
      await page.keyboard.press('s');
      await waitTime(page, { near: deadAirStart });
      // Skip dead air: playing into the silence jumps to just before its end.
      await page.getByTestId('player-skip-dead-air').click();
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press('Space');
      await waitTime(page, { above: deadAirEnd! - 0.5 }, 2500);
      await page.keyboard.press('Space');
      await page.getByTestId('player-skip-dead-air').click();
    }
  });

  it('does not take keys typed into the transcript search, and finds words in it', async () => {
    const { page } = h;
    const t = await audioTime(page);
    const word = (await page.locator('.tw').nth(6).innerText()).replace(/[^\p{L}\p{N}']/gu, '');
    await page.getByTestId('transcript-search').click();
    await page.keyboard.type(`jkl ${word}`);
    assert.equal(await page.getByTestId('transcript-search').inputValue(), `jkl ${word}`);
    assert.ok(Math.abs((await audioTime(page)) - t) < 0.01, 'typing j/k/l did not move the playhead');
    assert.ok((await audioState(page)).paused, 'typing a space did not start playback');
    await page.getByTestId('transcript-search').fill(word);
    await page.getByTestId('transcript-search-count').filter({ hasText: /of \d+/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tw.tw-hit-current').first().waitFor();
    await shot('player-06-search');
    await page.getByTestId('transcript-search').fill('');
  });

  it('seeks when a transcript word is clicked', async () => {
    const { page } = h;
    const turn = page.getByTestId('transcript-turn').nth(4);
    await turn.scrollIntoViewIfNeeded();
    const word = turn.locator('.tw').nth(1);
    const target = Number(await word.getAttribute('data-t'));
    await word.click();
    await waitTime(page, { near: target });
  });

  it('shows the shortcut help on ?', async () => {
    const { page } = h;
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').waitFor();
    const text = await page.getByTestId('shortcut-help').innerText();
    for (const s of ['Play / pause', 'Rewind', 'Next dead air', 'Next comment', 'Next redaction', 'Zoom in']) assert.match(text, new RegExp(s));
    await shot('player-07-help');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-help').waitFor({ state: 'detached' });
  });

  it('mutes lanes on cross-origin audio that allows CORS (the app: file:// page, recording:// audio), wide layout', async () => {
    // A second window whose audio comes from another origin, as recording:// is for the app's page.
    // The page's CSP allows media from 'self' and recording: only; this stand-in origin needs a pass.
    const page = await h.browser.newPage({ viewport: { width: 1920, height: 1080 }, bypassCSP: true });
    try {
      const other = h.url.replace('127.0.0.1', 'localhost');
      await page.exposeFunction('__earmarkInvoke', (name: unknown, input: unknown) => h.backend.dispatch(name, input));
      await page.addInitScript((base: string) => {
        const w = globalThis as unknown as { earmark: unknown; __earmarkInvoke: (n: unknown, i: unknown) => Promise<unknown> };
        w.earmark = Object.freeze({
          invoke: (name: unknown, input: unknown) => w.__earmarkInvoke(name, input),
          mediaUrl: (rid: string) => `${base}recording/audio/${encodeURIComponent(rid)}`,
        });
      }, other);
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(h.url);
      await page.getByTestId('library-search').fill(id);
      await page.locator(`[data-testid="library-row"][data-id="${id}"]`).dblclick();
      await page.locator('[data-testid="player-waveform"][data-ready="true"]').waitFor({ timeout: 20_000 });
      const diag = async () => JSON.stringify({ errors, media: await page.evaluate(() => (globalThis as any).document.querySelector('[data-testid="player-audio"]')?.error?.message ?? null) });
      assert.equal(await page.getByTestId('player-audio').getAttribute('crossorigin'), 'anonymous', await diag());
      await page.getByTestId('solo-agent').click();
      await page.getByTestId('player-play').click();
      await waitTime(page, { above: 1.5 });
      const peak = await page.evaluate(async () => {
        const doc = (globalThis as any).document;
        const read = (kind: string) => Number(/scaleX\(([\d.]+)\)/.exec(doc.querySelector(`[data-testid="lane-${kind}"] .lane-meter-fill`)?.style.transform ?? '')?.[1] ?? 0);
        let agent = 0;
        let customer = 0;
        const until = performance.now() + 4000;
        while (performance.now() < until) {
          agent = Math.max(agent, read('agent'));
          customer = Math.max(customer, read('customer'));
          await new Promise((r) => setTimeout(r, 30));
        }
        return { agent, customer };
      });
      assert.ok(peak.agent > 0, 'the soloed agent lane is heard through Web Audio (CORS allowed it)');
      assert.equal(peak.customer, 0, 'the customer lane is silent while the agent is soloed');
      await page.mouse.move(5, 5);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'player-08-wide.png') });
      await page.getByTestId('player-play').click();
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('raised no errors in the page', () => {
    assert.deepEqual(h.consoleErrors.filter((e) => !/favicon/.test(e)), []);
  });
});
