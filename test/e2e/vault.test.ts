// Profiles and local data in real Chromium, over the real backend worker and the real OS keychain:
// the profile panel (keyboard), removing another profile, and "remove all local data" with its typed
// confirmation. Saves screenshots of each.
/* eslint-disable @typescript-eslint/no-explicit-any -- page functions run in the browser */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readInstallationId } from '../../electron/core/services';
import { chromiumAvailable, keychainInChild, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const noBus = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS;
const skip = !chromiumAvailable() ? 'Chromium not installed at /usr/bin/chromium' : noBus ? 'no D-Bus session bus for the keychain (run under dbus-run-session)' : false;

describe('profiles and local data end to end', { skip, timeout: 120_000 }, () => {
  let h: Harness;
  let installationId: string | null = null;
  const shot = (name: string) => h.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    h = await startHarness();
    installationId = readInstallationId(h.dataDir);
    await h.page.goto(h.url);
  });
  after(async () => h && (await h.close()));

  const create = async (name: string, role: string) => {
    const { page } = h;
    await page.getByTestId('profile-name').waitFor();
    await page.getByTestId('profile-name').fill(name);
    await page.getByTestId(`role-${role}`).check();
    await page.getByTestId('profile-create').click();
    await page.getByTestId('current-user').waitFor();
  };

  it('opens the profile panel from the keyboard, showing the signing-key fingerprint and the device keys', async () => {
    const { page } = h;
    await create('Tess Trainer', 'trainer');
    await page.getByRole('button', { name: 'Switch profile' }).click();
    await page.getByTestId('profile-new').click();
    await create('Ada Admin', 'administrator');

    await page.getByTestId('current-user').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('profile-panel').waitFor();
    await page.waitForFunction(() => /SHA256:[0-9a-f]{64}/.test((globalThis as any).document.querySelector('[data-testid="profile-fingerprint"]')?.textContent ?? ''));
    const text = await page.getByTestId('profile-panel').innerText();
    assert.match(text, /Database\s+present/);
    assert.match(text, /Tess Trainer/);
    assert.match(text, /danger zone/i);
    await shot('20-profile-panel');
    await page.keyboard.press('Escape');
    await page.getByTestId('profile-panel').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('data-testid')), 'current-user', 'focus returns to the chip');
  });

  it('removes another profile after a confirmation, destroying its key', async () => {
    const { page } = h;
    const profileKeys = () => (keychainInChild(installationId!, 'names') as string[]).filter((n) => n.startsWith('profile-signing:')).length;
    const before = profileKeys();
    assert.equal(before, 2);
    await page.getByTestId('current-user').click();
    await page.getByTestId('profile-remove-other-start').click();
    await page.getByTestId('profile-remove-other-confirm').waitFor();
    await shot('21-profile-remove-confirm');
    await page.getByTestId('profile-remove-other-confirm').click();
    await page.getByTestId('profile-remove-other').waitFor({ state: 'detached' });
    assert.equal(profileKeys(), before - 1);
  });

  it('removes all local data only after the phrase is typed, then says so', async () => {
    const { page } = h;
    await page.getByTestId('wipe-start').click();
    assert.equal(await page.getByTestId('wipe-confirm').isDisabled(), true);
    await page.getByTestId('wipe-confirm-text').fill('remove all');
    assert.equal(await page.getByTestId('wipe-confirm').isDisabled(), true);
    await page.getByTestId('wipe-confirm-text').fill('remove all local data');
    await page.getByTestId('danger-zone').scrollIntoViewIfNeeded();
    await shot('22-remove-all-local-data');
    await page.getByTestId('wipe-confirm').click();
    await page.getByTestId('wiped').waitFor();
    await shot('23-local-data-removed');
    assert.deepEqual(keychainInChild(installationId!, 'names'), [], 'no key of the installation is left');
    assert.equal(existsSync(join(h.dataDir, 'earmark.db')), false, 'the database file is gone');
  });

  it('raised no errors in the page', () => {
    assert.deepEqual(h.consoleErrors.filter((e) => !/favicon/.test(e)), []);
  });
});
