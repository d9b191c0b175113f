// Smoke test of the real Electron app. Runs wherever the Electron binary is installed; here (no
// internet, ELECTRON_SKIP_BINARY_DOWNLOAD=1) it reports clearly that it was skipped.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';

function electronBinary(): string | null {
  try {
    const p = require('electron') as unknown as string;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
const reason = 'SKIPPED: the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD or no internet); install it with `npm install electron` to run this test';
if (!bin) console.log(`# electron smoke test ${reason}`);

it('starts the real app on the demo store and shows the first-run profile screen', { skip: bin ? false : reason, timeout: 120_000 }, async () => {
  const { _electron } = await import('playwright');
  const userData = mkdtempSync(join(tmpdir(), 'earmark-electron-'));
  const app = await _electron.launch({ executablePath: bin!, args: [join(__dirname, '..', '..', '..'), `--user-data-dir=${userData}`], env: { ...process.env } as Record<string, string> });
  try {
    const win = await app.firstWindow();
    await win.getByTestId('profile-name').waitFor({ timeout: 30_000 });
    // Sandboxed and isolated: the page sees neither require nor process, only the bridge.
    assert.deepEqual(await win.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process, typeof (globalThis as { earmark?: unknown }).earmark]), ['undefined', 'undefined', 'object']);

    // The whole path through Electron: IPC to the backend worker, the keychain-backed encrypted
    // database, and audio through the recording:// scheme and the encrypted cache into the player.
    await win.getByTestId('role-trainer').click();
    await win.getByTestId('profile-name').fill('Electron Smoke');
    await win.getByTestId('profile-create').click();
    await win.getByTestId('library-row').first().waitFor({ timeout: 30_000 });
    await win.getByTestId('library-row').first().dblclick();
    await win.getByTestId('player-waveform').waitFor({ timeout: 30_000 });
    await win.getByTestId('player-play').click();
    await win.waitForFunction(() => {
      const a = (globalThis as unknown as { document: { querySelector(s: string): { currentTime: number } | null } }).document.querySelector('audio');
      return !!a && a.currentTime > 0.3;
    }, undefined, { timeout: 20_000 });
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
