// The encrypted recording cache in real Chromium over the real backend worker: playing calls fills
// the cache through the media route, Settings shows it and clears it, and the player's download bar
// renders progress events and cancels through cache.cancelDownload. Screenshots: cache-*.png.
/* eslint-disable @typescript-eslint/no-explicit-any -- page functions run in the browser */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cacheFiles } from '../unit/cache-fixtures';
import { chromiumAvailable, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const noBus = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS;
const skip = !chromiumAvailable() ? 'Chromium not installed at /usr/bin/chromium' : noBus ? 'no D-Bus session bus for the keychain (run under dbus-run-session)' : false;

describe('recording cache end to end', { skip, timeout: 180_000 }, () => {
  let h: Harness;
  const ids: string[] = [];
  const shot = (name: string) => h.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    h = await startHarness();
    await h.page.goto(h.url);
    const { page } = h;
    await page.getByTestId('profile-name').waitFor();
    await page.getByTestId('profile-name').fill('Casey Cache');
    await page.getByTestId('role-qa_supervisor').check();
    await page.getByTestId('profile-create').click();
    await page.getByTestId('library-row').first().waitFor();
  });
  after(async () => h && (await h.close()));

  it('playing calls in the player caches them encrypted, through the media route', async () => {
    const { page } = h;
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('nav-library').click();
      const row = page.getByTestId('library-row').nth(i);
      const id = (await row.getAttribute('data-id'))!;
      ids.push(id);
      await row.dblclick();
      // The media element asks for the audio; the backend fetches it into the cache and serves it decrypted.
      await page.waitForFunction(
        (want) => {
          const a = (globalThis as any).document.querySelector('[data-testid="player-audio"]');
          return !!a && a.src.includes(want) && a.readyState >= 1 && Number.isFinite(a.duration);
        },
        id,
        { timeout: 20_000 },
      );
    }
    assert.equal(cacheFiles(join(h.dataDir, 'cache')).length, 4, 'two recordings, each with its waveform peaks beside it');
    const stats = (await h.backend.dispatch('cache.stats', {})) as any;
    assert.equal(stats.value.items, 2);
  });

  it('Settings shows the cache and clears it after a confirmation', async () => {
    const { page } = h;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('cache-panel').waitFor();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="cache-items"]')?.textContent === '2');
    assert.match(await page.getByTestId('cache-size').innerText(), /MB|KB/);
    await page.mouse.move(5, 5);
    await shot('cache-01-settings');

    await page.getByTestId('cache-clear').click();
    await page.getByTestId('cache-clear-confirm').waitFor();
    await shot('cache-02-clear-confirm');
    await page.getByTestId('cache-clear-confirm').click();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="cache-items"]')?.textContent === '0');
    assert.match(await page.getByTestId('cache-message').innerText(), /Removed 2 recordings/);
    assert.equal(cacheFiles(join(h.dataDir, 'cache')).length, 0);

    // Limits: invalid input is refused in the form; a valid change is saved through the command.
    await page.getByTestId('cache-cap').fill('0.01');
    assert.equal(await page.getByRole('button', { name: 'Save limits' }).isDisabled(), true);
    await page.getByTestId('cache-cap').fill('5');
    await page.getByTestId('cache-ttl').fill('14');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await page.getByText('Limits saved.').waitFor();
    const stats = (await h.backend.dispatch('cache.stats', {})) as any;
    assert.equal(stats.value.capBytes, 5 * 1024 ** 3);
    assert.equal(stats.value.ttlSec, 14 * 86400);
    await shot('cache-03-cleared');
  });

  it('the player shows download progress with Cancel, which cancels through the command', async () => {
    const { page } = h;
    await page.getByTestId('nav-player').click();
    const id = ids[1]!;
    const emit = (state: string, done: number) =>
      page.evaluate(
        ([subject, st, d]) =>
          (globalThis as any).__earmarkEvent({
            type: 'progress',
            taskId: `download:${subject}`,
            kind: 'download',
            subject,
            label: `Downloading ${subject}`,
            done: d,
            total: 48_000_000,
            unit: 'bytes',
            state: st,
            message: st === 'cancelled' ? 'cancelled' : null,
          }),
        [id, state, done] as const,
      );
    // A call fetched from a slow store: the bar follows the events the backend pushes.
    await emit('running', 19_500_000);
    const bar = page.getByTestId('download-progress');
    await bar.waitFor();
    assert.equal(await bar.getAttribute('data-state'), 'running');
    assert.equal(await page.getByRole('progressbar').getAttribute('aria-valuenow'), '41');
    await shot('cache-04-download-progress');
    await page.getByTestId('download-cancel').click();
    await page.getByText('Cancelling…').waitFor();
    let audit: any = null;
    for (let i = 0; i < 50 && !audit?.value?.rows?.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      audit = await h.backend.dispatch('audit.list', { command: 'cache.cancelDownload', limit: 5 });
    }
    assert.equal(audit.value.rows[0]?.target, `recording:${id}`, 'the cancel went through the dispatcher');
    await emit('cancelled', 19_500_000);
    await page.locator('[data-testid="download-progress"][data-state="cancelled"]').waitFor();
    await shot('cache-05-download-cancelled');
    // Try again reopens the player (a fresh media element, which asks for the audio again). Here the
    // page already holds this call's audio, so only the reopening itself is observable.
    const opens = async () => ((await h.backend.dispatch('audit.list', { command: 'recording.open', target: id, limit: 50 })) as any).value.total as number;
    const before = await opens();
    await page.getByTestId('download-retry').click();
    await bar.waitFor({ state: 'detached' });
    for (let i = 0; i < 100 && (await opens()) === before; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await opens(), before + 1, 'the recording was opened again');
    await page.locator('[data-testid="player-audio"]').waitFor({ state: 'attached' });
    assert.deepEqual(h.consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
  });
});
