// Legal and training screens in real Chromium with the real backend: legal holds, a signed evidence
// package saved through the (answered) native dialog and verified, a leaked export identified by its
// watermark; the training library with in-app clip playback and a class playlist.
/* eslint-disable @typescript-eslint/no-explicit-any -- page functions run in the browser */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CommandEnvelope } from '../../shared/errors';
import type { Page as Paged, RecordingRow } from '../../shared/types';
import { chromiumAvailable, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const skip = chromiumAvailable() ? false : 'Chromium not installed at /usr/bin/chromium (apt-get install chromium)';

async function value<T>(p: Promise<CommandEnvelope<unknown>>): Promise<T> {
  const r = await p;
  assert.equal(r.ok, true, JSON.stringify(r));
  return (r as { ok: true; value: T }).value;
}

describe('legal and training screens end to end in Chromium', { skip, timeout: 180_000 }, () => {
  let h: Harness;
  let callId = '';
  const shot = (name: string) => h.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    h = await startHarness();
    await h.page.goto(h.url);
  });
  after(async () => h && (await h.close()));

  it('a legal user places a hold on a call and sees it listed', async () => {
    const { page } = h;
    await page.getByTestId('profile-name').waitFor();
    await page.getByTestId('role-legal').click();
    await page.getByTestId('profile-name').fill('Lee Okafor');
    await page.getByTestId('profile-create').click();
    await page.getByTestId('current-user').waitFor();
    const page1 = await value<Paged<RecordingRow>>(h.backend.dispatch('library.search', { tags: ['card-payment'], limit: 5 }));
    callId = page1.rows[0].id;

    await page.getByTestId('nav-legal').click();
    await page.getByTestId('hold-place').click();
    const dialog = page.getByTestId('hold-dialog');
    await dialog.locator('input').first().fill(callId);
    await dialog.locator('input').nth(1).fill('CASE-2026-118');
    await dialog.locator('textarea').fill('Customer disputes the card payment; regulator complaint');
    await page.getByTestId('hold-dialog-confirm').click();
    await page.getByTestId('holds-table').getByText(callId).waitFor();
    assert.match(await page.getByTestId('holds-table').innerText(), /CASE-2026-118/);
    await shot('legal-01-hold');
  });

  it('exports a signed evidence package through the save dialog and verifies it', async () => {
    const { page } = h;
    const out = join(h.tmp, 'evidence.zip');
    h.answerDialogs((r) => (r.kind === 'save' ? out : out));
    await page.getByTestId('evidence-export').click();
    const dialog = page.getByTestId('evidence-dialog');
    await dialog.locator('input').first().fill(callId);
    await dialog.locator('input').nth(1).fill('CASE-2026-118');
    await dialog.locator('textarea').fill('Response to the regulator');
    await shot('legal-02-evidence-dialog');
    await page.getByTestId('evidence-dialog-confirm').click();
    await page.getByTestId('evidence-saved').waitFor({ timeout: 60_000 });
    assert.ok(existsSync(out));
    assert.equal(h.dialogRequests.at(-1)?.kind, 'save');

    await page.getByTestId('evidence-verify').click();
    await page.getByTestId('evidence-verdict').waitFor();
    const verdict = await page.getByTestId('evidence-verdict').innerText();
    assert.match(verdict, /Intact/);
    assert.match(verdict, /a profile of this device/);
    await shot('legal-03-verified');
  });

  it('identifies who exported a leaked file from its watermark', async () => {
    const { page } = h;
    const leaked = join(h.tmp, 'leaked.mp3');
    h.answerDialogs(() => leaked);
    await value(h.backend.dispatch('recording.open', { id: callId }));
    await value(h.backend.dispatch('export.audio', { taskId: 'task-e2e-leak-1', recordingId: callId, start: 0, end: 40, format: 'mp3', reason: 'Shared with outside counsel', caseRef: 'CASE-2026-118' }));
    await page.getByTestId('identify').click();
    await page.getByTestId('identify-result').waitFor({ timeout: 60_000 });
    const text = await page.getByTestId('identify-result').innerText();
    assert.match(text, /Exported by Lee Okafor/);
    assert.match(text, /Shared with outside counsel/);
    await shot('legal-04-identified');
  });

  it('a trainer finds clips in the training library, plays one and builds a playlist', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Switch profile' }).click();
    await page.getByTestId('profile-new').click();
    await page.getByTestId('profile-name').waitFor();
    await page.getByTestId('role-trainer').click();
    await page.getByTestId('profile-name').fill('Tess Morgan');
    await page.getByTestId('profile-create').click();
    await page.getByTestId('current-user').waitFor();
    await value(h.backend.dispatch('clips.create', { recordingId: callId, start: 2, end: 14, title: 'Warm greeting and verification', notes: 'Note how the agent confirms identity before anything else.', tags: ['greeting', 'verification'] }));
    await value(h.backend.dispatch('clips.create', { recordingId: callId, start: 20, end: 31, title: 'Explaining the balance', notes: '', tags: ['billing'] }));

    await page.getByTestId('nav-clips').click();
    await page.getByTestId('clips-list').getByText('Warm greeting and verification').click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByTestId('clip-player').waitFor();
    await page.waitForFunction(() => /0:0[1-9]/.test((globalThis as any).document.querySelector('[data-testid="clip-player"]')?.innerText ?? ''), null, { timeout: 15_000 });
    await shot('clips-01-library');

    await page.getByTestId('playlist-new').click();
    await page.getByTestId('playlist-dialog').locator('input').fill('New hires — week 1');
    await page.getByTestId('playlist-dialog-confirm').click();
    await page.getByText('This playlist is empty').waitFor();
    await page.getByRole('button', { name: /^All clips/ }).click();
    await page.getByTestId('clips-list').getByText('Explaining the balance').click();
    await page.getByLabel('Add to playlist').selectOption({ label: 'New hires — week 1' });
    await page.getByRole('button', { name: /^New hires — week 1/ }).click();
    await page.getByTestId('clips-list').getByText('Explaining the balance').waitFor();
    await shot('clips-02-playlist');
    assert.deepEqual(h.consoleErrors, []);
  });
});
