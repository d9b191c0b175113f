// QA scorecards end to end in Chromium: a QA supervisor scores a demo call with the keyboard only
// (open it from the library, answer every question, pin a comment, submit), sees the evaluation in
// the report, then walks the evaluation queue, calibration and forms screens. Saves a screenshot of
// every QA screen.
/* eslint-disable @typescript-eslint/no-explicit-any -- page functions run in the browser */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Answers, EvaluationDetail } from '../../shared/qa-types';
import { scoreEvaluation } from '../../shared/qa-scoring';
import { CUSTOMER_SERVICE_FORM } from '../../electron/core/qa/default-forms';
import { chromiumAvailable, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const skip = chromiumAvailable() ? false : 'Chromium not installed at /usr/bin/chromium (apt-get install chromium)';

/** The keys pressed for each question of the built-in "Customer service call" form, in order. */
const KEYS: [questionId: string, key: string][] = [
  ['cs-greeting', '1'], // yes
  ['cs-verify', 'n'], // N/A
  ['cs-understood', '2'], // after several attempts (1 of 2)
  ['cs-accurate', '1'],
  ['cs-resolved', '1'], // resolved on this call
  ['cs-hold', 'n'],
  ['cs-empathy', '4'],
  ['cs-clarity', '5'],
  ['cs-no-interrupt', '2'], // no: interrupted
  ['cs-dead-air', '1'],
  ['cs-summary', '1'],
  ['cs-anything-else', '1'],
  ['cs-notes', '1'],
];
const COACHING = 'Good resolution; let the customer finish.';

function expectedAnswers(): Answers {
  const a: Answers = {};
  const questions = CUSTOMER_SERVICE_FORM.sections.flatMap((s) => s.questions);
  for (const [id, key] of KEYS) {
    const q = questions.find((x) => x.id === id)!;
    if (key === 'n') a[id] = { kind: 'na' };
    else if (q.type === 'scale') a[id] = { kind: 'scale', value: Number(key) };
    else if (q.type === 'yes_no' || q.type === 'single_choice') a[id] = { kind: 'option', optionId: q.options[Number(key) - 1]!.id };
  }
  a['cs-coaching'] = { kind: 'text', text: COACHING };
  return a;
}

describe('QA scorecards end to end in Chromium', { skip, timeout: 240_000 }, () => {
  let h: Harness;
  const shot = (name: string) => h.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  const testId = (id: string) => h.page.getByTestId(id);
  const attr = (id: string, name: string) => h.page.getByTestId(id).first().getAttribute(name);
  const focusedQuestion = () => h.page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('data-question') ?? null);
  /** Ctrl+N for a screen: N is its place among the top bar's items (the keyboard way, whatever the order). */
  const goTo = async (screen: string) => {
    const order = await h.page.locator('.nav [data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    const n = order.indexOf(`nav-${screen}`) + 1;
    assert.ok(n >= 1 && n <= 9, `${screen} has a Ctrl+number (${order.join(', ')})`);
    await h.page.keyboard.press(`Control+${n}`);
  };
  let expectedScore: number | null = null;
  let evaluationId = '';

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    h = await startHarness();
    // A second QA supervisor for calibration, created before anyone signs in on the page.
    const ravi = await h.backend.dispatch('profile.create', { displayName: 'Ravi Menon', role: 'qa_supervisor' });
    assert.equal((ravi as any).ok, true);
    await h.backend.dispatch('profile.signOut', {});
    await h.page.goto(h.url);
  });
  after(async () => h && (await h.close()));

  it('signs in as a QA supervisor who gets the QA screens', async () => {
    const { page } = h;
    await testId('profile-new').click();
    await testId('profile-name').fill('Dana Whitfield');
    await testId('role-qa_supervisor').click();
    await testId('profile-create').click();
    await testId('current-user').waitFor();
    for (const s of ['evaluations', 'calibration', 'reports', 'forms']) assert.equal(await testId(`nav-${s}`).count(), 1, `nav-${s} is shown`);
    await testId('library-row').first().waitFor();
    void page;
  });

  it('scores a demo call with the keyboard only, with a live score and a pinned comment', async () => {
    const { page } = h;
    const kb = page.keyboard;
    // Library: "/" focuses the search, Enter moves into the table, Enter opens the selected call.
    await kb.press('/');
    await kb.press('Enter');
    await kb.press('Enter');
    await testId('player-waveform').waitFor();
    await testId('eval-start').waitFor();
    await testId('eval-form-select').waitFor();
    // E asks which form to score with: arrows choose the built-in customer service form, Enter starts.
    await kb.press('e');
    await testId('eval-choose-form').waitFor();
    await shot('qa-00-choose-form');
    const chosen = () => page.getByTestId('eval-choose-form-select').locator('option:checked').innerText();
    for (let i = 0; i < 5 && !/Customer service call/.test(await chosen()); i++) await kb.press('ArrowDown');
    assert.match(await chosen(), /Customer service call/);
    await kb.press('Enter');
    await testId('evaluation-editor').waitFor();
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.getAttribute('data-question') === 'cs-greeting');

    for (const [id, key] of KEYS) {
      assert.equal(await focusedQuestion(), id, `focus is on ${id} before pressing ${key}`);
      await kb.press(key);
    }
    // The notes question: Enter to write, Escape to leave the text box.
    assert.equal(await focusedQuestion(), 'cs-coaching');
    await kb.press('Enter');
    await kb.type(COACHING);
    await kb.press('Escape');
    assert.equal(await focusedQuestion(), 'cs-coaching');

    expectedScore = scoreEvaluation(CUSTOMER_SERVICE_FORM, expectedAnswers()).score;
    assert.ok(expectedScore !== null && expectedScore > 50 && expectedScore < 100, `a realistic score (${expectedScore})`);
    assert.equal(Number(await attr('eval-score', 'data-score')), expectedScore, 'the live score matches the scoring function');
    assert.match(await testId('eval-progress').innerText(), /14 of 14 answered/);

    // P pins a comment at the play position, tied to the focused question. → skips 5 s (the player's key).
    await kb.press('ArrowUp'); // back to "Left accurate account notes"
    await kb.press('ArrowRight');
    await kb.press('ArrowRight');
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('audio')?.currentTime ?? 0) >= 9.9);
    await kb.press('p');
    await testId('comment-composer').waitFor();
    await kb.type('Notes were thorough here');
    await kb.press('Enter');
    await testId('comment').first().waitFor();
    assert.match(await testId('comment').first().innerText(), /Notes were thorough here/);

    // The draft saves on its own.
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="eval-save-state"]')?.getAttribute('data-state') === 'saved', undefined, { timeout: 10_000 });
    await shot('qa-01-evaluation-panel');

    // Ctrl+Enter asks for confirmation; Enter confirms.
    await kb.press('Control+Enter');
    await testId('submit-dialog').waitFor();
    await shot('qa-02-submit-confirmation');
    await kb.press('Enter');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="evaluation-editor"]')?.getAttribute('data-status') === 'submitted');
    await testId('review-box').waitFor();
    assert.equal(Number(await attr('eval-score', 'data-score')), expectedScore);
    await shot('qa-03-submitted');

    // What was stored is what was typed.
    const list = (await h.backend.dispatch('qa.evaluations.list', { mine: true })) as any;
    assert.equal(list.ok, true);
    assert.equal(list.value.rows.length, 1);
    evaluationId = list.value.rows[0].id;
    const detail = (await h.backend.dispatch('qa.evaluations.get', { evaluationId })) as { ok: true; value: EvaluationDetail };
    assert.deepEqual(detail.value.answers, expectedAnswers());
    assert.equal(detail.value.summary.score, expectedScore);
    assert.equal(detail.value.comments.length, 1);
    assert.equal(detail.value.comments[0]!.questionId, 'cs-notes');
    assert.equal(Math.round(detail.value.comments[0]!.positionSec), 10);
  });

  it('sees the evaluation in the report (Ctrl+number)', async () => {
    const { page } = h;
    await goTo('reports');
    await testId('reports-screen').waitFor();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="reports-totals"]')?.getAttribute('data-evaluations') === '1', undefined, { timeout: 10_000 });
    assert.equal((await testId('reports-average').innerText()).trim(), String(expectedScore));
    assert.equal(await testId('reports-group').count(), 1);
    assert.match(await testId('reports-failed').innerText(), /Let the customer finish without interrupting/);
    assert.equal(await attr('reports-trend', 'data-points'), '1');
    await shot('qa-04-reports');
    // Export CSV: the backend writes the CSV, the page hands it over as a download.
    const [download] = await Promise.all([page.waitForEvent('download'), testId('reports-export').click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r\n/);
    assert.equal(lines.length, 2, 'a header and one evaluation');
    assert.ok(lines[1]!.includes(String(expectedScore)), `the row carries the score (${lines[1]})`);
  });

  it('records a dispute and resolves it by amending, keeping the history', async () => {
    const { page } = h;
    await goTo('player');
    await testId('review-box').waitFor();
    await testId('review-dispute').click();
    await testId('dispute-reason').fill('The customer talked over me, I did not interrupt.');
    await testId('dispute-dialog-confirm').click();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="review-box"]')?.getAttribute('data-review') === 'disputed');
    await testId('review-amend').click();
    await page.locator('[data-question="cs-no-interrupt"]').click();
    await page.keyboard.press('1');
    await testId('eval-submit').click();
    await testId('amend-reason').fill('Listened again: the agent waited; the customer overlapped.');
    await shot('qa-05-resolve-dispute');
    await testId('amend-dialog-confirm').click();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="review-box"]')?.getAttribute('data-review') === 'amended');
    const amended = { ...expectedAnswers(), 'cs-no-interrupt': { kind: 'option', optionId: 'yes' } } as Answers;
    const score = scoreEvaluation(CUSTOMER_SERVICE_FORM, amended).score;
    assert.equal(Number(await attr('eval-score', 'data-score')), score);
    const history = await testId('eval-history').innerText();
    for (const expected of [/Submitted/, /Agent disputed/, /The customer talked over me/, /Amended/, /Listened again/]) assert.match(history, expected);
    await shot('qa-06-amended-history');
  });

  it('draws a reproducible sample and opens a sampled call to score', async () => {
    const { page } = h;
    await goTo('evaluations');
    await testId('evaluations-screen').waitFor();
    await testId('queue-new-draw').click();
    await testId('draw-form').waitFor();
    await testId('draw-name').fill('Week 47 sample');
    await testId('draw-per-agent').fill('2');
    await testId('draw-seed').fill('week-47');
    await shot('qa-07-draw-form');
    await testId('draw-submit').click();
    await testId('sample-item').first().waitFor();
    assert.equal(await testId('draw-seed-value').innerText(), 'week-47');
    const items = await testId('sample-item').count();
    assert.ok(items >= 2, `the sample has calls (${items})`);
    await testId('draw-verify').click();
    await testId('draw-verify-result').waitFor();
    assert.equal(await attr('draw-verify-result', 'data-reproducible'), 'true');
    await shot('qa-08-sample');
    const recordingId = await testId('sample-item').first().getAttribute('data-recording');
    await testId('sample-open').first().click();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="evaluation-editor"]')?.getAttribute('data-status') === 'draft');
    assert.equal(await page.getByTestId('player-waveform').count(), 1);
    await goTo('evaluations');
    await page.waitForFunction((id) => (globalThis as any).document.querySelector(`[data-testid="sample-item"][data-recording="${id}"]`)?.getAttribute('data-status') === 'draft', recordingId);
  });

  it('runs a blind calibration and compares the evaluators', async () => {
    const { page } = h;
    await goTo('calibration');
    await testId('calibration-screen').waitFor();
    await testId('cal-new').click();
    await testId('cal-title').fill('November calibration');
    await page.getByTestId('cal-participants').getByText('Ravi Menon').click();
    await testId('cal-form').selectOption({ label: 'Customer service call (v1)' });
    await testId('cal-create').click();
    await testId('cal-blind').waitFor();
    await shot('qa-09-calibration-blind');
    const sessions = (await h.backend.dispatch('qa.calibration.list', {})) as any;
    const session = sessions.value[0];
    await testId('cal-score').click();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="evaluation-editor"]')?.getAttribute('data-status') === 'draft');
    await page.waitForFunction(() => !!(globalThis as any).document.activeElement?.getAttribute('data-question'));
    for (const [, key] of KEYS) await page.keyboard.press(key);
    await page.keyboard.press('Control+Enter');
    await testId('submit-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="evaluation-editor"]')?.getAttribute('data-status') === 'submitted');

    // Ravi scores the same call on this device (profiles are local), differently, then Dana is back.
    const profiles = ((await h.backend.dispatch('session.get', {})) as any).value.profiles as { id: string; displayName: string }[];
    const ravi = profiles.find((p) => p.displayName === 'Ravi Menon')!;
    const dana = profiles.find((p) => p.displayName === 'Dana Whitfield')!;
    await h.backend.dispatch('profile.select', { profileId: ravi.id });
    const joined = (await h.backend.dispatch('qa.calibration.join', { sessionId: session.id })) as any;
    assert.equal(joined.ok, true);
    const blind = (await h.backend.dispatch('qa.calibration.view', { sessionId: session.id })) as any;
    assert.equal(blind.ok, false, 'Ravi cannot see the comparison before submitting');
    const ravis = { ...expectedAnswers(), 'cs-understood': { kind: 'option', optionId: 'first' }, 'cs-empathy': { kind: 'scale', value: 2 } } as Answers;
    const submitted = (await h.backend.dispatch('qa.evaluations.submit', { evaluationId: joined.value.summary.id, answers: ravis, baseRevision: joined.value.summary.revision })) as any;
    assert.equal(submitted.ok, true, JSON.stringify(submitted.error));
    await h.backend.dispatch('profile.select', { profileId: dana.id });

    await goTo('library');
    await goTo('calibration');
    await testId('cal-evaluator').nth(1).waitFor();
    assert.equal(await testId('cal-evaluator').count(), 2);
    assert.ok((await testId('cal-question').count()) >= 13);
    await shot('qa-10-calibration-compare');
  });

  it('edits a published form into a new version while evaluations keep theirs', async () => {
    const { page } = h;
    await goTo('forms');
    await testId('forms-screen').waitFor();
    await testId('forms-item').filter({ hasText: 'Customer service call' }).click();
    await page.waitForFunction(() => /Customer service call/.test((globalThis as any).document.querySelector('[data-testid="form-detail-title"]')?.textContent ?? ''));
    assert.equal((await testId('form-max-score').innerText()).trim(), '100');
    await shot('qa-11-forms-preview');
    await testId('form-edit').click();
    await testId('form-editor').waitFor();
    await testId('form-question-text').first().fill('Greeted the customer with the standard greeting, own name and company');
    await testId('form-add-question').first().click();
    await testId('form-question-text').nth(2).fill('Used the customer’s name');
    await shot('qa-12-form-editor');
    await testId('form-publish').click();
    await testId('publish-dialog-confirm').click();
    await page.waitForFunction(() => {
      const versions = [...(globalThis as any).document.querySelectorAll('[data-testid="form-version"]')];
      return versions.length === 2 && versions[0].getAttribute('data-status') === 'published';
    });
    const statuses = await testId('form-version').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    assert.deepEqual(statuses, ['published', 'superseded']);
    await shot('qa-13-form-versions');
    const ev = (await h.backend.dispatch('qa.evaluations.get', { evaluationId })) as any;
    assert.equal(ev.value.summary.formVersion, 1, 'the submitted evaluation keeps version 1');

    // Export all forms as JSON, then import the file again: nothing new, everything recognised.
    const [download] = await Promise.all([page.waitForEvent('download'), testId('forms-export-all').click()]);
    const file = (await download.path())!;
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(exported.format, 'earmark-forms');
    await testId('forms-import-file').setInputFiles(file);
    await testId('forms-import-report').waitFor();
    assert.match(await testId('forms-import-report').innerText(), /0 new forms, 0 new versions \(3 unchanged\)/);
  });

  it('raised no errors in the page', () => {
    assert.deepEqual(h.consoleErrors.filter((e) => !/favicon/.test(e)), []);
  });
});
