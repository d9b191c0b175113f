// Issue 6 in the player, in real Chromium with the real backend: a trainer opens a call with a card
// payment, asks for suggestions, reviews them from the keyboard, sees the marks on the customer lane
// and "[card number]" in the redacted transcript, marks and deletes a part by hand, saves a training
// clip and exports it through the (answered) save dialog; a legal user places a hold and sees the
// badge. Screenshots of each step go to SCREENSHOT_DIR (redaction-*.png).
/* eslint-disable @typescript-eslint/no-explicit-any -- results come from the untyped dispatch */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromiumAvailable, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const skip = chromiumAvailable() ? false : 'Chromium not installed at /usr/bin/chromium (apt-get install chromium)';

describe('redaction, clips, export and legal hold in the player', { skip, timeout: 240_000 }, () => {
  let h: Harness;
  let id = '';
  let customer = 1;
  let agent = 0;
  // A moment first, so dialogs have finished fading in.
  const shot = async (name: string) => {
    await h.page.waitForTimeout(250);
    await h.page.screenshot({ path: join(SCREENSHOT_DIR, `redaction-${name}.png`) });
  };
  const testId = (t: string) => h.page.getByTestId(t);
  const pending = () => h.page.locator('[data-testid="mark-row"][data-status="suggested"]').count();

  async function openCall() {
    const { page } = h;
    await testId('nav-library').click();
    await testId('library-search').fill(id);
    const row = page.locator(`[data-testid="library-row"][data-id="${id}"]`);
    await row.waitFor();
    await row.dblclick();
    await page.locator('[data-testid="player-waveform"][data-ready="true"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="transcript"][data-state="ok"]').waitFor();
  }

  /** Drags across one lane of the (unzoomed) waveform from `a` to `b` seconds. */
  async function dragOnLane(channel: number, a: number, b: number) {
    const { page } = h;
    const px = Number(await testId('player-waveform').getAttribute('data-px-per-sec'));
    const box = (await page.locator('.wf-overlay').boundingBox())!;
    const lanes = Number(await testId('player-waveform').getAttribute('data-lanes'));
    const y = box.y + (box.height / lanes) * (channel + 0.5);
    await page.mouse.move(box.x + a * px, y);
    await page.mouse.down();
    await page.mouse.move(box.x + ((a + b) / 2) * px, y, { steps: 4 });
    await page.mouse.move(box.x + b * px, y, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => !!(globalThis as any).document.querySelector('[data-testid="rd-selection"] strong'));
  }

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    h = await startHarness();
    await h.page.goto(h.url);
    await testId('profile-name').waitFor();
    await testId('role-trainer').click();
    await testId('profile-name').fill('Tess Okafor');
    await testId('profile-create').click();
    await testId('library-row').first().waitFor();
    const found = (await h.backend.dispatch('library.search', { tags: ['card-payment'], limit: 20 })) as any;
    assert.ok(found.ok && found.value.rows.length > 0, 'the demo store has a card payment');
    id = found.value.rows[0].id;
    const opened = (await h.backend.dispatch('recording.open', { id })) as any;
    customer = opened.value.recording.channelMap.customer;
    agent = opened.value.recording.channelMap.agent;
  });
  after(async () => h && (await h.close()));

  it('suggests redactions from the transcript and reviews them from the keyboard', async () => {
    const { page } = h;
    await openCall();
    await testId('redaction-panel').waitFor();
    assert.equal(await testId('rd-hold').count(), 0, 'a trainer cannot place legal holds');
    await shot('1-player');

    await testId('rd-suggest').click();
    await page.locator('[data-testid="mark-row"][data-status="suggested"]').first().waitFor();
    const reasons = await page.locator('[data-testid="mark-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')));
    assert.ok(reasons.includes('card_number'), `a card number is suggested: ${reasons}`);
    // Suggestions are dashed amber regions on the waveform until reviewed.
    assert.ok((await page.locator('.wf-band.redaction-suggested').count()) > 0);
    assert.equal(await page.locator('.rd-row.selected').count(), 1, 'the first suggestion is selected for review');
    await shot('2-suggestions');

    // Review with the keyboard: ↑/↓ move, A accepts the selected suggestion and moves to the next one.
    await page.locator('.player-head h1').click();
    const selectedId = () => page.locator('.rd-row.selected').getAttribute('data-mark-id');
    const first = await selectedId();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((id) => (globalThis as any).document.querySelector('.rd-row.selected')?.getAttribute('data-mark-id') !== id, first);
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction((id) => (globalThis as any).document.querySelector('.rd-row.selected')?.getAttribute('data-mark-id') === id, first);
    // The selected suggestion is outlined on the waveform too.
    assert.equal(await page.locator(`.wf-band.redaction-selected[data-region-id^="redaction:${first}:"]`).count(), 1);
    let left = await pending();
    while (left > 0) {
      await page.keyboard.press('a');
      await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="mark-row"][data-status="suggested"]').length < n, left);
      left = await pending();
    }
    assert.equal(await page.locator('.wf-band.redaction-suggested').count(), 0);

    // The card number is redacted on the customer lane only, drawn hatched red there.
    const card = page.locator(`.wf-band.redaction-accepted[data-channel="${customer}"]`);
    assert.ok((await card.count()) > 0, 'accepted regions on the customer lane');
    const laneBox = (await testId('lane-customer').boundingBox())!;
    const bandBox = (await card.first().boundingBox())!;
    assert.ok(Math.abs(bandBox.y - laneBox.y) < 3 && Math.abs(bandBox.height - laneBox.height) < 3, 'the band covers the customer lane');
    assert.match(await testId('rd-counts').innerText(), /redacted/);
    // Words under accepted marks are highlighted in the transcript.
    assert.ok((await page.locator('.tw.tw-redacted').count()) > 0, 'covered words highlighted');
    await shot('3-accepted');

    // A click on a region selects its mark (and opens it for editing); Enter plays from there.
    const cardBand = page.locator('.wf-band.redaction-accepted', { has: page.locator('xpath=self::*[contains(@title, "Card number")]') }).first();
    await cardBand.click();
    await page.locator('.rd-row.selected[data-reason="card_number"]').waitFor();
    await testId('mark-editor').waitFor();
    const cardStart = Number(await testId('edit-start').inputValue());
    await page.locator('.player-head h1').click();
    await page.keyboard.press('Enter');
    await page.waitForFunction((t) => Math.abs((globalThis as any).document.querySelector('[data-testid="player-audio"]').currentTime - (t - 0.3)) < 0.1, cardStart);
  });

  it('shows the redacted transcript', async () => {
    const { page } = h;
    await testId('transcript-show-redacted').check();
    await page.locator('.tw.tw-placeholder', { hasText: '[card number]' }).first().waitFor();
    const text = await testId('transcript-list').innerText();
    assert.match(text, /\[card number\]/);
    assert.doesNotMatch(text, /four one one one/i);
    await page.locator('.tw.tw-placeholder', { hasText: '[card number]' }).first().scrollIntoViewIfNeeded();
    await shot('4-redacted-transcript');
    await testId('transcript-show-redacted').uncheck();
  });

  it('marks a part of one lane by hand, edits it and deletes it with the keyboard', async () => {
    const { page } = h;
    await dragOnLane(agent, 3, 6);
    await page.keyboard.press('m');
    await testId('mark-dialog').waitFor();
    assert.equal(await page.locator('[data-testid="mark-lane-agent"]').isChecked(), true, 'the lane the drag was on');
    await testId('mark-reason').selectOption('address');
    await shot('5-mark-dialog');
    await testId('mark-dialog-confirm').click();
    const band = page.locator(`.wf-band.redaction-accepted[data-channel="${agent}"]`);
    await band.first().waitFor();
    await testId('mark-editor').waitFor();
    await testId('edit-reason').selectOption('other');
    await testId('mark-save').click();
    await page.locator('[data-testid="mark-row"][data-reason="other"]').waitFor();
    await shot('6-mark-editor');
    await page.locator('.player-head h1').click();
    await page.keyboard.press('Delete');
    await page.locator('[data-testid="mark-row"][data-reason="other"]').waitFor({ state: 'detached' });
    assert.equal(await band.count(), 0);
  });

  it('saves a clip around the card payment and exports it, watermarked', async () => {
    const { page } = h;
    const marks = (await h.backend.dispatch('redaction.list', { recordingId: id })) as any;
    const card = marks.value.find((m: any) => m.reason === 'card_number' && m.status === 'accepted');
    assert.ok(card);
    await dragOnLane(customer, Math.max(0, card.start - 6), card.end + 4);
    await testId('rd-save-clip').click();
    await testId('clip-title').fill('Taking a card payment safely');
    await testId('clip-notes').fill('The agent reads nothing back; the card number is redacted.');
    await testId('clip-tags').fill('payments, PCI');
    await shot('7-clip-dialog');
    await testId('clip-dialog-confirm').click();
    await testId('clip-row').waitFor();
    assert.match(await testId('clip-row').innerText(), /Taking a card payment safely/);
    // Clearing the selection, then clicking the clip selects (and loops) its span again.
    await page.locator('.player-head h1').click();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="rd-selection"] strong').waitFor({ state: 'detached' });
    await page.locator('[data-testid="clip-row"] .rd-row-main').click();
    await page.locator('[data-testid="rd-selection"] strong').first().waitFor();
    assert.equal(await testId('player-loop').getAttribute('aria-pressed'), 'true');

    const out = join(h.tmp, 'card-payment-clip.wav');
    h.answerDialogs((r) => (r.kind === 'save' ? out : null));
    await testId('clip-export').click();
    await testId('export-dialog').waitFor();
    assert.match(await testId('export-redactions').innerText(), /accepted redaction/);
    await testId('export-case').fill('TRAIN-2026-14');
    await testId('export-reason').fill('Payments class, week 2');
    await shot('8-export-dialog');
    await testId('export-dialog-confirm').click();
    await testId('export-done').waitFor({ timeout: 60_000 });
    const mark = (await testId('export-watermark').innerText()).trim();
    assert.ok(mark.length >= 8, `watermark id shown: ${mark}`);
    assert.ok(existsSync(out), 'the export was written where the save dialog said');
    assert.equal(readFileSync(out).subarray(0, 4).toString('latin1'), 'RIFF');
    assert.equal(h.dialogRequests.at(-1)?.kind, 'save');
    await shot('9-export-done');
    await testId('export-done-confirm').click();
  });

  it('lists the redaction keys in the shortcut help', async () => {
    const { page } = h;
    await page.locator('.player-head h1').click();
    await page.keyboard.press('?');
    await testId('help-group-redaction').waitFor();
    assert.match(await testId('help-group-redaction').innerText(), /Accept the selected suggestion/);
    await shot('10-shortcuts');
    await page.keyboard.press('Escape');
  });

  it('a legal user places a legal hold and sees the badge', async () => {
    const { page } = h;
    await h.backend.dispatch('profile.signOut', {});
    await page.reload();
    await testId('profile-new').click();
    await testId('profile-name').fill('Lena Brandt');
    await testId('role-legal').click();
    await testId('profile-create').click();
    await testId('library-row').first().waitFor();
    await openCall();
    assert.equal(await testId('legal-hold-badge').count(), 0);
    await testId('rd-hold').click();
    await testId('hold-case').fill('LIT-2026-031');
    await testId('hold-reason').fill('Customer dispute over a card payment');
    await shot('11-hold-dialog');
    await testId('hold-dialog-confirm').click();
    await testId('legal-hold-badge').waitFor();
    assert.match(await testId('legal-hold-badge').innerText(), /On legal hold/);
    assert.equal(await testId('rd-save-clip').count(), 0, 'legal staff do not make training clips');
    await shot('12-legal-hold');
    const holds = (await h.backend.dispatch('legal.holds', { recordingId: id })) as any;
    assert.equal(holds.value.length, 1);
    assert.deepEqual(h.consoleErrors.filter((e) => !/favicon/.test(e)), []);
  });
});
