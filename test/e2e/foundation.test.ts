// The foundation walk-through in real Chromium: create a profile, search, open a recording, play it,
// and find every step in a verified audit trail. Saves a screenshot per screen.
/* eslint-disable @typescript-eslint/no-explicit-any -- page functions run in the browser */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromiumAvailable, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const skip = chromiumAvailable() ? false : 'Chromium not installed at /usr/bin/chromium (apt-get install chromium)';

describe('foundation end to end in Chromium', { skip, timeout: 120_000 }, () => {
  let h: Harness;
  const shot = (name: string) => h.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    h = await startHarness();
    await h.page.goto(h.url);
  });
  after(async () => h && (await h.close()));

  it('creates a profile on first run, with inline validation', async () => {
    const { page } = h;
    await page.getByTestId('profile-name').waitFor();
    await shot('01-profile');
    await page.getByTestId('role-administrator').click();
    await page.getByTestId('profile-create').click();
    await page.getByTestId('profile-name-error').waitFor();
    await page.getByTestId('profile-name').fill('Dana Whitfield');
    await page.getByTestId('profile-create').click();
    await page.getByTestId('current-user').waitFor();
    assert.match(await page.getByTestId('current-user').innerText(), /Dana Whitfield/);
  });

  it('shows the library and searches it', async () => {
    const { page } = h;
    await page.getByTestId('library-row').first().waitFor();
    assert.equal(await page.getByTestId('library-total').getAttribute('data-total'), '20');
    await shot('02-library');
    await page.getByTestId('library-search').fill('Billing');
    await page.waitForFunction(() => {
      const t = (globalThis as any).document.querySelector('[data-testid="library-total"]')?.getAttribute('data-total');
      return t !== null && t !== undefined && t !== '' && t !== '20';
    });
    const total = Number(await page.getByTestId('library-total').getAttribute('data-total'));
    assert.ok(total > 0 && total < 20, `search narrowed the library (got ${total})`);
    await shot('03-library-search');
  });

  it('opens a recording with two labelled lanes and plays it', async () => {
    const { page } = h;
    const row = page.getByTestId('library-row').first();
    const id = await row.getAttribute('data-id');
    assert.ok(id);
    await row.dblclick();
    await page.getByTestId('player-waveform').waitFor();
    assert.equal(await page.getByTestId('player-waveform').getAttribute('data-lanes'), '2');
    const text = await page.locator('body').innerText();
    assert.match(text, /Agent/);
    assert.match(text, /Customer/);
    assert.match(await page.getByTestId('player-metadata').innerText(), new RegExp(id!));
    assert.notEqual((await page.getByTestId('player-duration').innerText()).trim(), '');
    await page.getByTestId('player-play').click();
    await page.waitForFunction(() => {
      const a = (globalThis as any).document.querySelector('audio');
      return !!a && a.currentTime > 0.3;
    }, undefined, { timeout: 15_000 });
    await shot('04-player');
    await page.getByTestId('player-play').click();
  });

  it('shows every step in the audit trail and verifies it intact', async () => {
    const { page } = h;
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-row').first().waitFor();
    const commands = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-command')}:${r.getAttribute('data-outcome')}`));
    for (const expected of ['profile.create:ok', 'library.search:ok', 'recording.open:ok', 'recording.play:ok']) {
      assert.ok(commands.includes(expected), `audit shows ${expected} (saw ${[...new Set(commands)].join(', ')})`);
    }
    assert.ok(commands.includes('profile.create:invalid'), 'the rejected empty name is audited too');
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').waitFor();
    assert.match(await page.getByTestId('audit-verify-result').innerText(), /intact/i);
    await shot('05-audit');
  });

  it('raised no errors in the page', () => {
    assert.deepEqual(h.consoleErrors.filter((e) => !/favicon/.test(e)), []);
  });
});
